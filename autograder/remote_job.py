"""Grade one submission inside an unpacked course bundle (what a Dask worker runs).

    python -m autograder.remote_job SPEC.json PARENT_PID

``autograder.dask_task`` unpacks the coordinator's bundle (this package,
``nbgrader_config.py``, ``pristine/``, ``release/``, ``templates/``) into a
scratch folder, writes the submission's files and ``SPEC.json`` beside it, and
starts this module there. It grades with ``autograder.worker.grade``, exactly
as the local pool does, and writes ``result.json`` and the autograded notebook
into the spec's ``out`` folder.

If the worker that started it dies (its process is killed, its node is lost),
this process notices within a second, ends nbgrader and the grading kernel it
started, and exits: a lost worker leaves nothing running.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BUNDLE = Path(__file__).resolve().parent.parent
# The verifier judges with the coordinator's own course and grading code, the one the bundle carries
# (the worker's environment may hold another version of the course).
sys.path.insert(0, str(BUNDLE / "pristine" / "pkgs"))
os.environ.setdefault("COURSE_DATA_DIR", str(BUNDLE / "pristine" / "data"))      # where that course's data is


def watch_parent(parent_pid):
    """End this job's process tree when ``parent_pid`` is no longer our parent."""
    def watch():
        while True:
            if os.getppid() != parent_pid:
                import psutil

                for child in psutil.Process().children(recursive=True):
                    try:
                        child.kill()
                    except psutil.Error:
                        pass
                os._exit(3)
            time.sleep(0.5)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def isolation_available(scratch):
    """Whether this worker can make the course read-only for a job (the same probe as the coordinator's)."""
    with tempfile.TemporaryDirectory(dir=scratch) as folder:
        probe = Path(folder) / "probe"
        subprocess.run([sys.executable, str(BUNDLE / "autograder" / "limited.py"), "0", "--protect", folder,
                        "--", "sh", "-c", f"touch {probe} 2>/dev/null"], capture_output=True)
        return not probe.exists()


def environment_checkout():
    """The course checkout this worker's Python environment lives in, if any (``<checkout>/.venv``)."""
    candidate = Path(sys.prefix).resolve().parent
    return candidate if (candidate / "nbgrader_config.py").is_file() and (candidate / "course").is_dir() else None


def snapshot(folders):
    return {path: path.read_bytes() for folder in folders if folder.is_dir()
            for path in folder.rglob("*") if path.is_file() and "__pycache__" not in path.parts}


def restore(before, folders):
    """Put back what a job changed in ``folders``; returns the paths restored."""
    restored = []
    for path, content in before.items():
        if not path.is_file() or path.read_bytes() != content:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            restored.append(str(path))
    return restored


def main(spec_path, parent_pid):
    watch_parent(parent_pid)
    spec = json.loads(Path(spec_path).read_text())
    from autograder.worker import Job, grade

    out = Path(spec["out"])
    out.mkdir(parents=True, exist_ok=True)
    Path(spec["scratch"]).parent.mkdir(parents=True, exist_ok=True)
    checkout = environment_checkout()
    # A kernel can find the environment's checkout (sys.executable's parents) and the
    # bundle; where the mount namespace is not available, the checkout's course/ and
    # data/ are put back after the job instead, as the coordinator does at home.
    guarded = [checkout / "course", checkout / "grading", checkout / "data"] if checkout else []
    protect, hide, show = (), (), ()
    if isolation_available(Path(spec["scratch"]).parent):
        protect = (str(BUNDLE), str(Path(sys.prefix).resolve())) + ((str(checkout),) if checkout else ())
        # the bundle holds the stored cases the verifier reads, the checkout the instructor's own
        hide = (BUNDLE,) + ((checkout,) if checkout else ())
        environment = Path(sys.prefix).resolve()
        show = tuple(p for p in (environment,) if any(environment.is_relative_to(h) for h in hide))
    before = snapshot(guarded) if not protect else {}
    job = Job(student=spec["student"], assignment=spec["assignment"], submission=Path(spec["submission"]),
              release=BUNDLE / "release" / spec["assignment"] / f"{spec['assignment']}.ipynb",
              template_db=BUNDLE / "templates" / spec["template"], pristine=BUNDLE / "pristine",
              scratch=Path(spec["scratch"]), config=BUNDLE / "nbgrader_config.py", protect=protect, hide=hide, show=show,
              cell_timeout=spec["cell_timeout"], job_timeout=spec["job_timeout"],
              memory_limit=spec["memory_limit"])
    result = grade(job)
    tampered = restore(before, guarded)
    if tampered:
        result["notes"].append("files of the worker's course checkout changed on disk while this submission "
                               f"was graded and were restored: {', '.join(tampered[:5])}")
    if result.get("autograded"):
        shutil.copy(result["autograded"], out / "autograded.ipynb")
    result["autograded"] = None
    result["isolated"] = bool(protect)
    (out / "result.json").write_text(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
