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


@pytest.mark.skipif(os.geteuid() != 0, reason="private mount namespaces need root")
def test_a_hidden_folder_is_empty_but_for_what_is_shown(tmp_path):
    """--hide covers the course root; --show (the environment) and --writable (the job) stay inside it."""
    course = tmp_path / "course"
    for folder in ("grading", "env/bin", "job"):
        (course / folder).mkdir(parents=True)
    (course / "grading" / "answers.json").write_text("the hidden answers")
    (course / "env" / "bin" / "tool").write_text("the environment")
    probe = (f"import os; p = {str(course)!r}\n"
             "print(sorted(os.listdir(p)), os.path.exists(p + '/grading/answers.json'),\n"
             "      open(p + '/env/bin/tool').read())\n"
             "open(p + '/job/out', 'w').write('written')\n"
             "try:\n    open(p + '/env/bin/tool', 'w')\nexcept OSError as err:\n    print('read-only', err.errno)\n")
    result = subprocess.run([sys.executable, str(LAUNCHER), "0", "--protect", str(course), "--hide", str(course),
                             "--show", str(course / "env"), "--writable", str(course / "job"), "--",
                             sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "['env', 'job'] False the environment", lines
    assert lines[1].startswith("read-only"), lines
    assert (course / "job" / "out").read_text() == "written"
    assert (course / "grading" / "answers.json").read_text() == "the hidden answers"      # hidden, not touched


def test_an_unknown_option_is_named():
    result = subprocess.run([sys.executable, str(LAUNCHER), "0", "--hidden", "/tmp", "--", "true"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "unknown option '--hidden'" in result.stderr
