"""The graded exercises of each assignment, defined once, and the visible checks that run them.

Each assignment has one registry module here (``course/exercises/<topic>.py``,
e.g. ``rnn_unrolling`` for ``01_rnn_unrolling``) that lists its graded
functions: signature, what they return, the test cells with their points and
one-line docstrings, the functions they build on, and the message for each
known mistake. Everything else is derived from it: the notebooks' test cells
(``tools/sync_tests.py``), the contract test, the guard that no graded
function lives in this package, the README's notebook map and the check of
the sample submissions.

A visible check compares with stored numbers (``course/exercises/<assignment>.json``,
written by the instructor's ``grading`` package from its references) or with
a Keras layer, never with the formula of the answer. A test cell is two lines::

    checks = course.exercises.load("01_rnn_unrolling")      # in the setup cell
    checks.run("test_rnn_step_small", rnn_step)               # in the test cell

Every check has two halves (``Check``): ``record`` calls the student's function
on one case and keeps what it gave as plain data, reading only the case's
inputs; ``judge`` compares that record with the stored expected values. In a
notebook both run, one after the other. Under the class grader the kernel only
records (``recording``), and a verifier outside the student's process judges
the records (``autograder/verifier.py``): nothing a submission does to its own
kernel can change a mark.
"""
import importlib
import inspect
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import recording, values

FIXTURES = Path(__file__).parent      # <assignment>.json beside the modules


class CheckFailed(AssertionError):
    """A check found a wrong answer; the message says what and where."""


@dataclass(frozen=True)
class Check:
    """A test cell's check in two halves, so that a mark can be given outside the student's kernel.

    - ``judge(recorded, case, exercise)``: compares a record with the stored case (its expected
      values, the known mistakes); raises ``CheckFailed`` with the message, or returns notes to print
    - ``record(func, case, exercise)``: calls the student's function on one case and returns what
      it gave as plain data (arrays, numbers, strings, tuples, lists, dicts); it is given the case
      without its expected values and mistakes (``strip``), only ``label``, ``inputs``, ``calls``
      and ``given``. The default, ``record_result``, keeps the (summarised) result.
    - ``given(case)``: what ``record`` needs of a stored case besides its inputs (a model check's
      probe batches), kept when the expected values are stripped
    """
    judge: object
    record: object = None
    given: object = None

    def record_case(self, func, case, exercise):
        return (self.record or record_result)(func, case, exercise)

    def strip(self, case):
        """The case as ``record`` sees it: no expected values, no mistakes."""
        kept = {key: case[key] for key in ("label", "inputs", "calls", "given") if key in case}
        if self.given is not None and "given" not in case:
            kept["given"] = self.given(case)
        return kept


@dataclass(frozen=True)
class Test:
    """One locked test cell: its grade id, points, docstring and visible check.

    ``check`` is ``None`` for the standard check (every stored case of this
    cell, compared value by value with the mistakes diagnosed) or a ``Check``
    for checks that a plain comparison cannot express (a Keras model's
    structure, frequencies of a sampler). ``hidden`` says whether the cell has
    hidden cases.
    """
    grade_id: str
    points: int
    doc: str
    check: object = None
    hidden: bool = True


@dataclass(frozen=True)
class Exercise:
    """A graded function: the contract, its test cells and what its messages diagnose.

    - ``signature``: the parameter list, exactly as the answer cell defines it
    - ``returns``: what it returns, in words (the README map and COURSE.md say the same)
    - ``uses``: graded functions it calls; its checks put a known-correct one in their place,
      so a bug costs the marks of the function where it is
    - ``parts``: names of the values of a tuple result, for messages
    - ``dims``: axes of each named value, for messages about shapes
    - ``mistakes``: ``{mistake id: message}``; a fixture stores what each mistake returns
    - ``on_error``: what to look at when the function raises
    - ``contract``: False for graded functions COURSE.md does not fix (extra exercises)
    - ``summary``: turns a result that is not plain data (a Keras model) into what is compared
    - ``call_hints``: ``{used function: {parameter: hint}}``, what to look at when a call to a function
      in ``uses`` is right but for that one argument (the stand-in's message)
    """
    name: str
    signature: str
    returns: str
    tests: tuple
    uses: tuple = ()
    parts: tuple = None
    dims: dict = field(default_factory=dict)
    mistakes: dict = field(default_factory=dict)
    on_error: str = ""
    rtol: float = 1e-5
    atol: float = 1e-7
    contract: bool = True
    summary: object = None
    call_hints: dict = field(default_factory=dict)

    def comparable(self, result):
        """What the checks compare: the result itself, or ``summary(result)`` for one that is not plain data
        (a Keras model becomes its layers, shapes and parameter count)."""
        return result if self.summary is None else self.summary(result)

    def parameters(self):
        """The parameter names, in order."""
        return list(inspect.signature(_stub(self.signature)).parameters)


def _stub(signature):
    namespace = {}
    exec(f"def stub({signature}):\n    pass\n", namespace)      # a signature, never a body
    return namespace["stub"]


def _module_name(assignment):
    """``01_rnn_unrolling`` -> ``rnn_unrolling``."""
    number, _, topic = assignment.partition("_")
    if not (number.isdigit() and topic):
        raise ValueError(f"{assignment!r} is not an assignment name like '01_rnn_unrolling'")
    return topic


class Registry:
    """The exercises of one assignment, with the runner for its visible checks."""

    def __init__(self, module):
        self.module = module
        self.assignment = module.ASSIGNMENT
        self.exercises = tuple(module.EXERCISES)
        self._fixture = None

    # -- what the registry says
    def exercise(self, name):
        for exercise in self.exercises:
            if exercise.name == name:
                return exercise
        raise KeyError(f"{self.assignment} has no graded function {name!r}")

    def tests(self):
        """``[(exercise, test), ...]`` in notebook order."""
        return [(exercise, test) for exercise in self.exercises for test in exercise.tests]

    def test(self, grade_id):
        for exercise, test in self.tests():
            if test.grade_id == grade_id:
                return exercise, test
        raise KeyError(f"{self.assignment} has no test cell {grade_id!r}")

    def fixture(self):
        if self._fixture is None:
            path = FIXTURES / f"{self.assignment}.json"
            self._fixture = values.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        return self._fixture

    def check(self, grade_id):
        """The ``Check`` of a test cell (the standard one unless the registry names another)."""
        return self.test(grade_id)[1].check or STANDARD

    # -- running a test cell's visible checks
    def run(self, grade_id, func, quiet=False):
        """Run the visible checks of one test cell on the student's ``func``."""
        exercise, test = self.test(grade_id)
        cases = self.fixture().get(grade_id, [])
        if not cases:           # never pass a check that checked nothing
            raise CheckFailed(f"The stored cases of {grade_id} are missing from {FIXTURES / (self.assignment + '.json')}"
                              ": restore the course folder (git checkout -- course/).")
        check, notes = self.check(grade_id), []
        for index, case in enumerate(cases):
            recorded = record(self.assignment, grade_id, "visible", index, check, exercise, func, case)
            notes += check.judge(recorded, case, exercise) or []
        for note in dict.fromkeys(notes):
            print(note)
        if not quiet:
            print(f"{exercise.name} passes the visible checks of {grade_id}.")


def load(assignment):
    """The registry of an assignment, e.g. ``load("01_rnn_unrolling")``."""
    module = importlib.import_module(f"{__name__}.{_module_name(assignment)}")
    return Registry(module)


def assignments():
    """The assignments that have a registry, from the fixture folder's and modules' names."""
    found = []
    for path in sorted(Path(__file__).parent.glob("*.py")):
        if path.stem in ("__init__", "values", "standins", "recording"):      # the machinery, not a registry
            continue
        module = importlib.import_module(f"{__name__}.{path.stem}")
        found.append(module.ASSIGNMENT)
    return sorted(found)


# ---------------------------------------------------------------- one case
def _copy(value):
    if hasattr(value, "copy") and not isinstance(value, (dict, list)):
        return value.copy()
    if isinstance(value, list):
        return [_copy(v) for v in value]
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    return value


def pass_through(exercise, err):
    """Raise ``err`` from the student's function the way a check passes it on, or return if it reports it.

    An unanswered exercise stays a ``NotImplementedError`` (with the exercise's name), a check's own
    ``CheckFailed`` and the grader's refusal of an exit (``GradingGuardError``) are raised unchanged;
    any other error returns, for the check to report with its case.
    """
    if isinstance(err, NotImplementedError):
        raise NotImplementedError(f"{exercise.name} is not written yet: replace `raise NotImplementedError()` "
                                  "in its cell by your code.") from err
    if isinstance(err, CheckFailed) or type(err).__name__ == "GradingGuardError":
        raise err


def call(exercise, func, inputs, label):
    """Call the student's function on a copy of ``inputs``; an exception becomes a named failure."""
    if not callable(func):
        raise CheckFailed(f"{exercise.name} should be a function, but it is {type(func).__name__}.")
    arguments = {k: _copy(v) for k, v in inputs.items()}
    try:
        # positionally, in the contract's order: a student may name the parameters differently
        result = func(*[arguments[p] for p in _order(exercise, arguments)])
    except Exception as err:
        pass_through(exercise, err)
        if not isinstance(err, AssertionError):
            hint = f" {exercise.on_error}" if exercise.on_error else ""
            raise CheckFailed(f"{exercise.name} raised {type(err).__name__}: {err} on the case {label} "
                              f"({describe(inputs)}).{hint}") from err

        from .standins import StandInCallError

        if isinstance(err, StandInCallError):          # the diagnosis of a wrong call, as it is
            raise CheckFailed(f"On the case {label}: {err}") from None
        raise CheckFailed(f"{exercise.name} raised AssertionError: {err} on the case {label}.") from err
    for key, value in inputs.items():
        if not values.matches(arguments[key], value, rtol=0, atol=0):
            raise CheckFailed(f"{exercise.name} changed its input {key} in place on the case {label}. "
                              f"Work on a copy (e.g. `{key} = {key}.copy()`) instead.")
    return result


def _order(exercise, arguments):
    parameters = exercise.parameters() if hasattr(exercise, "parameters") else list(arguments)
    return [p for p in parameters if p in arguments]


def describe(inputs):
    """``x_t (3, 2), h_prev (3, 3), ...``: the inputs of a case, by shape or value."""
    parts = []
    for key, value in inputs.items():
        shape = getattr(value, "shape", None)
        if shape is not None:
            parts.append(f"{key} of shape {tuple(shape)}")
        elif isinstance(value, str) and len(value) > 30:
            parts.append(f"{key} a text of {len(value)} characters")
        elif isinstance(value, (list, tuple)) and len(value) > 6:
            parts.append(f"{key} a {type(value).__name__} of {len(value)} items")
        else:
            parts.append(f"{key}={value!r}")
    return ", ".join(parts)


def call_with_stand_ins(exercise, func, case):
    """Call the student's function on one case, stand-ins in place of the graded functions it uses.

    Returns ``(result, notes)``: the result as the checks compare it (``Exercise.summary``
    applied) and the stand-ins' notes (the function below is the one that is wrong).
    """
    from . import standins

    calls = case.get("calls", {})
    inputs = dict(case["inputs"])
    parameters = exercise.parameters()
    for name in exercise.uses:              # a function passed in as an argument gets its stand-in there
        if name in parameters and name in calls:
            inputs[name] = standins.StandIn(name, exercise.name, calls[name]["parameters"], calls[name]["table"],
                                            hints=exercise.call_hints.get(name))
    with standins.in_place(exercise, func, calls) as swapped:
        result = exercise.comparable(call(exercise, func, inputs, case["label"]))
    return result, swapped.notes


def record_result(func, case, exercise):
    """The standard record: ``{"result": ..., "notes": [...]}`` of one call on the case's inputs."""
    result, notes = call_with_stand_ins(exercise, func, case)
    return {"result": result, "notes": list(notes)}


def judge_result(recorded, case, exercise):
    """The standard judgement: the recorded result against the expected one, known mistakes named."""
    label, result = case["label"], recorded["result"]
    found = values.differences(result, case["expected"], f"{exercise.name}'s result", exercise.rtol,
                               exercise.atol, exercise.dims, exercise.parts)
    if found:
        path, message = found
        for mistake, output in case.get("mistakes", {}).items():
            if values.matches(result, output, exercise.rtol, exercise.atol):
                raise CheckFailed(f"{exercise.mistakes[mistake]} (case {label}: {message})")
        raise CheckFailed(f"On the case {label}: {message}")
    return [str(note) for note in recorded.get("notes", [])]


#: Call, compare, diagnose: the check of every test cell whose registry entry names no other.
STANDARD = Check(judge=judge_result)


def record(assignment, grade_id, kind, index, check, exercise, func, case):
    """Record what ``func`` gives on one case (``kind`` "visible" or "hidden") and return the record.

    The record is what a verifier outside the kernel would read: it goes through the JSON codec
    here too, so the notebook judges exactly what the grader will. Under the class grader it is
    also appended to the job's record file (``recording``); an error is recorded, then raised.
    """
    try:
        recorded = check.record_case(func, check.strip(case), exercise)
        try:
            recorded = values.decode(values.encode(recorded))
        except TypeError:
            raise CheckFailed(f"{exercise.name} returned something the checks cannot read on the case "
                              f"{case['label']} (they compare arrays, numbers, strings, tuples, lists and dicts): "
                              f"{type(_result_of(recorded)).__name__}.") from None
    except BaseException as err:
        recording.write(assignment, grade_id, kind, index, case["label"], error=f"{type(err).__name__}: {err}")
        raise
    recording.write(assignment, grade_id, kind, index, case["label"], record=recorded)
    return recorded


def _result_of(recorded):
    return recorded.get("result", recorded) if isinstance(recorded, dict) else recorded


__all__ = ["Exercise", "Test", "Check", "Registry", "CheckFailed", "STANDARD", "load", "assignments", "call",
           "pass_through", "call_with_stand_ins", "record_result", "judge_result", "record", "describe"]
