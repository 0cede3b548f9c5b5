"""Hidden cases and references of the graded exercises: for instructors only.

Students never receive this package (``make student-repo`` leaves it out).
For each assignment, ``grading/<topic>.py`` holds the instructor's reference
implementations, the plausible mistakes whose outputs the visible checks
recognise, and the seeded cases of every test cell; ``python -m grading.build``
computes from them the stored numbers: the visible cases into
``course/exercises/<assignment>.json`` and the hidden ones into ``grading/<assignment>.json``.

A test cell's hidden block is one call::

    import grading; grading.run("01_rnn_unrolling", "test_rnn_step_keras", rnn_step)

In JupyterLab or under plain ``nbgrader autograde`` it records and judges each
hidden case in the kernel. Under the class grader the kernel only records
(``course.exercises.recording``): the job's copy of this package holds the
hidden inputs without their expected values (``strip_fixture``), and
``autograder/verifier.py`` judges the records outside the kernel.
"""
import importlib
from pathlib import Path

from course import exercises
from course.exercises import recording, values

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


def hidden_check(assignment, grade_id):
    """The ``Check`` of a test cell's hidden cases: the cell's own, unless ``HIDDEN_CHECKS`` names another."""
    custom = getattr(module(assignment), "HIDDEN_CHECKS", {}).get(grade_id)
    return custom if custom is not None else exercises.load(assignment).check(grade_id)


def labelled(case):
    """A hidden case with "(hidden)" in its label, so a message says which kind of case failed."""
    return dict(case, label=case["label"] + " (hidden)")


def strip_fixture(assignment, source=None):
    """The hidden cases of an assignment as a grading job's kernel gets them: inputs, no answers.

    Each case keeps what its check's ``record`` reads (label, inputs, stand-in tables and
    ``given``); expected values and the outputs of known mistakes are left out. ``source``: the
    fixture file to read (default: this package's).
    """
    stored = values.loads(Path(source).read_text(encoding="utf-8")) if source else hidden_cases(assignment)
    stripped = {}
    for grade_id, cases in stored.items():
        check = hidden_check(assignment, grade_id)
        stripped[grade_id] = [check.strip(case) for case in cases]
    return stripped


def run(assignment, grade_id, func):
    """Check the student's ``func`` on the hidden cases of one test cell (under the class grader: record them)."""
    registry = exercises.load(assignment)
    exercise, test = registry.test(grade_id)
    cases = [labelled(case) for case in hidden_cases(assignment).get(grade_id, [])]
    if not cases and test.hidden:
        raise AssertionError(f"The hidden cases of {grade_id} are missing: this cell cannot be graded "
                             f"(the grader's stored cases for {assignment} were not found or were changed).")
    check, notes = hidden_check(assignment, grade_id), []
    for index, case in enumerate(cases):
        recorded = exercises.record(assignment, grade_id, "hidden", index, check, exercise, func, case)
        if not recording.active():
            notes += check.judge(recorded, case, exercise) or []
    if recording.active():
        print(f"{exercise.name}: its results on the hidden cases of {grade_id} are recorded; the grader "
              "checks them after the run.")
        return
    for note in dict.fromkeys(notes):
        print(note)
    print(f"{exercise.name} passes the hidden checks of {grade_id}.")
