"""References, mistakes and cases of 01_rnn_unrolling (instructor only)."""
import numpy as np

from . import keras_refs

ASSIGNMENT = "01_rnn_unrolling"


# ---------------------------------------------------------------- references
def rnn_step(x_t, h_prev, W_x, W_h, b):
    return np.tanh(x_t @ W_x + h_prev @ W_h + b)


def rnn_forward(X, h0, W_x, W_h, b):
    states, h = [], h0
    for t in range(X.shape[1]):
        h = rnn_step(X[:, t], h, W_x, W_h, b)
        states.append(h)
    return np.stack(states, axis=1)


def rnn_param_count(input_dim, units, output_dim):
    return units * (input_dim + units + 1) + output_dim * (units + 1)


def make_windows(text, seqlen, step):
    pairs, start = [], 0
    while start + seqlen < len(text):
        pairs.append((text[start:start + seqlen], text[start + seqlen]))
        start += step
    return [p[0] for p in pairs], [p[1] for p in pairs]


REFERENCES = {"rnn_step": rnn_step, "rnn_forward": rnn_forward, "rnn_param_count": rnn_param_count,
              "make_windows": make_windows}

#: Independent references for the expected values of these test cells (Keras itself).
EXPECTED = {
    "test_rnn_step_keras": keras_refs.simple_rnn_step,
    "test_rnn_forward_keras": keras_refs.simple_rnn_forward,
    "test_rnn_param_count": keras_refs.rnn_dense_param_count,
}


# ---------------------------------------------------------------- mistakes
def _pre(x_t, h_prev, W_x, W_h, b):
    return x_t @ W_x + h_prev @ W_h + b


def _includes_h0(X, h0, W_x, W_h, b):
    return np.concatenate([h0[:, None], rnn_forward(X, h0, W_x, W_h, b)], axis=1)[:, :-1]


def _no_recurrence(X, h0, W_x, W_h, b):
    return np.stack([rnn_step(X[:, t], h0, W_x, W_h, b) for t in range(X.shape[1])], axis=1)


def _last_everywhere(X, h0, W_x, W_h, b):
    H = rnn_forward(X, h0, W_x, W_h, b)
    return np.repeat(H[:, -1:], X.shape[1], axis=1)


def _windows(text, seqlen, step, extra=0, target_offset=0, move=None):
    starts = range(0, len(text) - seqlen + extra, move or step)
    inputs = [text[s:s + seqlen] for s in starts]
    targets = [(text[s + seqlen + target_offset] if s + seqlen + target_offset < len(text) else " ") for s in starts]
    return inputs, targets


MISTAKES = {
    "rnn_step": {
        "no_tanh": _pre,
        "sigmoid": lambda x_t, h_prev, W_x, W_h, b: 1 / (1 + np.exp(-_pre(x_t, h_prev, W_x, W_h, b))),
        "no_bias": lambda x_t, h_prev, W_x, W_h, b: np.tanh(x_t @ W_x + h_prev @ W_h),
        "transposed_recurrent": lambda x_t, h_prev, W_x, W_h, b: np.tanh(x_t @ W_x + h_prev @ W_h.T + b),
        "no_recurrence": lambda x_t, h_prev, W_x, W_h, b: np.tanh(x_t @ W_x + b),
    },
    "rnn_forward": {
        "includes_h0": _includes_h0,
        "no_recurrence": _no_recurrence,
        "last_state_everywhere": _last_everywhere,
    },
    "rnn_param_count": {
        "no_biases": lambda input_dim, units, output_dim: input_dim * units + units * units + units * output_dim,
        "recurrent_like_input": lambda input_dim, units, output_dim:
            2 * input_dim * units + units + units * output_dim + output_dim,
        "no_output_layer": lambda input_dim, units, output_dim: units * (input_dim + units + 1),
    },
    "make_windows": {
        "ignores_step": lambda text, seqlen, step: _windows(text, seqlen, step, move=1),
        "one_too_many": lambda text, seqlen, step: _windows(text, seqlen, step, extra=1),
        "target_inside_window": lambda text, seqlen, step: _windows(text, seqlen, step, target_offset=-1),
    },
}


# ---------------------------------------------------------------- cases
def _step_inputs(rng, N, D, H, scale=1.0):
    return {"x_t": rng.normal(size=(N, D)), "h_prev": rng.normal(size=(N, H)),
            "W_x": rng.normal(size=(D, H)), "W_h": rng.normal(size=(H, H)) * scale, "b": rng.normal(size=H)}


def _forward_inputs(rng, N, T, D, H, scale=1.0, zero_h0=False):
    inputs = {"X": rng.normal(size=(N, T, D)), "h0": rng.normal(size=(N, H)),
              "W_x": rng.normal(size=(D, H)), "W_h": rng.normal(size=(H, H)) * scale, "b": rng.normal(size=H)}
    if zero_h0:
        inputs["h0"] = np.zeros((N, H))
    return inputs


def _macbeth(n):
    from course.data import load_text

    return load_text("macbeth")[:n]


def _cases():
    hand_checked = {
        "x_t": np.array([[1.0, 0.0], [0.0, 2.0], [0.5, -1.0]]),
        "h_prev": np.array([[0.1, -0.2, 0.3], [0.0, 0.0, 0.0], [1.0, 1.0, -1.0]]),
        "W_x": np.array([[0.2, -0.1, 0.0], [0.05, 0.3, -0.2]]),
        "W_h": np.array([[0.5, 0.0, 0.1], [0.0, 0.5, 0.0], [0.2, 0.0, 0.5]]),
        "b": np.array([0.1, 0.0, -0.1]),
    }
    shapes = lambda N, D, H: f"N={N}, D={D}, H={H}"
    return {
        "test_rnn_step_small": {
            "visible": [("N=3, D=2, H=3 (one example has h_prev = 0)", hand_checked)],
            "hidden": [(shapes(N, D, H), _step_inputs(np.random.default_rng(100 + k), N, D, H))
                       for k, (N, D, H) in enumerate([(1, 1, 1), (2, 3, 2)])],
        },
        "test_rnn_step_keras": {
            "visible": [(shapes(4, 3, 5), _step_inputs(np.random.default_rng(1), 4, 3, 5, 0.5))],
            "hidden": [(shapes(N, D, H), _step_inputs(np.random.default_rng(110 + k), N, D, H))
                       for k, (N, D, H) in enumerate([(1, 1, 1), (1, 7, 2), (6, 2, 9), (3, 4, 4)])],
        },
        "test_rnn_forward_small": {
            "visible": [("N=2, T=4, D=3, H=5", _forward_inputs(np.random.default_rng(2), 2, 4, 3, 5, 0.5))],
            "hidden": [("N=2, T=3, D=2, H=3", _forward_inputs(np.random.default_rng(150), 2, 3, 2, 3))],
        },
        "test_rnn_forward_keras": {
            "visible": [("N=3, T=5, D=2, H=4", _forward_inputs(np.random.default_rng(3), 3, 5, 2, 4, 0.5))],
            "hidden": [(f"N={N}, T={T}, D={D}, H={H}" + (", h0 = 0" if k == 2 else ""),
                        _forward_inputs(np.random.default_rng(200 + k), N, T, D, H, zero_h0=(k == 2)))
                       for k, (N, T, D, H) in enumerate([(1, 1, 3, 2), (1, 9, 1, 6), (4, 1, 5, 5), (5, 12, 6, 3)])],
        },
        "test_rnn_param_count": {
            "visible": [(f"D={D}, H={H}, V={V}", {"input_dim": D, "units": H, "output_dim": V})
                        for D, H, V in [(3, 4, 2), (38, 128, 38)]],
            "hidden": [(f"D={D}, H={H}, V={V}", {"input_dim": D, "units": H, "output_dim": V})
                       for D, H, V in [(1, 1, 1), (5, 2, 9), (10, 33, 4)]],
        },
        "test_make_windows_small": {
            "visible": [(f"text={t!r}, seqlen={n}, step={s}", {"text": t, "seqlen": n, "step": s})
                        for t, n, s in [("it turned out", 10, 1), ("abcdefgh", 3, 2)]],
            "hidden": [(f"text={t!r}, seqlen={n}, step={s}", {"text": t, "seqlen": n, "step": s})
                       for t, n, s in [("abcdefghijk", 10, 1), ("abcdefghijklmnopqrstuvwxyz", 4, 3)]],
        },
        "test_make_windows_hidden": {
            "visible": [("a text exactly seqlen long (no target exists)", {"text": "abcdefghij", "seqlen": 10, "step": 1})],
            "hidden": [(f"text={t!r}, seqlen={n}, step={s}", {"text": t, "seqlen": n, "step": s})
                       for t, n, s in [("abc", 10, 1), ("", 3, 1), ("abcdefghijklmnopqrstuvwxyz", 5, 7),
                                       ("a b\nc d\te", 2, 1), ("hello world", 1, 4)]]
                      + [("the first 5,000 characters of Macbeth, seqlen=10, step=1",
                          {"text": _macbeth(5000), "seqlen": 10, "step": 1})],
        },
    }


CASES = _cases()
