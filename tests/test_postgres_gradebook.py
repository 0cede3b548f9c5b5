"""A shared gradebook on a real PostgreSQL server: ``db_url`` in nbgrader_config.py selects it.

The test starts PostgreSQL from Debian's package (``.ci/run`` installs
``postgresql``): ``initdb`` and ``pg_ctl`` in a temporary folder, run as the
unprivileged ``postgres`` user when the test runs as root (PostgreSQL refuses
root), listening on 127.0.0.1 and a free port only, with its socket in that
folder. A throw-away course points ``c.CourseDirectory.db_url`` at it
(``postgresql+psycopg://``), the class grader grades three submissions of
assignment 01 (the instructor's answers, a sample bug, the untouched
release), and the rows are read back with plain SQL through psycopg: one
submission per student, each test cell's score as the notebook's points and
the sample's declared failures say. No SQLite gradebook is written. The
server is stopped by ``pg_ctl stop`` and, failing that, by its process id.
"""
import glob
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

from autograder import runner
from autograder.samples import autograded_cells, build_submission, list_samples, solved_notebook
from conftest import ROOT

pytestmark = pytest.mark.slow

ASSIGNMENT = "01_rnn_unrolling"


def _unavailable(reason):
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"PostgreSQL test cannot run in CI: {reason}", pytrace=False)
    pytest.skip(reason)


def postgres_bin():
    """Debian keeps initdb and pg_ctl in /usr/lib/postgresql/<version>/bin, off PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


class PostgresServer:
    """A private PostgreSQL cluster in ``folder``, on 127.0.0.1:``port``."""

    def __init__(self, bindir, folder, port):
        self.bindir, self.folder, self.port = bindir, Path(folder), port
        self.data = self.folder / "data"
        self.user = None
        if os.geteuid() == 0:
            try:
                self.user = pwd.getpwnam("postgres")
            except KeyError:
                _unavailable("running as root and there is no 'postgres' user to run PostgreSQL as")
            os.chown(self.folder, self.user.pw_uid, self.user.pw_gid)

    def run(self, *args, **kwargs):
        kwargs.setdefault("capture_output", True)
        kwargs.setdefault("text", True)
        if self.user is not None:
            kwargs["user"], kwargs["group"] = self.user.pw_uid, self.user.pw_gid
            kwargs["extra_groups"] = []
        result = subprocess.run([str(self.bindir / args[0]), *args[1:]], cwd=self.folder, timeout=120, **kwargs)
        assert result.returncode == 0, f"{args[0]} failed:\n{result.stdout}\n{result.stderr}"
        return result

    def start(self):
        self.run("initdb", "-D", str(self.data), "-U", "grader", "--auth=trust", "--no-sync", "-E", "UTF8")
        options = f"-h 127.0.0.1 -p {self.port} -k {self.folder} -F"
        self.run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "server.log"),
                 "-w", "-t", "60", "start")
        return self

    def pid(self):
        try:
            return int((self.data / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def stop(self):
        pid = self.pid()
        try:
            self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "30", "stop")
        except AssertionError:
            pass
        if pid is not None:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def url(self, database, driver="postgresql+psycopg"):
        return f"{driver}://grader@127.0.0.1:{self.port}/{database}"


def _free_port():
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def postgres(tmp_path_factory):
    bindir = postgres_bin()
    if bindir is None or not (bindir / "pg_ctl").exists():
        _unavailable("PostgreSQL is not installed (Debian: `apt-get install -y postgresql`, as .ci/run does)")
    # not under pytest's tmp folder: that is private to root, and the server runs as postgres
    folder = Path(tempfile.mkdtemp(prefix="course-postgres-"))
    pg = PostgresServer(bindir, folder, _free_port()).start()
    try:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={pg.port} user=grader dbname=postgres", autocommit=True) as conn:
            conn.execute("CREATE DATABASE gradebook")
        yield pg
    finally:
        pg.stop()
        deadline = time.time() + 10
        while pg.pid() is not None and Path(f"/proc/{pg.pid()}").exists() and time.time() < deadline:
            time.sleep(0.2)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def graded(postgres, tmp_path_factory):
    root = tmp_path_factory.mktemp("pgcourse")
    runner.copy_course_packages(root)
    with open(root / "nbgrader_config.py", "a") as config:
        config.write(f"\nc.CourseDirectory.db_url = {postgres.url('gradebook')!r}\n")
    for kind in ("source", "release"):
        shutil.copytree(ROOT / kind / ASSIGNMENT, root / kind / ASSIGNMENT)
    release_nb = nbformat.read(str(ROOT / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"), 4)
    source_nb = nbformat.read(str(ROOT / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"), 4)
    bug = next(s for s in list_samples(ASSIGNMENT) if s.kind == "bug" and s.fails and s.fails != ["*"])
    runner.submit(root, ASSIGNMENT, "solution", solved_notebook(release_nb, source_nb))
    runner.submit(root, ASSIGNMENT, "bug", build_submission(bug, release_nb, source_nb))
    runner.submit(root, ASSIGNMENT, "untouched", release_nb)
    result = subprocess.run(
        [sys.executable, "-m", "autograder.autograde", "--root", str(root), "--jobs", "2", "--no-progress"],
        cwd=ROOT, env=runner.tool_env(), capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    tests = autograded_cells(source_nb)
    full = sum(tests.values())
    expected = {"solution": tests, "untouched": {t: 0.0 for t in tests},
                "bug": {t: (0.0 if t in bug.fails else p) for t, p in tests.items()}}
    return {"root": root, "tests": tests, "expected": expected, "full": full, "stdout": result.stdout}


def test_rows_are_in_postgres(postgres, graded):
    import psycopg

    with psycopg.connect(f"host=127.0.0.1 port={postgres.port} user=grader dbname=gradebook") as conn:
        tables = {row[0] for row in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
        assert {"grade", "submitted_assignment", "student", "assignment"} <= tables, tables
        assignments = [row[0] for row in conn.execute("SELECT name FROM assignment")]
        rows = conn.execute("""
            SELECT student.id, base_cell.name, grade.auto_score
            FROM grade
            JOIN submitted_notebook ON grade.notebook_id = submitted_notebook.id
            JOIN submitted_assignment ON submitted_notebook.assignment_id = submitted_assignment.id
            JOIN student ON submitted_assignment.student_id = student.id
            JOIN base_cell ON grade.cell_id = base_cell.id
        """).fetchall()
    assert assignments == [ASSIGNMENT]
    found = {}
    for student, cell, score in rows:
        found.setdefault(student, {})[cell] = score
    assert set(found) == set(graded["expected"])
    for student, expected in graded["expected"].items():
        got = {cell: found[student].get(cell) for cell in expected}
        assert got == expected, f"{student}: {got} != {expected}\n{graded['stdout'][-2000:]}"


def test_no_sqlite_gradebook_was_written(graded):
    assert not (graded["root"] / "autograder" / "gradebook.db").exists()


def test_feedback_and_report_read_the_same_database(graded):
    page = (graded["root"] / "autograder" / "feedback" / "bug" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    bug_points = sum(graded["expected"]["bug"].values())
    assert f"Tests passed for <b>{bug_points:g} of {graded['full']:g}</b>" in page
