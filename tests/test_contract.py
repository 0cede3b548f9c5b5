"""The graded-function contract, derived from the exercise registries (one place to change).

Each assignment's registry (``course/exercises/<topic>.py``) lists its graded
functions with their signatures and test cells. These tests check that the
notebooks follow the registry, that the registry follows COURSE.md's contract
table, that the test cells are the ones the registry generates, and that the
README's map is the registry's.
"""
import ast
import re

import nbformat
import pytest

from conftest import ASSIGNMENTS, ROOT
from course import exercises
from tools import readme_map, sync_tests

COURSE_MD = ROOT.parent / "shared" / "COURSE.md"


def _signature(func):
    args = func.args
    names = [a.arg for a in args.args]
    defaults = [None] * (len(names) - len(args.defaults)) + [ast.unparse(d) for d in args.defaults]
    # ast.unparse writes strings with single quotes; the contract uses double ones
    return ", ".join(n if d is None else f"{n}={d}" for n, d in zip(names, defaults)).replace("'", '"')


def _answer_cells(path):
    nb = nbformat.read(str(path), as_version=4)
    return {
        c.metadata["nbgrader"]["grade_id"]: c
        for c in nb.cells
        if c.get("metadata", {}).get("nbgrader", {}).get("solution") and c.cell_type == "code"
    }


def _test_cells(path):
    nb = nbformat.read(str(path), as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells
            if c.get("metadata", {}).get("nbgrader", {}).get("grade")
            and not c.metadata["nbgrader"].get("solution")}


def test_every_assignment_has_a_registry():
    assert ASSIGNMENTS, "no assignment found in source/"
    assert set(ASSIGNMENTS) == set(exercises.assignments()), (
        "each assignment in source/ needs exactly one registry in course/exercises/")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
@pytest.mark.parametrize("folder", ["source", "release"])
def test_graded_functions_follow_the_registry(assignment, folder):
    """Each graded function sits alone in an answer cell whose grade_id is its name, with the registry's signature."""
    path = ROOT / folder / assignment / f"{assignment}.ipynb"
    cells = _answer_cells(path)
    registry = exercises.load(assignment)
    for exercise in registry.exercises:
        assert exercise.name in cells, f"{folder}/{assignment}: no autograded-answer cell with grade_id {exercise.name!r}"
        tree = ast.parse(cells[exercise.name].source)
        functions = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
        assert [f.name for f in functions] == [exercise.name], (
            f"{folder}/{assignment}: the cell {exercise.name!r} must define exactly the function {exercise.name}, "
            f"found {[f.name for f in functions]}")
        assert _signature(functions[0]) == exercise.signature, (
            f"{folder}/{assignment}: {exercise.name}({_signature(functions[0])}) should be "
            f"{exercise.name}({exercise.signature}) as the registry says")
    names = {e.name for e in registry.exercises}
    unregistered = sorted(set(cells) - names)
    assert not unregistered, f"{folder}/{assignment}: answer cells {unregistered} are not in the registry"


def _course_md_contract():
    """``{assignment number: {function: parameters}}`` from COURSE.md's contract tables."""
    rows = re.findall(r"^\| (\d\d) \| `(\w+)\((.*?)\)` \|", COURSE_MD.read_text(encoding="utf-8"), re.MULTILINE)
    contract = {}
    for number, name, params in rows:
        contract.setdefault(number, {})[name] = params
    return contract


@pytest.mark.skipif(not COURSE_MD.is_file(), reason="COURSE.md is kept beside the repository, not in it")
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_registry_follows_course_md(assignment):
    """COURSE.md's contract table and the registry name the same functions with the same signatures."""
    fixed = _course_md_contract().get(assignment[:2], {})
    registry = exercises.load(assignment)
    ours = {e.name: e.signature for e in registry.exercises if e.contract}
    assert ours == fixed, f"{assignment}: the registry's contract functions {ours} differ from COURSE.md's {fixed}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_test_cells_are_generated_from_the_registry(assignment):
    """Docstring, points and calls of every test cell are what tools/sync_tests writes."""
    problems = sync_tests.sync(assignment, write=False)
    assert not problems, "\n".join(problems) + "\nrun `python -m tools.sync_tests` and `make release`"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_test_cells_are_short(assignment):
    """A visible test cell is a docstring and a call or two: at most 8 lines."""
    for grade_id, cell in _test_cells(ROOT / "release" / assignment / f"{assignment}.ipynb").items():
        lines = cell.source.strip().splitlines()
        assert len(lines) <= 8, f"release/{assignment}: test cell {grade_id} has {len(lines)} lines"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_registered_test_has_cases_or_a_custom_check(assignment):
    """A test cell whose check is the standard one must have stored cases, or it would pass anything."""
    import grading

    registry = exercises.load(assignment)
    visible, hidden = registry.fixture(), grading.hidden_cases(assignment)
    custom = getattr(grading.module(assignment), "HIDDEN_CHECKS", {})
    for exercise, test in registry.tests():
        if test.check is None:
            assert visible.get(test.grade_id), f"{assignment}: {test.grade_id} has no stored visible case"
        if test.hidden and test.check is None and test.grade_id not in custom:
            assert hidden.get(test.grade_id), f"{assignment}: {test.grade_id} has no stored hidden case"


def test_readme_map_is_the_registries():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_map.rewrite(text) == text, "README.md's notebook map differs: run `python -m tools.readme_map`"


def test_helper_package_holds_no_graded_function():
    """Students read course/: no graded function is defined there (names from the registries)."""
    names = sorted({e.name for a in exercises.assignments() for e in exercises.load(a).exercises})
    pattern = re.compile(r"^\s*def (" + "|".join(names) + r")\(", re.MULTILINE)
    for path in (ROOT / "course").rglob("*.py"):
        match = pattern.search(path.read_text(encoding="utf-8"))
        assert not match, f"{path} defines the graded function {match.group(1)} (students can read the package)"
