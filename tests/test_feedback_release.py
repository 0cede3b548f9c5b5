"""Feedback after manual grading through nbgrader's real exchange (``make feedback``), and ``make export``.

A throw-away course with its own exchange folder: ``nbgrader
release_assignment``; two students fetch it and hand in the instructor's
answers with ``nbgrader submit`` (the exchange stamps the time), one before
the due date and one after it; ``nbgrader collect``; the class grader grades
both. The instructor then scores the written answer of one student, with a
comment, the way the formgrader saves it (nbgrader's Gradebook API), and
``python -m autograder.feedback_pages -s`` rebuilds that student's page only
and releases it with ``nbgrader release_feedback``; ``nbgrader
fetch_feedback`` gets it back on the student's side. Checked: the manual
score and comment reach the page, the total counts them, the late student
loses the configured share of the points, grading one student again keeps the
manual score, and no page shows hidden test code. A third student hands in
a sample bug on time; ``python -m autograder.export`` then writes nbgrader's
CSV, the LMS CSV (one row per student, the id column as asked) and the class
report, whose failure shares and messages must match the sample's declared
failures.
"""
import csv
import datetime
import re
import shutil
import subprocess
import sys
import time

import nbformat
import pytest

from autograder import runner
from autograder.samples import autograded_cells, build_submission, list_samples, solved_notebook
from conftest import ROOT

pytestmark = pytest.mark.slow

ASSIGNMENT = "01_rnn_unrolling"
WRITTEN = "q_weight_sharing"


def hidden_test_lines(source_nb):
    """Lines (long enough to be unambiguous) found only between the hidden-test markers."""
    lines = []
    for cell in source_nb.cells:
        if "### BEGIN HIDDEN TESTS" in cell.source:
            block = cell.source.split("### BEGIN HIDDEN TESTS")[1].split("### END HIDDEN TESTS")[0]
            lines += [line.strip() for line in block.splitlines() if len(line.strip()) > 25]
    return lines


def make_course(folder, exchange):
    runner.copy_course_packages(folder)
    for kind in ("source", "release"):
        shutil.copytree(ROOT / kind / ASSIGNMENT, folder / kind / ASSIGNMENT)
    (folder / "autograder").mkdir()
    exchange.mkdir()
    return folder


def nbgrader_in(folder, exchange, *args):
    """``nbgrader ARGS`` in ``folder`` with the test's exchange (as a student: no course config there)."""
    return runner.nbgrader(folder, *args, f"--Exchange.root={exchange}",
                           "--CourseDirectory.course_id=rnn-lstm-hands-on")


def submit_as(home, exchange, student, notebook):
    home.mkdir()
    nbgrader_in(home, exchange, "fetch_assignment", ASSIGNMENT)
    nbformat.write(notebook, str(home / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"))
    nbgrader_in(home, exchange, "submit", ASSIGNMENT, f"--student={student}")


def grade_class(root, *extra):
    result = subprocess.run(
        [sys.executable, "-m", "autograder.autograde", "--root", str(root), "--jobs", "2", "--no-progress", *extra],
        cwd=ROOT, env=runner.tool_env(), capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def feedback_pages(root, exchange, *extra):
    """``make feedback``; the course's nbgrader_config.py takes the exchange from COURSE_EXCHANGE_ROOT."""
    result = subprocess.run([sys.executable, "-m", "autograder.feedback_pages", "--root", str(root), *extra],
                            cwd=ROOT, env=runner.tool_env({"COURSE_EXCHANGE_ROOT": str(exchange)}),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    base = tmp_path_factory.mktemp("feedback")
    exchange = base / "exchange"
    root = make_course(base / "course", exchange)
    release_nb = nbformat.read(str(ROOT / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"), 4)
    source_nb = nbformat.read(str(ROOT / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"), 4)
    solved = solved_notebook(release_nb, source_nb)
    bug = next(s for s in list_samples(ASSIGNMENT) if s.kind == "bug" and s.fails and s.fails != ["*"])
    nbgrader_in(root, exchange, "release_assignment", ASSIGNMENT)
    submit_as(base / "ontime", exchange, "ontime", solved)
    submit_as(base / "buggy", exchange, "buggy", build_submission(bug, release_nb, source_nb))
    # the due date falls between the two hand-ins, so the exchange's own timestamps decide
    time.sleep(1.1)
    due = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f UTC")
    with open(root / "nbgrader_config.py", "a") as config:
        config.write(f"\nc.CourseDeadlines.due = {{{ASSIGNMENT!r}: {due!r}}}\n"
                     "c.CourseDeadlines.penalty_per_day = 0.25\n")
    time.sleep(1.1)
    submit_as(base / "late", exchange, "late", solved)
    nbgrader_in(root, exchange, "collect", ASSIGNMENT)
    grade_class(root)
    return {"root": root, "exchange": exchange, "base": base, "source_nb": source_nb,
            "tests": autograded_cells(source_nb), "bug": bug}


def page(course, student):
    return (course["root"] / "autograder" / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()


def give_manual_score(root, student, score, comment):
    """What the formgrader does when an instructor types a score and a comment (nbgrader's API)."""
    from autograder.courseconfig import db_url
    from nbgrader.api import Gradebook

    with Gradebook(db_url(root)) as gradebook:
        grade = gradebook.find_grade(WRITTEN, ASSIGNMENT, ASSIGNMENT, student)
        grade.manual_score = score
        grade.needs_manual_grade = False
        gradebook.find_comment(WRITTEN, ASSIGNMENT, ASSIGNMENT, student).manual_comment = comment
        gradebook.db.commit()
        return float(grade.max_score)


def test_collect_brought_the_exchange_files(course):
    for student in ("ontime", "late", "buggy"):
        folder = course["root"] / "autograder" / "submitted" / student / ASSIGNMENT
        assert (folder / "timestamp.txt").is_file() and (folder / "submission_secret.txt").is_file()


def test_late_submission_loses_the_configured_share(course):
    full = sum(course["tests"].values())
    assert "late penalty" not in page(course, "ontime")
    late = page(course, "late")
    assert f"{0.25 * full:g} points</b> late penalty" in late, late
    from autograder.courseconfig import db_url
    from nbgrader.api import Gradebook

    with Gradebook(db_url(course["root"])) as gradebook:
        ontime = gradebook.find_submission(ASSIGNMENT, "ontime")
        late_sub = gradebook.find_submission(ASSIGNMENT, "late")
        assert ontime.total_seconds_late == 0 and ontime.late_submission_penalty in (0, None)
        assert 0 < late_sub.total_seconds_late < 600
        assert late_sub.late_submission_penalty == pytest.approx(0.25 * full)
        assert gradebook.find_assignment(ASSIGNMENT).duedate is not None


def test_manual_score_reaches_one_students_page_and_the_exchange(course):
    root, exchange = course["root"], course["exchange"]
    assert "waiting for the instructor" in page(course, "ontime")
    late_before = page(course, "late")
    max_written = give_manual_score(root, "ontime", 1.5, "Right: one set of weights, reused at every step.")
    feedback_pages(root, exchange, "-s", "ontime", "--release")
    text = page(course, "ontime")
    assert "waiting for the instructor" not in text
    assert f"{WRITTEN}</b>: 1.5 / {max_written:g}" in text
    assert "one set of weights, reused at every step." in text
    full = sum(course["tests"].values())
    assert f"Total: <b>{full + 1.5:g} of {full + max_written:g}</b>" in text
    assert page(course, "late") == late_before, "-s ontime must leave the other student's page alone"
    released = list((exchange / "rnn-lstm-hands-on" / "feedback").glob("*.html"))
    assert len(released) == 1
    nbgrader_in(course["base"] / "ontime", exchange, "fetch_feedback", ASSIGNMENT, "--student=ontime")
    fetched = list((course["base"] / "ontime" / ASSIGNMENT / "feedback").rglob(f"{ASSIGNMENT}.html"))
    assert len(fetched) == 1 and fetched[0].read_text() == text


def test_grading_one_student_again_keeps_the_manual_score(course):
    root = course["root"]
    give_manual_score(root, "ontime", 2.0, "Regraded comment.")
    late_before = page(course, "late")
    grade_class(root, "-s", "ontime", "--force")
    assert page(course, "late") == late_before
    text = page(course, "ontime")
    assert f"{WRITTEN}</b>: 2 / " in text and "Regraded comment." in text


def test_the_late_penalty_follows_the_manual_score(course):
    root = course["root"]
    give_manual_score(root, "late", 2.0, "Good, but late.")
    feedback_pages(root, course["exchange"], "-s", "late")
    full = sum(course["tests"].values())
    assert f"{0.25 * (full + 2.0):g} points</b> late penalty" in page(course, "late")


def test_no_page_shows_hidden_test_code(course):
    hidden = hidden_test_lines(course["source_nb"])
    assert hidden, "the source notebook should have hidden tests"
    for student in ("ontime", "late", "buggy"):
        text = page(course, student)
        assert "HIDDEN TESTS" not in text and "Traceback" not in text
        assert not [line for line in hidden if line in text], student


def export(course, *extra):
    result = subprocess.run([sys.executable, "-m", "autograder.export", "--root", str(course["root"]), *extra],
                            cwd=ROOT, env=runner.tool_env(), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def test_export_writes_nbgrader_and_lms_csvs(course):
    export(course, "--id-column", "SIS Login ID", "--points-row")
    folder = course["root"] / "autograder"
    with open(folder / "nbgrader_grades.csv", newline="") as f:
        nbgrader_rows = {r["student_id"]: r for r in csv.DictReader(f)}
    assert set(nbgrader_rows) == {"ontime", "late", "buggy"}
    with open(folder / "lms_grades.csv", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["SIS Login ID", ASSIGNMENT]
    full = sum(course["tests"].values())
    written = float(next(c.metadata["nbgrader"]["points"] for c in course["source_nb"].cells
                         if c.metadata.get("nbgrader", {}).get("grade_id") == WRITTEN))
    assert rows[1] == ["Points Possible", f"{full + written:g}"]
    scores = {r[0]: float(r[1]) for r in rows[2:]}
    lost = sum(course["tests"][t] for t in course["bug"].fails)
    # ontime, late: full tests + the manual 2.0 given above; late loses a quarter of that
    assert scores == {"ontime": full + 2.0, "late": 0.75 * (full + 2.0), "buggy": full - lost}
    for student, score in scores.items():
        assert float(nbgrader_rows[student]["score"]) == pytest.approx(score)


def test_class_report_shows_pictures_and_the_failing_tests(course):
    export(course)
    text = (course["root"] / "autograder" / "report.html").read_text()
    assert text.count("src='data:image/png;base64,") == 2   # a score histogram and a failure chart
    for grade_id in course["tests"]:
        row = text.split(f"<tr><td>{grade_id}</td>")[1].split("</tr>")[0]
        if grade_id in course["bug"].fails:
            # the share of the class, and the failure message the most of them got
            assert "33% (1 of 3)" in row and re.search(r"class='msg'>\w+: [^<]{10,}", row), row
        else:
            assert "0% (0 of 3)" in row, row
    hidden = hidden_test_lines(course["source_nb"])
    assert not [line for line in hidden if line in text]
