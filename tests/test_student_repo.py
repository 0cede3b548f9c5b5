"""What students receive (``make student-repo``): nothing that gives an answer away, and it installs and runs."""
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import nbformat
import pytest

from conftest import ROOT
from tools import leaks, student_repo

#: Lines with fewer operations than this are too common to say anything
#: (`for t in range(T):`, `N, T, D = X.shape`, `h, c = h0, c0`).
SIGNIFICANT_OPERATIONS = 2


def _significant(line):
    """A line of code with at least two operations (calls, arithmetic, indexing)."""
    import ast

    code = line.strip().rstrip(",")
    for candidate in (code, code + " pass", code.removeprefix("return ").removeprefix("elif ").removeprefix("if ")):
        try:
            return leaks._operations(ast.parse(candidate)) >= SIGNIFICANT_OPERATIONS
        except SyntaxError:
            continue
    return len(code) > 40          # a fragment of a longer statement: keep it if it is long


@pytest.fixture(scope="module")
def student(tmp_path_factory):
    return student_repo.build(tmp_path_factory.mktemp("student") / "student")


def _text_files(folder):
    """``(path, text)`` of every text file; a notebook's text is its cells' sources."""
    for path in folder.rglob("*"):
        if path.suffix == ".ipynb":
            yield path, "\n".join(c.source for c in nbformat.read(str(path), as_version=4).cells)
        elif path.is_file() and path.suffix in (".py", ".md", ".txt", ".yml", ".toml", ".json", ""):
            yield path, path.read_text(encoding="utf-8", errors="replace")


def _marked_lines(begin, end, significant=True):
    """Lines between ``### BEGIN X`` and ``### END X`` in every source notebook (significant ones only)."""
    found = set()
    for path in (ROOT / "source").glob("*/*.ipynb"):
        for cell in nbformat.read(str(path), as_version=4).cells:
            inside = False
            for line in cell.source.splitlines():
                if line.strip() == begin:
                    inside = True
                elif line.strip() == end:
                    inside = False
                elif inside and not line.strip().startswith("#") and (_significant(line) or not significant):
                    found.add(line.strip())
    return found


def test_it_holds_what_students_need_and_nothing_else(student):
    names = sorted(p.name for p in student.iterdir())
    for needed in ("release", "course", "data", "tools", "README.md", "Makefile", "requirements.txt",
                   "environment.yml", "pyproject.toml"):
        assert needed in names, f"the student repository has no {needed}"
    for absent in ("source", "grading", "autograder", "tests", "bench"):
        assert absent not in names, f"the student repository holds {absent}/"
    assert not list(student.rglob("*samples*")), "the student repository holds sample submissions"
    assert "grading" not in (student / "pyproject.toml").read_text(), "the student package lists `grading`"
    for pin in ("pytest", "playwright"):
        assert pin not in (student / "requirements.txt").read_text(), f"students get the developers' pin {pin}"


def test_no_solution_or_hidden_test_line_is_in_it(student):
    solutions = _marked_lines("### BEGIN SOLUTION", "### END SOLUTION")
    # every hidden line counts: each is one call naming its test cell
    hidden = _marked_lines("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS", significant=False)
    assert solutions and hidden, "no solution or hidden-test line found in source/: the check would prove nothing"
    problems = []
    for path, text in _text_files(student):
        lines = {line.strip() for line in text.splitlines()}
        for line in sorted((solutions | hidden) & lines):
            problems.append(f"{path.relative_to(student)}: {line!r}")
        for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "grading.run("):
            if marker in text:
                problems.append(f"{path.relative_to(student)} contains {marker!r}")
    assert not problems, "\n".join(problems)


def test_no_reference_solution_in_its_package(student):
    found = [(w, t) for w, src in leaks.student_readable(student) if w.startswith("course")
             for t in [t for k, t in leaks.fingerprints(src).items() if k in leaks.solution_fingerprints(ROOT)]]
    assert not found, found


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_it_installs_and_starts_jupyterlab(student):
    """The plain-Python install (what `make install` runs), then `make install` again and `make lab`."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    subprocess.run([_system_python(), "tools/install.py"], cwd=student, env=env, check=True, timeout=1500)
    venv_python = student / ".venv" / "bin" / "python"
    check = subprocess.run([str(venv_python), "-c", "import course, course.exercises; import grading"],
                           cwd="/", env=env, capture_output=True, text=True)
    assert "No module named 'grading'" in check.stderr, "the students' environment can import `grading`"
    subprocess.run(["make", "install"], cwd=student, env=env, check=True, timeout=600, capture_output=True)
    port = _free_port()
    lab = subprocess.Popen(["make", "lab", f"PORT={port}", "PYTHON=" + _system_python(), "LAB_ARGS=--no-browser"],
                           cwd=student,
                           env={**env, "JUPYTER_TOKEN": "student-repo-test"}, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline, status = time.time() + 120, None
        while time.time() < deadline and status is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token=student-repo-test",
                                            timeout=5) as response:
                    status = response.status
            except OSError:
                assert lab.poll() is None, "make lab exited"
                time.sleep(1)
        assert status == 200, "JupyterLab started by `make lab` did not answer"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents/01_rnn_unrolling?token=student-repo-test",
                                    timeout=10) as response:
            assert b"01_rnn_unrolling.ipynb" in response.read(), "JupyterLab does not serve release/"
    finally:
        for sig, wait in ((signal.SIGTERM, 30), (signal.SIGKILL, None)):
            try:
                os.killpg(lab.pid, sig)
                lab.wait(timeout=wait)
                break
            except ProcessLookupError:
                break
            except subprocess.TimeoutExpired:
                continue


def _system_python():
    """The interpreter that made the course's venv (students start from a plain Python)."""
    import sysconfig

    base = getattr(sys, "_base_executable", None) or sys.executable
    return base if os.path.exists(base) else sysconfig.get_config_var("BINDIR") + "/python3"
