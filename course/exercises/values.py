"""Stored values of the checks: a JSON codec and a comparison that says where values differ.

Fixtures hold the inputs of each case, the expected result and what known
mistakes return, as plain JSON (arrays as nested lists with their dtype), so
they can be read and diffed, and no pickle is ever loaded.

``differences(got, expected)`` walks a result (an array, a number, a string, a
tuple, a list or a dict of those) and returns where it first differs, with a
sentence for the student; ``matches`` is the same question answered yes or no.
"""
import json
import numbers

import numpy as _np

_asarray = _np.asarray
_abs = _np.abs
_argwhere = _np.argwhere
_ndarray = _np.ndarray
_isfinite = _np.isfinite
_count_nonzero = _np.count_nonzero


# ---------------------------------------------------------------- JSON codec
def encode(value):
    """A JSON-ready form of ``value`` (arrays keep their dtype; tuples stay tuples)."""
    if isinstance(value, _ndarray):
        return {"__array__": value.tolist(), "dtype": str(value.dtype), "shape": list(value.shape)}
    if isinstance(value, tuple):
        return {"__tuple__": [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        if all(isinstance(k, str) and not k.startswith("__") for k in value):
            return {k: encode(v) for k, v in value.items()}
        return {"__dict__": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, _np.generic):
        return value.item()
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise TypeError(f"cannot store a {type(value).__name__} in a fixture")


def decode(value):
    """The inverse of ``encode``."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        if "__array__" in value:
            return _asarray(value["__array__"], dtype=value["dtype"]).reshape(value["shape"])
        if "__tuple__" in value:
            return tuple(decode(v) for v in value["__tuple__"])
        if "__dict__" in value:
            return {decode(k): decode(v) for k, v in value["__dict__"]}
        return {k: decode(v) for k, v in value.items()}
    return value


def dumps(value):
    """One line per test cell and case, so a changed case shows as a changed line in a diff."""
    encoded = encode(value)
    if not isinstance(encoded, dict):
        return json.dumps(encoded) + "\n"
    lines = []
    for key, cases in encoded.items():
        rows = ",\n  ".join(json.dumps(case, sort_keys=True) for case in cases) if isinstance(cases, list) \
            else json.dumps(cases, sort_keys=True)
        lines.append(f" {json.dumps(key)}: [\n  {rows}\n ]" if isinstance(cases, list) else f" {json.dumps(key)}: {rows}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def loads(text):
    return decode(json.loads(text))


# ---------------------------------------------------------------- comparison
def _type_name(value):
    kind = type(value)
    return kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__name__}"


def _shape_text(shape):
    return "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


def _is_number(value):
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def _array_difference(got, expected, name, rtol, atol, dims):
    if got is None:
        return f"{name} is None. Did the function forget to `return` it?"
    if _is_number(got) or isinstance(got, (list, tuple)):
        try:
            got = _asarray(got, dtype=float)
        except (TypeError, ValueError):
            return f"{name} should be a NumPy array of numbers, but it is {_type_name(got)}."
    if not isinstance(got, _ndarray):
        return f"{name} should be a NumPy array, but it is {_type_name(got)}."
    try:
        got_f = _asarray(got, dtype=float)
    except (TypeError, ValueError):
        return f"{name} should hold numbers, but its dtype is {got.dtype}."
    expected_f = _asarray(expected, dtype=float)
    if got_f.shape != expected_f.shape:
        described = f" = {dims}" if dims else ""
        hint = ""
        if got_f.ndim != expected_f.ndim:
            hint = f" It has {got_f.ndim} axes instead of {expected_f.ndim}."
        elif sorted(got_f.shape) == sorted(expected_f.shape):
            hint = " The sizes are right but in the wrong order: is a matrix transposed, or are the axes swapped?"
        return (f"{name} has shape {_shape_text(got_f.shape)}, but it should be "
                f"{_shape_text(expected_f.shape)}{described}.{hint}")
    finite = _isfinite(got_f)
    if not finite.all():
        index = tuple(int(i) for i in _argwhere(~finite)[0])
        return (f"{name} contains {got_f[index]} at index {index}. "
                "Look for an overflow (exp of a large number) or a division by zero.")
    diff = _abs(got_f - expected_f)
    bad = diff > atol + rtol * _abs(expected_f)
    n_bad = int(_count_nonzero(bad))
    if not n_bad:
        return None
    index = tuple(int(i) for i in _argwhere(bad)[0])
    at = f" at index {index}" if index else ""
    return (f"{name} is wrong{at}: got {got_f[index]:.6g}, expected {expected_f[index]:.6g}. "
            f"{n_bad} of {bad.size} entries differ; the largest difference is {float(diff.max()):.3g}.")


def differences(got, expected, name="the result", rtol=1e-5, atol=1e-7, dims=None, parts=None):
    """Where ``got`` first differs from ``expected``: ``(path, message)``, or ``None`` when they agree.

    ``path`` names the part that differs (``"h_t"``, ``"gates['g']"``); ``parts``
    names the values of a tuple result (``("h_t", "c_t", "gates")``); ``dims``
    maps such names to a description of their axes, e.g. ``{"h_t": "(N, H)"}``.
    """
    dims = dims or {}
    if isinstance(expected, _ndarray) and expected.dtype.kind in "fc":
        message = _array_difference(got, expected, name, rtol, atol, dims.get(name))
        return None if message is None else (name, message)
    if isinstance(expected, _ndarray):              # integer arrays must be equal
        if not isinstance(got, _ndarray):
            return name, f"{name} should be a NumPy array, but it is {_type_name(got)}."
        if got.shape != expected.shape:
            return name, (f"{name} has shape {_shape_text(got.shape)}, but it should be "
                          f"{_shape_text(expected.shape)}.")
        bad = _argwhere(got != expected)
        if len(bad):
            index = tuple(int(i) for i in bad[0])
            shown = [v.item() if hasattr(v, "item") else v for v in (got[index], expected[index])]  # 9, not np.int32(9)
            return name, (f"{name} is wrong at index {index}: got {shown[0]!r}, expected {shown[1]!r} "
                          f"({len(bad)} of {expected.size} entries differ).")
        return None
    if isinstance(expected, tuple):
        if not isinstance(got, tuple):
            return name, f"{name} should be a tuple of {len(expected)} values, but it is {_type_name(got)}."
        if len(got) != len(expected):
            return name, f"{name} has {len(got)} values, but it should have {len(expected)}."
        names = parts if parts and len(parts) == len(expected) else [f"{name}[{i}]" for i in range(len(expected))]
        for g, e, part_name in zip(got, expected, names):
            found = differences(g, e, part_name, rtol, atol, dims)
            if found:
                return found
        return None
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return name, f"{name} should be a dict, but it is {_type_name(got)}."
        missing = [k for k in expected if k not in got]
        if missing:
            return name, f"{name} is missing the key {missing[0]!r} (it should have the keys {sorted(expected)})."
        extra = [k for k in got if k not in expected]
        if extra:
            return name, f"{name} has an unexpected key {extra[0]!r} (it should have the keys {sorted(expected)})."
        for key in expected:
            found = differences(got[key], expected[key], f"{name}[{key!r}]", rtol, atol, dims)
            if found:
                return found
        return None
    if isinstance(expected, list):
        if not isinstance(got, (list, tuple)):
            return name, f"{name} should be a list, but it is {_type_name(got)}."
        if len(got) != len(expected):
            return name, f"{name} has {len(got)} items, but it should have {len(expected)}."
        for i, (g, e) in enumerate(zip(got, expected)):
            found = differences(g, e, f"{name}[{i}]", rtol, atol, dims)
            if found:
                return found
        return None
    if isinstance(expected, float):
        if not _is_number(got) and not (isinstance(got, _ndarray) and got.size == 1):
            return name, f"{name} should be a number, but it is {_type_name(got)}."
        message = _array_difference(_asarray(float(_asarray(got).reshape(()))), _asarray(expected),
                                    name, rtol, atol, None)
        return None if message is None else (name, message)
    if isinstance(expected, bool) or not isinstance(expected, int):
        return None if got == expected else (name, f"{name} is {got!r}, but it should be {expected!r}.")
    # an int: numpy integers count, floats that are whole numbers do not hide a wrong type
    if isinstance(got, (_np.integer, int)) and not isinstance(got, bool):
        return None if int(got) == expected else (name, f"{name} is {int(got)}, but it should be {expected}.")
    return name, f"{name} should be an int, but it is {_type_name(got)} ({got!r})."


def matches(got, expected, rtol=1e-5, atol=1e-7):
    """True when ``differences`` finds nothing."""
    try:
        return differences(got, expected, "value", rtol, atol) is None
    except Exception:       # a value of a shape we cannot even compare is no match
        return False
