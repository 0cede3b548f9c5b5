"""course.checks: each failure message names the fault a student has to fix."""
import numpy as np
import pytest

from course import checks


def _message(func, *args, **kwargs):
    with pytest.raises(AssertionError) as info:
        func(*args, **kwargs)
    return str(info.value)


def test_assert_shape_names_both_shapes_and_spots_a_transpose():
    message = _message(checks.assert_shape, np.zeros((5, 3)), (3, 5), "h_t", dims="(N, H)")
    assert "(5, 3)" in message and "(3, 5) = (N, H)" in message
    assert "transposed" in message


def test_assert_shape_counts_axes_and_accepts_wildcards():
    assert "3 axes instead of 2" in _message(checks.assert_shape, np.zeros((2, 3, 4)), (2, 3), "H")
    checks.assert_shape(np.zeros((2, 7)), (2, None), "H")


def test_assert_close_reports_first_mismatch_with_both_values():
    expected = np.arange(6.0).reshape(2, 3)
    actual = expected.copy()
    actual[1, 2] = 9.5
    actual[1, 1] = 4.25
    message = _message(checks.assert_close, actual, expected, "H")
    assert "index (1, 1)" in message
    assert "got 4.25" in message and "expected 4" in message
    assert "2 of 6 entries differ" in message


def test_assert_close_passes_within_tolerance():
    checks.assert_close(np.array([1.0, 2.0]) + 1e-9, np.array([1.0, 2.0]), "x")


@pytest.mark.parametrize("bad, word", [(np.nan, "NaN"), (np.inf, "infinite")])
def test_non_finite_values_are_located(bad, word):
    values = np.zeros((2, 2))
    values[0, 1] = bad
    message = _message(checks.assert_close, values, np.zeros((2, 2)), "dW")
    assert word in message and "(0, 1)" in message


@pytest.mark.parametrize("value, phrase", [
    (None, "forget to `return`"),
    ([[1.0, 2.0]], "should be a NumPy array, but it is list"),
    (np.array(["a"]), "should hold numbers"),
])
def test_wrong_types_are_named(value, phrase):
    assert phrase in _message(checks.assert_close, value, np.zeros((1, 2)), "h_t")


def test_rebinding_numpy_functions_does_not_change_the_checks(monkeypatch):
    """A notebook that makes np.allclose or np.abs lie cannot make a wrong answer pass."""
    monkeypatch.setattr(np, "allclose", lambda *a, **k: True)
    monkeypatch.setattr(np, "abs", lambda x: np.zeros_like(x))
    monkeypatch.setattr(np, "isnan", lambda x: np.zeros_like(x, dtype=bool))
    with pytest.raises(AssertionError):
        checks.assert_close(np.ones(3), np.zeros(3), "x")
    with pytest.raises(AssertionError):
        checks.assert_finite(np.array([np.nan]), "x")


def test_assert_equal_gives_the_first_differing_item():
    assert "inputs[1] is 'xb', but it should be 'ab'" in _message(
        checks.assert_equal, ["aa", "xb"], ["aa", "ab"], "inputs")
    assert "has 1 items, but it should have 2" in _message(checks.assert_equal, ["a"], ["a", "b"], "targets")
    assert "missing the key 'UNK'" in _message(checks.assert_equal, {"PAD": 0}, {"PAD": 0, "UNK": 1}, "index")


def test_assert_type_and_unchanged():
    assert "should be a list, but it is tuple" in _message(checks.assert_type, (1,), list, "inputs")
    before = np.ones(3)
    after = before.copy()
    after[0] = 2
    assert "changed X in place" in _message(checks.assert_unchanged, before, after, "X")
