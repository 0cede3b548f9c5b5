"""Write every test cell of the source notebooks from the exercise registries.

    .venv/bin/python -m tools.sync_tests            # rewrite the test cells and their points
    .venv/bin/python -m tools.sync_tests --check    # fail if a notebook's test cells differ from the registry

A test cell is generated, never edited by hand: its docstring, its points and
its two calls come from ``course/exercises/<topic>.py``::

    \"\"\"rnn_step matches one step of keras.layers.SimpleRNN ... (hidden: random shapes).\"\"\"
    checks.run("test_rnn_step_keras", rnn_step)
    ### BEGIN HIDDEN TESTS
    import grading; grading.run("01_rnn_unrolling", "test_rnn_step_keras", rnn_step)
    ### END HIDDEN TESTS

The setup cell binds ``checks`` (``checks = course.exercises.load(...)``).
Then run ``make release``.
"""
import argparse
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from course import exercises  # noqa: E402

SETUP_LINE = 'checks = course.exercises.load("{assignment}")'


def test_cell_source(assignment, exercise, test):
    lines = [f'"""{test.doc}"""', f'checks.run("{test.grade_id}", {exercise.name})']
    if test.hidden:
        lines += ["### BEGIN HIDDEN TESTS",
                  f'import grading; grading.run("{assignment}", "{test.grade_id}", {exercise.name})',
                  "### END HIDDEN TESTS"]
    return "\n".join(lines)


def sync(assignment, write=True):
    """Problems found (or fixed, with ``write``) in one source notebook."""
    path = ROOT / "source" / assignment / f"{assignment}.ipynb"
    notebook = nbformat.read(str(path), as_version=4)
    registry = exercises.load(assignment)
    wanted = {test.grade_id: (exercise, test) for exercise, test in registry.tests()}
    problems, seen = [], set()
    for cell in notebook.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        grade_id = meta.get("grade_id")
        if grade_id == "setup" and SETUP_LINE.format(assignment=assignment) not in cell.source:
            problems.append(f"{assignment}: the setup cell does not bind `{SETUP_LINE.format(assignment=assignment)}`")
        if not (meta.get("grade") and not meta.get("solution")):
            continue
        if grade_id not in wanted:
            problems.append(f"{assignment}: test cell {grade_id!r} is not in the registry")
            continue
        seen.add(grade_id)
        exercise, test = wanted[grade_id]
        source = test_cell_source(assignment, exercise, test)
        if cell.source != source or meta.get("points") != test.points:
            problems.append(f"{assignment}: test cell {grade_id} differs from the registry")
            cell.source, meta["points"] = source, test.points
    for grade_id in wanted:
        if grade_id not in seen:
            problems.append(f"{assignment}: the registry's test cell {grade_id} is not in the notebook")
    if write and problems:
        nbformat.write(notebook, str(path))
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description="Write the test cells of source/ from the exercise registries.")
    parser.add_argument("assignments", nargs="*")
    parser.add_argument("--check", action="store_true", help="only report differences")
    args = parser.parse_args(argv)
    problems = []
    for assignment in args.assignments or exercises.assignments():
        problems += sync(assignment, write=not args.check)
    for problem in problems:
        print(problem)
    return 1 if (args.check and problems) else 0


if __name__ == "__main__":
    sys.exit(main())
