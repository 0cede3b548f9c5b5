"""Hidden cases and references of the graded exercises: for instructors only.

Students never receive this package (``make student-repo`` leaves it out).
For each assignment, ``grading/<topic>.py`` holds the instructor's reference
implementations, the plausible mistakes whose outputs the visible checks
recognise, and the seeded cases of every test cell; ``python -m grading.build``
computes from them the stored numbers: the visible cases into
``course/exercises/<assignment>.json`` and the hidden ones into ``grading/<assignment>.json``.

A test cell's hidden block is one call::

    import grading; grading.run("01_rnn_unrolling", "test_rnn_step_keras", rnn_step)
"""
import importlib
from pathlib import Path

from course import exercises
from course.exercises import values

FIXTURES = Path(__file__).parent      # <assignment>.json beside the modules
_hidden = {}


def module(assignment):
    """``grading.<topic>`` for an assignment name."""
    return importlib.import_module(f"{__name__}.{exercises._module_name(assignment)}")


def hidden_cases(assignment):
    """``{grade_id: [case, ...]}``: the stored hidden cases of an assignment."""
    if assignment not in _hidden:
        path = FIXTURES / f"{assignment}.json"
        _hidden[assignment] = values.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    return _hidden[assignment]


def run(assignment, grade_id, func):
    """Check the student's ``func`` on the hidden cases of one test cell."""
    registry = exercises.load(assignment)
    exercise, test = registry.test(grade_id)
    cases = hidden_cases(assignment).get(grade_id, [])
    try:
        custom = getattr(module(assignment), "HIDDEN_CHECKS", {}).get(grade_id)
    except ModuleNotFoundError as err:
        # The class grader ships this runner and the stored cases, not the instructor's modules
        # (autograder/autograde.py, prepare_pristine): there, cells without HIDDEN_CHECKS still run.
        if err.name != f"{__name__}.{exercises._module_name(assignment)}":
            raise
        custom = None
    if custom is not None:
        custom(func, cases, exercise)
    elif test.check is not None:
        test.check(func, cases, exercise)
    else:
        for case in cases:
            exercises.check_case(exercise, func, case, where=" (hidden)")
    print(f"{exercise.name} passes the hidden checks of {grade_id}.")
