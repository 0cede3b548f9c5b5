"""Scale: the class grader on the local pool and on a Dask cluster, and what a large class would take.

    python -m bench.scale [--students 12] [--assignment 01_rnn_unrolling]   # or: make bench ARGS="--only scale"

Grades one synthetic class (``bench.grading.make_class``: the solution and the
samples, cycled) four times with ``--force``: the local pool with 1 and 2
jobs, and ``--dask-scheduler`` on a real scheduler with 1 and 2 workers on
this machine's loopback (``autograder.loopback_cluster``). For each run it
keeps the wall time, the cost per submission and the throughput, and, from
``report.json``, the coordinator's own time: preparing the run, dispatching
(bundling the course and submitting the jobs) and handling each result
(gradebook, feedback, state). From these it projects 500 students x 7
notebooks on N workers; ``ASSUMPTIONS`` says on what.
"""
import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from autograder import runner  # noqa: E402
from autograder.loopback_cluster import LoopbackCluster  # noqa: E402
from bench.common import machine  # noqa: E402
from bench.grading import make_class  # noqa: E402

CLASS_SIZE, NOTEBOOKS = 500, 7
PROJECTED_WORKERS = (1, 16, 64, 256)
ASSUMPTIONS = (
    "a worker is one core like this machine's, grading one submission at a time, with about 1.5 GB of memory; "
    "a submission of notebook k costs the measured Dask cost per submission of 01 times k's autograde time over "
    "01's (the grading part; 1 where it was not measured); the coordinator handles results one at a time, so the "
    "class takes the longer of the grading spread over N workers and the coordinator's handling of every result, "
    "plus its preparation and dispatch once per notebook; Slurm queue waits, worker start-up and the network are "
    "left out (the course bundle is 1 to 2 MB a worker, a submission some 100 kB each way)")


def grade(folder, engine_args):
    start = time.time()
    result = subprocess.run([sys.executable, "-m", "autograder.autograde", "--root", str(folder), "--force",
                             "--no-progress", "--cell-timeout", "30", *engine_args],
                            cwd=ROOT, env=runner.tool_env(), capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(result.stdout[-2000:] + result.stderr[-2000:])
    wall = time.time() - start
    report = json.loads((folder / "autograder" / "report.json").read_text())
    return wall, report


def figures(label, workers, wall, report, students):
    timings = report.get("timings", {})
    grading = [e["seconds"] for e in report["submissions"] if e.get("seconds") is not None]
    return {
        "label": label,
        "workers": workers,
        "wall_s": round(wall, 1),
        "per_submission_s": round(wall / students, 2),
        # without the run's fixed costs (start, preparation, dispatch), which a large class pays once
        "steady_per_submission_s": round((wall - (timings.get("prepare_s") or 0) - (timings.get("dispatch_s") or 0))
                                         / students, 2),
        "throughput_per_hour": round(students / wall * 3600, 1),
        "throughput_per_worker_per_hour": round(students / wall * 3600 / workers, 1),
        "grading_median_s": round(statistics.median(grading), 2) if grading else None,
        "prepare_s": timings.get("prepare_s"),
        "dispatch_s": timings.get("dispatch_s"),
        "coordinator_per_submission_s": round(timings.get("coordinator_s", 0) / students, 3),
        "workers_used": sorted({e.get("worker") for e in report["submissions"]}),
        "grades": {e["student"]: e["tests"] for e in report["submissions"]},
    }


def project(runs, per_notebook=None, students=CLASS_SIZE, notebooks=NOTEBOOKS, assignment="01_rnn_unrolling"):
    """Hours for ``students`` x ``notebooks`` gradings on each of ``PROJECTED_WORKERS`` workers."""
    one = next(r for r in runs if r["label"] == "dask, 1 worker")
    factors = [1.0] * notebooks
    if per_notebook and assignment in per_notebook:
        base = per_notebook[assignment]["seconds"]["median"]
        measured = [f["seconds"]["median"] / base for f in per_notebook.values()]
        factors = measured + [statistics.mean(measured)] * max(0, notebooks - len(measured))
    # the 1-worker run's steady cost per submission includes the coordinator's handling of it
    per_job = one["steady_per_submission_s"]
    coordinator = max(r["coordinator_per_submission_s"] for r in runs if r["label"].startswith("dask"))
    fixed = (one["prepare_s"] or 0) + (one["dispatch_s"] or 0)
    rows = []
    for workers in PROJECTED_WORKERS:
        grading = sum(students * per_job * f for f in factors) / workers
        handling = students * notebooks * coordinator
        seconds = max(grading, handling) + notebooks * fixed
        rows.append({"workers": workers, "hours": round(seconds / 3600, 2),
                     "bound": "coordinator" if handling > grading else "workers"})
    return {"students": students, "notebooks": notebooks, "per_submission_s": per_job,
            "notebook_factors": [round(f, 2) for f in factors], "coordinator_per_submission_s": coordinator,
            "fixed_per_notebook_s": round(fixed, 1), "rows": rows, "assumptions": ASSUMPTIONS,
            "coordinator_bound_workers": round(per_job * statistics.mean(factors) / coordinator) if coordinator else None}


def scale_bench(students, assignment, per_notebook=None, log=print):
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "class"
        mix, _ = make_class(folder, assignment, students)
        log(f"scale: a class of {students} submissions of {assignment}: {mix}")
        for jobs in (1, 2):
            wall, report = grade(folder, ["--jobs", str(jobs)])
            runs.append(figures(f"local pool, {jobs} job{'s' if jobs > 1 else ''}", jobs, wall, report, students))
            log(f"scale: {runs[-1]['label']}: {wall:.1f} s")
        for workers in (1, 2):
            with LoopbackCluster(workers, Path(tmp) / f"dask-{workers}") as cluster:
                wall, report = grade(folder, ["--dask-scheduler", cluster.address])
            runs.append(figures(f"dask, {workers} worker{'s' if workers > 1 else ''}", workers, wall, report,
                                students))
            log(f"scale: {runs[-1]['label']}: {wall:.1f} s on {runs[-1]['workers_used']}")
    same = all(r["grades"] == runs[0]["grades"] for r in runs)
    for run in runs:
        del run["grades"]
    return {"assignment": assignment, "students": students, "mix": mix, "runs": runs, "grades_identical": same,
            "projection": project(runs, per_notebook, assignment=assignment)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=12)
    parser.add_argument("--assignment", default="01_rnn_unrolling")
    args = parser.parse_args(argv)
    results = scale_bench(args.students, args.assignment)
    results["machine"] = machine()
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
