"""Grade a whole class: every submission under ``autograder/submitted/``.

    python -m autograder.autograde [-a ASSIGNMENT ...] [-s STUDENT ...] [-j JOBS] [--force]

Each (student, assignment) submission is graded by real ``nbgrader
autograde`` in a private scratch folder (``autograder.worker``), several at a
time (``--jobs``, default the number of cores), or on a Dask cluster
(``--dask-scheduler``, ``--slurm``: ``autograder.engines``). This process alone writes the
class gradebook (``autograder/gradebook.db``), one submission at a time, so the
SQLite database never sees two writers. Afterwards:

- ``autograder/autograded/<student>/<assignment>/`` holds the graded notebook
  (for nbgrader's formgrader and manual grading);
- ``autograder/feedback/<student>/<assignment>/<assignment>.html`` is the
  student's feedback: tests passed and failed with their messages, never the
  hidden tests' code;
- ``autograder/grades.csv`` has one row per submission with its problems;
- ``autograder/report.json`` has the same with every detail;
- a table of students x assignments is printed, problems flagged.

Submissions are only read. Re-running grades only submissions that are new or
changed, or whose assignment's tests changed (``--force`` grades all again);
``autograder/state.json`` records what was graded, written after each
submission is safely in the gradebook, so a run that is killed half-way is
finished by the next one.
"""
import argparse
import collections
import compileall
import concurrent.futures
import csv
import functools
import hashlib
import json
import os
import py_compile
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

from . import courseconfig, engines, feedback_pages, limited, runner, worker
from .worker import Job

DEFAULT_JOBS = os.cpu_count() or 2


class Paths:
    """Where everything lives for a course root (the gradebook: whatever its nbgrader_config.py says)."""

    def __init__(self, root):
        self.root = Path(root).resolve()
        self.autograder = self.root / "autograder"
        self.submitted = self.autograder / "submitted"
        self.autograded = self.autograder / "autograded"
        self.feedback = self.autograder / "feedback"
        self.gradebook = self.autograder / "gradebook.db"
        self.state = self.autograder / "state.json"
        self.report = self.autograder / "report.json"
        self.csv = self.autograder / "grades.csv"
        self.work = self.autograder / ".work"

    @property
    def db_url(self):
        return courseconfig.db_url(self.root)


def _sha256_of_files(paths, base):
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.relative_to(base)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def submission_hash(folder):
    """A hash of every file in a submission folder (names and contents)."""
    return _sha256_of_files([p for p in Path(folder).rglob("*") if p.is_file()], Path(folder))


def find_submissions(paths, assignments=None, students=None):
    """``[(student, assignment, folder)]`` in the submitted folder, sorted."""
    found = []
    if not paths.submitted.is_dir():
        return found
    for student_dir in sorted(p for p in paths.submitted.iterdir() if p.is_dir()):
        if students and student_dir.name not in students:
            continue
        for folder in sorted(p for p in student_dir.iterdir() if p.is_dir()):
            if assignments and folder.name not in assignments:
                continue
            found.append((student_dir.name, folder.name, folder))
    return found


def _load_json(path, default):
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return default


def _write_json_atomically(path, data):
    path = Path(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(data, out, indent=1, sort_keys=True)
    os.replace(temporary, path)


def generate_into(paths, assignment, db_url):
    """Let the gradebook at ``db_url`` know the assignment as ``source/`` defines it now (release/ untouched)."""
    with tempfile.TemporaryDirectory(dir=paths.work) as folder:
        course = runner.make_course(folder, [assignment], root=paths.root)
        runner.nbgrader(course, "generate_assignment", assignment, "--force",
                        f"--CourseDirectory.db_url={db_url}")


def gradebook_knows(paths, assignment):
    """Whether the class gradebook (SQLite file or database server) has the assignment."""
    from nbgrader.api import Gradebook, MissingEntry

    if paths.db_url.startswith("sqlite:") and not paths.gradebook.is_file():
        return False
    with Gradebook(paths.db_url) as gradebook:
        try:
            gradebook.find_assignment(assignment)
            return True
        except MissingEntry:
            return False


def prepare_pristine(paths, assignments):
    """Clean copies of what every job copies from, and the stored cases its verifier reads.

    - ``pkgs/course``, ``data``: the helper package and the data, as they are
    - ``pkgs/grading``: the hidden cases' inputs only (``grading.strip_fixture``) of the assignments
      graded now: the kernel runs student code, so it records what the functions return and is
      never given the answers
    - ``trusted/``: the visible and hidden cases with their expected values, for the verifier
      (outside the job: hidden from it where the grader is root)
    """
    import grading
    from course.exercises import values

    pristine = paths.work / "pristine"
    shutil.rmtree(pristine, ignore_errors=True)
    shutil.copytree(paths.root / "course", pristine / "pkgs" / "course",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copytree(paths.root / "grading", pristine / "pkgs" / "grading",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.json"))
    (pristine / "trusted" / "course" / "exercises").mkdir(parents=True)
    shutil.copytree(paths.root / "grading", pristine / "trusted" / "grading",
                    ignore=shutil.ignore_patterns("__pycache__", "*.py", "*.pyc"))
    for fixture in (paths.root / "course" / "exercises").glob("*.json"):
        shutil.copy(fixture, pristine / "trusted" / "course" / "exercises" / fixture.name)
    for assignment in assignments:
        fixture = paths.root / "grading" / f"{assignment}.json"
        if not fixture.is_file():
            continue
        stripped = grading.strip_fixture(assignment, source=fixture)
        (pristine / "pkgs" / "grading" / fixture.name).write_text(values.dumps(stripped), encoding="utf-8")
    # every job's kernel imports its copy of pkgs/: compiled once here, not in each job (the compiled
    # files are checked against their source's hash, not its time, so a copied bundle keeps them valid)
    compileall.compile_dir(pristine / "pkgs", quiet=1, invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH)
    shutil.copytree(paths.root / "data", pristine / "data")
    from course import data as course_data

    for relpath in course_data._checksums(pristine / "data"):
        course_data.data_path(relpath, verify=True, data_dir=pristine / "data")
    return pristine


def isolation_available(paths):
    """Whether jobs can have the course read-only and hidden (a private mount namespace; root only)."""
    import subprocess

    with tempfile.TemporaryDirectory(dir=paths.work) as folder:
        course, scratch = Path(folder) / "course", Path(folder) / "scratch"
        course.mkdir()
        scratch.mkdir()
        (course / "secret").write_text("hidden")
        subprocess.run([sys.executable, str(Path(__file__).with_name("limited.py")), "0", "--protect", str(course),
                        "--hide", str(course), "--writable", str(scratch), "--", "sh", "-c",
                        f"touch {course}/probe 2>/dev/null; cat {course}/secret > {scratch}/seen 2>/dev/null"],
                       capture_output=True)
        seen = scratch / "seen"
        return not (course / "probe").exists() and seen.is_file() and seen.read_text() == ""


def hidden_from_jobs(paths):
    """``(hide, show)`` for the jobs: the course roots, but for the Python environment inside them."""
    roots = list(dict.fromkeys([paths.root, runner.ROOT.resolve()]))
    environment = Path(sys.prefix).resolve()
    return tuple(roots), tuple(p for p in (environment,) if any(p.is_relative_to(r) for r in roots))


def restore_if_tampered(paths, pristine):
    """Put back any file of ``course/``, ``grading/`` or ``data/`` that differs from the run's clean copy.

    Returns the relative paths restored. Needed only where jobs cannot be
    isolated: a kernel of the instructor's own user can write to the course.
    (The jobs' ``grading/`` holds stripped cases: the stored ones come from ``trusted/``.)
    """
    restored = []
    for clean_root, live_root, pattern in ((pristine / "pkgs" / "course", paths.root / "course", "*"),
                                           (pristine / "pkgs" / "grading", paths.root / "grading", "*.py"),
                                           (pristine / "trusted" / "grading", paths.root / "grading", "*.json"),
                                           (pristine / "data", paths.root / "data", "*")):
        for clean in clean_root.rglob(pattern):
            if not clean.is_file() or "__pycache__" in clean.parts:
                continue
            live = live_root / clean.relative_to(clean_root)
            if not live.is_file() or live.read_bytes() != clean.read_bytes():
                live.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(clean, live)
                restored.append(str(live.relative_to(paths.root)))
    return restored


def _ending_jobs_on_interrupt(results):
    """Pass the engine's results on; on Ctrl-C or SIGTERM, end the running jobs and all they started."""
    def terminate(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield from results
    except KeyboardInterrupt:
        results.close()                 # the engine cancels what has not started
        for _ in range(3):              # a job that was starting as the interrupt came
            worker.stop_all()
            time.sleep(0.2)
        print("interrupted: the running jobs were ended; the next run grades what is left", file=sys.stderr)
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)


def record_in_gradebook(paths, result):
    """Write one job's grades into the class gradebook (this process is its only writer)."""
    import warnings

    from nbgrader.api import Gradebook
    from nbgrader.utils import parse_utc

    stamp = paths.submitted / result["student"] / result["assignment"] / "timestamp.txt"
    # when the exchange received it (nbgrader submit writes it, collect brings it); naive UTC as nbgrader stores it
    timestamp = parse_utc(stamp.read_text().strip()).replace(tzinfo=None) if stamp.is_file() else None
    with Gradebook(paths.db_url) as gradebook, warnings.catch_warnings():
        # nbgrader's own submission code triggers SQLAlchemy 2 autoflush warnings
        warnings.simplefilter("ignore")
        gradebook.update_or_create_student(result["student"])
        # the same call nbgrader autograde makes; the grades below replace the old ones
        submission = gradebook.update_or_create_submission(result["assignment"], result["student"],
                                                           timestamp=timestamp)
        grades = result["grades"] or {}
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                row = grades.get(grade.name)
                if row is None:       # not graded at all: zero, and flagged for the instructor
                    grade.auto_score = 0.0
                    grade.needs_manual_grade = True
                else:
                    grade.auto_score = row["auto_score"]
                    # a score the instructor already gave stands when the submission is graded again;
                    # a cell the verifier suspects of tampering waits for the instructor's look
                    grade.needs_manual_grade = ((row["needs_manual_grade"] or bool(row.get("tampering")))
                                                and grade.manual_score is None)
            for comment in notebook.comments:
                text = (result.get("verified") or {}).get("comments", {}).get(comment.name)
                if text:
                    comment.auto_comment = f"{text}" if not comment.auto_comment else f"{comment.auto_comment} | {text}"
        gradebook.db.commit()
        courseconfig.apply_deadlines(gradebook, result["assignment"], submission, courseconfig.deadlines(paths.root))
        gradebook.db.commit()


def publish(paths, result):
    """Copy the autograded notebook into place and write the student's feedback page."""
    student, assignment = result["student"], result["assignment"]
    if result.get("autograded"):
        target = paths.autograded / student / assignment
        staging = target.with_name(target.name + ".new")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        shutil.copy(result["autograded"], staging / f"{assignment}.ipynb")
        shutil.rmtree(target, ignore_errors=True)
        os.replace(staging, target)
    feedback_pages.write_page(paths, student, assignment, result["notes"], graded=bool(result.get("autograded")))


def summarise(result, source_hash, submission_sha):
    """What state.json and report.json keep about one submission."""
    grades = result["grades"] or {}
    tests = {k: v for k, v in grades.items() if v["cell_type"] == "code"}
    written = {k: v for k, v in grades.items() if v["cell_type"] != "code"}
    return {
        "student": result["student"],
        "assignment": result["assignment"],
        "status": result["status"],
        "autograded_score": sum(v["score"] for v in tests.values()),
        "autograded_max": sum(v["max_score"] for v in tests.values()),
        "written_pending": sum(1 for v in written.values() if v["needs_manual_grade"]),
        "written_max": sum(v["max_score"] for v in written.values()),
        "tests": {k: [v["score"], v["max_score"]] for k, v in tests.items()},
        # the test cells whose records the verifier outside the kernel rejected though the kernel passed them
        "possible_tampering": sorted(k for k, v in tests.items() if v.get("tampering")),
        "verified": bool(result.get("verified")),
        "notes": result["notes"],
        "seconds": result.get("seconds"),
        "worker": result.get("worker"),
        "source": source_hash,
        "submission": submission_sha,
    }


def write_csv(paths, entries):
    with open(paths.csv, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["student", "assignment", "status", "autograded_score", "autograded_max",
                         "written_pending", "possible_tampering", "problems"])
        for entry in sorted(entries, key=lambda e: (e["student"], e["assignment"])):
            writer.writerow([entry["student"], entry["assignment"], entry["status"],
                             f"{entry['autograded_score']:g}", f"{entry['autograded_max']:g}",
                             entry["written_pending"], " ".join(entry.get("possible_tampering", [])),
                             " | ".join(entry["notes"])])


def print_table(entries, out=sys.stdout):
    students = sorted({e["student"] for e in entries})
    assignments = sorted({e["assignment"] for e in entries})
    by_key = {(e["student"], e["assignment"]): e for e in entries}
    width = max([len("student")] + [len(s) for s in students]) + 2
    print("student".ljust(width) + "".join(a[:16].ljust(18) for a in assignments), file=out)
    problems = []
    for student in students:
        row = student.ljust(width)
        for assignment in assignments:
            entry = by_key.get((student, assignment))
            if entry is None:
                row += "-".ljust(18)
                continue
            if entry["status"] != "graded":
                cell = "ERROR"
            else:
                cell = f"{entry['autograded_score']:g}/{entry['autograded_max']:g}"
                if entry["written_pending"]:
                    cell += f" +{entry['written_pending']}w"
            if entry["notes"]:
                cell += " !"
                problems += [f"{student} / {assignment}: {note}" for note in entry["notes"]]
            row += cell.ljust(18)
        print(row, file=out)
    print("\n'+Nw': N written answers wait for manual grading; '!': see the problems below.", file=out)
    if problems:
        print("\nProblems:", file=out)
        for line in problems:
            print(f"  - {line}", file=out)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m autograder.autograde", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-a", "--assignment", action="append", help="grade only this assignment (repeatable)")
    parser.add_argument("-s", "--student", action="append", help="grade only this student (repeatable)")
    parser.add_argument("-j", "--jobs", type=int, default=int(os.environ.get("JOBS", DEFAULT_JOBS)),
                        help=f"submissions graded at once (default: JOBS or the number of cores, {DEFAULT_JOBS})")
    parser.add_argument("--force", action="store_true", help="grade again what was graded and has not changed")
    parser.add_argument("--cell-timeout", type=int, default=int(os.environ.get("COURSE_CELL_TIMEOUT", 120)),
                        help="seconds one cell may run (default 120)")
    parser.add_argument("--job-timeout", type=int, default=900, help="seconds one submission may take (default 900)")
    parser.add_argument("--memory-gb", type=float, default=6.0,
                        help="address-space limit of each grading kernel in GiB (default 6)")
    parser.add_argument("--root", default=str(runner.ROOT), help="course root (default: this repository)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    engines.add_arguments(parser)
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    if args.slurm_print_job_script:
        print(engines.job_script(args))
        return 0

    paths = Paths(args.root)
    submissions = find_submissions(paths, args.assignment, args.student)
    if not submissions:
        print(f"nothing to grade under {paths.submitted} (`make samples` puts the sample submissions there)")
        return 0
    paths.work.mkdir(parents=True, exist_ok=True)
    state = _load_json(paths.state, {"assignments": {}, "submissions": {}})
    started = time.time()

    known = {p.name for p in (paths.root / "source").iterdir() if (p / f"{p.name}.ipynb").is_file()}
    entries, jobs, hashes = [], [], {}
    template_jobs, assignments = [], []
    for assignment in sorted({a for _, a, _ in submissions} & known):
        source = paths.root / "source" / assignment / f"{assignment}.ipynb"
        source_hash = hashlib.sha256(source.read_bytes() + (paths.root / "nbgrader_config.py").read_bytes()).hexdigest()
        hashes[assignment] = source_hash
        assignments.append(assignment)
        template = paths.work / "templates" / f"{assignment}-{source_hash[:16]}.db"
        if not template.is_file():
            template.parent.mkdir(parents=True, exist_ok=True)
            print(f"preparing {assignment} (nbgrader generate_assignment into a private gradebook)")
            template_jobs.append((assignment, template))

    def update_class_gradebook():
        import nbgrader.api  # noqa: F401 -- seconds to import: paid here, not by the first result's handling

        changed = [a for a in assignments
                   if state["assignments"].get(a) != hashes[a] or not gradebook_knows(paths, a)]
        for assignment in changed:            # one after another: the class gradebook has one writer
            generate_into(paths, assignment, paths.db_url)
        return changed

    # The jobs grade against private templates, not the class gradebook, so the class gradebook is
    # brought up to date beside the templates and the first jobs (checking it imports nbgrader,
    # seconds); it is waited for before the first result is recorded in it.
    background = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    class_gradebook = background.submit(update_class_gradebook)

    @functools.cache
    def class_gradebook_ready():
        changed = class_gradebook.result()        # raises what went wrong there
        for assignment in changed:
            state["assignments"][assignment] = hashes[assignment]
        if changed:
            _write_json_atomically(paths.state, state)

    for assignment, template in template_jobs:
        generate_into(paths, assignment, "sqlite:///" + str(template.with_suffix(".partial")))
        os.replace(template.with_suffix(".partial"), template)
    pristine = prepare_pristine(paths, assignments)
    containment = limited.containment()
    if containment != "pid-namespace":
        print("note: jobs run without a PID namespace here (not root): a subreaper ends the processes a "
              "submission starts when its job ends, but a grader killed with SIGKILL can leave them running")
    isolated = isolation_available(paths)
    protect = (paths.root, runner.ROOT) if isolated else ()
    hide, show = hidden_from_jobs(paths) if isolated else ((), ())
    if not isolated:
        print("note: grading kernels can read the course folder here (not root: no private mount namespace), "
              "the instructor's hidden cases included, so a submission could forge the records the verifier "
              "judges; grade as root (or in the hub's grader container) for marks nobody can forge")
    if not protect:
        print("note: grading kernels can write to the course folder here (no private mount namespace); "
              "course/ and data/ are checked and restored after every submission")

    for student, assignment, folder in submissions:
        key = f"{assignment}/{student}"
        if assignment not in known:
            entries.append({"student": student, "assignment": assignment, "status": "error",
                            "autograded_score": 0, "autograded_max": 0, "written_pending": 0, "tests": {},
                            "notes": [f"unknown assignment folder {assignment!r} (expected one of {sorted(known)})"]})
            continue
        sha = submission_hash(folder)
        previous = state["submissions"].get(key)
        # a submission's own problems are final; the grader's failures are retried
        if (not args.force and previous and previous.get("submission") == sha
                and previous.get("source") == hashes[assignment] and previous.get("status") != "grader-error"):
            entries.append(previous)
            continue
        jobs.append((Job(
            student=student, assignment=assignment, submission=folder,
            release=paths.root / "release" / assignment / f"{assignment}.ipynb",
            template_db=paths.work / "templates" / f"{assignment}-{hashes[assignment][:16]}.db",
            pristine=pristine, scratch=paths.work / "jobs" / f"{student}--{assignment}",
            cell_timeout=args.cell_timeout, job_timeout=args.job_timeout,
            memory_limit=int(args.memory_gb * 1024 ** 3), config=paths.root / "nbgrader_config.py",
            protect=protect, hide=hide, show=show), sha))

    by_worker = collections.Counter()
    # What this process itself spends (make bench's scale part reads these): before the
    # first job, and on each result (gradebook, feedback, state), apart from waiting.
    timings = {"prepare_s": round(time.time() - started, 2), "coordinator_s": 0.0}
    with engines.open_engine(args, needed=bool(jobs)) as engine:
        print(f"{len(submissions)} submissions: {len(jobs)} to grade on {engine.describe(len(jobs))}, "
              f"{len(submissions) - len(jobs)} unchanged since the last run")
        progress = None
        if jobs and not args.no_progress:
            from tqdm import tqdm

            progress = tqdm(total=len(jobs), unit="submission", file=sys.stderr, dynamic_ncols=True)
        recorded = set()
        for job, sha, result in _ending_jobs_on_interrupt(engine.results(jobs, paths)):
            handling = time.time()
            key = f"{job.assignment}/{job.student}"
            if key in recorded:          # an engine yields each job once; never count one twice
                continue
            recorded.add(key)
            by_worker[result.get("worker")] += 1
            class_gradebook_ready()
            tampered = restore_if_tampered(paths, pristine)
            if tampered:
                result["notes"].append("files of the course changed on disk while this submission was "
                                       f"graded and were restored: {', '.join(tampered[:5])}")
            record_in_gradebook(paths, result)
            publish(paths, result)
            entry = summarise(result, hashes[job.assignment], sha)
            state["submissions"][key] = entry
            _write_json_atomically(paths.state, state)
            entries.append(entry)
            shutil.rmtree(job.scratch, ignore_errors=True)
            if progress:
                progress.set_postfix_str(f"{job.student}/{job.assignment}", refresh=False)
                progress.update(1)
            timings["coordinator_s"] += time.time() - handling
        if progress:
            progress.close()
        timings["dispatch_s"] = engine.dispatch_s

    class_gradebook_ready()
    background.shutdown()
    write_csv(paths, entries)
    engine_name = args.dask_scheduler or ("slurm" if args.slurm else "local")
    _write_json_atomically(paths.report, {"seconds": round(time.time() - started, 2), "jobs": args.jobs,
                                          "engine": engine_name, "graded_now": len(jobs),
                                          "containment": containment, "submissions": entries,
                                          "hidden_from_jobs": bool(hide),
                                          "timings": {k: round(v, 3) for k, v in timings.items()}})
    print()
    print_table(entries)
    if by_worker:
        counts = sorted(by_worker.items(), key=lambda item: str(item[0]))      # a failed job has no worker
        print("\nGraded now, by worker: " + ", ".join(f"{w} {n}" for w, n in counts))
    print(f"\n{len(jobs)} graded in {time.time() - started:.1f} s; grades in {paths.csv.relative_to(paths.root)}, "
          f"feedback in {paths.feedback.relative_to(paths.root)}/, details in {paths.report.relative_to(paths.root)}")
    return 0


if __name__ == "__main__":
    from grading.nbgrader_command import exit_without_teardown

    exit_without_teardown(main())
