"""References, mistakes and cases of 05_gru (instructor only)."""
import numpy as np

from . import keras_refs
from .lstm_gates import _hard, _hard_keras2, _sigmoid      # one definition of each activation

ASSIGNMENT = "05_gru"


# ---------------------------------------------------------------- references


def _parts(x_t, h_prev, kernel, recurrent_kernel, bias):
    """The input and recurrent parts of the three blocks [z, r, h], each with its bias row."""
    return np.split(x_t @ kernel + bias[0], 3, axis=1), np.split(h_prev @ recurrent_kernel + bias[1], 3, axis=1)


def gru_step(x_t, h_prev, kernel, recurrent_kernel, bias):
    (x_z, x_r, x_h), (h_z, h_r, h_h) = _parts(x_t, h_prev, kernel, recurrent_kernel, bias)
    z, r = _sigmoid(x_z + h_z), _sigmoid(x_r + h_r)
    h_tilde = np.tanh(x_h + r * h_h)
    return z * h_prev + (1 - z) * h_tilde, {"z": z, "r": r, "h_tilde": h_tilde}


def gru_forward(X, h0, kernel, recurrent_kernel, bias):
    states, h = [], h0
    for t in range(X.shape[1]):
        h, _ = gru_step(X[:, t, :], h, kernel, recurrent_kernel, bias)
        states.append(h)
    return np.stack(states, axis=1)


def gru_param_count(input_dim, units):
    return 3 * units * (input_dim + units + 2)


REFERENCES = {"gru_step": gru_step, "gru_forward": gru_forward, "gru_param_count": gru_param_count}

#: Independent references for the expected values of these test cells (Keras itself).
EXPECTED = {
    "test_gru_step_gates": keras_refs.gru_step,
    "test_gru_step_keras": keras_refs.gru_step,
    "test_gru_forward_keras": keras_refs.gru_forward,
    "test_gru_param_count": keras_refs.gru_param_count,
}


# ---------------------------------------------------------------- mistakes


def _variant(gate=_sigmoid, order=(0, 1), candidate=None, update=None, bias_rows=(0, 1), act=np.tanh):
    """A GRU step with one thing changed: the gates' activation or blocks, the candidate, the update."""
    def step(x_t, h_prev, kernel, recurrent_kernel, bias):
        rows = [bias[k] if k is not None else np.zeros_like(bias[0]) for k in bias_rows]
        xs = np.split(x_t @ kernel + rows[0], 3, axis=1)
        hs = np.split(h_prev @ recurrent_kernel + rows[1], 3, axis=1)
        z, r = (gate(xs[j] + hs[j]) for j in order)
        if candidate is None:
            h_tilde = act(xs[2] + r * hs[2])
        else:
            h_tilde = candidate(x_t, h_prev, kernel, recurrent_kernel, bias, r)
        h_t = (update or (lambda z, h, c: z * h + (1 - z) * c))(z, h_prev, h_tilde)
        return h_t, {"z": z, "r": r, "h_tilde": h_tilde}
    return step


def _table(act):
    """Every block [z, r, h] through one activation (the h block without the reset), under its gate's key."""
    def step(x_t, h_prev, kernel, recurrent_kernel, bias):
        (x_z, x_r, x_h), (h_z, h_r, h_h) = _parts(x_t, h_prev, kernel, recurrent_kernel, bias)
        gates = {"z": act(x_z + h_z), "r": act(x_r + h_r), "h_tilde": act(x_h + h_h)}
        return gru_step(x_t, h_prev, kernel, recurrent_kernel, bias)[0], gates
    return step


def _candidate_block(kernel, recurrent_kernel, bias):
    H = recurrent_kernel.shape[0]
    return kernel[:, 2 * H:], recurrent_kernel[:, 2 * H:], bias[0, 2 * H:], bias[1, 2 * H:]


def _reset_before(x_t, h_prev, kernel, recurrent_kernel, bias, r):
    W_h, U_h, b_x, b_h = _candidate_block(kernel, recurrent_kernel, bias)
    return np.tanh(x_t @ W_h + b_x + (r * h_prev) @ U_h + b_h)


def _bias_outside(x_t, h_prev, kernel, recurrent_kernel, bias, r):
    W_h, U_h, b_x, b_h = _candidate_block(kernel, recurrent_kernel, bias)
    return np.tanh(x_t @ W_h + b_x + b_h + r * (h_prev @ U_h))


def _no_reset(x_t, h_prev, kernel, recurrent_kernel, bias, r):
    W_h, U_h, b_x, b_h = _candidate_block(kernel, recurrent_kernel, bias)
    return np.tanh(x_t @ W_h + b_x + h_prev @ U_h + b_h)


def _includes_h0(X, h0, kernel, recurrent_kernel, bias):
    H = gru_forward(X, h0, kernel, recurrent_kernel, bias)
    return np.concatenate([h0[:, None], H[:, :-1]], axis=1)


def _not_carried(X, h0, kernel, recurrent_kernel, bias):
    return np.stack([gru_step(X[:, t], h0, kernel, recurrent_kernel, bias)[0] for t in range(X.shape[1])], axis=1)


def _last_everywhere(X, h0, kernel, recurrent_kernel, bias):
    H = gru_forward(X, h0, kernel, recurrent_kernel, bias)
    return np.repeat(H[:, -1:], X.shape[1], axis=1)


MISTAKES = {
    "gru_step": {
        "order_rz": _variant(order=(1, 0)),
        "hard_sigmoid": _variant(gate=_hard),
        "hard_sigmoid_keras2": _variant(gate=_hard_keras2),
        "other_convention": _variant(update=lambda z, h, c: (1 - z) * h + z * c),
        "reset_before_product": _variant(candidate=_reset_before),
        "recurrent_bias_outside_reset": _variant(candidate=_bias_outside),
        "no_reset": _variant(candidate=_no_reset),
        "candidate_sigmoid": _variant(act=_sigmoid),
        "one_bias_row": _variant(bias_rows=(0, None)),
        "bias_rows_swapped": _variant(bias_rows=(1, 0)),
        "returns_h_tilde": _variant(update=lambda z, h, c: c),
        "block_sigmoid": _table(_sigmoid),
        "block_tanh": _table(np.tanh),
        "block_identity": _table(lambda a: a),
        "block_hard_sigmoid": _table(_hard),
        "block_hard_sigmoid_keras2": _table(_hard_keras2),
    },
    "gru_forward": {
        "includes_h0": _includes_h0,
        "state_not_carried": _not_carried,
        "last_state_everywhere": _last_everywhere,
    },
    "gru_param_count": {
        "four_blocks": lambda input_dim, units: 4 * units * (input_dim + units + 2),
        "one_bias": lambda input_dim, units: 3 * units * (input_dim + units + 1),
        "no_bias": lambda input_dim, units: 3 * units * (input_dim + units),
        "lstm_count": lambda input_dim, units: 4 * units * (input_dim + units + 1),
    },
}


# ---------------------------------------------------------------- cases
def _weights(rng, D, H, scale=0.7):
    return {"kernel": rng.normal(size=(D, 3 * H)), "recurrent_kernel": rng.normal(size=(H, 3 * H)) * scale,
            "bias": rng.normal(size=(2, 3 * H))}


def _step_inputs(seed, N, D, H):
    rng = np.random.default_rng(seed)
    return {"x_t": rng.normal(size=(N, D)), "h_prev": rng.normal(size=(N, H)), **_weights(rng, D, H)}


def _zero_weights(seed, N, D, H, bias=None):
    inputs = _step_inputs(seed, N, D, H)
    return {**inputs, "kernel": np.zeros((D, 3 * H)), "recurrent_kernel": np.zeros((H, 3 * H)),
            "bias": np.zeros((2, 3 * H)) if bias is None else bias}


def _biases(H, input_row, recurrent_row):
    return np.array([np.repeat(input_row, H), np.repeat(recurrent_row, H)], dtype=float)


def _keeps(H):
    """z = sigmoid(30), about 1, and a candidate far from h_prev: Keras keeps h_prev."""
    bias = np.zeros((2, 3 * H))
    bias[0, :H], bias[0, 2 * H:] = 30.0, 3.0
    return bias


def _forward_inputs(seed, N, T, D, H, scale=0.7, zero_h0=False):
    rng = np.random.default_rng(seed)
    inputs = {"X": rng.normal(size=(N, T, D)), "h0": rng.normal(size=(N, H))}
    if zero_h0:
        inputs["h0"] = np.zeros((N, H))
    return {**inputs, **_weights(rng, D, H, scale)}


def _cases():
    shapes = lambda N, D, H: f"N={N}, D={D}, H={H}"
    seq = lambda N, T, D, H: f"N={N}, T={T}, D={D}, H={H}"
    return {
        "test_gru_step_small": {
            "visible": [("N=3, D=2, H=4, all weights zero", _zero_weights(0, 3, 2, 4)),
                        ("N=3, D=2, H=4, only biases: rows [1, 2, -0.5] and [0.5, -1, 0.8] over the blocks z, r, h",
                         _zero_weights(0, 3, 2, 4, _biases(4, [1.0, 2.0, -0.5], [0.5, -1.0, 0.8]))),
                        ("N=3, D=2, H=4, z close to 1 (input bias 30 in the z block), a candidate near tanh(3)",
                         _zero_weights(0, 3, 2, 4, _keeps(4)))],
            "hidden": [("N=1, D=1, H=1, all weights zero", _zero_weights(1, 1, 1, 1)),
                       ("N=2, D=3, H=2, only biases: rows [-1, 0.5, 1.5] and [2, 1, -0.7] over the blocks z, r, h",
                        _zero_weights(2, 2, 3, 2, _biases(2, [-1.0, 0.5, 1.5], [2.0, 1.0, -0.7]))),
                       ("N=1, D=2, H=3, z close to 1", _zero_weights(3, 1, 2, 3, _keeps(3)))],
        },
        "test_gru_step_gates": {
            "visible": [(shapes(3, 2, 5), _step_inputs(10, 3, 2, 5))],
            "hidden": [(shapes(N, D, H), _step_inputs(100 + 10 * k, N, D, H))
                       for k, (N, D, H) in enumerate([(1, 1, 1), (1, 6, 2), (5, 3, 7), (2, 4, 4)])],
        },
        "test_gru_step_keras": {
            "visible": [(shapes(4, 3, 2), _step_inputs(20, 4, 3, 2))],
            "hidden": [(shapes(N, D, H), _step_inputs(200 + k, N, D, H))
                       for k, (N, D, H) in enumerate([(1, 1, 1), (1, 5, 3), (6, 2, 8), (3, 7, 7)])],
        },
        "test_gru_forward_small": {
            "visible": [(seq(2, 4, 3, 5), _forward_inputs(3, 2, 4, 3, 5, scale=0.5))],
            "hidden": [(seq(2, 3, 2, 3), _forward_inputs(150, 2, 3, 2, 3)),
                       (seq(1, 2, 1, 1), _forward_inputs(151, 1, 2, 1, 1))],
        },
        "test_gru_forward_keras": {
            "visible": [(seq(3, 6, 2, 4), _forward_inputs(30, 3, 6, 2, 4))],
            "hidden": [(seq(N, T, D, H) + (", h0 = 0" if k == 2 else ""),
                        _forward_inputs(300 + k, N, T, D, H, zero_h0=(k == 2)))
                       for k, (N, T, D, H) in enumerate([(1, 1, 3, 2), (1, 9, 1, 5), (4, 1, 6, 6), (5, 12, 4, 3)])],
        },
        "test_gru_param_count": {
            "visible": [(f"D={D}, H={H}", {"input_dim": D, "units": H}) for D, H in [(3, 2), (8, 8)]],
            "hidden": [(f"D={D}, H={H}", {"input_dim": D, "units": H}) for D, H in [(1, 1), (5, 2), (2, 9), (38, 128)]],
        },
    }


CASES = _cases()
