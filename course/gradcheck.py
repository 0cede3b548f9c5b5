"""Numerical gradients by central differences, and the relative error.

Used in 02 to check backpropagation through time by hand, and by hidden tests
as the independent reference for every analytic gradient.

The checker perturbs a *copy* of the input and passes it to ``f`` explicitly,
so it never relies on ``f`` reading an array that the checker mutates.
"""
import numpy as np


def numerical_gradient(f, x, dout=None, h=1e-5):
    """Gradient of ``sum(f(x) * dout)`` with respect to ``x``, by central differences.

    Inputs:
    - f: function taking an array shaped like ``x`` and returning an array
      (any shape) or a scalar
    - x: point at which to differentiate, any shape; it is not modified
    - dout: upstream gradient shaped like ``f(x)``; ``None`` means ones
      (so a scalar ``f`` gives its plain gradient)
    - h: step size

    Returns:
    - grad: array shaped like ``x``
    """
    x = np.array(x, dtype=float, copy=True)
    grad = np.zeros_like(x)
    point = x.copy()
    for index in np.ndindex(x.shape):
        original = point[index]
        point[index] = original + h
        plus = np.asarray(f(point.copy()), dtype=float)
        point[index] = original - h
        minus = np.asarray(f(point.copy()), dtype=float)
        point[index] = original
        weights = np.ones_like(plus) if dout is None else np.asarray(dout, dtype=float)
        grad[index] = np.sum((plus - minus) * weights) / (2.0 * h)
    return grad


def rel_error(a, b, eps=1e-8):
    """Largest elementwise relative error ``|a - b| / max(eps, |a| + |b|)``.

    Below about 1e-7 for float64 code means the analytic gradient is right;
    around 1e-2 or above means it is wrong.
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"rel_error needs equal shapes, got {a.shape} and {b.shape}")
    if a.size == 0:
        return 0.0
    return float(np.max(np.abs(a - b) / np.maximum(eps, np.abs(a) + np.abs(b))))


def check_gradient(analytic, numeric, name="gradient", tol=1e-6):
    """Raise ``AssertionError`` naming the worst entry when the two gradients disagree.

    ``tol`` bounds the error relative to the size of the numerical gradient,
    ``max|analytic - numeric| / max(1, max|numeric|)``, which stays meaningful
    for entries that are nearly zero.
    """
    from .checks import assert_shape, assert_finite

    numeric = np.asarray(numeric, dtype=float)
    assert_shape(analytic, numeric.shape, name)
    assert_finite(analytic, name)
    analytic = np.asarray(analytic, dtype=float)
    diff = np.abs(analytic - numeric)
    scale = max(1.0, float(np.max(np.abs(numeric))) if numeric.size else 1.0)
    if numeric.size and float(np.max(diff)) / scale > tol:
        index = tuple(int(i) for i in np.unravel_index(np.argmax(diff), diff.shape))
        raise AssertionError(
            f"{name} does not match the numerical gradient: at index {index} it is "
            f"{analytic[index]:.6g} but central differences give {numeric[index]:.6g} "
            f"(relative error {rel_error(analytic, numeric):.2e})."
        )
