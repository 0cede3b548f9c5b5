"""Exercises of 04_lstm_gates: the LSTM step gate by gate, the forward pass, parameters.

``lstm_step`` returns three values, and its three test cells look at different
ones (all of them; the gates; ``h_t`` and ``c_t`` as Keras returns them), so
they use ``step_check``: it compares the named parts of the result in the order
that finds the cause first (a wrong gate before the states made from it) and,
for a wrong gate, says which block of the pre-activation and which activation
it equals, from the stored numbers of every block through every activation
(the mistakes ``block_*``). 05's ``gru_step`` is checked the same way.
"""
import re

from . import Check, CheckFailed, Exercise, Test, values

ASSIGNMENT = "04_lstm_gates"
#: For the README's notebook map.
LEARN = "the LSTM gate by gate, the additive cell path, variants, a gate-activation explorer on a trained model"
BUILDS_ON = "01, 03"

#: Mistakes whose ids start with this are tables, not one mistake: what every block of the
#: pre-activation gives through one activation (the gates dict of the stored output holds, under each
#: gate's key, its own block through that activation). Their message names the activation.
BLOCK_TABLE = "block_"


def _pick(value, parts, names):
    return tuple(value[parts.index(name)] for name in names)


def step_check(compare, gates="gates", blocks=(), keys=None, diagnosed=(), labels=None, right=None, hints=None):
    """A visible check for a step function that returns a tuple (states and a dict of gates).

    - ``compare``: the parts of the result (``Exercise.parts``) this cell marks, in the order they are
      compared (gates first: a wrong gate explains a wrong state)
    - ``blocks``: the blocks of the weights in Keras' order, e.g. ``("i", "f", "g", "o")``;
      ``keys`` maps a block to its key in the gates dict (``{"h": "h_tilde"}``)
    - ``diagnosed``: the gates whose value is looked up in the ``block_*`` tables when it is wrong
    - ``labels``: a gate's name in words; ``right``: the ``block_*`` id of each gate's activation
    - ``hints``: ``{part: sentence}`` added when that part is the first that differs (the parts
      compared before it are right)
    """
    keys = dict(keys or {})
    labels, right, hints = dict(labels or {}), dict(right or {}), dict(hints or {})

    def judge(recorded, case, exercise):
        label, expected = case["label"], case["expected"]
        parts = list(exercise.parts)
        result = recorded["result"]
        name = f"{exercise.name}'s result"
        if not isinstance(result, tuple) or len(result) != len(expected):
            found = values.differences(result, expected, name, exercise.rtol, exercise.atol, exercise.dims,
                                       exercise.parts)
            raise CheckFailed(f"On the case {label}: {found[1]} ({exercise.name} returns ({', '.join(parts)}).)")
        got = _pick(result, parts, compare)
        # the gates in the order of the blocks (the fixture stores dicts with sorted keys)
        gate_order = [keys.get(b, b) for b in blocks]
        expected = tuple({**{k: v[k] for k in gate_order if k in v}, **v} if part == gates else v
                         for part, v in zip(parts, expected))
        found = values.differences(got, _pick(expected, parts, compare), name, exercise.rtol, exercise.atol,
                                   exercise.dims, compare)
        if found is None:
            return
        path, message = found
        mistakes = case.get("mistakes", {})
        known = [exercise.mistakes[m] for m in exercise.mistakes if m in mistakes and not m.startswith(BLOCK_TABLE)
                 and values.matches(got, _pick(mistakes[m], parts, compare), exercise.rtol, exercise.atol)]
        if len(known) == 1:
            raise CheckFailed(f"{known[0]} (case {label}: {message})")
        if known:
            listed = " ".join(f"({n}) {text}" for n, text in enumerate(known, 1))
            raise CheckFailed(f"One of these mistakes (this case cannot tell them apart): {listed} "
                              f"(case {label}: {message})")
        gate = re.fullmatch(rf"{re.escape(gates)}\['(\w+)'\]", path)
        if gate and gate.group(1) in diagnosed:
            diagnosis = _which_block(exercise, gate.group(1), result[parts.index(gates)], mistakes, parts)
            if diagnosis:
                raise CheckFailed(f"{diagnosis} (case {label}: {message})")
        hint = f" {hints[path]}" if path in hints else ""
        if gates not in compare and isinstance(result[parts.index(gates)], dict):
            also = values.differences(result[parts.index(gates)], expected[parts.index(gates)], gates,
                                      exercise.rtol, exercise.atol)
            if also:
                hint += f" ({also[0]} is wrong too: the gate test above says which block and activation it equals.)"
        raise CheckFailed(f"On the case {label}: {message}{hint}")

    def _which_block(exercise, key, got_gates, mistakes, parts):
        """Which block, through which activation, the wrong gate ``key`` equals (its own block first)."""
        got = got_gates.get(key) if isinstance(got_gates, dict) else None
        if got is None:
            return ""
        own = next(b for b in blocks if keys.get(b, b) == key)
        order = f"[{', '.join(blocks)}]"
        # in the registry's order (a case may not tell two activations apart: tanh(0) = 0)
        tables = [m for m in exercise.mistakes if m.startswith(BLOCK_TABLE) and m in mistakes]
        for block in sorted(blocks, key=lambda b: b != own):
            acts = [m for m in tables if values.matches(got, mistakes[m][parts.index(gates)][keys.get(block, block)],
                                                        exercise.rtol, exercise.atol)]
            if not acts:
                continue
            j, k = blocks.index(block), blocks.index(own)
            act, wanted = " or ".join(exercise.mistakes[m] for m in acts), exercise.mistakes[right[key]]
            what = f"{gates}['{key}'] ({labels.get(key, key)})"
            if block == own:
                return (f"{what} comes from its own block ({block}, block {k} of {order}) but with {act}; "
                        f"it should use {wanted}.")
            if right[key] in acts:
                return (f"{what} equals the '{block}' block (block {j} of {order}) with {wanted}: the blocks are "
                        f"read in the wrong order. Keras' order is {order}, so '{own}' is block {k}.")
            return (f"{what} equals the '{block}' block (block {j} of {order}) with {act}: both the block "
                    f"(it is block {k}) and the activation (it should be {wanted}) are wrong.")
        return ""

    return Check(judge=judge)


_GATES = dict(
    blocks=("i", "f", "g", "o"), diagnosed=("i", "f", "g", "o"),
    labels={"i": "the input gate", "f": "the forget gate", "g": "the candidate", "o": "the output gate"},
    right={"i": "block_sigmoid", "f": "block_sigmoid", "g": "block_tanh", "o": "block_sigmoid"},
)
_STEP_MISTAKES = {
    "candidate_sigmoid": "The candidate g goes through a sigmoid like the gates: it should use tanh, so that it can "
                         "be negative and the cell state can go down as well as up.",
    "hard_sigmoid": "The gates i, f and o use Keras' hard sigmoid (a piecewise-linear approximation); "
                    "keras.layers.LSTM uses the logistic sigmoid (the `sigmoid` defined above).",
    "hard_sigmoid_keras2": "The gates i, f and o use Keras 2's hard sigmoid (0.2 a + 0.5, clipped to [0, 1]); "
                           "keras.layers.LSTM uses the logistic sigmoid (the `sigmoid` defined above).",
    "order_ifog": "The blocks are read in the order [i, f, o, g]: the candidate and the output gate are swapped. "
                  "Keras' order is [i, f, g, o].",
    "order_igfo": "The blocks are read in the order [i, g, f, o] (TensorFlow 1's LSTMCell order). "
                  "Keras' order is [i, f, g, o].",
    "order_fi": "The input and forget gates are swapped: the blocks are read as [f, i, g, o]. "
                "Keras' order is [i, f, g, o].",
    "no_bias": "Every gate is computed without the bias.",
    "returns_c_h": "h_t and c_t are swapped: lstm_step returns (h_t, c_t, gates), the output first.",
    "no_tanh_on_cell": "h_t is the output gate times c_t itself: the tanh of the new cell state is missing.",
    "tanh_of_previous_cell": "h_t is made from the previous cell state c_prev; it should use the new one, c_t.",
    "update_swapped": "c_t scales c_prev by the input gate and the candidate by the forget gate: it is the other "
                      "way round (f decides what is kept of c_prev, i how much of g is written).",
    "no_forget": "c_t keeps all of c_prev: the forget gate is not applied to the old cell state.",
    "block_sigmoid": "a sigmoid",
    "block_tanh": "a tanh",
    "block_identity": "no activation",
    "block_hard_sigmoid": "Keras' hard sigmoid",
    "block_hard_sigmoid_keras2": "Keras 2's hard sigmoid (0.2 a + 0.5, clipped)",
}

EXERCISES = (
    Exercise(
        "lstm_step", "x_t, h_prev, c_prev, kernel, recurrent_kernel, bias", "`(h_t, c_t, gates)`, gates a dict of `i, f, g, o`",
        tests=(
            Test("test_lstm_step_small", 2, "lstm_step: return types and shapes, zero weights, the gate order read "
                                            "from the bias, the state updates.",
                 check=step_check(("gates", "c_t", "h_t"), hints={
                     "c_t": "The gates are right: look at how c_t is made from them and c_prev.",
                     "h_t": "The gates and c_t are right: look at how h_t is made from them."}, **_GATES)),
            Test("test_lstm_step_gates", 2, "lstm_step: each gate against Keras' own weights split with keras.ops "
                                            "(hidden: N=1, H != D, other sizes).",
                 check=step_check(("gates",), **_GATES)),
            Test("test_lstm_step_keras", 2, "lstm_step: h_t and c_t equal one step of keras.layers.LSTM with the "
                                            "same random weights (hidden: more shapes).",
                 check=step_check(("c_t", "h_t"), hints={
                     "h_t": "c_t is right: look at how h_t is made from the output gate and c_t."}, **_GATES)),
        ),
        parts=("h_t", "c_t", "gates"),
        dims={"h_t": "(N, H)", "c_t": "(N, H)", "gates['i']": "(N, H)", "gates['f']": "(N, H)",
              "gates['g']": "(N, H)", "gates['o']": "(N, H)"},
        mistakes=_STEP_MISTAKES,
        on_error="Check the shapes: x_t is (N, D), h_prev and c_prev are (N, H), kernel is (D, 4H), "
                 "recurrent_kernel (H, 4H), bias (4H,); each gate is one block of H columns.",
        rtol=1e-4, atol=1e-5,      # the expected values of the Keras cells are float32
    ),
    Exercise(
        "lstm_forward", "X, h0, c0, kernel, recurrent_kernel, bias", "`(H, C)`",
        tests=(
            Test("test_lstm_forward_small", 1, "lstm_forward: shapes, untouched inputs, both states carried from "
                                               "step to step."),
            Test("test_lstm_forward_keras", 3, "lstm_forward: every output, every cell state and the last state match "
                                               "Keras (hidden: N=1, T=1, H != D, zero states)."),
        ),
        uses=("lstm_step",),
        parts=("H", "C"),
        dims={"H": "(N, T, H) (h0 is not part of H)", "C": "(N, T, H) (c0 is not part of C)"},
        mistakes={
            "includes_initial": "H and C start with h0 and c0: H[:, t] and C[:, t] are the states after reading "
                                "X[:, t], so the initial states are not part of them.",
            "stores_previous_cell": "C[:, t] holds the cell state from before step t: store the cell state the step "
                                    "returns, after reading X[:, t].",
            "cell_not_carried": "every step starts from c0: the cell state is not carried from one step to the next.",
            "h_not_carried": "every step starts from h0: the output h is not carried from one step to the next.",
            "returns_c_h": "the result is (C, H): lstm_forward returns the outputs first, (H, C).",
            "last_state_everywhere": "every H[:, t] and C[:, t] holds the last states: store each step's states "
                                     "as you go.",
        },
        on_error="X is (N, T, D): the input at step t is X[:, t, :], of shape (N, D); lstm_step returns "
                 "(h_t, c_t, gates).",
        rtol=1e-4, atol=1e-5,
    ),
    Exercise(
        "lstm_param_count", "input_dim, units", "an int",
        tests=(Test("test_lstm_param_count", 1, "lstm_param_count equals what Keras counts (hidden: other sizes)."),),
        mistakes={
            "one_gate": "the count is that of one gate (a SimpleRNN of the same size): an LSTM has four blocks "
                        "[i, f, g, o], each with its own kernel, recurrent kernel and bias.",
            "two_biases": "the count has two bias vectors per gate, as cuDNN and PyTorch store them; Keras keeps one.",
            "no_bias": "the count leaves out the biases.",
            "three_gates": "the count has three blocks; the standard LSTM has four (i, f, g, o).",
        },
        contract=False,
    ),
)
