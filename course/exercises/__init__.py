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
"""
import importlib
import inspect
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import values

FIXTURES = Path(__file__).parent      # <assignment>.json beside the modules


class CheckFailed(AssertionError):
    """A check found a wrong answer; the message says what and where."""


@dataclass(frozen=True)
class Test:
    """One locked test cell: its grade id, points, docstring and visible check.

    ``check`` is ``None`` for the standard check (every stored case of this
    cell, compared value by value with the mistakes diagnosed) or a function
    ``check(func, cases, exercise)`` for checks that numbers cannot express
    (a Keras model's structure, frequencies of a sampler). ``hidden`` says
    whether the cell has hidden cases.
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

    # -- running a test cell's visible checks
    def run(self, grade_id, func, quiet=False):
        """Run the visible checks of one test cell on the student's ``func``."""
        exercise, test = self.test(grade_id)
        cases = self.fixture().get(grade_id, [])
        notes = []
        if test.check is None and not cases:           # never pass a check that checked nothing
            raise CheckFailed(f"The stored cases of {grade_id} are missing from {FIXTURES / (self.assignment + '.json')}"
                              ": restore the course folder (git checkout -- course/).")
        if test.check is None:
            for case in cases:
                notes += check_case(exercise, func, case, where="")
        else:
            test.check(func, cases, exercise)
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
        if path.stem in ("__init__", "values", "standins"):      # the machinery, not a registry
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


def call(exercise, func, inputs, label):
    """Call the student's function on a copy of ``inputs``; an exception becomes a named failure."""
    if not callable(func):
        raise CheckFailed(f"{exercise.name} should be a function, but it is {type(func).__name__}.")
    arguments = {k: _copy(v) for k, v in inputs.items()}
    try:
        # positionally, in the contract's order: a student may name the parameters differently
        result = func(*[arguments[p] for p in _order(exercise, arguments)])
    except NotImplementedError as err:
        # still a NotImplementedError: an unanswered exercise, not a wrong one
        raise NotImplementedError(f"{exercise.name} is not written yet: replace `raise NotImplementedError()` "
                                  "in its cell by your code.") from err
    except CheckFailed:
        raise
    except Exception as err:
        if type(err).__name__ == "GradingGuardError":     # the grader refused an exit: say so as it is
            raise
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


def check_case(exercise, func, case, where):
    """Check one stored case: call, compare, diagnose a known mistake. Returns notes to print."""
    from . import standins

    label = case["label"] + where
    calls = case.get("calls", {})
    inputs = dict(case["inputs"])
    parameters = exercise.parameters()
    for name in exercise.uses:              # a function passed in as an argument gets its stand-in there
        if name in parameters and name in calls:
            inputs[name] = standins.StandIn(name, exercise.name, calls[name]["parameters"], calls[name]["table"],
                                            hints=exercise.call_hints.get(name))
    with standins.in_place(exercise, func, calls) as swapped:
        result = exercise.comparable(call(exercise, func, inputs, label))
    found = values.differences(result, case["expected"], f"{exercise.name}'s result", exercise.rtol,
                               exercise.atol, exercise.dims, exercise.parts)
    if found:
        path, message = found
        for mistake, output in case.get("mistakes", {}).items():
            if values.matches(result, output, exercise.rtol, exercise.atol):
                raise CheckFailed(f"{exercise.mistakes[mistake]} (case {label}: {message})")
        raise CheckFailed(f"On the case {label}: {message}")
    return swapped.notes


__all__ = ["Exercise", "Test", "Registry", "CheckFailed", "load", "assignments", "call", "check_case", "describe"]
