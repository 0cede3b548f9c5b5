"""A whole graded class on the course hub, in a real browser: ``make test-hub``.

The hub of ``deploy/hub/`` runs on a free loopback port (demo accounts, its
state, the users' homes and nbgrader's exchange in a temporary folder; the
course folder is a copy holding assignment 01). Chromium (Debian's, through
Playwright, as in ``tests/browser/``) plays four people:

1. the instructor releases ``01_rnn_unrolling`` to the exchange
   (``nbgrader release_assignment``, as an instructor types it);
2. three students log in, open *Nbgrader > Assignment List* in JupyterLab,
   press *Fetch*, and press *Submit*: ``ada`` with the instructor's answers,
   ``ben`` with a sample bug from ``autograder/samples/``, ``cai`` untouched
   (the answers are written into the fetched notebook on disk before Submit:
   typing code is not what is tested here);
3. the instructor collects (``nbgrader collect``) into
   ``autograder/submitted/``, runs ``make autograde``, logs in, opens the
   formgrader service and types a score and a comment for ada's written
   answer; ``make feedback ARGS=--release`` rebuilds the pages from the
   gradebook and releases them;
4. each student presses *Fetch Feedback* and opens the page: the points and
   messages are the ones their submission earns (counted from the notebook's
   points and the sample's declared failures, not from the grader), ada's
   manual score and comment are there, and no line of the hidden tests;
5. the instructor's Course List finds the formgrader service (the hub's
   roles) and its panel shows inside the service's JupyterLab (its
   frame-ancestors setting);
6. a student gets 403/404 for the formgrader and for another student's files.

Everything is stopped by process id at the end (``hubsession``), and the
last test checks nothing is left. Screenshots, the hub's log and the time of
each step go to ``artifacts/hub/``.
"""
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))

from conftest import ROOT  # noqa: E402
from hubsession import CourseHub  # noqa: E402
from labsession import CHROMIUM, launch_chromium  # noqa: E402

from autograder import runner  # noqa: E402
from autograder.samples import autograded_cells, build_submission, list_samples, solved_notebook  # noqa: E402

pytestmark = pytest.mark.slow

ASSIGNMENT = "01_rnn_unrolling"
COURSE_ID = "rnn-lstm-hands-on"
WRITTEN = "q_weight_sharing"
INSTRUCTOR = "teacher"
STUDENTS = ("ada", "ben", "cai")
PASSWORD = "hub-test-password"
ARTIFACTS = ROOT / "artifacts" / "hub"
TIMEOUT_MS = 120_000
TIMINGS = []


def _unavailable(reason):
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"hub test cannot run in CI: {reason}", pytrace=False)
    pytest.skip(reason)


class step:
    """Time one step of the loop into artifacts/hub/timings.txt."""

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        self.start = time.time()

    def __exit__(self, *exc):
        seconds = time.time() - self.start
        TIMINGS.append((self.name, seconds, "ok" if exc[0] is None else "FAILED"))
        with open(ARTIFACTS / "timings.txt", "a", encoding="utf-8") as out:
            out.write(f"{seconds:7.1f} s  {self.name}{'' if exc[0] is None else '  (failed)'}\n")


def hidden_test_lines(source_nb):
    lines = []
    for cell in source_nb.cells:
        if "### BEGIN HIDDEN TESTS" in cell.source:
            block = cell.source.split("### BEGIN HIDDEN TESTS")[1].split("### END HIDDEN TESTS")[0]
            lines += [line.strip() for line in block.splitlines() if len(line.strip()) > 25]
    return lines


def make_course(folder):
    runner.copy_course_packages(folder)
    for kind in ("source", "release"):
        shutil.copytree(ROOT / kind / ASSIGNMENT, folder / kind / ASSIGNMENT)
    (folder / "autograder").mkdir()
    return folder


@pytest.fixture(scope="module")
def loop(tmp_path_factory):
    """The hub running, Chromium open, and what every step needs to know."""
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} not found: install Debian's chromium (`apt-get install -y chromium`)")
    proxy = ROOT / "deploy" / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"
    if not proxy.exists():
        _unavailable(f"{proxy} is missing: run `make hub-install`")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("*.png"):
        old.unlink()
    (ARTIFACTS / "timings.txt").write_text("")
    base = tmp_path_factory.mktemp("hub")
    course = make_course(base / "course")
    roster = base / "roster.txt"
    roster.write_text(f"instructor {INSTRUCTOR}\n" + "".join(f"student {s}\n" for s in STUDENTS))
    hub = CourseHub(course, base / "state", roster, base / "exchange", ARTIFACTS / "hub.log", PASSWORD)

    release_nb = nbformat.read(str(ROOT / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"), 4)
    source_nb = nbformat.read(str(ROOT / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"), 4)
    bugs = [s for s in list_samples(ASSIGNMENT) if s.kind == "bug" and s.fails and s.fails != ["*"]]
    assert bugs, f"autograder/samples/{ASSIGNMENT}/ has no bug sample"
    bug = next((s for s in bugs if s.name == "bug-rnn-step-no-tanh"), bugs[0])
    tests = autograded_cells(source_nb)
    written_points = float(next(c.metadata["nbgrader"]["points"] for c in source_nb.cells
                                if c.metadata.get("nbgrader", {}).get("grade_id") == WRITTEN))
    state = {
        "hub": hub, "course": course, "base": base, "tests": tests, "full": sum(tests.values()),
        "written_points": written_points, "hidden": hidden_test_lines(source_nb), "bug": bug,
        "notebooks": {"ada": solved_notebook(release_nb, source_nb),
                      "ben": build_submission(bug, release_nb, source_nb), "cai": release_nb},
        "pages": {},
    }
    with step("hub start (proxy, hub, formgrader service)"):
        hub.start()
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            state["browser"] = browser
            try:
                yield state
            finally:
                for page in state["pages"].values():
                    page.context.close()
                browser.close()
    finally:
        hub.stop()   # already done by the last test unless an earlier one failed


def instructor_env(state):
    return runner.tool_env({"COURSE_EXCHANGE_ROOT": str(state["base"] / "exchange")})


def instructor_runs(state, *command, timeout=900):
    """A command the instructor types in the course folder (nbgrader, make)."""
    result = subprocess.run(list(command), cwd=state["course"], env=instructor_env(state),
                            capture_output=True, text=True, timeout=timeout)
    log = ARTIFACTS / "instructor.log"
    with open(log, "a", encoding="utf-8") as out:
        out.write(f"$ {' '.join(command)}\n{result.stdout}\n{result.stderr}\n")
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


def nbgrader(state, *args):
    return instructor_runs(state, sys.executable, *runner.NBGRADER_ARGS, *args)


def shot(page, name):
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def log_in(state, user):
    """A fresh browser context for ``user``, logged in through the hub's login form."""
    context = state["browser"].new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(state["hub"].url + "/hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit")
    # logged in once the hub has set its cookie and sent the browser on (to the user's server)
    page.wait_for_url(lambda url: "/hub/login" not in url, timeout=TIMEOUT_MS)
    state["pages"][user] = page
    return page


def open_lab(state, user):
    page = state["pages"][user]
    page.goto(f"{state['hub'].url}/user/{user}/lab")
    page.wait_for_selector(".lm-MenuBar-itemLabel:text-is('Nbgrader')", timeout=TIMEOUT_MS)
    return page


def open_assignment_list(page):
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
    page.locator(".lm-Menu-itemLabel", has_text="Assignment List").click()
    page.wait_for_selector("#released_assignments_list", timeout=TIMEOUT_MS)
    return page


def assignment_row(page, section):
    return page.locator(f"#{section}_assignments_list .list_item:not(.nested_list_item)", has_text=ASSIGNMENT)


# -- the loop -------------------------------------------------------------------------

def test_students_fetch_and_submit_in_the_assignment_list(loop):
    with step("instructor: nbgrader release_assignment"):
        nbgrader(loop, "release_assignment", ASSIGNMENT)
    for student in STUDENTS:
        with step(f"{student}: log in, server starts, JupyterLab loads"):
            log_in(loop, student)
            page = open_lab(loop, student)
        with step(f"{student}: Fetch in the Assignment List"):
            open_assignment_list(page)
            row = assignment_row(page, "released")
            row.wait_for(timeout=TIMEOUT_MS)
            if student == STUDENTS[0]:
                shot(page, "01_student_assignment_list_released")
            row.locator("button", has_text="Fetch").click()
            assignment_row(page, "fetched").wait_for(timeout=TIMEOUT_MS)
            fetched = loop["hub"].home(student) / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
            assert fetched.is_file(), f"Fetch did not put {fetched} in {student}'s home"
        with step(f"{student}: Submit"):
            nbformat.write(loop["notebooks"][student], str(fetched))
            assignment_row(page, "fetched").locator("button", has_text="Submit").click()
            assignment_row(page, "submitted").wait_for(timeout=TIMEOUT_MS)
            if student == STUDENTS[0]:
                shot(page, "02_student_submitted")
    inbound = sorted(p.name.split("+")[0] for p in (loop["base"] / "exchange" / COURSE_ID / "inbound").iterdir())
    assert inbound == sorted(STUDENTS), f"the exchange holds submissions of {inbound}"


def test_instructor_collects_grades_and_scores_the_written_answer(loop):
    course = loop["course"]
    with step("instructor: nbgrader collect"):
        nbgrader(loop, "collect", ASSIGNMENT)
        for student in STUDENTS:
            assert (course / "autograder" / "submitted" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file()
    with step("instructor: make autograde (the class grader, 3 submissions)"):
        instructor_runs(loop, "make", "-C", str(ROOT), "--no-print-directory", "autograde", "JOBS=2",
                        f"ARGS=--root {course} --no-progress")
    with step("instructor: log in, open the formgrader service"):
        page = log_in(loop, INSTRUCTOR)
        formgrader = f"{loop['hub'].url}/services/{COURSE_ID}/formgrader"
        response = page.goto(f"{formgrader}/gradebook/{ASSIGNMENT}/{ASSIGNMENT}")
        assert response.status == 200, f"the formgrader answered {response.status} to the instructor"
        page.wait_for_selector("text=Submission", timeout=TIMEOUT_MS)
        shot(page, "03_formgrader_submissions")
        # the submission ids, from the formgrader's own API with the instructor's cookies
        api = page.request.get(f"{formgrader}/api/submitted_notebooks/{ASSIGNMENT}/{ASSIGNMENT}")
        assert api.ok, f"formgrader API answered {api.status}"
        submissions = api.json()
        ada = next(s for s in submissions if s["student"] == "ada")
    with step("instructor: score and comment ada's written answer in the formgrader"):
        page.goto(f"{formgrader}/submissions/{ada['id']}/")
        # the page binds its inputs once it has loaded the grades and comments
        page.wait_for_load_state("networkidle")
        score = page.locator(f"input.score#{WRITTEN}")
        comment = page.locator(f"textarea#{WRITTEN}-comment")
        # typed, then the focus leaves the field: the browser's change event saves it
        score.click()
        score.fill("1.5")
        comment.click()
        comment.fill("Right: one set of weights, reused at every step.")
        score.click()
        page.wait_for_load_state("networkidle")
        shot(page, "04_formgrader_manual_score")
        from autograder.courseconfig import db_url
        from nbgrader.api import Gradebook

        deadline = time.time() + 30
        while True:
            with Gradebook(db_url(course)) as gradebook:
                grade = gradebook.find_grade(WRITTEN, ASSIGNMENT, ASSIGNMENT, "ada")
                comment_text = gradebook.find_comment(WRITTEN, ASSIGNMENT, ASSIGNMENT, "ada").manual_comment
                saved = grade.manual_score == 1.5 and comment_text and "reused at every step" in comment_text
            if saved or time.time() > deadline:
                break
            time.sleep(0.5)
        assert saved, "the formgrader did not save the score and comment into the gradebook"
    with step("instructor: make feedback ARGS=--release (pages from the gradebook, nbgrader release_feedback)"):
        instructor_runs(loop, "make", "-C", str(ROOT), "--no-print-directory", "feedback",
                        f"ARGS=--root {course} --release")
    released = list((loop["base"] / "exchange" / COURSE_ID / "feedback").glob("*.html"))
    assert len(released) == len(STUDENTS)


def test_instructor_course_list_and_formgrader_panel(loop):
    """The hub's roles let the Course List find the service, and the service's CSP lets its panel show."""
    with step("instructor: Course List in JupyterLab finds the formgrader service"):
        page = open_lab(loop, INSTRUCTOR)
        page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
        page.locator(".lm-Menu-itemLabel", has_text="Course List").click()
        link = page.locator(f"#nbgrader-course-list a[href*='/services/{COURSE_ID}']")
        link.first.wait_for(timeout=TIMEOUT_MS)
        shot(page, "08_instructor_course_list")
    with step("instructor: the formgrader panel inside the service's JupyterLab"):
        page.goto(f"{loop['hub'].url}/services/{COURSE_ID}/lab")
        page.wait_for_selector(".lm-MenuBar-itemLabel:text-is('Nbgrader')", timeout=TIMEOUT_MS)
        page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
        page.locator(".lm-Menu-itemLabel", has_text="Formgrader").first.click()
        # blank when the frame is refused (JupyterHub 4.1+ sends frame-ancestors 'none' by default)
        page.frame_locator("iframe").locator("text=Manage Assignments").first.wait_for(timeout=TIMEOUT_MS)
        shot(page, "09_formgrader_panel_in_jupyterlab")


def expected_points(loop, student):
    """What the student's tests are worth: all, all but the sample's declared failures, or none."""
    if student == "ada":
        return loop["full"]
    if student == "ben":
        return loop["full"] - sum(loop["tests"][t] for t in loop["bug"].fails)
    return 0.0


def test_students_fetch_their_feedback(loop):
    for student in STUDENTS:
        page = loop["pages"][student]
        with step(f"{student}: Fetch Feedback in the Assignment List, open the page"):
            open_lab(loop, student)
            open_assignment_list(page)
            row = assignment_row(page, "submitted")
            row.wait_for(timeout=TIMEOUT_MS)
            row.locator("button", has_text="Fetch Feedback").click()
            row.locator("text=view feedback").wait_for(timeout=TIMEOUT_MS)
            if student == STUDENTS[0]:
                shot(page, "05_student_feedback_fetched")
            pages = sorted((loop["hub"].home(student) / ASSIGNMENT / "feedback").rglob(f"{ASSIGNMENT}.html"))
            assert len(pages) == 1, f"{student}: fetched feedback files {pages}"
            relative = pages[0].relative_to(loop["hub"].home(student)).as_posix()
            response = page.goto(f"{loop['hub'].url}/user/{student}/files/{relative}")
            assert response.status == 200
            text = page.locator("body").inner_text()
            shot(page, f"06_feedback_{student}")
        full = loop["full"]
        assert f"Tests passed for {expected_points(loop, student):g} of {full:g} points" in text, text[:800]
        if student == "ada":
            assert f"{WRITTEN}: 1.5 / {loop['written_points']:g}" in text, text
            assert "reused at every step" in text
            assert f"Total: {full + 1.5:g} of {full + loop['written_points']:g}" in text
        elif student == "ben":
            assert f"{WRITTEN}: waiting for the instructor" in text
        else:   # nbgrader scores an answer cell left as released 0, with no manual grading
            assert f"{WRITTEN}: 0 / {loop['written_points']:g}" in text
        if student == "ben":
            for grade_id in loop["bug"].fails:
                assert re.search(rf"{grade_id}\b.*?failed", text, re.S), f"ben's page should fail {grade_id}"
        if student == "cai":
            assert "NotImplementedError" in text
        assert "HIDDEN TESTS" not in text and "Traceback" not in text
        leaked = [line for line in loop["hidden"] if line in text]
        assert not leaked, f"{student}'s feedback shows hidden test code: {leaked[:2]}"


def test_a_student_cannot_open_the_formgrader_or_another_students_work(loop):
    with step("ben: formgrader and ada's files refused"):
        page = loop["pages"]["ben"]
        hub = loop["hub"].url
        response = page.goto(f"{hub}/services/{COURSE_ID}/formgrader")
        assert response.status in (403, 404), f"a student got {response.status} from the formgrader"
        shot(page, "07_student_refused_formgrader")
        for url in (f"{hub}/user/ada/lab", f"{hub}/user/ada/files/{ASSIGNMENT}/{ASSIGNMENT}.ipynb",
                    f"{hub}/user/ada/api/contents/{ASSIGNMENT}"):
            status = page.goto(url).status
            assert status in (403, 404), f"ben got {status} for {url}"


def test_everything_is_torn_down(loop):
    hub = loop["hub"]
    with step("teardown by process id"):
        hub.stop()
    assert hub.leftovers() == [], f"processes of the hub still running: {hub.leftovers()}"
