"""References, mistakes and cases of 03_vanishing_gradients (instructor only).

The expected Jacobians come from tf.GradientTape and from central differences of the step
``h = tanh(a + h_prev @ W_h)`` at ``h_prev = 0`` with ``a = arctanh(h_t)``: the Jacobian depends on the
step only through ``h_t``, so these are the Jacobians of any step that produced ``h_t``. The expected
clipped gradients come from ``tf.clip_by_global_norm``.
"""
import numpy as np

from course.gradcheck import numerical_gradient

ASSIGNMENT = "03_vanishing_gradients"


# ---------------------------------------------------------------- references
def step_jacobian(h_t, W_h):
    h_t = np.asarray(h_t, dtype=float).reshape(-1)
    return (1.0 - h_t ** 2)[:, None] * W_h.T


def clip_by_global_norm(grads, max_norm):
    global_norm = float(np.sqrt(sum(np.sum(np.square(g)) for g in grads)))
    scale = max_norm / max(global_norm, max_norm)
    return [np.asarray(g) * scale for g in grads], global_norm


REFERENCES = {"step_jacobian": step_jacobian, "clip_by_global_norm": clip_by_global_norm}


# ---------------------------------------------------------------- independent references
def _tf():
    import course  # noqa: F401  (quietens TensorFlow before it is imported)
    import tensorflow as tf

    return tf


def _jacobian_numerical(h_t, W_h):
    a = np.arctanh(np.asarray(h_t, dtype=float).reshape(-1))
    H = a.shape[0]
    step = lambda h_prev: np.tanh(a + h_prev @ W_h)
    return np.stack([numerical_gradient(step, np.zeros(H), dout=np.eye(H)[i]) for i in range(H)])


def _jacobian_tape(h_t, W_h):
    tf = _tf()
    a = tf.constant(np.arctanh(np.asarray(h_t, dtype=float).reshape(1, -1)))
    h_prev = tf.constant(np.zeros_like(a.numpy()))
    with tf.GradientTape() as tape:
        tape.watch(h_prev)
        h = tf.tanh(a + h_prev @ tf.constant(W_h))
    J = tape.jacobian(h, h_prev).numpy()[0, :, 0, :]
    # the test cell says both: the stored Jacobian is the tape's, and central differences agree with it
    assert np.allclose(J, _jacobian_numerical(h_t, W_h), rtol=1e-6, atol=1e-9), "tape and central differences differ"
    return J


def _clip_tf(grads, max_norm):
    tf = _tf()
    clipped, norm = tf.clip_by_global_norm([tf.constant(np.asarray(g, dtype=float)) for g in grads], max_norm)
    return [c.numpy() for c in clipped], float(norm)


EXPECTED = {
    "test_step_jacobian_small": _jacobian_numerical,
    "test_step_jacobian_autodiff": _jacobian_tape,
    "test_clip_by_global_norm_tf": _clip_tf,
}


# ---------------------------------------------------------------- mistakes
def _flat(h_t):
    return np.asarray(h_t, dtype=float).reshape(-1)


def _global_norm(grads):
    return float(np.sqrt(sum(np.sum(np.square(g)) for g in grads)))


def _per_tensor(grads, max_norm):
    clipped = []
    for g in grads:
        norm = float(np.sqrt(np.sum(np.square(g))))
        clipped.append(g * max_norm / norm if norm > max_norm else np.array(g, dtype=float))
    return clipped, _global_norm(grads)


def _norm_after(grads, max_norm):
    clipped, _ = clip_by_global_norm(grads, max_norm)
    return clipped, _global_norm(clipped)


def _no_square_root(grads, max_norm):
    squared = float(sum(np.sum(np.square(g)) for g in grads))
    return [g * (max_norm / max(squared, max_norm)) for g in grads], squared


MISTAKES = {
    "step_jacobian": {
        "not_transposed": lambda h_t, W_h: (1.0 - _flat(h_t) ** 2)[:, None] * W_h,
        "slope_on_columns": lambda h_t, W_h: W_h.T * (1.0 - _flat(h_t) ** 2)[None, :],
        "tanh_twice": lambda h_t, W_h: (1.0 - np.tanh(_flat(h_t)) ** 2)[:, None] * W_h.T,
        "no_slope": lambda h_t, W_h: np.array(W_h.T, dtype=float),
        "slope_not_squared": lambda h_t, W_h: (1.0 - _flat(h_t))[:, None] * W_h.T,
    },
    "clip_by_global_norm": {
        "always_rescales": lambda grads, max_norm: ([g * max_norm / max(_global_norm(grads), 1e-12) for g in grads],
                                                    _global_norm(grads)),
        "no_square_root": _no_square_root,
        "per_tensor": _per_tensor,
        "norm_after": _norm_after,
        "by_value": lambda grads, max_norm: ([np.clip(g, -max_norm, max_norm) for g in grads], _global_norm(grads)),
        "inverted_scale": lambda grads, max_norm: ([g * max(_global_norm(grads), max_norm) / max_norm for g in grads],
                                                   _global_norm(grads)),
    },
}


# ---------------------------------------------------------------- cases
def _jacobian_inputs(rng, D, H, scale=0.7, row=False):
    x_t, h_prev = rng.normal(size=D), rng.normal(size=H)
    W_x, W_h, b = rng.normal(size=(D, H)), rng.normal(size=(H, H)) * scale, rng.normal(size=H)
    h_t = np.tanh(x_t @ W_x + h_prev @ W_h + b)
    return {"h_t": h_t[None, :] if row else h_t, "W_h": W_h}


def _cases():
    W_h = np.array([[0.5, 2.0], [-1.0, 0.25]])            # not symmetric: W_h and W_h.T differ
    rng = np.random.default_rng(11)
    three = [rng.normal(size=(3, 4)), rng.normal(size=(4, 4)), rng.normal(size=4)]
    total = float(np.sqrt(sum(np.sum(g ** 2) for g in three)))
    rng = np.random.default_rng(12)
    small = [np.array([[3.0, 0.0], [0.0, 0.0]]), np.array([4.0, 0.0])]     # global norm sqrt(9 + 16) = 5
    return {
        "test_step_jacobian_small": {
            "visible": [("h_t = 0 (tanh has slope 1), H=2, W_h not symmetric", {"h_t": np.zeros(2), "W_h": W_h}),
                        ("h_t = [0.5, -0.8] (slopes 0.75 and 0.36)", {"h_t": np.array([0.5, -0.8]), "W_h": W_h}),
                        ("h_t = [0.5, -0.8] given as a (1, H) row", {"h_t": np.array([[0.5, -0.8]]), "W_h": W_h})],
            "hidden": [("h_t = 0, H=3", {"h_t": np.zeros(3), "W_h": np.random.default_rng(90).normal(size=(3, 3))}),
                       ("H=4, h_t given as a (1, H) row", _jacobian_inputs(np.random.default_rng(91), 2, 4, row=True))],
        },
        "test_step_jacobian_autodiff": {
            "visible": [("D=3, H=4", _jacobian_inputs(np.random.default_rng(10), 3, 4))],
            "hidden": [(f"D={D}, H={H}" + (", saturated units" if scale > 1 else "") + (", h_t as (1, H)" if row else ""),
                        _jacobian_inputs(np.random.default_rng(100 + k), D, H, scale, row))
                       for k, (D, H, scale, row) in enumerate([(1, 1, 0.7, False), (5, 2, 0.7, True), (2, 7, 0.7, False),
                                                               (3, 5, 3.0, False)])],
        },
        "test_clip_by_global_norm_small": {
            "visible": [("[[3, 0], [0, 0]] and [4, 0] (global norm 5), max_norm=10: below the threshold",
                         {"grads": small, "max_norm": 10.0}),
                        ("[[3, 0], [0, 0]] and [4, 0] (global norm 5), max_norm=1: clipped",
                         {"grads": small, "max_norm": 1.0})],
            "hidden": [("one gradient [0, 6, 8] (norm 10), max_norm=5", {"grads": [np.array([0.0, 6.0, 8.0])],
                                                                          "max_norm": 5.0}),
                       ("two random gradients, max_norm=0.5", {"grads": [rng.normal(size=(2, 2)), rng.normal(size=3)],
                                                               "max_norm": 0.5})],
        },
        "test_clip_by_global_norm_tf": {
            "visible": [("three random gradients, max_norm=2", {"grads": three, "max_norm": 2.0}),
                        ("three random gradients, max_norm=100", {"grads": three, "max_norm": 100.0})],
            "hidden": [("max_norm exactly equal to the global norm", {"grads": three, "max_norm": total}),
                       ("max_norm just below the global norm", {"grads": three, "max_norm": total * 0.999}),
                       ("one huge 3-d gradient", {"grads": [rng.normal(size=(2, 3, 5)) * 1e3], "max_norm": 1.0}),
                       ("all-zero gradients", {"grads": [np.zeros((3, 3)), np.zeros(3)], "max_norm": 1.0}),
                       ("a single one-entry gradient", {"grads": [rng.normal(size=1)], "max_norm": 0.5}),
                       ("gradients of very different sizes",
                        {"grads": [rng.normal(size=(1, 7)) * 5, rng.normal(size=(7, 7)), rng.normal(size=7) * 0.01],
                         "max_norm": 3.0})],
        },
    }


CASES = _cases()
