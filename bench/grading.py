"""Grading cost: a synthetic class graded serially and in parallel, and the floor.

    python -m bench.grading [--students 40] [--assignment 01_rnn_unrolling] [--jobs N]

Builds a class in a throw-away course folder from the instructor solution and
the sample submissions (correct, buggy and hostile, cycled), grades it with
``autograder.autograde`` once with one job and once with ``--jobs`` jobs, and
measures the floor an instructor cannot go below: starting a kernel and
importing TensorFlow, and executing the solved notebook plainly under the
grading budget (nbclient, no nbgrader). ``autograde_one`` times one real
``nbgrader autograde`` of each notebook's solution. ``make bench``
(``bench/run.py``) calls both; run alone, this module prints the class figures.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from autograder import runner  # noqa: E402
from autograder.samples import build_submission, list_samples, solved_notebook  # noqa: E402
from bench.common import machine, summary  # noqa: E402


def make_class(folder, assignment, students):
    runner.copy_course_packages(folder)
    for kind in ("source", "release"):
        shutil.copytree(ROOT / kind / assignment, folder / kind / assignment)
    release_nb = nbformat.read(str(ROOT / "release" / assignment / f"{assignment}.ipynb"), 4)
    source_nb = nbformat.read(str(ROOT / "source" / assignment / f"{assignment}.ipynb"), 4)
    pool = [("solution", solved_notebook(release_nb, source_nb))]
    pool += [(s.name, build_submission(s, release_nb, source_nb)) for s in list_samples(assignment)]
    mix = {}
    for index in range(students):
        name, notebook = pool[index % len(pool)]
        mix[name] = mix.get(name, 0) + 1
        runner.submit(folder, assignment, f"student{index:03d}", notebook)
    return mix, solved_notebook(release_nb, source_nb)


def grade(folder, jobs):
    start = time.time()
    result = subprocess.run([sys.executable, "-m", "autograder.autograde", "--root", str(folder), "--jobs", str(jobs),
                             "--force", "--no-progress", "--cell-timeout", "30"],
                            cwd=ROOT, env=runner.tool_env(), capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(result.stdout[-2000:] + result.stderr[-2000:])
    report = json.loads((folder / "autograder" / "report.json").read_text())
    return time.time() - start, report


def time_kernel_floor(solved, repeats):
    """Seconds to start a kernel and import TensorFlow, and (unless ``solved`` is None) to run it plainly."""
    from nbclient import NotebookClient

    env_before = dict(os.environ)
    os.environ["NBGRADER_EXECUTION"] = "autograde"
    try:
        imports, plain = [], []
        for _ in range(repeats):
            probe = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import course\nimport tensorflow, keras")])
            start = time.time()
            # the kernel ends as a grading kernel does (nbgrader_config.py: killed after the last cell),
            # not after TensorFlow's teardown (1.3-1.7 s here), which grading does not wait for
            NotebookClient(probe, kernel_name="python3", shutdown_kernel="immediate").execute()
            imports.append(time.time() - start)
            if solved is None:
                continue
            notebook = nbformat.reads(nbformat.writes(solved), as_version=4)
            start = time.time()
            with tempfile.TemporaryDirectory() as folder:
                NotebookClient(notebook, kernel_name="python3", timeout=300,
                               resources={"metadata": {"path": folder}}).execute()
            plain.append(time.time() - start)
    finally:
        os.environ.clear()
        os.environ.update(env_before)
    return imports, plain


def autograde_one(assignments, repeats, log=print):
    """Seconds of one real ``nbgrader autograde`` of the solution, per assignment (what one student costs)."""
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = runner.make_course(Path(tmp) / "course", assignments)
        for assignment in assignments:
            runner.generate(folder, assignment)
            release_nb = nbformat.read(str(folder / "release" / assignment / f"{assignment}.ipynb"), 4)
            source_nb = nbformat.read(str(folder / "source" / assignment / f"{assignment}.ipynb"), 4)
            runner.submit(folder, assignment, "bench", solved_notebook(release_nb, source_nb))
            times = []
            for _ in range(repeats):
                start = time.time()
                result = runner.autograde(folder, assignment, students=["bench"])
                times.append(time.time() - start)
                if result.returncode:
                    raise RuntimeError(f"autograde of {assignment} failed:\n{result.stderr[-2000:]}")
            rows = runner.grade_rows(folder, assignment)["bench"].values()
            tests = [row for row in rows if row["cell_type"] == "code"]      # written answers are graded by hand
            got, full = sum(row["score"] for row in tests), sum(row["max_score"] for row in tests)
            results[assignment] = {"seconds": summary(times), "autograded_score": got, "autograded_max": full}
            log(f"autograde one {assignment} submission: {statistics.median(times):.1f} s "
                f"(min {min(times):.1f}, max {max(times):.1f}); the solution scored {got:g}/{full:g} autograded points")
    return results


def class_against_plain(assignment, students=8, rounds=3, log=print):
    """The same submissions graded by plain ``nbgrader autograde`` and by the class grader with one job.

    The class grader pays for what plain nbgrader does not do: a private folder, gradebook
    and nbgrader process per submission, the PID and mount namespaces, the verifier outside
    the kernel, the class gradebook and the feedback pages. Its first run also prepares the
    assignment (``nbgrader generate_assignment`` into a template gradebook and the class
    gradebook, as plain nbgrader's run needed ``generate_assignment`` before it, untimed).

    Plain nbgrader is started as the course's tools start it (``autograder.runner``:
    ``python -m grading.nbgrader_command``, seconds faster than the ``nbgrader`` script, which
    is timed once as well). The two then take turns, ``rounds`` times: on a shared machine
    the speed drifts by a tenth between minutes, so each class run is compared with the plain
    run just before it, and ``ratio`` is the median of those (the aim is at most 1.2).
    """
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "class"
        mix, _ = make_class(folder, assignment, students)
        runner.generate(folder, assignment)
        first, _ = grade(folder, 1)
        start = time.time()
        script = subprocess.run([str(Path(sys.executable).with_name("nbgrader")), "autograde", assignment, "--force"],
                                cwd=folder, env=runner.tool_env(), capture_output=True, text=True)
        script_s = time.time() - start
        if script.returncode:
            raise RuntimeError(f"nbgrader autograde failed:\n{script.stderr[-2000:]}")
        pairs = []
        for _ in range(rounds):
            start = time.time()
            result = runner.autograde(folder, assignment)
            plain = time.time() - start
            if result.returncode:
                raise RuntimeError(f"plain nbgrader autograde failed:\n{result.stderr[-2000:]}")
            plain_scores = runner.scores(folder, assignment)
            graded, report = grade(folder, 1)
            pairs.append((plain, graded))
            log(f"{students} submissions of {assignment}: plain nbgrader autograde {plain:.1f} s, the class grader "
                f"with 1 job {graded:.1f} s ({graded / plain:.2f} x)")
    # the two agree wherever no submission attacks the kernel's checks (the class grader's are verified)
    attacks = {e["student"] for e in report["submissions"] if e.get("possible_tampering")}
    same = all(tuple(plain_scores.get(e["student"], {}).get(g, (None,))[0] for g in sorted(e["tests"]))
               == tuple(e["tests"][g][0] for g in sorted(e["tests"]))
               for e in report["submissions"] if e["student"] not in attacks)
    plain_s = statistics.median(p for p, _ in pairs)
    ratio = statistics.median(g / p for p, g in pairs)
    log(f"class grader / plain nbgrader, median of {rounds} turns: {ratio:.2f} x (the nbgrader script: "
        f"{script_s:.1f} s; the class grader's first run, preparing the assignment, {first:.1f} s)")
    return {"assignment": assignment, "students": students, "mix": mix, "rounds": rounds,
            "plain_nbgrader_s": round(plain_s, 1),
            "class_grader_one_job_s": round(statistics.median(g for _, g in pairs), 1),
            "ratio": round(ratio, 2), "ratios": [round(g / p, 2) for p, g in pairs],
            "nbgrader_script_s": round(script_s, 1),
            "class_grader_first_run_s": round(first, 1), "first_run_ratio": round(first / plain_s, 2),
            "prepare_s": report["timings"]["prepare_s"], "same_scores_where_not_attacked": same}


def class_bench(students, assignment, jobs, repeats, log=print):
    """A synthetic class graded with 1 job and with ``jobs`` jobs, and the floor; a dict of figures."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "class"
        mix, solved = make_class(folder, assignment, students)
        log(f"class of {students} submissions of {assignment}: {mix}")
        serial, report = grade(folder, 1)
        log(f"serial (1 job): {serial:.1f} s")
        parallel, report_parallel = grade(folder, jobs)
        log(f"parallel ({jobs} jobs): {parallel:.1f} s")
        same = ({e["student"]: e["tests"] for e in report["submissions"]}
                == {e["student"]: e["tests"] for e in report_parallel["submissions"]})
    imports, plain = time_kernel_floor(solved, repeats)
    per_submission = serial / students
    return {
        "assignment": assignment,
        "students": students,
        "mix": mix,
        "serial_s": round(serial, 1),
        "parallel_s": round(parallel, 1),
        "jobs": jobs,
        "speedup": round(serial / parallel, 2),
        "parallel_equals_serial": same,
        "per_submission_serial_s": round(per_submission, 2),
        "kernel_start_and_tensorflow_import_s": summary(imports),
        "plain_execution_s": summary(plain),
        "grading_overhead_per_submission_s": round(per_submission - statistics.median(plain), 2),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--assignment", default="01_rnn_unrolling")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--repeats", type=int, default=3, help="runs of the floor measurements")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args(argv)
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
    results = class_bench(args.students, args.assignment, args.jobs, args.repeats)
    results["machine"] = machine()
    print(json.dumps(results, indent=1))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
