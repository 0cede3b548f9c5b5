"""course.gradcheck against gradients known in closed form."""
import numpy as np
import pytest

from course.gradcheck import check_gradient, numerical_gradient, rel_error


def test_gradient_of_a_scalar_function():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    grad = numerical_gradient(lambda v: np.sum(v ** 3), x)
    np.testing.assert_allclose(grad, 3 * x ** 2, rtol=1e-6)


def test_gradient_with_upstream_gradient_of_a_matrix_product():
    rng = np.random.default_rng(0)
    x, w, dout = rng.normal(size=(4, 3)), rng.normal(size=(3, 5)), rng.normal(size=(4, 5))
    np.testing.assert_allclose(numerical_gradient(lambda v: v @ w, x, dout), dout @ w.T, rtol=1e-6)
    np.testing.assert_allclose(numerical_gradient(lambda v: x @ v, w, dout), x.T @ dout, rtol=1e-6)


def test_the_checker_never_mutates_what_it_is_given():
    x = np.array([1.0, 2.0, 3.0])
    seen = []
    numerical_gradient(lambda v: seen.append(v) or float(np.sum(v)), x)
    np.testing.assert_array_equal(x, [1.0, 2.0, 3.0])
    assert all(a is not x for a in seen)


def test_rel_error():
    assert rel_error(np.ones(3), np.ones(3)) == 0.0
    assert rel_error(np.array([1.0]), np.array([3.0])) == pytest.approx(0.5)
    with pytest.raises(ValueError, match="equal shapes"):
        rel_error(np.ones(2), np.ones(3))


def test_check_gradient_names_the_worst_entry():
    numeric = np.zeros((2, 3))
    analytic = numeric.copy()
    analytic[1, 0] = 0.5
    with pytest.raises(AssertionError, match=r"dW_h does not match .* index \(1, 0\)"):
        check_gradient(analytic, numeric, "dW_h")
    check_gradient(numeric + 1e-9, numeric, "dW_h")
