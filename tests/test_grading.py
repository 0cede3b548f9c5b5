"""The whole loop through real nbgrader: generate the release, grade submissions.

For every assignment one throw-away course folder is made; ``nbgrader
generate_assignment`` builds the release there (it must equal the committed
``release/``), then the instructor solution, the untouched release and every
sample submission in ``autograder/samples/<assignment>/`` are graded with one
``nbgrader autograde`` run, and each score is compared with what the sample
declares.
"""
import filecmp

import nbformat
import pytest

from autograder import runner
from autograder.samples import autograded_cells, build_submission, list_samples, solved_notebook
from conftest import ASSIGNMENTS, ROOT, per_assignment

_graded = {}


@pytest.fixture
def graded(assignment, tmp_path_factory):
    """Generate and autograde one assignment once per test process."""
    if assignment not in _graded:
        root = runner.make_course(tmp_path_factory.mktemp(assignment), [assignment])
        runner.generate(root, assignment)
        release_nb = nbformat.read(str(root / "release" / assignment / f"{assignment}.ipynb"), 4)
        source_nb = nbformat.read(str(root / "source" / assignment / f"{assignment}.ipynb"), 4)
        # hostile samples go through the class grader instead (tests/test_autograde.py)
        samples = [s for s in list_samples(assignment) if s.kind in ("correct", "bug")]
        runner.submit(root, assignment, "solution", solved_notebook(release_nb, source_nb))
        runner.submit(root, assignment, "release", release_nb)
        for sample in samples:
            runner.submit(root, assignment, sample.student_id, build_submission(sample, release_nb, source_nb))
        result = runner.autograde(root, assignment)
        _graded[assignment] = {
            "root": root,
            "tests": autograded_cells(source_nb),
            "answers": [c.metadata["nbgrader"]["grade_id"] for c in source_nb.cells
                        if c.get("metadata", {}).get("nbgrader", {}).get("solution") and c.cell_type == "code"],
            "samples": samples,
            "scores": runner.scores(root, assignment),
            "log": result.stdout + result.stderr,
        }
    return _graded[assignment]


def _autograded_total(grades, tests):
    return sum(grades[g][0] for g in tests if g in grades)


@per_assignment()
def test_release_is_what_nbgrader_generates(assignment, graded):
    generated = graded["root"] / "release" / assignment
    committed = ROOT / "release" / assignment
    names = sorted(p.name for p in generated.iterdir())
    assert names == sorted(p.name for p in committed.iterdir()), (
        f"release/{assignment} holds other files than nbgrader generates: run `make release`")
    for name in names:
        assert filecmp.cmp(generated / name, committed / name, shallow=False), (
            f"release/{assignment}/{name} differs from what `nbgrader generate_assignment` makes "
            "from source/ now: run `make release` and commit the result")


@per_assignment()
def test_solution_scores_full_marks(assignment, graded):
    grades = graded["scores"].get("solution")
    assert grades, f"the instructor solution of {assignment} was not graded:\n{graded['log'][-3000:]}"
    lost = {g: grades.get(g) for g, points in graded["tests"].items() if grades.get(g, (0,))[0] != points}
    assert not lost, f"the instructor solution of {assignment} loses marks on {lost}"


@per_assignment()
def test_untouched_release_scores_zero(assignment, graded):
    grades = graded["scores"].get("release")
    assert grades, f"the untouched release of {assignment} was not graded (crashed?):\n{graded['log'][-3000:]}"
    assert set(graded["tests"]) <= set(grades), "some test cells of the release were not graded"
    assert _autograded_total(grades, graded["tests"]) == 0, (
        f"the untouched release of {assignment} scores marks: "
        f"{ {g: grades[g] for g in graded['tests'] if grades[g][0]} }")
    autograded = graded["root"] / "autograder" / "autograded" / "release" / assignment / f"{assignment}.ipynb"
    assert autograded.is_file(), "grading the untouched release did not produce an autograded notebook"


@per_assignment()
def test_sample_submissions_score_as_declared(assignment, graded):
    problems = []
    for sample in graded["samples"]:
        grades = graded["scores"].get(sample.student_id)
        if not grades:
            problems.append(f"{sample.name}: not graded")
            continue
        fails = set(graded["tests"]) if sample.fails == ["*"] else set(sample.fails)
        unknown = fails - set(graded["tests"])
        if unknown:
            problems.append(f"{sample.name}: '# fails:' names unknown test cells {sorted(unknown)}")
        for grade_id, points in graded["tests"].items():
            score = grades.get(grade_id, (None,))[0]
            if grade_id in fails and score != 0:
                problems.append(f"{sample.name} ({sample.description}): {grade_id} scored {score}, expected 0")
            if grade_id not in fails and score != points:
                problems.append(f"{sample.name} ({sample.description}): {grade_id} scored {score}, expected {points}")
    assert not problems, f"{assignment}:\n" + "\n".join(problems)


@per_assignment()
def test_every_graded_function_has_correct_and_buggy_samples(assignment, graded):
    """A correct answer written differently scores full; at least two plausible bugs lose marks."""
    problems = []
    for answer in graded["answers"]:
        correct = [s for s in graded["samples"] if s.kind == "correct" and answer in s.replace]
        bugs = [s for s in graded["samples"] if s.kind == "bug" and answer in s.replace]
        if not correct:
            problems.append(f"{answer}: no sample of kind 'correct' rewrites it")
        if len(bugs) < 2:
            problems.append(f"{answer}: {len(bugs)} samples of kind 'bug' rewrite it, at least 2 needed")
        for bug in bugs:
            if not bug.fails:
                problems.append(f"{answer}: bug sample {bug.name} declares no failing test")
    assert not problems, f"{assignment}:\n" + "\n".join(problems)


def test_samples_parse():
    for assignment in ASSIGNMENTS:
        for sample in list_samples(assignment):
            assert sample.description, f"{sample.path}: the first comment line should say what the sample is"


@per_assignment()
def test_cells_after_the_last_graded_one_are_left_out_and_put_back(assignment, graded):
    """nbgrader autograde does not run the closing experiments (grading/trailing_cells.py); the graded copy
    still holds every cell's source, each left-out cell says why it has no output."""
    from grading.trailing_cells import NOTE, KEPT

    root = graded["root"]
    autograded = nbformat.read(str(root / "autograder" / "autograded" / "solution" / assignment / f"{assignment}.ipynb"), 4)
    source_nb = nbformat.read(str(root / "source" / assignment / f"{assignment}.ipynb"), 4)
    meta = [c.get("metadata", {}).get("nbgrader", {}) for c in source_nb.cells]
    last = max(i for i, (c, m) in enumerate(zip(source_nb.cells, meta))
               if c.cell_type == "code" and (m.get("grade") or m.get("solution")))
    assert [c.cell_type for c in autograded.cells] == [c.cell_type for c in source_nb.cells]
    for index, (cell, original) in enumerate(zip(autograded.cells, source_nb.cells)):
        assert KEPT not in cell.get("metadata", {}), index
        if cell.cell_type != "code" or meta[index].get("solution"):
            continue
        assert cell.source == original.source, f"cell {index} of the graded copy lost its source"
        left_out = [o for o in cell.get("outputs", []) if o.get("text") == NOTE]
        assert bool(left_out) == (index > last and bool(original.source.strip())), index


@per_assignment()
def test_the_first_notebook_runs_in_the_kernel_started_with_nbgrader(assignment, graded):
    """``runner.autograde`` starts the kernel while nbgrader starts (grading/early_kernel.py); the first
    submission runs in it, the others in kernels of their own, and all score as they declare (above)."""
    assert graded["log"].count("Adopting the kernel started early") == 1, graded["log"][-3000:]
    assert "Not adopting" not in graded["log"]
