"""The student and instructor experience in a real browser: JupyterLab, widgets, nbgrader's extensions.

Unit tests prove that Python objects change; students see JupyterLab. These
tests start JupyterLab from the course's venv (free loopback port, generated
token, config/data/runtime/settings/workspaces in a temporary folder, the
notebooks copied there) and drive Debian's Chromium with Playwright. Three
JupyterLab tabs are loaded once (a student's release, a student's solutions,
an instructor's) and every assignment in ``source/`` is opened in them:

- ``test_student_notebooks``, one per assignment, two notebooks running at
  once (two kernels for two cores):
  - the release: nbgrader's Validate button is on the toolbar and the
    Nbgrader menu offers the assignment list; every cell runs in turn (as
    Shift+Enter does, so the run goes on past a failing cell); each
    unanswered exercise shows a ``NotImplementedError``, and no other error
    appears except a ``NameError`` for a name that a failed cell above did not
    get to bind (``cellchecks.classify_release_errors``); stderr is reported
    in the log; every widget renders as a widget (not as
    text) and, changed through its first control, shows a new picture, or
    keeps its "answer it first" note while its function is a stub;
  - the release with the instructor's solutions filled in
    (``autograder.samples.solved_notebook``): Run All, no error and no stderr
    anywhere; every widget renders and its picture changes when its first
    control changes; a screenshot of the first widget.
- ``test_instructor_create_assignment``: the source notebook with nbgrader's
  Create Assignment panel shows every graded cell's type and grade id, and
  the notebook's total points.
- ``test_validate_button_reports_success``: the Validate button, clicked on the
  first assignment's solutions, gets nbgrader's "Success!" dialog from its
  server extension.

The server runs with ``NBGRADER_EXECUTION=validate``, so its kernels run every
notebook on the grading budget (``course.budget``): seconds, not minutes. The
full-budget top-to-bottom run is ``tests/test_notebooks.py``'s job.

Screenshots of each notebook's first widget go to ``artifacts/browser/``
(git-ignored), with the server log and the timings; after a failure, a
screenshot of the tab too. ``make screenshots`` sets
``COURSE_SCREENSHOTS_DIR=docs/screenshots`` to refresh the README's images.
The server is shut down by its process id when the module ends, also after
a failure.

Chromium missing: the tests fail when ``CI`` is set (``.ci/run`` sets it and
installs Chromium), and are skipped with the reason otherwise.
"""
import contextlib
import re
import io
import json
import os
import shutil
import time
from pathlib import Path

import nbformat
import pytest

from conftest import ALL_ASSIGNMENTS, ASSIGNMENTS, ROOT
import cellchecks
from cellchecks import where
from labsession import CHROMIUM, LabServer, copy_folder, launch_chromium
from notebookpage import WAITING_NOTE, WIDGET_FAILURES, WIDGET_MIME, LabTab, NotebookPage

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]

ARTIFACTS = ROOT / "artifacts" / "browser"
SCREENSHOTS = os.environ.get("COURSE_SCREENSHOTS_DIR")


def _readme_screenshots():
    """The assignments whose widget the README shows (``docs/screenshots/<assignment>.png``).

    Only these are refreshed by ``make screenshots``: the server runs on the
    grading budget, so the README shows explorers whose picture does not
    depend on how long a model trained; add a line to the README to add one.
    """
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return set(re.findall(r"docs/screenshots/(\w+)\.png", readme))
#: The README's images stay small.
SCREENSHOT_MAX_BYTES = 150_000
#: Seconds a cell may run under the grading budget (shared 2-core CI machines are slow).
CELL_TIMEOUT = 180
WIDGET_TIMEOUT = 60

TIMINGS = {}
#: What each test checked, for artifacts/browser/checked.txt
CHECKED = []


def _unavailable(reason):
    """Fail in CI (where .ci/run installs Chromium), skip elsewhere, always saying why."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"browser test cannot run in CI: {reason}", pytrace=False)
    pytest.skip(reason)


# -- fixtures --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} not found: install Debian's chromium (`apt-get install -y chromium`, "
                     "as .ci/run does) or point COURSE_CHROMIUM at a Chromium binary")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is missing: run `make install`")
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


def _prepare_root(root):
    """The folder JupyterLab shows: copies of release/ and source/, and the solutions.

    Copies, because the browser saves what it runs; the repository stays untouched.
    ``nbgrader_config.py`` comes along so the Validate button grades as in ``make lab``.
    """
    from autograder.samples import solved_notebook

    shutil.copy(ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
    for assignment in ASSIGNMENTS:
        if not (ROOT / "release" / assignment / f"{assignment}.ipynb").is_file():
            continue  # _require_release fails that assignment's tests with the reason
        copy_folder(ROOT / "release" / assignment, root / "release" / assignment)
        copy_folder(ROOT / "source" / assignment, root / "source" / assignment)
        copy_folder(ROOT / "release" / assignment, root / "solutions" / assignment)
        name = f"{assignment}.ipynb"
        release_nb = nbformat.read(str(ROOT / "release" / assignment / name), as_version=4)
        source_nb = nbformat.read(str(ROOT / "source" / assignment / name), as_version=4)
        nbformat.write(solved_notebook(release_nb, source_nb), str(root / "solutions" / assignment / name))


@pytest.fixture(scope="module")
def lab(browser, tmp_path_factory):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    base = tmp_path_factory.mktemp("jupyterlab")
    root, home = base / "course", base / "home"
    root.mkdir()
    home.mkdir()
    _prepare_root(root)
    server = LabServer(root, home, ARTIFACTS / "jupyterlab.log", env={"NBGRADER_EXECUTION": "validate"})
    start = time.time()
    server.start()
    TIMINGS["server start"] = time.time() - start
    try:
        yield server
    finally:
        server.stop()
        _write_summary()


@pytest.fixture(scope="module")
def tabs(lab, browser):
    """``tabs(role)`` -> a JupyterLab tab loaded once per role (release, solutions, instructor).

    Notebooks open and close inside it, as in a student's or an instructor's session.
    """
    opened = {}

    def get(role):
        if role not in opened:
            opened[role] = LabTab(browser, lab, f"course-{role}")
            opened[role].page.set_default_timeout(WIDGET_TIMEOUT * 1000)
        return opened[role]

    yield get
    for tab in opened.values():
        with contextlib.suppress(Exception):
            tab.close()


@pytest.fixture
def open_notebook(lab, tabs, request):
    """``open_notebook(path, role)`` -> a NotebookPage opened in that role's tab.

    Afterwards: on failure a screenshot of the tab goes to artifacts/browser/;
    the notebooks close and every kernel is shut down.
    """
    opened = []
    failures_before = request.session.testsfailed

    def _open(path, role, kernel=True, wait=True):
        notebook = NotebookPage(tabs(role), path)
        opened.append((role, notebook))
        return notebook.open(kernel=kernel) if wait else notebook.go()

    yield _open
    failed = request.session.testsfailed > failures_before  # the call's report is counted by now
    name = "".join(ch if ch.isalnum() else "-" for ch in request.node.name).strip("-")
    for role, notebook in opened:
        if failed:
            with contextlib.suppress(Exception):
                notebook.page.screenshot(path=str(ARTIFACTS / f"failed-{name}-{role}.png"))
        with contextlib.suppress(Exception):
            notebook.tab.close_notebooks()
    lab.shutdown_kernels()


def _require_release(assignment):
    if not (ROOT / "release" / assignment / f"{assignment}.ipynb").is_file():
        pytest.fail(f"source/{assignment} has no release/{assignment}/{assignment}.ipynb: run `make release`",
                    pytrace=False)


def _write_summary():
    lines = [f"{name}: {seconds:.1f} s" for name, seconds in TIMINGS.items()]
    (ARTIFACTS / "timings.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (ARTIFACTS / "checked.txt").write_text("\n".join(CHECKED) + "\n", encoding="utf-8")


# -- what the checks read -----------------------------------------------------------------
def _check_widgets(notebook, cells, *, solved, assignment, variant):
    """Every widget view renders as a widget and reacts to its first control; returns a log."""
    log = []
    first_shot = None
    count = 0
    for cell in cells:
        expected = sum(1 for out in cell["outputs"] if WIDGET_MIME in out.get("mimes", []))
        if not expected:
            continue
        count += expected
        views = notebook.widget_outputs(cell["index"])
        deadline = time.time() + WIDGET_TIMEOUT
        while views.count() < expected and time.time() < deadline:
            time.sleep(0.2)
        if views.count() != expected:
            shown = notebook.top_level_outputs(cell["index"]).evaluate_all(
                "outs => outs.map(o => (o.getAttribute('data-mime-type') || 'no mime type') + ': ' + o.innerText.slice(0, 200))")
            raise AssertionError(f"{variant} {assignment} {where(cell)}: {expected} widget(s) in the notebook but "
                                 f"{views.count()} rendered as widgets; the outputs the browser shows: {shown}")
        for k in range(expected):
            view = views.nth(k)
            view.scroll_into_view_if_needed()
            view.locator(".jupyter-widgets").first.wait_for(state="visible", timeout=WIDGET_TIMEOUT * 1000)
            shown = view.inner_text()
            assert not WIDGET_FAILURES.search(shown), (
                f"{variant} {assignment} {where(cell)}: widget {k} did not render: {shown[:300]!r}")
            before = notebook.output_signature(view)
            stub = bool(before and WAITING_NOTE.search(before))
            action = notebook.change_first_control(view)
            entry = f"{where(cell)} widget {k}: {action or 'no control'}"
            if action is None:
                log.append(entry + " (nothing to change)")
                continue
            assert before is not None, (
                f"{variant} {assignment} {where(cell)}: widget {k} has controls but no output area "
                "(an ipywidgets Output) to redraw")
            after = before
            deadline = time.time() + WIDGET_TIMEOUT
            while time.time() < deadline:
                notebook.wait_idle(WIDGET_TIMEOUT)
                after = notebook.output_signature(view)
                if after != before and after.strip():
                    break
                if stub and not solved and time.time() > deadline - WIDGET_TIMEOUT + 3:
                    break  # a stub's note stays the same note: give it three seconds to misbehave
                time.sleep(0.25)
            errors_inside = view.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
            assert errors_inside.count() == 0, (
                f"{variant} {assignment} {where(cell)}: after '{action}' widget {k} shows an error: "
                f"{errors_inside.first.inner_text()[:500]!r}")
            if stub and not solved:
                assert after and WAITING_NOTE.search(after), (
                    f"release {assignment} {where(cell)}: widget {k} showed the 'answer it first' note, "
                    f"but after '{action}' it shows {after[:300]!r}")
                log.append(entry + f" -> still waiting for answers: {WAITING_NOTE.search(after).group(0)!r}")
            else:
                assert after != before, (
                    f"{variant} {assignment} {where(cell)}: widget {k} did not change its output within "
                    f"{WIDGET_TIMEOUT} s after '{action}'")
                assert not (after and WAITING_NOTE.search(after)) or not solved, (
                    f"solutions {assignment} {where(cell)}: widget {k} still asks for the answer "
                    "although the solution is filled in")
                log.append(entry + " -> output redrawn")
            if first_shot is None:
                first_shot = view
    if first_shot is not None:
        _screenshot(first_shot, assignment, variant)
    return [f"{count} widget(s), all rendered as widgets"] + log


def _screenshot(view, assignment, variant):
    view.scroll_into_view_if_needed()
    path = ARTIFACTS / f"{assignment}-{variant}.png"
    view.screenshot(path=str(path))
    if SCREENSHOTS and variant == "solutions" and assignment in _readme_screenshots():
        target = ROOT / SCREENSHOTS / f"{assignment}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        _save_small_png(path, target)


def _save_small_png(src, dst):
    """Copy a PNG, reduced to a 256-colour palette when it is larger than the README wants."""
    data = Path(src).read_bytes()
    if len(data) > SCREENSHOT_MAX_BYTES:
        from PIL import Image

        image = Image.open(io.BytesIO(data)).convert("RGB")
        image = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=True)
        data = buffer.getvalue()
    Path(dst).write_bytes(data)


def _record(name, seconds, log=()):
    TIMINGS[name] = seconds
    lines = [f"{name}: {seconds:.1f} s"] + ["  " + line for line in log]
    CHECKED.extend(lines)
    print("\n".join(lines))


# -- the tests ---------------------------------------------------------------------------
def test_assignments_found():
    """Every assignment that exists in source/ has a release the browser can open."""
    assert ASSIGNMENTS, "no assignment in source/"
    assert set(ASSIGNMENTS) <= set(ALL_ASSIGNMENTS)
    for assignment in ASSIGNMENTS:
        assert (ROOT / "release" / assignment / f"{assignment}.ipynb").is_file(), (
            f"source/{assignment} has no release/{assignment}/{assignment}.ipynb (make release)")


def _check_student_tools(notebook, assignment):
    """nbgrader's student side in JupyterLab: the Validate button and the assignment list."""
    page = notebook.page
    validate = notebook.panel().locator(".jp-Toolbar .validate-button")
    assert validate.count() == 1 and validate.is_visible(), (
        f"release {assignment}: nbgrader's Validate button is not on the notebook toolbar "
        "(is the @jupyter/nbgrader lab extension enabled? `make install` enables it)")
    assert "Validate" in validate.inner_text()
    assert page.evaluate("() => window.jupyterapp.commands.hasCommand('nbgrader:open-assignment-list')"), (
        f"release {assignment}: nbgrader's assignment list command is missing")
    menu = page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader")
    assert menu.count() == 1, "the Nbgrader menu is missing from JupyterLab's menu bar"
    menu.click()
    assert page.locator(".lm-Menu-itemLabel", has_text="Assignment List").count() >= 1, (
        "the Nbgrader menu has no 'Assignment List' entry")
    page.keyboard.press("Escape")
    return ["Validate button on the toolbar, Nbgrader > Assignment List in the menu"]


def _check_release_outputs(cells, assignment):
    """Each unanswered exercise shows NotImplementedError; no error that does not follow from one."""
    log = []
    not_run = cellchecks.not_run(cells)
    assert not not_run, f"release {assignment}: cells that did not run: {[where(c) for c in not_run]}"
    allowed, knock_on, wrong = cellchecks.classify_release_errors(cells)
    assert not wrong, (f"release {assignment}: errors that are not an unanswered exercise's "
                       "NotImplementedError (nor a NameError that follows from one):\n" + "\n".join(
                           f"  {where(c)}: {o['ename']}: {o['evalue'][:300]}" for c, o in wrong))
    raised = {c["index"] for c, o in allowed + knock_on}
    silent, passing_tests = [], []
    groups = cellchecks.answers_and_their_tests(cells)
    for answer, tests in groups.items():
        if answer not in raised and not any(t["index"] in raised for t in tests):
            silent.append(where(cells[answer]))
        passing_tests += [where(t) for t in tests if t["index"] not in raised]
    assert not silent, (f"release {assignment}: unanswered exercises whose cell and tests show no "
                        f"NotImplementedError: {silent}")
    log.append(f"{len(allowed)} cells raise NotImplementedError (or NotAnsweredYet), covering all "
               f"{len(groups)} exercises; no other error")
    if knock_on:
        log.append(f"{len(knock_on)} knock-on NameError(s) of unanswered exercises: " + "; ".join(
            f"{where(c)}: {o['evalue']}" for c, o in knock_on))
    if passing_tests:
        log.append("test cells that pass before any answer (their checks are all hidden): " + ", ".join(passing_tests))
    stderr = [f"{where(c)}: {o['text'][:200]!r}" for c, o in cellchecks.stderr(cells)]
    if stderr:  # not a failure: nbgrader only fails test cells that write to stderr, and none raised here
        log.append("stderr before any answer (students see it in red): " + "; ".join(stderr))
    else:
        log.append("nothing on stderr")
    return log


def _check_solution_outputs(cells, assignment):
    """No error, no stderr, every cell ran."""
    errors = [f"{where(c)}: {o['ename']}: {o['evalue'][:300]}" for c, o in cellchecks.errors(cells)]
    assert not errors, f"solutions {assignment}: errors:\n" + "\n".join(errors)
    not_run = cellchecks.not_run(cells)
    assert not not_run, f"solutions {assignment}: cells that did not run: {[where(c) for c in not_run]}"
    stderr = [f"{where(c)}: {o['text'][:300]!r}" for c, o in cellchecks.stderr(cells)]
    assert not stderr, f"solutions {assignment}: output on stderr:\n" + "\n".join(stderr)
    return [f"{sum(c['type'] == 'code' for c in cells)} code cells ran: no error, no stderr"]


def _soft(problems, log, check, *args, **kwargs):
    """Run one group of checks; a failure is collected, so the other groups still run."""
    try:
        log.extend(check(*args, **kwargs) or [])
    except AssertionError as err:
        problems.append(str(err))


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_student_notebooks(assignment, tabs, open_notebook):
    """A student opens the release and the release with answers typed in; both run, every widget turns.

    The two tabs run at once (two kernels, two cores): the solutions run with
    Run All while the release runs cell by cell, as Shift+Enter does, so that
    the run goes on past each unanswered exercise.
    """
    _require_release(assignment)
    start = time.time()
    tabs("release"), tabs("solutions")  # both JupyterLabs load at once (the first time)
    release = open_notebook(f"release/{assignment}/{assignment}.ipynb", "release", wait=False)
    solutions = open_notebook(f"solutions/{assignment}/{assignment}.ipynb", "solutions", wait=False)
    solutions.wait_ready()
    solutions.start_run_all()
    release.wait_ready()
    problems, log = [], []
    _soft(problems, log, _check_student_tools, release, assignment)
    release.run_cells_one_by_one(CELL_TIMEOUT)
    release_cells = release.cells()
    _soft(problems, log, _check_release_outputs, release_cells, assignment)
    solutions.finish_run_all(timeout=CELL_TIMEOUT * 4)
    solution_cells = solutions.cells()
    _soft(problems, log, _check_solution_outputs, solution_cells, assignment)
    log.append("release widgets:")
    _soft(problems, log, _check_widgets, release, release_cells, solved=False, assignment=assignment,
          variant="release")
    log.append("solutions widgets:")
    _soft(problems, log, _check_widgets, solutions, solution_cells, solved=True, assignment=assignment,
          variant="solutions")
    for variant, notebook in (("release", release), ("solutions", solutions)):
        if notebook.console_errors:
            problems.append(f"{variant} {assignment}: JavaScript errors in the page: {notebook.console_errors[:5]}")
    _record(f"student {assignment} (release and solutions)", time.time() - start, log)
    assert not problems, "\n\n".join(problems)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_instructor_create_assignment(assignment, open_notebook):
    """An instructor opens the source notebook and nbgrader's Create Assignment panel shows its cells."""
    _require_release(assignment)
    start = time.time()
    source = nbformat.read(str(ROOT / "source" / assignment / f"{assignment}.ipynb"), as_version=4)
    notebook = open_notebook(f"source/{assignment}/{assignment}.ipynb", "instructor", kernel=False)
    page = notebook.page
    tab = page.locator(".jp-SideBar .lm-TabBar-tab[title='Nbgrader Create Assignment']")
    assert tab.count() == 1, (
        "nbgrader's Create Assignment tab is missing from the right side bar; tabs there: "
        f"{page.locator('.jp-SideBar .lm-TabBar-tab').evaluate_all('ts => ts.map(t => t.title)')}")
    if not page.locator(".nbgrader-CreateAssignmentWidget").first.is_visible():
        tab.click()  # the panel stays open from one notebook to the next; a second click would close it
    page.locator(".nbgrader-CreateAssignmentWidget").first.wait_for(state="visible")
    # the panel lists one nbgrader cell widget per cell of the current notebook, in order
    widgets = page.locator(".nbgrader-CreateAssignmentWidget .nbgrader-NotebookWidget:visible .nbgrader-CellWidget")
    widgets.first.wait_for(state="attached")
    assert widgets.count() == len(source.cells), (
        f"instructor {assignment}: {widgets.count()} nbgrader cell toolbars for {len(source.cells)} cells")
    total = 0.0
    checked = 0
    for index, cell in enumerate(source.cells):
        meta = cell.metadata.get("nbgrader")
        if not meta:
            continue
        tools = widgets.nth(index)
        kind = tools.locator(".nbgrader-CellType select").input_value()
        assert kind == cellchecks.expected_type(meta), (
            f"instructor {assignment}: cell {index} ({meta.get('grade_id')}) shows type {kind!r}, "
            f"metadata says {cellchecks.expected_type(meta)!r}")
        if meta.get("grade_id") and kind:
            grade_id = tools.locator(".nbgrader-CellId input").input_value()
            assert grade_id == meta["grade_id"], (
                f"instructor {assignment}: cell {index} shows grade id {grade_id!r}, expected {meta['grade_id']!r}")
        if meta.get("grade"):
            total += float(meta.get("points", 0))
        checked += 1
    points = page.locator(".nbgrader-CreateAssignmentWidget .nbgrader-TotalPointsInput:visible")
    assert points.count() == 1, f"instructor {assignment}: {points.count()} total-points fields shown, expected one"
    assert float(points.input_value()) == pytest.approx(total), (
        f"instructor {assignment}: the panel's total points say {points.input_value()}, the cells add up to {total}")
    _record(f"instructor create-assignment {assignment}", time.time() - start,
            [f"{checked} nbgrader cells shown with their type and grade id, {total:g} points in all"])


@pytest.mark.skipif(not ASSIGNMENTS, reason="no assignment")
def test_validate_button_reports_success(open_notebook):
    """nbgrader's Validate button on the first assignment's solutions: the server grades it and says success."""
    assignment = ASSIGNMENTS[0]
    start = time.time()
    notebook = open_notebook(f"solutions/{assignment}/{assignment}.ipynb", "solutions", kernel=False)
    notebook.panel().locator(".jp-Toolbar .validate-button").click()
    dialog = notebook.page.locator(".jp-Dialog")
    dialog.first.wait_for(state="visible", timeout=CELL_TIMEOUT * 1000)
    message = dialog.first.inner_text()
    success = "Success! Your notebook passes all the tests."
    assert success in message, f"Validate on the solutions of {assignment} says: {message[:1000]!r}"
    _record(f"validate button {assignment}", time.time() - start, [f"the dialog says: {success}"])
