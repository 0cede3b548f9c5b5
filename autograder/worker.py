"""Grade one submission of one assignment, in a scratch course folder of its own.

Each job gets a private folder with the course config, a copy of a gradebook
that already knows the assignment, and its own copies of the ``course``
package and ``data/``; the kernel imports those copies (``PYTHONPATH``,
``COURSE_DATA_DIR``), so a submission that writes into them affects nobody
else. The submission itself is only read. ``nbgrader autograde`` runs there
under a memory limit and a wall-clock limit; when the kernel dies (``sys.exit``
is harmless in IPython, ``os._exit`` or a signal is not), the cell that killed
it is found, replaced by a cell that raises an error, and the notebook is
graded again, so the rest of it still counts.

The kernel only records what the student's functions return on each case
(``COURSE_RECORD``, a file in the job's folder); its copy of the hidden cases
has no expected values. After nbgrader has run, this process, which never runs
student code, judges the records (``autograder.verifier``) against the
instructor's stored cases, and the verified scores replace nbgrader's for the
test cells. Where the grader is root, the job sees nothing of the course root
but its own folder and the Python environment (``limited.py --hide``).

The result is a plain dict (JSON-serialisable) for the coordinating process,
which alone writes to the class gradebook.
"""
import copy
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

from . import limited, runner, verifier
from .normalize import SubmissionError, prepare_submission

#: Outputs larger than this (characters per output) are cut in the autograded copy.
MAX_OUTPUT_CHARS = 100_000
KILLED_CELL = (
    "raise RuntimeError(\"This cell stopped the Python kernel while it was graded "
    "(sys.exit, os._exit, a signal or a crash), so it was skipped.\")"
)


@dataclass
class Job:
    student: str
    assignment: str
    submission: Path          # autograder/submitted/<student>/<assignment>/
    release: Path             # the release notebook
    template_db: Path         # a gradebook that knows the assignment
    pristine: Path            # folder with clean copies of course/ (pkgs/course) and data/
    scratch: Path             # this job's private folder (recreated)
    config: Path = runner.ROOT / "nbgrader_config.py"
    protect: tuple = ()       # folders the job may not write to (when isolation is available)
    hide: tuple = ()          # folders the job may not see (the course root), but for ``show`` and its scratch
    show: tuple = ()          # folders inside ``hide`` the job needs (the Python environment), read-only
    cell_timeout: int = 120
    job_timeout: int = 900
    memory_limit: int = 6 * 1024 ** 3


def _write_notebook(notebook, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, str(path))


def _run_limited(job, args, env, nbgrader=True):
    """Run ``nbgrader ARGS`` (or, with ``nbgrader=False``, ``python ARGS``) in the scratch folder under the job's limits."""
    isolation = []
    for folder in job.protect:
        isolation += ["--protect", str(folder)]
    for option, folders in (("--hide", job.hide), ("--show", job.show)):
        for folder in folders:
            isolation += [option, str(folder)]
    if isolation:
        isolation += ["--writable", str(job.scratch)]
    command = limited.launcher_command([str(job.memory_limit), *isolation,
                                        "--", sys.executable, *(runner.NBGRADER_ARGS if nbgrader else []), *args])
    process = subprocess.Popen(command, cwd=job.scratch, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    with _running_lock:
        _running.add(process)
    try:
        output, _ = process.communicate(timeout=job.job_timeout)
        return process.returncode, output, False
    except subprocess.TimeoutExpired:
        stop(process)
        output, _ = process.communicate()
        return None, output, True
    except BaseException:          # the grader is interrupted: the job ends with it
        stop(process)
        raise
    finally:
        with _running_lock:
            _running.discard(process)


#: Launchers of the jobs running now, so an interrupted grader can end them.
_running = set()
_running_lock = threading.Lock()


def stop(process, grace=10):
    """End a job's launcher and everything below it.

    SIGTERM first: the launcher (``limited.py``) then kills every process the
    job started, those in new sessions included; SIGKILL after ``grace``
    seconds (as root the PID namespace goes with the launcher anyway).
    """
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, None)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def stop_all():
    """End every running job (the grader was interrupted)."""
    with _running_lock:
        running = list(_running)
    for process in running:
        stop(process, grace=5)


def _find_killing_cell(notebook, job, env):
    """Index of the cell during which the kernel died, found by running the notebook again."""
    probe = job.scratch / "crash" / "probe.ipynb"
    _write_notebook(notebook, probe)
    # a copy in the job's folder: the course root, where the grader's own lives, may be hidden from the job
    script = shutil.copy(Path(__file__).with_name("locate_crash.py"), job.scratch / "crash" / "locate_crash.py")
    code, output, timed_out = _run_limited(job, [str(script), str(probe), str(job.cell_timeout)], env,
                                           nbgrader=False)
    try:
        return json.loads(output.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None


def _trim_outputs(notebook):
    """Cut huge outputs in the autograded copy; returns notes about what was cut."""
    notes = []
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and len(output.get("text", "")) > MAX_OUTPUT_CHARS:
                size = len(output.text)
                output.text = output.text[:MAX_OUTPUT_CHARS] + f"\n... [{size - MAX_OUTPUT_CHARS:,} characters cut by the grader]\n"
                notes.append(f"cell {index} printed {size / 1e6:.1f} MB; the output was cut")
    return notes


def _execution_notes(notebook):
    """Timeouts, memory errors and dead-kernel markers seen in the outputs."""
    notes = []
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") != "error":
                continue
            name = _nbgrader_id(cell) or f"cell {index}"
            if output.ename in ("CellTimeoutError", "TimeoutError", "KeyboardInterrupt"):
                notes.append(f"{name} ran longer than the per-cell limit and was stopped")
            elif output.ename == "MemoryError":
                notes.append(f"{name} ran out of memory (MemoryError)")
            elif output.ename == "GradingGuardError":
                notes.append(f"{name} tried to stop the kernel ({output.evalue.split(' was called')[0]}); refused")
    return list(dict.fromkeys(notes))      # nbgrader may record one error twice


def _replace_source_in_gradebook(job, cell, source):
    """Make this job's gradebook hold ``source`` for an instructor cell (with a matching checksum)."""
    from nbgrader.api import Gradebook
    from nbgrader.utils import compute_checksum

    replaced = copy.deepcopy(cell)
    replaced.source = source
    db_url = "sqlite:///" + str(job.scratch / "autograder" / "gradebook.db")
    with Gradebook(db_url) as gradebook:
        stored = gradebook.find_source_cell(cell.metadata["nbgrader"]["grade_id"], job.assignment, job.assignment)
        stored.source = source
        stored.checksum = compute_checksum(replaced)
        gradebook.db.commit()


def _last_error(log):
    """The most telling line of a failed nbgrader run (not its closing "see above")."""
    lines = [line.strip() for line in log.splitlines() if "Error" in line and "see the the above" not in line]
    return (lines[-1] if lines else (log.strip().splitlines() or ["no output"])[-1])[:300]


def _nbgrader_id(cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def verify(job, grades, records, result):
    """Replace nbgrader's scores of the test cells by the verifier's, and say where they differ."""
    trusted = _trusted(job.pristine / "trusted")
    verdicts, problems = verifier.verify(job.assignment, records, trusted)
    notes, changed = verifier.apply(grades, verdicts, problems)
    result["notes"] += notes
    tampering = sorted(k for k, row in grades.items() if row.get("tampering"))
    registry = verifier.exercises.load(job.assignment)
    comments = {}
    for grade_id in tampering:             # said on the answer cell, where the formgrader shows comments
        comments.setdefault(registry.test(grade_id)[0].name, []).append(
            f"{grade_id}: {verifier.TAMPERING} (scored 0 by the verifier: {verdicts[grade_id].reason[:300]})")
    result["verified"] = {"cells": len(verdicts), "changed": {k: list(v) for k, v in changed.items()},
                          "tampering": tampering, "comments": {k: " | ".join(v) for k, v in comments.items()},
                          "reasons": {k: verdicts[k].reason for k, (kernel, verified) in changed.items()
                                      if verified < kernel}}


def _show_verdicts(notebook, verified):
    """Put the verifier's reason into each test cell it failed though the kernel passed it.

    The formgrader and the feedback page then show why the cell scored 0, as they show an error
    the kernel raised.
    """
    reasons = (verified or {}).get("reasons", {})
    for cell in notebook.cells:
        reason = reasons.get(_nbgrader_id(cell))
        if reason and cell.cell_type == "code":
            cell.outputs.append(nbformat.v4.new_output(
                "error", ename="CheckFailed", traceback=[],
                evalue=f"{reason} (found by the grader, which checks the recorded results outside the notebook)"))


_trusted_by_folder = {}


def _trusted(folder):
    """The instructor's stored cases, read once per grading process (the same for every student)."""
    # setdefault: jobs finishing together in threads share one (it reads the files once, under its lock)
    return _trusted_by_folder.setdefault(folder, verifier.Trusted(folder))


def grade(job):
    """Grade one job; never raises for a problem with the submission."""
    start = time.time()
    result = {"student": job.student, "assignment": job.assignment, "status": "graded",
              "notes": [], "grades": None, "autograded": None, "log": ""}
    shutil.rmtree(job.scratch, ignore_errors=True)
    job.scratch.mkdir(parents=True)
    try:
        release = nbformat.read(str(job.release), as_version=4)
        try:
            notebook, notes = prepare_submission(job.submission, job.assignment, release)
        except SubmissionError as err:
            result.update(status="error", notes=[str(err)])
            return result
        result["notes"] += notes

        shutil.copy(job.config, job.scratch / "nbgrader_config.py")
        (job.scratch / "source" / job.assignment).mkdir(parents=True)
        # the release's setup cell names what the kernel imports while nbgrader starts (grading/early_kernel.py)
        (job.scratch / "release" / job.assignment).mkdir(parents=True)
        shutil.copy(job.release, job.scratch / "release" / job.assignment / f"{job.assignment}.ipynb")
        (job.scratch / "autograder").mkdir(exist_ok=True)
        shutil.copy(job.template_db, job.scratch / "autograder" / "gradebook.db")
        shutil.copytree(job.pristine / "pkgs", job.scratch / "pkgs")
        shutil.copytree(job.pristine / "data", job.scratch / "data")
        submitted = job.scratch / "autograder" / "submitted" / job.student / job.assignment / f"{job.assignment}.ipynb"

        records = job.scratch / "records.jsonl"
        env = runner.tool_env({
            "PYTHONPATH": str(job.scratch / "pkgs"),
            "COURSE_DATA_DIR": str(job.scratch / "data"),
            "COURSE_CELL_TIMEOUT": str(job.cell_timeout),
            "NBGRADER_EXECUTION": "autograde",
            "COURSE_RECORD": str(records),
        })
        for attempt in range(3):
            _write_notebook(notebook, submitted)
            records.unlink(missing_ok=True)          # each attempt records afresh
            code, log, timed_out = _run_limited(
                job, ["autograde", job.assignment, "--student", job.student, "--force",
                      # this job's private gradebook, whatever the course's db_url says
                      "--CourseDirectory.db_url=sqlite:///" + str(job.scratch / "autograder" / "gradebook.db")], env)
            result["log"] = log[-4000:]
            if timed_out:
                result.update(status="error")
                result["notes"].append(f"grading took longer than {job.job_timeout} s and was stopped")
                return result
            if code == 0:
                break
            if "DeadKernelError" not in log and "kernel died" not in log.lower():
                result.update(status="grader-error")
                result["notes"].append(f"nbgrader autograde failed (exit {code}): {_last_error(log)}")
                return result
            killer = _find_killing_cell(notebook, job, env)
            if killer is None:
                result.update(status="error")
                result["notes"].append("the kernel died while grading and the cell responsible could not be found")
                return result
            cell = notebook.cells[killer]
            name = _nbgrader_id(cell) or f"cell {killer}"
            result["notes"].append(
                f"{name} stopped the kernel (os._exit, a signal or a crash); it was replaced by an "
                "error and the notebook graded again")
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if meta.get("locked") or (meta.get("grade") and not meta.get("solution")):
                # nbgrader restores instructor cells from the gradebook, so the
                # replacement goes into this job's private copy of it.
                _replace_source_in_gradebook(job, cell, KILLED_CELL)
            cell.source = KILLED_CELL
        else:
            result.update(status="error")
            result["notes"].append("the kernel kept dying; grading gave up after 3 attempts")
            return result

        grades = runner.grade_rows(job.scratch, job.assignment).get(job.student)
        if grades is None:
            result.update(status="error")
            result["notes"].append("nbgrader recorded no grades for this submission")
            return result
        verify(job, grades, records, result)
        result["grades"] = grades
        autograded = job.scratch / "autograder" / "autograded" / job.student / job.assignment / f"{job.assignment}.ipynb"
        graded_nb = nbformat.read(str(autograded), as_version=4)
        result["notes"] += _execution_notes(graded_nb)
        trim_notes = _trim_outputs(graded_nb)
        result["notes"] += trim_notes
        _show_verdicts(graded_nb, result.get("verified"))
        if trim_notes or result["verified"]["reasons"]:
            os.chmod(autograded, 0o644)
            nbformat.write(graded_nb, str(autograded))
        result["autograded"] = str(autograded)
        return result
    finally:
        result["seconds"] = round(time.time() - start, 2)
