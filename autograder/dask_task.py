"""What runs on a Dask worker: grade one submission from bytes, return the results as bytes.

The coordinator (``autograder.engines``) sends this module's code by value
(cloudpickle), so a worker needs the course's Python environment (the same
``.venv`` or image: nbgrader, TensorFlow, dask) but no checkout of the course
and no shared filesystem. Everything a grading reads travels with it:

- ``CourseBundle``, a worker plugin registered once per run, holds a tarball of
  the grader's own code (``autograder/*.py``), ``nbgrader_config.py``, the
  clean ``course/`` and ``data/``, and each assignment's release notebook and
  template gradebook. The scheduler keeps it and hands it to every worker that
  joins, also one that starts after a worker was lost;
- ``grade_on_worker`` gets the submission folder's files as bytes, unpacks the
  bundle into a fresh scratch folder of the worker's local directory, and runs
  ``autograder.remote_job`` there in a fresh interpreter, so the code that
  grades is the coordinator's, whatever the worker imported before. It returns
  the grades, notes, the autograded notebook's bytes and the worker's address;
  the coordinator alone writes the gradebook.

Standard library only, apart from ``distributed`` itself: nothing else of the
course is importable on a worker before the bundle is unpacked.
"""
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path, PurePosixPath

from distributed.diagnostics.plugin import WorkerPlugin

#: Folder under the worker's local directory where jobs get their scratch folders.
SCRATCH_NAME = "course-grading"


class CourseBundle(WorkerPlugin):
    """The course files every grading needs, kept in the worker's memory (a few MB)."""

    idempotent = True       # the same bundle registered again (a second run) is not sent twice

    def __init__(self, data, digest):
        self.data = data
        self.digest = digest

    def setup(self, worker):
        # Fail at registration, not at the first job, when the tarball was damaged on the way.
        import hashlib

        if hashlib.sha256(self.data).hexdigest() != self.digest:
            raise RuntimeError("the course bundle arrived damaged (its SHA-256 differs)")


def plugin_name(digest):
    return f"course-bundle-{digest[:16]}"


def _safe_relative(name):
    """A submission file's relative path, refused if it would leave the submission folder."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise ValueError(f"refused file name {name!r} in a submission")
    return Path(*path.parts)


def _kill_tree(process):
    """End a runner and everything it started (its own session, nbgrader's, the kernel's)."""
    try:
        import psutil          # distributed depends on it

        children = psutil.Process(process.pid).children(recursive=True)
    except Exception:
        children = []
    for victim in [process, *children]:
        try:
            os.kill(victim.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    process.wait()


def grade_on_worker(spec, files, bundle):
    """Grade one submission on this worker; returns a JSON-able dict plus the notebook's bytes.

    ``spec`` holds student, assignment, template (file name in the bundle),
    cell_timeout, job_timeout and memory_limit; ``files`` maps the submission
    folder's relative paths to their bytes; ``bundle`` is the plugin name.
    Never raises for a problem of the submission (``worker.grade`` turns those
    into notes); a problem of the grader raises, and the coordinator reports it.
    """
    from distributed import get_worker

    worker = get_worker()
    plugin = worker.plugins.get(bundle)
    if plugin is None:
        raise RuntimeError(f"worker {worker.address} has no {bundle} (the coordinator registers it first)")
    base = Path(worker.local_directory) / SCRATCH_NAME
    base.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f"{spec['student']}--{spec['assignment']}-", dir=base))
    started = time.time()
    try:
        # A fresh copy per job: nothing a submission writes can reach the next one.
        with tarfile.open(fileobj=io.BytesIO(plugin.data), mode="r:gz") as tar:
            tar.extractall(scratch / "bundle", filter="data")
        submission = scratch / "submission" / spec["assignment"]
        submission.mkdir(parents=True)
        for name, content in files.items():
            target = submission / _safe_relative(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        (scratch / "spec.json").write_text(json.dumps(dict(spec, submission=str(submission),
                                                           scratch=str(scratch / "job"),
                                                           out=str(scratch / "out"))))
        env = dict(os.environ, PYTHONPATH=str(scratch / "bundle"), PYTHONUNBUFFERED="1")
        # Its own session, so that a signal to the worker's process group does not
        # bypass the runner's clean-up; the runner watches this process and ends
        # its nbgrader and kernel if the worker dies (autograder.remote_job).
        process = subprocess.Popen([sys.executable, "-m", "autograder.remote_job", str(scratch / "spec.json"),
                                    str(os.getpid())],
                                   cwd=scratch / "bundle", env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True, start_new_session=True)
        # worker.grade bounds each nbgrader run by job_timeout; up to three runs and
        # two crash searches make the most a job may take.
        try:
            output, _ = process.communicate(timeout=6 * spec["job_timeout"] + 120)
        except subprocess.TimeoutExpired:
            _kill_tree(process)
            raise RuntimeError(f"the grading runner on {worker.address} did not finish in time") from None
        result_file = scratch / "out" / "result.json"
        if process.returncode != 0 or not result_file.is_file():
            raise RuntimeError(f"the grading runner on {worker.address} failed (exit {process.returncode}): "
                               f"{output.strip()[-800:]}")
        result = json.loads(result_file.read_text())
        notebook = scratch / "out" / "autograded.ipynb"
        result["autograded_bytes"] = notebook.read_bytes() if notebook.is_file() else None
        result["worker"] = worker.address
        result["host"] = socket.gethostname()
        result["worker_seconds"] = round(time.time() - started, 2)
        return result
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
