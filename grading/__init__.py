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


def preload(assignment):
    """Read an assignment's hidden cases now, before any student code runs in this process.

    The grading kernel calls it at start (``course.integrity``), so a cell that later rewrites the
    files of its copy of ``grading/`` changes nothing that is checked.
    """
    if (FIXTURES / f"{assignment}.json").is_file():
        hidden_cases(assignment)


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
    # "(hidden)" in every case's label, so a message says which kind of case failed
    cases = [dict(case, label=case["label"] + " (hidden)") for case in hidden_cases(assignment).get(grade_id, [])]
    custom = getattr(module(assignment), "HIDDEN_CHECKS", {}).get(grade_id)
    if not cases and test.hidden and (custom is not None or test.check is None):
        raise AssertionError(f"The hidden cases of {grade_id} are missing: this cell cannot be graded "
                             f"(the grader's stored cases for {assignment} were not found or were changed).")
    if custom is not None:
        custom(func, cases, exercise)
    elif test.check is not None:
        test.check(func, cases, exercise)
    else:
        for case in cases:
            exercises.check_case(exercise, func, case, where="")
    print(f"{exercise.name} passes the hidden checks of {grade_id}.")
