"""Compute the stored numbers of every check from the instructor's references.

    python -m grading.build            # rewrite the fixtures of every assignment
    python -m grading.build --check    # fail if a stored fixture differs from what the references give now

For each test cell of an assignment's registry (``course.exercises``), the
module ``grading/<topic>.py`` gives its seeded cases, visible and hidden
(``CASES``). For every case this computes the expected result (``EXPECTED``
for the cell, or the reference implementation in ``REFERENCES``), what each
known mistake returns (``MISTAKES``), and, for a function that builds on
another graded function, the calls a correct one makes with what a correct
callee returns (the stand-in table of ``course.exercises.standins``).
Visible cases go to ``course/exercises/<assignment>.json`` (students
read them: numbers only), hidden ones to ``grading/<assignment>.json``.
"""
import argparse
import contextlib
import sys

from course import exercises
from course.exercises import values

from . import FIXTURES as HIDDEN_FIXTURES
from . import module as grading_module


class _Recorder:
    def __init__(self, func, parameters):
        self.func, self.parameters, self.table = func, parameters, []

    def __call__(self, *args, **kwargs):
        import inspect

        bound = inspect.signature(self.func).bind(*args, **kwargs)
        bound.apply_defaults()
        arguments = {p: values.decode(values.encode(bound.arguments[p])) for p in self.parameters}
        result = self.func(*args, **kwargs)
        self.table.append({"args": arguments, "result": values.decode(values.encode(result))})
        return result


def _parameters(registry, references, name):
    """The parameters of a graded function this one builds on (graded here, or in an earlier notebook)."""
    import inspect

    try:
        return registry.exercise(name).parameters()
    except KeyError:
        return list(inspect.signature(references[name]).parameters)


@contextlib.contextmanager
def _recording(func, names, references, registry):
    """Record the calls ``func`` makes to each of ``names`` (looked up in its globals)."""
    namespace = func.__globals__
    recorders, saved = {}, {}
    for name in names:
        saved[name] = namespace[name]
        recorders[name] = namespace[name] = _Recorder(references[name], _parameters(registry, references, name))
    try:
        yield recorders
    finally:
        namespace.update(saved)


def _outputs(exercise, inputs, reference, expected_fn, mistakes, registry, references):
    """Expected result, stand-in tables and (when ``mistakes`` is not empty) what each mistake returns."""
    copy = values.decode(values.encode(inputs))
    parameters = exercise.parameters()
    passed = [name for name in exercise.uses if name in parameters]       # functions given as arguments
    looked_up = [name for name in exercise.uses if name not in parameters]
    recorders = {}
    with _recording(reference, looked_up, references, registry) as recorders:
        arguments = values.decode(values.encode(inputs))
        for name in passed:
            recorders[name] = arguments[name] = _Recorder(references[name], _parameters(registry, references, name))
        reference(**arguments)

    def with_functions(fresh):
        for name in passed:
            fresh[name] = references[name]
        return fresh

    case = {"inputs": copy,
            "expected": exercise.comparable((expected_fn or reference)(**with_functions(values.decode(values.encode(inputs)))))}
    if recorders:
        case["calls"] = {name: {"parameters": _parameters(registry, references, name), "table": r.table}
                         for name, r in recorders.items()}
    outputs = {}
    for mistake, fn in mistakes.items():
        try:
            output = exercise.comparable(fn(**with_functions(values.decode(values.encode(inputs)))))
        except Exception:          # a mistake that crashes on this case is diagnosed by the crash
            continue
        if not values.matches(output, case["expected"], exercise.rtol, exercise.atol):
            outputs[mistake] = output
    # two mistakes that return the same here cannot be told apart on this case: name neither
    ambiguous = {a for a in outputs for b in outputs
                 if a != b and values.matches(outputs[a], outputs[b], exercise.rtol, exercise.atol)}
    outputs = {k: v for k, v in outputs.items() if k not in ambiguous}
    if outputs:
        case["mistakes"] = outputs
    return case


def build(assignment):
    """``(visible, hidden)``: ``{grade_id: [case, ...]}`` for one assignment."""
    registry = exercises.load(assignment)
    grading = grading_module(assignment)
    visible, hidden = {}, {}
    for exercise, test in registry.tests():
        spec = grading.CASES.get(test.grade_id)
        if spec is None:
            continue
        reference = grading.REFERENCES.get(exercise.name)
        expected_fn = getattr(grading, "EXPECTED", {}).get(test.grade_id)
        mistakes = getattr(grading, "MISTAKES", {}).get(exercise.name, {})
        unknown = set(mistakes) - set(exercise.mistakes)
        if unknown:
            raise ValueError(f"{assignment}: mistakes {sorted(unknown)} of {exercise.name} have no message "
                             "in the course registry")
        for target, kind in ((visible, "visible"), (hidden, "hidden")):
            cases = []
            for label, inputs in spec.get(kind, []):
                if reference is None and expected_fn is None:
                    cases.append({"label": label, "inputs": inputs})
                    continue
                # A cell with its own expected values (EXPECTED) may store inputs that are not the
                # function's parameters (a seed and a number of draws, say): its reference only runs
                # when a stand-in table has to be recorded from it.
                runner = reference if reference is not None and (expected_fn is None or exercise.uses) \
                    else expected_fn
                # mistakes are recognised in the visible cases, where the message teaches
                case = _outputs(exercise, inputs, runner, expected_fn,
                                mistakes if kind == "visible" else {}, registry, grading.REFERENCES)
                cases.append({"label": label, **case})
            if cases:
                target[test.grade_id] = cases
    return visible, hidden


def _paths(assignment):
    return exercises.FIXTURES / f"{assignment}.json", HIDDEN_FIXTURES / f"{assignment}.json"


def stale(assignment):
    """The fixture files of an assignment that differ from what the references compute now."""
    problems = []
    for path, fresh in zip(_paths(assignment), build(assignment)):
        stored = values.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
        if stored is None or values.dumps(stored) != values.dumps(values.decode(values.encode(fresh))):
            if stored is None or not values.matches(_plain(stored), _plain(fresh), rtol=1e-6, atol=1e-9):
                problems.append(str(path))
    return problems


def _plain(value):
    """Lists instead of tuples, so a comparison looks at the numbers."""
    return values.decode(values.encode(value))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("assignments", nargs="*", help="default: every assignment with a registry")
    parser.add_argument("--check", action="store_true", help="only compare, write nothing")
    args = parser.parse_args(argv)
    names = args.assignments or exercises.assignments()
    if args.check:
        problems = [p for a in names for p in stale(a)]
        for p in problems:
            print(f"stale: {p} (run `python -m grading.build`)")
        return 1 if problems else 0
    for assignment in names:
        for path, fixture in zip(_paths(assignment), build(assignment)):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(values.dumps(fixture), encoding="utf-8")
            print(f"wrote {path} ({len(fixture)} test cells)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
