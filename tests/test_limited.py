"""The job launcher (autograder/limited.py) ends every process a job starts, with or without root."""
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT

LAUNCHER = ROOT / "autograder" / "limited.py"
#: A job that leaves a new-session child and a double-forked daemon behind, then exits.
JOB = """
import os, subprocess, sys
marker = sys.argv[1]
sleeper = [sys.executable, "-c", "import time; time.sleep(600)", marker]
subprocess.Popen(sleeper, start_new_session=True, stdin=subprocess.DEVNULL,
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execv(sys.executable, sleeper)
    os._exit(0)
os.wait()
print("started", flush=True)
"""


def _alive(marker):
    found = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                text = cmdline.read()
        except OSError:
            continue
        args = text.split(b"\0")
        if marker.encode() in args and b"import time; time.sleep(600)" in args:      # a sleeper, not the job
            found.append(int(entry))
    return found


def _run(marker, env_extra, job=JOB):
    env = {**os.environ, **env_extra}
    process = subprocess.Popen([sys.executable, str(LAUNCHER), "0", "--", sys.executable, "-c", job, marker],
                               env=env, stdout=subprocess.PIPE, text=True, start_new_session=True)
    return process


MODES = [pytest.param({}, id="as-is")]
if os.geteuid() == 0:
    # COURSE_GRADER_NAMESPACE set means "do not enter a namespace": the launcher is then a subreaper
    MODES.append(pytest.param({"COURSE_GRADER_NAMESPACE": "none"}, id="subreaper"))


@pytest.mark.parametrize("env_extra", MODES)
def test_nothing_a_job_started_survives_it(env_extra):
    marker = f"limited-test-{os.getpid()}-{len(env_extra)}"
    process = _run(marker, env_extra)
    try:
        out, _ = process.communicate(timeout=60)
        assert "started" in out and process.returncode == 0
        survivors = _alive(marker)
        assert not survivors, f"still running after the job ended: {survivors}"
    finally:
        _kill(marker, process)


@pytest.mark.parametrize("env_extra", MODES)
def test_stopping_the_launcher_ends_the_job_and_what_it_started(env_extra):
    """SIGTERM to a running job (a timeout, an interrupted grader) ends everything below it."""
    marker = f"limited-stop-{os.getpid()}-{len(env_extra)}"
    process = _run(marker, env_extra, job=JOB + "\nimport time\ntime.sleep(600)\n")
    try:
        deadline = time.time() + 30
        while len(_alive(marker)) < 2 and time.time() < deadline:
            time.sleep(0.1)
        assert len(_alive(marker)) == 2, "the job did not start its two sleepers"
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        time.sleep(0.5)
        survivors = _alive(marker)
        assert not survivors, f"still running after the launcher was stopped: {survivors}"
    finally:
        _kill(marker, process)


def _kill(marker, process):
    """Whatever the outcome, leave nothing running for the next test."""
    for pid in _alive(marker):
        os.kill(pid, signal.SIGKILL)
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()
