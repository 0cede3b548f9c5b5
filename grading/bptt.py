"""References, mistakes and cases of 02_bptt (instructor only).

The expected gradients are central differences of the forward pass (``course.gradcheck``), independent of
the backward formulas; the bias b, which the backward functions do not take, is recovered from the states.
"""
import numpy as np

from course.exercises.bptt import cross_entropies_check
from course.gradcheck import numerical_gradient

ASSIGNMENT = "02_bptt"


# ---------------------------------------------------------------- references
def softmax_cross_entropy(logits, y):
    N, T, V = logits.shape
    shifted = logits - logits.max(axis=-1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    n_idx, t_idx = np.meshgrid(np.arange(N), np.arange(T), indexing="ij")
    loss = -log_probs[n_idx, t_idx, y].mean()
    dlogits = np.exp(log_probs)
    dlogits[n_idx, t_idx, y] -= 1.0
    return float(loss), dlogits / (N * T)


def rnn_step_backward(dh, x_t, h_prev, h_t, W_x, W_h):
    da = dh * (1.0 - h_t ** 2)
    return da @ W_x.T, da @ W_h.T, x_t.T @ da, h_prev.T @ da, da.sum(axis=0)


def rnn_backward(dH, X, h0, H, W_x, W_h):
    N, T, D = X.shape
    dX = np.zeros((N, T, D))
    dW_x, dW_h, db = np.zeros_like(W_x), np.zeros_like(W_h), np.zeros(W_h.shape[0])
    dh_future = np.zeros_like(h0)
    for t in reversed(range(T)):
        h_prev = H[:, t - 1] if t > 0 else h0
        dx, dh_future, dWx_t, dWh_t, db_t = rnn_step_backward(dH[:, t] + dh_future, X[:, t], h_prev, H[:, t],
                                                              W_x, W_h)
        dX[:, t] = dx
        dW_x += dWx_t
        dW_h += dWh_t
        db += db_t
    return dX, dh_future, dW_x, dW_h, db


def _entropy(p):
    return 0.0 if p in (0.0, 1.0) else float(-p * np.log(p) - (1 - p) * np.log(1 - p))


def binary_task_cross_entropies():
    nothing = _entropy(0.5 + 0.5 * 0.5 - 0.25 * 0.5)
    first = 0.5 * _entropy(0.5 + 0.5 - 0.25 * 0.5) + 0.5 * _entropy(0.5 - 0.25 * 0.5)
    both = 0.25 * (_entropy(0.5 + 0.5 - 0.25) + _entropy(0.5 + 0.5) + _entropy(0.5 - 0.25) + _entropy(0.5))
    return nothing, first, both


REFERENCES = {"softmax_cross_entropy": softmax_cross_entropy, "rnn_step_backward": rnn_step_backward,
              "rnn_backward": rnn_backward, "binary_task_cross_entropies": binary_task_cross_entropies}


# ---------------------------------------------------------------- independent references
def _logsumexp_loss(logits, y):
    """The loss by pairwise log-sum-exp (np.logaddexp), another route than the reference's."""
    n, t = np.meshgrid(np.arange(logits.shape[0]), np.arange(logits.shape[1]), indexing="ij")
    return float(np.mean(np.logaddexp.reduce(logits, axis=-1) - logits[n, t, y]))


def _xent_analytic(logits, y):
    N, T, _ = logits.shape
    log_norm = np.logaddexp.reduce(logits, axis=-1, keepdims=True)
    n, t = np.meshgrid(np.arange(N), np.arange(T), indexing="ij")
    probs = np.exp(logits - log_norm)
    probs[n, t, y] -= 1.0
    return _logsumexp_loss(logits, y), probs / (N * T)


def _xent_numerical(logits, y):
    return _logsumexp_loss(logits, y), numerical_gradient(lambda z: _logsumexp_loss(z, y), logits)


def _step(x_t, h_prev, W_x, W_h, b):
    return np.tanh(x_t @ W_x + h_prev @ W_h + b)


def _bias(pre_activation, h):
    """The bias that makes tanh(pre_activation + b) the stored states (one row per example; all rows agree)."""
    b = np.arctanh(h) - pre_activation
    assert np.allclose(b, b.reshape(-1, b.shape[-1])[0], atol=1e-8), "the states were not made by one bias"
    return b.reshape(-1, b.shape[-1])[0]


def _step_numerical(dh, x_t, h_prev, h_t, W_x, W_h):
    b = _bias(x_t @ W_x + h_prev @ W_h, h_t)
    args = [x_t, h_prev, W_x, W_h, b]
    grads = []
    for i in range(5):
        def f(v, i=i):
            changed = list(args)
            changed[i] = v
            return _step(*changed)
        grads.append(numerical_gradient(f, args[i], dh))
    return tuple(grads)


def _forward(X, h0, W_x, W_h, b):
    h, states = h0, []
    for t in range(X.shape[1]):
        h = _step(X[:, t], h, W_x, W_h, b)
        states.append(h)
    return np.stack(states, axis=1)


def _bptt_numerical(dH, X, h0, H, W_x, W_h):
    b = _bias(X[:, 0] @ W_x + h0 @ W_h, H[:, 0])
    args = [X, h0, W_x, W_h, b]
    grads = []
    for i in range(5):
        def f(v, i=i):
            changed = list(args)
            changed[i] = v
            return _forward(*changed)
        grads.append(numerical_gradient(f, args[i], dH))
    return tuple(grads)


def _cross_entropies_by_enumeration():
    """The exact cross-entropy of the best prediction for each amount of knowledge, case by case."""
    def expected_loss(knows):
        total = 0.0
        for x3 in (0, 1):
            for x8 in (0, 1):
                p_true = 0.5 + 0.5 * x3 - 0.25 * x8
                cases = [(a, c) for a in (0, 1) for c in (0, 1)
                         if (not knows[0] or a == x3) and (not knows[1] or c == x8)]
                q = np.mean([0.5 + 0.5 * a - 0.25 * c for a, c in cases])
                loss = -(p_true * np.log(q) if p_true > 0 else 0.0) - \
                    ((1 - p_true) * np.log(1 - q) if p_true < 1 else 0.0)
                total += 0.25 * loss
        return float(total)
    return expected_loss((False, False)), expected_loss((True, False)), expected_loss((True, True))


EXPECTED = {
    "test_softmax_cross_entropy_small": _xent_analytic,
    "test_softmax_cross_entropy_gradient": _xent_numerical,
    "test_softmax_cross_entropy_stable": _xent_analytic,
    "test_rnn_step_backward_small": _step_numerical,
    "test_rnn_step_backward_numerical": _step_numerical,
    "test_rnn_backward_small": _bptt_numerical,
    "test_rnn_backward_numerical": _bptt_numerical,
    "test_binary_task_cross_entropies": _cross_entropies_by_enumeration,
}

#: The hidden check of the plateaus is the visible one, to 1e-4 instead of 0.01.
HIDDEN_CHECKS = {"test_binary_task_cross_entropies": cross_entropies_check(atol=1e-4)}


# ---------------------------------------------------------------- mistakes
def _xent_parts(logits, y):
    N, T, V = logits.shape
    log_probs = logits - np.logaddexp.reduce(logits, axis=-1, keepdims=True)
    n, t = np.meshgrid(np.arange(N), np.arange(T), indexing="ij")
    one_hot = np.zeros_like(logits)
    one_hot[n, t, y] = 1.0
    return -log_probs[n, t, y], np.exp(log_probs), one_hot, N, T


def _xent_mistake(kind):
    def mistake(logits, y):
        losses, probs, one_hot, N, T = _xent_parts(logits, y)
        loss, grad = float(losses.mean()), (probs - one_hot) / (N * T)
        if kind == "grad_not_averaged":
            grad = probs - one_hot
        elif kind == "mean_over_batch_only":
            loss, grad = float(losses.sum() / N), (probs - one_hot) / N
        elif kind == "sum_not_mean":
            loss, grad = float(losses.sum()), probs - one_hot
        elif kind == "no_one_hot":
            grad = probs / (N * T)
        elif kind == "wrong_sign":
            grad = -grad
        elif kind == "no_minus":
            loss = -loss
        elif kind == "in_bits":
            loss, grad = loss / np.log(2), grad / np.log(2)
        return loss, grad
    return mistake


def _step_mistake(kind):
    def mistake(dh, x_t, h_prev, h_t, W_x, W_h):
        slope = {"no_tanh_derivative": 1.0, "slope_of_tanh_h": 1.0 - np.tanh(h_t) ** 2}.get(kind, 1.0 - h_t ** 2)
        da = dh * slope
        dx = da @ (W_x if kind == "input_not_transposed" else W_x.T)
        dh_prev = da @ (W_h if kind == "recurrent_not_transposed" else W_h.T)
        dW_h = (h_t if kind == "dWh_uses_h_t" else h_prev).T @ da
        db = da.mean(axis=0) if kind == "db_mean" else da.sum(axis=0)
        return dx, dh_prev, x_t.T @ da, dW_h, db
    return mistake


def _bptt_mistake(kind):
    def mistake(dH, X, h0, H, W_x, W_h):
        N, T, D = X.shape
        dX = np.zeros((N, T, D))
        sums = [np.zeros_like(W_x), np.zeros_like(W_h), np.zeros(W_h.shape[0])]
        future = dH[:, -1] if kind == "loss_on_last_step_only" else np.zeros_like(h0)
        dh0 = np.zeros_like(h0)
        for t in reversed(range(T)):
            h_prev = H[:, t] if kind == "previous_state_off_by_one" else (H[:, t - 1] if t > 0 else h0)
            dh = {"loss_on_last_step_only": future, "no_carry": dH[:, t]}.get(kind, dH[:, t] + future)
            dX[:, t], future, *parts = rnn_step_backward(dh, X[:, t], h_prev, H[:, t], W_x, W_h)
            for total, part in zip(sums, parts):
                if kind == "weights_not_summed":
                    total[...] = part
                else:
                    total += part
            dh0 = future
        return (dX, dh0, *sums)
    return mistake


MISTAKES = {
    "softmax_cross_entropy": {kind: _xent_mistake(kind) for kind in
                              ("grad_not_averaged", "mean_over_batch_only", "sum_not_mean", "no_one_hot",
                               "wrong_sign", "no_minus", "in_bits")},
    "rnn_step_backward": {kind: _step_mistake(kind) for kind in
                          ("no_tanh_derivative", "slope_of_tanh_h", "recurrent_not_transposed",
                           "input_not_transposed", "dWh_uses_h_t", "db_mean")},
    "rnn_backward": {kind: _bptt_mistake(kind) for kind in
                     ("loss_on_last_step_only", "no_carry", "previous_state_off_by_one", "weights_not_summed")},
    "binary_task_cross_entropies": {
        "in_bits": lambda: tuple(v / np.log(2) for v in binary_task_cross_entropies()),
        "averages_probabilities": lambda: (_entropy(0.625),) * 3,
    },
}


# ---------------------------------------------------------------- cases
def _xent_inputs(rng, N, T, V, scale=1.0):
    return {"logits": rng.normal(size=(N, T, V)) * scale, "y": rng.integers(0, V, size=(N, T))}


def _step_inputs(rng, N, D, H, scale=0.5, bias_scale=1.0):
    x_t, h_prev = rng.normal(size=(N, D)), rng.normal(size=(N, H))
    W_x, W_h, b = rng.normal(size=(D, H)) * scale, rng.normal(size=(H, H)) * scale, rng.normal(size=H) * bias_scale
    h_t = _step(x_t, h_prev, W_x, W_h, b)
    return {"dh": rng.normal(size=(N, H)), "x_t": x_t, "h_prev": h_prev, "h_t": h_t, "W_x": W_x, "W_h": W_h}


def _bptt_inputs(rng, N, T, D, H, scale=0.6, bias_scale=0.2, only_last=False):
    X, h0 = rng.normal(size=(N, T, D)), rng.normal(size=(N, H))
    W_x, W_h, b = rng.normal(size=(D, H)) * scale, rng.normal(size=(H, H)) * scale, rng.normal(size=H) * bias_scale
    states = _forward(X, h0, W_x, W_h, b)
    dH = rng.normal(size=(N, T, H))
    if only_last:                   # a many-to-one loss: only the last state gets gradient
        dH[:, :-1] = 0.0
    return {"dH": dH, "X": X, "h0": h0, "H": states, "W_x": W_x, "W_h": W_h}


def _first_step(inputs):
    """The same case cut to its first step (T = 1: BPTT is one step backward)."""
    return {k: (v[:, :1] if k in ("dH", "X", "H") else v) for k, v in inputs.items()}


def _cases():
    xent = lambda N, T, V: f"N={N}, T={T}, V={V}"
    step = lambda N, D, H: f"N={N}, D={D}, H={H}"
    bptt = lambda N, T, D, H: f"N={N}, T={T}, D={D}, H={H}"
    small_bptt = _bptt_inputs(np.random.default_rng(6), 2, 4, 3, 5, scale=0.5, bias_scale=0.1)
    return {
        "test_softmax_cross_entropy_small": {
            "visible": [("uniform logits, N=2, T=3, V=4 (the loss is log V)",
                         {"logits": np.zeros((2, 3, 4)), "y": np.array([[0, 1, 2], [3, 0, 1]])}),
                        ("N=T=1, logits [0, log 3], target 1 (p = [1/4, 3/4])",
                         {"logits": np.array([[[0.0, np.log(3.0)]]]), "y": np.array([[1]])})],
            "hidden": [(xent(N, T, V), _xent_inputs(np.random.default_rng(30 + k), N, T, V))
                       for k, (N, T, V) in enumerate([(1, 1, 3), (2, 2, 2)])],
        },
        "test_softmax_cross_entropy_gradient": {
            "visible": [(xent(3, 5, 6), _xent_inputs(np.random.default_rng(4), 3, 5, 6))],
            "hidden": [(xent(N, T, V), _xent_inputs(np.random.default_rng(40 + k), N, T, V, 3.0))
                       for k, (N, T, V) in enumerate([(1, 1, 2), (1, 7, 3), (4, 1, 5), (5, 6, 11)])],
        },
        "test_softmax_cross_entropy_stable": {
            "visible": [("logits around 1000 (exp(1000) overflows)",
                         {"logits": np.array([[[1000.0, 0.0, -1000.0], [800.0, 801.0, 0.0]]]),
                          "y": np.array([[0, 0]])})],
            "hidden": [(f"{xent(N, T, V)}, logits of scale {scale}",
                        _xent_inputs(np.random.default_rng(60 + k), N, T, V, scale))
                       for k, (N, T, V, scale) in enumerate([(2, 3, 4, 300.0), (1, 1, 7, 2000.0), (3, 2, 2, 750.0)])],
        },
        "test_rnn_step_backward_small": {
            "visible": [(step(3, 4, 5), _step_inputs(np.random.default_rng(5), 3, 4, 5, bias_scale=0.1))],
            "hidden": [(step(2, 1, 3), _step_inputs(np.random.default_rng(55), 2, 1, 3))],
        },
        "test_rnn_step_backward_numerical": {
            "visible": [(step(2, 3, 3), _step_inputs(np.random.default_rng(50), 2, 3, 3))],
            "hidden": [(step(N, D, H) + (", saturated units" if scale > 1 else ""),
                        _step_inputs(np.random.default_rng(500 + k), N, D, H, scale))
                       for k, (N, D, H, scale) in enumerate([(1, 1, 1, 0.5), (1, 6, 2, 0.5), (5, 2, 7, 0.5),
                                                             (4, 3, 4, 2.0)])],
        },
        "test_rnn_backward_small": {
            "visible": [(bptt(2, 4, 3, 5), small_bptt),
                        (bptt(2, 1, 3, 5) + " (the first step of the case above)", _first_step(small_bptt))],
            "hidden": [(bptt(1, 3, 2, 2), _bptt_inputs(np.random.default_rng(65), 1, 3, 2, 2))],
        },
        "test_rnn_backward_numerical": {
            "visible": [(bptt(3, 5, 2, 4), _bptt_inputs(np.random.default_rng(70), 3, 5, 2, 4))],
            "hidden": [(bptt(N, T, D, H), _bptt_inputs(np.random.default_rng(700 + k), N, T, D, H))
                       for k, (N, T, D, H) in enumerate([(1, 1, 1, 1), (1, 9, 2, 3), (4, 1, 3, 2), (2, 6, 5, 3),
                                                         (3, 4, 2, 6)])]
                      + [(bptt(2, 5, 3, 4) + " with a loss on the last step only",
                          _bptt_inputs(np.random.default_rng(799), 2, 5, 3, 4, only_last=True))],
        },
        "test_binary_task_cross_entropies": {
            "visible": [("the binary task", {})],
            "hidden": [("the binary task", {})],
        },
    }


CASES = _cases()
