"""Known-correct stand-ins for the graded functions a graded function builds on.

``lstm_forward`` calls the student's ``lstm_step``. Checked as it is, one bug
in the step would cost the marks of both. While a case of ``lstm_forward`` is
checked, the name ``lstm_step`` in the student's notebook is bound to a
stand-in that answers from a table: the calls a correct ``lstm_forward``
makes on that case and what a correct step returns for each (stored in the
fixture). The table holds numbers only, so it teaches no formula; a call that
is not in the table is itself the diagnosis ("at that step h_prev is not the
state the step before returned"). Afterwards the name is bound back.
"""
import contextlib
import inspect

from . import values


class StandInCallError(AssertionError):
    """The function under test called the one it builds on with arguments a correct one never passes."""


class StandIn:
    """Answers the calls of one graded function from a table of ``{"args": {...}, "result": ...}``."""

    def __init__(self, exercise_name, caller, parameters, table, hints=None):
        self.name = exercise_name
        self.hints = hints or {}      # {parameter: what to look at when only that argument is wrong}
        self.caller = caller
        self.parameters = parameters
        self.table = table
        self.signature = inspect.Signature([inspect.Parameter(p, inspect.Parameter.POSITIONAL_OR_KEYWORD)
                                            for p in parameters])
        self.calls = 0

    def __repr__(self):
        return f"<a correct {self.name}>"

    def __call__(self, *args, **kwargs):
        self.calls += 1
        try:
            bound = self.signature.bind(*args, **kwargs).arguments
        except TypeError as err:
            raise StandInCallError(f"{self.caller} called {self.name} with the wrong arguments ({err}); "
                                   f"its parameters are ({', '.join(self.parameters)}).") from None
        for row in self.table:
            if all(values.matches(bound[p], row["args"][p], rtol=1e-6, atol=1e-9) for p in self.parameters):
                return _copy(row["result"])
        raise StandInCallError(self._diagnose(bound))

    def _diagnose(self, bound):
        """Which argument differs from every call a correct caller makes."""
        same = lambda p, row: values.matches(bound[p], row["args"][p], rtol=1e-6, atol=1e-9)
        # The k-th call of a correct caller is the table's k-th row: compare with it first, so that a
        # call that equals two rows but for one argument each is judged against its own step.
        own = self.calls - 1
        rows = ([self.table[own]] if 0 <= own < len(self.table) else []) + \
            [row for index, row in enumerate(self.table) if index != own]
        for row in rows:               # a call that a correct caller makes, but for one argument: name it
            wrong = [p for p in self.parameters if not same(p, row)]
            if len(wrong) == 1 and len(self.parameters) > 1:
                p = wrong[0]
                found = values.differences(bound[p], row["args"][p], p)
                detail = f" ({found[1]})" if found else ""
                others = ", ".join(q for q in self.parameters if q != p)
                hint = self.hints.get(p, f"Check how {p} is formed at that step.")
                return (f"{self.caller} called {self.name} (call number {self.calls}) with the right {others} "
                        f"but a {p} that a correct {self.caller} does not pass with them{detail}. {hint}")
        first = self.parameters[0]
        rows = [r for r in self.table if values.matches(bound[first], r["args"][first], rtol=1e-6, atol=1e-9)]
        if not rows:
            return (f"{self.caller} called {self.name} with a {first} that a correct {self.caller} never passes "
                    f"on this case (is it the input at one time step, taken along the right axis?).")
        for p in self.parameters[1:]:
            if not any(values.matches(bound[p], r["args"][p], rtol=1e-6, atol=1e-9) for r in rows):
                found = values.differences(bound[p], rows[0]["args"][p], p)
                detail = f" ({found[1]})" if found else ""
                return (f"{self.caller} called {self.name} with the right {first} but a {p} that a correct "
                        f"{self.caller} does not pass with it{detail}. Check what is carried from one step "
                        "to the next.")
        return f"{self.caller} called {self.name} with arguments a correct {self.caller} never passes together."


def _copy(value):
    if isinstance(value, tuple):
        return tuple(_copy(v) for v in value)
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    return value.copy() if hasattr(value, "copy") else value


class _Swapped:
    def __init__(self):
        self.notes = []


@contextlib.contextmanager
def in_place(exercise, func, calls):
    """Bind each function ``exercise`` uses to its stand-in in ``func``'s globals, for the block."""
    from . import call as call_student, CheckFailed

    swapped = _Swapped()
    namespace = getattr(func, "__globals__", None)
    saved = {}
    if namespace is not None:
        for name, (parameters, table) in _tables(exercise, calls).items():
            if name in exercise.parameters():      # passed as an argument, not looked up as a global
                continue
            saved[name] = namespace.get(name, _ABSENT)
            namespace[name] = StandIn(name, exercise.name, parameters, table,
                                      getattr(exercise, "call_hints", {}).get(name))
    try:
        yield swapped
    finally:
        for name, value in saved.items():
            if value is _ABSENT:
                namespace.pop(name, None)
            else:
                namespace[name] = value
    # Tell the student when their own function below is the one that is wrong.
    for name, original in saved.items():
        if not callable(original) or not calls[name]["table"]:
            continue
        row = calls[name]["table"][0]
        try:
            got = call_student(_Named(name, calls[name]["parameters"]), original, row["args"], "the first step")
            wrong = not values.matches(got, row["result"], rtol=1e-5, atol=1e-7)
        except (CheckFailed, Exception):
            wrong = True
        if wrong:
            swapped.notes.append(
                f"Note: {name} fails its own checks (see its test cells). {exercise.name} was checked with a "
                f"correct {name} in its place and is right; once {name} is fixed, both will pass.")


class _Named:
    """Just enough of an ``Exercise`` for ``call`` to name the function in a message."""

    def __init__(self, name, parameters):
        self.name = name
        self.on_error = ""
        self._parameters = list(parameters)

    def parameters(self):
        return self._parameters


_ABSENT = object()


def _tables(exercise, calls):
    return {name: (calls[name]["parameters"], calls[name]["table"]) for name in exercise.uses if name in calls}
