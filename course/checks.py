"""Assertions for test cells, with messages that tell a student what is wrong.

Every check raises ``AssertionError`` with a sentence that names the value,
the expected and the actual shape or number, and where the first mismatch is.
Test cells use these instead of bare ``assert`` so a failing test teaches.

The NumPy functions used for comparing are bound when this module is
imported, so a notebook that later rebinds ``np.allclose`` or ``np.abs``
does not change what these checks compute.
"""
import numbers

import numpy as _np

_asarray = _np.asarray
_isnan = _np.isnan
_isinf = _np.isinf
_abs = _np.abs
_argwhere = _np.argwhere
_ndarray = _np.ndarray
_issubdtype = _np.issubdtype
_number = _np.number
_bool = _np.bool_
_count_nonzero = _np.count_nonzero
_max = _np.max
_maximum = _np.maximum


def _fail(message):
    raise AssertionError(message)


def _type_name(value):
    kind = type(value)
    return kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__name__}"


def assert_type(value, expected_types, name="value"):
    """Check ``isinstance(value, expected_types)`` and say what came instead.

    ``expected_types`` is a type or a tuple of types.
    """
    if not isinstance(expected_types, tuple):
        expected_types = (expected_types,)
    if not isinstance(value, expected_types):
        wanted = " or ".join(t.__name__ for t in expected_types)
        hint = ""
        if value is None:
            hint = " Did the function forget to `return` its result?"
        _fail(f"{name} should be a {wanted}, but it is {_type_name(value)}.{hint}")


def assert_array(value, name="value"):
    """Check that ``value`` is a NumPy array of numbers (not a list, not None)."""
    if value is None:
        _fail(f"{name} is None. Did the function forget to `return` it?")
    if not isinstance(value, _ndarray):
        _fail(
            f"{name} should be a NumPy array, but it is {_type_name(value)}. "
            "Build it with NumPy operations (or np.stack / np.array) before returning."
        )
    if not (_issubdtype(value.dtype, _number) or value.dtype == _bool):
        _fail(f"{name} should hold numbers, but its dtype is {value.dtype}.")


def _format_shape(shape):
    return "(" + ", ".join("?" if d is None else str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


def assert_shape(value, expected_shape, name="value", dims=None):
    """Check an array's shape; ``None`` in ``expected_shape`` matches any size.

    ``dims`` optionally names the axes, e.g. ``"(N, T, H)"``, for the message.
    """
    assert_array(value, name)
    expected_shape = tuple(expected_shape)
    actual = tuple(value.shape)
    ok = len(actual) == len(expected_shape) and all(
        e is None or e == a for e, a in zip(expected_shape, actual)
    )
    if not ok:
        described = f" = {dims}" if dims else ""
        hint = ""
        if len(actual) == len(expected_shape) and sorted(actual) == sorted(e for e in expected_shape if e is not None) and None not in expected_shape:
            hint = " The sizes are right but in the wrong order: is a matrix transposed, or are the axes swapped?"
        elif len(actual) != len(expected_shape):
            hint = f" It has {len(actual)} axes instead of {len(expected_shape)}."
        _fail(f"{name} has shape {_format_shape(actual)}, but it should be {_format_shape(expected_shape)}{described}.{hint}")


def assert_finite(value, name="value"):
    """Check that an array holds no NaN or infinity, and say where the first one is."""
    assert_array(value, name)
    values = _asarray(value, dtype=float)
    for test, what in ((_isnan, "NaN"), (_isinf, "an infinite value")):
        bad = _argwhere(test(values))
        if len(bad):
            index = tuple(int(i) for i in bad[0])
            _fail(
                f"{name} contains {what} at index {index} ({len(bad)} such entries). "
                "Look for an overflow (exp of a large number) or a division by zero."
            )


def assert_close(actual, expected, name="value", rtol=1e-5, atol=1e-7, dims=None):
    """Check ``|actual - expected| <= atol + rtol * |expected|`` entry by entry.

    The message gives the first mismatching index with both values, how many
    entries differ and the largest absolute difference.
    """
    expected = _asarray(expected)
    if isinstance(actual, numbers.Number) and not isinstance(actual, bool) and expected.ndim == 0:
        actual = _asarray(actual)
    assert_array(actual, name)
    assert_shape(actual, expected.shape, name, dims=dims)
    assert_finite(actual, name)
    actual_f = _asarray(actual, dtype=float)
    expected_f = _asarray(expected, dtype=float)
    diff = _abs(actual_f - expected_f)
    bad = diff > atol + rtol * _abs(expected_f)
    n_bad = int(_count_nonzero(bad))
    if n_bad:
        index = tuple(int(i) for i in _argwhere(bad)[0])
        at = f" at index {index}" if index else ""
        _fail(
            f"{name} is wrong{at}: got {actual_f[index]:.6g}, expected {expected_f[index]:.6g}. "
            f"{n_bad} of {bad.size} entries differ; the largest difference is {float(_max(diff)):.3g} "
            f"(tolerance {atol:g} + {rtol:g}*|expected|)."
        )


def assert_equal(actual, expected, name="value"):
    """Check equality of plain Python values (str, int, list, tuple, dict).

    For sequences the message gives the first differing position.
    """
    if actual == expected:
        return
    if isinstance(expected, (list, tuple)) and isinstance(actual, (list, tuple)):
        if len(actual) != len(expected):
            _fail(f"{name} has {len(actual)} items, but it should have {len(expected)}.")
        for i, (a, e) in enumerate(zip(actual, expected)):
            if a != e:
                _fail(f"{name}[{i}] is {a!r}, but it should be {e!r}.")
    if isinstance(expected, dict) and isinstance(actual, dict):
        missing = [k for k in expected if k not in actual]
        if missing:
            _fail(f"{name} is missing the key {missing[0]!r} ({len(missing)} keys missing).")
        extra = [k for k in actual if k not in expected]
        if extra:
            _fail(f"{name} has an unexpected key {extra[0]!r} ({len(extra)} extra keys).")
        for key in expected:
            if actual[key] != expected[key]:
                _fail(f"{name}[{key!r}] is {actual[key]!r}, but it should be {expected[key]!r}.")
    _fail(f"{name} is {actual!r}, but it should be {expected!r}.")


def assert_unchanged(before, after, name="input"):
    """Check that a function did not modify an input array in place."""
    if before.shape != after.shape or _count_nonzero(_asarray(before) != _asarray(after)):
        _fail(f"The function changed {name} in place. Work on a copy (e.g. `x = x.copy()`) instead.")


__all__ = [
    "assert_type",
    "assert_array",
    "assert_shape",
    "assert_finite",
    "assert_close",
    "assert_equal",
    "assert_unchanged",
]
