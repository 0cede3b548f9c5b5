"""Run time and peak memory of each solution notebook, top to bottom.

    python -m bench.notebooks [--mode full|grading] [--repeats 1] [ASSIGNMENT ...]

``full`` is what a student runs (the notebook's full training budget);
``grading`` sets ``NBGRADER_EXECUTION=autograde`` the way nbgrader does, so
the notebook uses its grading budget. Each run starts a fresh kernel
(nbclient), so the time includes the kernel start and the TensorFlow import a
student also pays. Peak memory is the kernel's peak resident set size, read
from inside the kernel after the last cell. The slowest cells are listed so a
regression points at its cell.
"""
import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import ASSIGNMENTS, summary  # noqa: E402

PEAK_MEMORY_CELL = ("import resource as _r\n"
                    "print('PEAK_RSS_KIB', _r.getrusage(_r.RUSAGE_SELF).ru_maxrss)")


ARTIFACTS = ROOT / "artifacts" / "bench"


def run_notebook(assignment, mode):
    """Execute source/<assignment> once; return seconds, peak MiB and per-cell seconds.

    The executed notebook is kept in artifacts/bench/<assignment>.<mode>.ipynb (not in git), so the
    numbers it printed (losses, accuracies, generated text) can be read after a benchmark.
    """
    from nbclient import NotebookClient

    notebook = nbformat.read(str(ROOT / "source" / assignment / f"{assignment}.ipynb"), as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(PEAK_MEMORY_CELL))
    saved = os.environ.get("NBGRADER_EXECUTION")
    if mode == "grading":
        os.environ["NBGRADER_EXECUTION"] = "autograde"
    else:
        os.environ.pop("NBGRADER_EXECUTION", None)
    try:
        with tempfile.TemporaryDirectory() as folder:
            client = NotebookClient(notebook, kernel_name="python3", timeout=900, allow_errors=False,
                                    record_timing=True, resources={"metadata": {"path": folder}})
            start = time.time()
            client.execute()
            seconds = time.time() - start
    finally:
        if saved is None:
            os.environ.pop("NBGRADER_EXECUTION", None)
        else:
            os.environ["NBGRADER_EXECUTION"] = saved
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, str(ARTIFACTS / f"{assignment}.{mode}.ipynb"))
    text = "".join(o.get("text", "") for o in notebook.cells[-1].outputs)
    peak_mib = int(text.split("PEAK_RSS_KIB")[1].split()[0]) / 1024
    cells = []
    for index, cell in enumerate(notebook.cells[:-1]):
        timing = cell.metadata.get("execution", {})
        if cell.cell_type == "code" and "shell.execute_reply" in timing:
            from dateutil.parser import isoparse

            took = (isoparse(timing["shell.execute_reply"])
                    - isoparse(timing["iopub.execute_input"])).total_seconds()
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
            cells.append((round(took, 2), index, grade_id))
    cells.sort(reverse=True)
    return seconds, peak_mib, cells


def measure(assignments, mode, repeats, log=print):
    results = {}
    for assignment in assignments:
        times, peaks, slowest = [], [], []
        for _ in range(repeats):
            seconds, peak, cells = run_notebook(assignment, mode)
            times.append(seconds)
            peaks.append(peak)
            slowest = cells[:3]
        results[assignment] = {"seconds": summary(times), "peak_memory_mib": summary(peaks),
                               "slowest_cells": [{"seconds": s, "cell": i, "grade_id": g} for s, i, g in slowest]}
        log(f"{assignment} ({mode}): {statistics.median(times):.1f} s, peak {max(peaks):.0f} MiB; slowest cells "
            + ", ".join(f"#{i} {g or ''} {s:.1f} s" for s, i, g in slowest))
    total = sum(r["seconds"]["median"] for r in results.values())
    return {"mode": mode, "notebooks": results, "total_s": round(total, 1)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("assignments", nargs="*", default=ASSIGNMENTS)
    parser.add_argument("--mode", choices=("full", "grading"), default="full")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
    results = measure(args.assignments, args.mode, args.repeats)
    print(f"total ({args.mode}): {results['total_s']:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
