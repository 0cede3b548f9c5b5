"""References, mistakes and cases of 04_lstm_gates (instructor only)."""
import numpy as np

from . import keras_refs

ASSIGNMENT = "04_lstm_gates"


# ---------------------------------------------------------------- references
def _sigmoid(a):
    return 0.5 * (1.0 + np.tanh(0.5 * a))


def _blocks(x_t, h_prev, kernel, recurrent_kernel, bias):
    return np.split(x_t @ kernel + h_prev @ recurrent_kernel + bias, 4, axis=1)


def _cell(i, f, g, o, c_prev):
    c_t = f * c_prev + i * g
    return o * np.tanh(c_t), c_t, {"i": i, "f": f, "g": g, "o": o}


def lstm_step(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
    a_i, a_f, a_g, a_o = _blocks(x_t, h_prev, kernel, recurrent_kernel, bias)
    return _cell(_sigmoid(a_i), _sigmoid(a_f), np.tanh(a_g), _sigmoid(a_o), c_prev)


def lstm_forward(X, h0, c0, kernel, recurrent_kernel, bias):
    outputs, cells, h, c = [], [], h0, c0
    for t in range(X.shape[1]):
        h, c, _ = lstm_step(X[:, t, :], h, c, kernel, recurrent_kernel, bias)
        outputs.append(h)
        cells.append(c)
    return np.stack(outputs, axis=1), np.stack(cells, axis=1)


def lstm_param_count(input_dim, units):
    return 4 * units * (input_dim + units + 1)


REFERENCES = {"lstm_step": lstm_step, "lstm_forward": lstm_forward, "lstm_param_count": lstm_param_count}

#: Independent references for the expected values of these test cells (Keras itself).
EXPECTED = {
    "test_lstm_step_gates": keras_refs.lstm_step,
    "test_lstm_step_keras": keras_refs.lstm_step,
    "test_lstm_forward_keras": keras_refs.lstm_forward,
    "test_lstm_param_count": keras_refs.lstm_param_count,
}


# ---------------------------------------------------------------- mistakes
def _hard(a):
    return np.clip(a / 6.0 + 0.5, 0.0, 1.0)


def _hard_keras2(a):
    return np.clip(0.2 * a + 0.5, 0.0, 1.0)


def _gates_from(order, acts=(_sigmoid, _sigmoid, np.tanh, _sigmoid), c_rule=None, h_rule=None):
    """A step that reads the blocks in ``order`` (indices of i, f, g, o) with the activations ``acts``."""
    def step(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
        blocks = _blocks(x_t, h_prev, kernel, recurrent_kernel, bias)
        i, f, g, o = (act(blocks[j]) for act, j in zip(acts, order))
        if c_rule is None and h_rule is None:
            return _cell(i, f, g, o, c_prev)
        c_t = (c_rule or (lambda i, f, g, c: f * c + i * g))(i, f, g, c_prev)
        h_t = (h_rule or (lambda o, c_t, c_prev: o * np.tanh(c_t)))(o, c_t, c_prev)
        return h_t, c_t, {"i": i, "f": f, "g": g, "o": o}
    return step


def _table(act):
    """Every block through one activation, under its own gate's key (the states do not matter)."""
    return _gates_from((0, 1, 2, 3), (act, act, act, act))


def _swap_states(result):
    h_t, c_t, gates = result
    return c_t, h_t, gates


def _no_bias(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
    return lstm_step(x_t, h_prev, c_prev, kernel, recurrent_kernel, np.zeros_like(bias))


def _forward_with(step_args):
    """A forward pass whose step ``t`` gets ``step_args(t, h, c, h0, c0)`` as its (h_prev, c_prev)."""
    def forward(X, h0, c0, kernel, recurrent_kernel, bias):
        outputs, cells, h, c = [], [], h0, c0
        for t in range(X.shape[1]):
            h, c, _ = lstm_step(X[:, t, :], *step_args(h, c, h0, c0), kernel, recurrent_kernel, bias)
            outputs.append(h)
            cells.append(c)
        return np.stack(outputs, axis=1), np.stack(cells, axis=1)
    return forward


def _includes_initial(X, h0, c0, kernel, recurrent_kernel, bias):
    H, C = lstm_forward(X, h0, c0, kernel, recurrent_kernel, bias)
    return (np.concatenate([h0[:, None], H[:, :-1]], axis=1), np.concatenate([c0[:, None], C[:, :-1]], axis=1))


def _stores_previous_cell(X, h0, c0, kernel, recurrent_kernel, bias):
    H, C = lstm_forward(X, h0, c0, kernel, recurrent_kernel, bias)
    return H, np.concatenate([c0[:, None], C[:, :-1]], axis=1)


def _last_everywhere(X, h0, c0, kernel, recurrent_kernel, bias):
    H, C = lstm_forward(X, h0, c0, kernel, recurrent_kernel, bias)
    T = X.shape[1]
    return np.repeat(H[:, -1:], T, axis=1), np.repeat(C[:, -1:], T, axis=1)


MISTAKES = {
    "lstm_step": {
        "candidate_sigmoid": _gates_from((0, 1, 2, 3), (_sigmoid,) * 4),
        "hard_sigmoid": _gates_from((0, 1, 2, 3), (_hard, _hard, np.tanh, _hard)),
        "hard_sigmoid_keras2": _gates_from((0, 1, 2, 3), (_hard_keras2, _hard_keras2, np.tanh, _hard_keras2)),
        "order_ifog": _gates_from((0, 1, 3, 2)),
        "order_igfo": _gates_from((0, 2, 1, 3)),
        "order_fi": _gates_from((1, 0, 2, 3)),
        "no_bias": _no_bias,
        "returns_c_h": lambda x_t, h_prev, c_prev, kernel, recurrent_kernel, bias:
            _swap_states(lstm_step(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias)),
        "no_tanh_on_cell": _gates_from((0, 1, 2, 3), h_rule=lambda o, c_t, c_prev: o * c_t),
        "tanh_of_previous_cell": _gates_from((0, 1, 2, 3), h_rule=lambda o, c_t, c_prev: o * np.tanh(c_prev)),
        "update_swapped": _gates_from((0, 1, 2, 3), c_rule=lambda i, f, g, c: i * c + f * g),
        "no_forget": _gates_from((0, 1, 2, 3), c_rule=lambda i, f, g, c: c + i * g),
        "block_sigmoid": _table(_sigmoid),
        "block_tanh": _table(np.tanh),
        "block_identity": _table(lambda a: a),
        "block_hard_sigmoid": _table(_hard),
        "block_hard_sigmoid_keras2": _table(_hard_keras2),
    },
    "lstm_forward": {
        "includes_initial": _includes_initial,
        "stores_previous_cell": _stores_previous_cell,
        "cell_not_carried": _forward_with(lambda h, c, h0, c0: (h, c0)),
        "h_not_carried": _forward_with(lambda h, c, h0, c0: (h0, c)),
        "returns_c_h": lambda X, h0, c0, kernel, recurrent_kernel, bias:
            lstm_forward(X, h0, c0, kernel, recurrent_kernel, bias)[::-1],
        "last_state_everywhere": _last_everywhere,
    },
    "lstm_param_count": {
        "one_gate": lambda input_dim, units: units * (input_dim + units + 1),
        "two_biases": lambda input_dim, units: 4 * units * (input_dim + units + 2),
        "no_bias": lambda input_dim, units: 4 * units * (input_dim + units),
        "three_gates": lambda input_dim, units: 3 * units * (input_dim + units + 1),
    },
}


# ---------------------------------------------------------------- cases
def _weights(rng, D, H, scale=0.6):
    return {"kernel": rng.normal(size=(D, 4 * H)), "recurrent_kernel": rng.normal(size=(H, 4 * H)) * scale,
            "bias": rng.normal(size=4 * H)}


def _step_inputs(seed, N, D, H, c_scale=1.0):
    rng = np.random.default_rng(seed)
    inputs = {"x_t": rng.normal(size=(N, D)), "h_prev": rng.normal(size=(N, H)),
              "c_prev": rng.normal(size=(N, H)) * c_scale}
    return {**inputs, **_weights(rng, D, H)}


def _zero_weights(seed, N, D, H):
    inputs = _step_inputs(seed, N, D, H)
    return {**inputs, "kernel": np.zeros((D, 4 * H)), "recurrent_kernel": np.zeros((H, 4 * H)),
            "bias": np.zeros(4 * H)}


def _bias_only(seed, N, D, H, per_gate=(1.0, 2.0, -0.5, -1.5)):
    return {**_zero_weights(seed, N, D, H), "bias": np.repeat(np.array(per_gate), H)}


def _forward_inputs(seed, N, T, D, H, scale=0.6, zero_state=False):
    rng = np.random.default_rng(seed)
    inputs = {"X": rng.normal(size=(N, T, D)), "h0": rng.normal(size=(N, H)), "c0": rng.normal(size=(N, H))}
    if zero_state:
        inputs["h0"], inputs["c0"] = np.zeros((N, H)), np.zeros((N, H))
    return {**inputs, **_weights(rng, D, H, scale)}


def _cases():
    shapes = lambda N, D, H: f"N={N}, D={D}, H={H}"
    seq = lambda N, T, D, H: f"N={N}, T={T}, D={D}, H={H}"
    return {
        "test_lstm_step_small": {
            "visible": [("N=3, D=2, H=4, all weights zero", _zero_weights(0, 3, 2, 4)),
                        ("N=3, D=2, H=4, only a bias: 1, 2, -0.5, -1.5 in the blocks i, f, g, o",
                         _bias_only(0, 3, 2, 4))],
            "hidden": [("N=1, D=1, H=1, all weights zero", _zero_weights(1, 1, 1, 1)),
                       ("N=2, D=3, H=2, only a bias: -1, 0.5, 1.5, 2 in the blocks i, f, g, o",
                        _bias_only(2, 2, 3, 2, (-1.0, 0.5, 1.5, 2.0)))],
        },
        "test_lstm_step_gates": {
            "visible": [(shapes(3, 2, 5), _step_inputs(10, 3, 2, 5))],
            "hidden": [(shapes(N, D, H), _step_inputs(100 + 10 * k, N, D, H))
                       for k, (N, D, H) in enumerate([(1, 1, 1), (1, 6, 2), (5, 3, 7), (2, 4, 4)])],
        },
        "test_lstm_step_keras": {
            "visible": [(shapes(4, 3, 2), _step_inputs(20, 4, 3, 2, c_scale=2.0))],
            "hidden": [(shapes(N, D, H), _step_inputs(200 + k, N, D, H, c_scale=2.0))
                       for k, (N, D, H) in enumerate([(1, 1, 1), (1, 5, 3), (6, 2, 8), (3, 7, 7)])],
        },
        "test_lstm_forward_small": {
            "visible": [(seq(2, 4, 3, 5), _forward_inputs(3, 2, 4, 3, 5, scale=0.5))],
            "hidden": [(seq(2, 3, 2, 3), _forward_inputs(150, 2, 3, 2, 3)),
                       (seq(1, 2, 1, 1), _forward_inputs(151, 1, 2, 1, 1))],
        },
        "test_lstm_forward_keras": {
            "visible": [(seq(3, 6, 2, 4), _forward_inputs(30, 3, 6, 2, 4))],
            "hidden": [(seq(N, T, D, H) + (", h0 = c0 = 0" if k == 2 else ""),
                        _forward_inputs(300 + k, N, T, D, H, zero_state=(k == 2)))
                       for k, (N, T, D, H) in enumerate([(1, 1, 3, 2), (1, 9, 1, 5), (4, 1, 6, 6), (5, 12, 4, 3)])],
        },
        "test_lstm_param_count": {
            "visible": [(f"D={D}, H={H}", {"input_dim": D, "units": H}) for D, H in [(3, 2), (8, 8)]],
            "hidden": [(f"D={D}, H={H}", {"input_dim": D, "units": H}) for D, H in [(1, 1), (5, 2), (2, 9), (38, 128)]],
        },
    }


CASES = _cases()
