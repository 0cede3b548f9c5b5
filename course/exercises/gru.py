"""Exercises of 05_gru: the GRU step (Keras' convention, reset_after=True), the forward pass, parameters.

``gru_step``'s test cells look at different parts of its result (all of it, the gates, ``h_t`` as
Keras returns it); they use 04's ``step_check``, which compares those parts gates first and says which
block and activation a wrong update or reset gate equals.
"""
from . import Exercise, Test
from .lstm_gates import step_check

ASSIGNMENT = "05_gru"
#: For the README's notebook map.
LEARN = "update and reset gates, Keras' conventions (`reset_after`), GRU against LSTM"
BUILDS_ON = "04"

_GATES = dict(
    blocks=("z", "r", "h"), keys={"h": "h_tilde"}, diagnosed=("z", "r"),
    labels={"z": "the update gate", "r": "the reset gate", "h_tilde": "the candidate"},
    right={"z": "block_sigmoid", "r": "block_sigmoid"},
)

EXERCISES = (
    Exercise(
        "gru_step", "x_t, h_prev, kernel, recurrent_kernel, bias", "`(h_t, gates)`, gates a dict of `z, r, h_tilde`",
        tests=(
            Test("test_gru_step_small", 2, "gru_step: return types and shapes, zero weights, gate order from the "
                                           "biases, the update convention.",
                 check=step_check(("gates", "h_t"), hints={
                     "h_t": "The gates are right: look at how h_t is made from h_prev, h_tilde and z."}, **_GATES)),
            Test("test_gru_step_gates", 2, "gru_step: z, r and h_tilde against Keras' weights split with keras.ops "
                                           "(hidden: N=1, H != D, more sizes).",
                 check=step_check(("gates",), **_GATES)),
            Test("test_gru_step_keras", 2, "gru_step: h_t equals one step of keras.layers.GRU with random weights and "
                                           "biases (hidden: more shapes).",
                 check=step_check(("h_t",), **_GATES)),
        ),
        parts=("h_t", "gates"),
        dims={"h_t": "(N, H)", "gates['z']": "(N, H)", "gates['r']": "(N, H)", "gates['h_tilde']": "(N, H)"},
        mistakes={
            "order_rz": "The update and reset gates are swapped: the blocks are read as [r, z, h]. Keras' order "
                        "is [z, r, h].",
            "hard_sigmoid": "z and r use Keras' hard sigmoid (a piecewise-linear approximation); keras.layers.GRU "
                            "uses the logistic sigmoid (the `sigmoid` defined above).",
            "hard_sigmoid_keras2": "z and r use the hard sigmoid (0.2 a + 0.5, clipped), Keras 2's old default for "
                                   "the recurrent activation; Keras 3's GRU uses the logistic sigmoid (the "
                                   "`sigmoid` defined above).",
            "other_convention": "h_t follows the other update convention, in which z weighs the candidate and 1 - z "
                                "the old state. In Keras' convention z = 1 keeps h_prev: z weighs h_prev, "
                                "1 - z weighs h_tilde.",
            "reset_before_product": "h_tilde applies the reset gate before the recurrent product, to h_prev "
                                    "(reset_after=False); Keras' default (reset_after=True) multiplies r with the "
                                    "whole recurrent part of the candidate block, h_prev U_h plus its bias row.",
            "recurrent_bias_outside_reset": "h_tilde adds the recurrent bias of the candidate block outside the "
                                            "reset: with reset_after=True, r multiplies h_prev U_h and bias[1]'s "
                                            "candidate block together.",
            "no_reset": "h_tilde ignores the reset gate: r should scale the recurrent part of the candidate block.",
            "candidate_sigmoid": "h_tilde goes through a sigmoid: the candidate uses tanh.",
            "one_bias_row": "only the input bias row bias[0] is added: bias[1], the row of the recurrent part, "
                            "is missing.",
            "bias_rows_swapped": "the bias rows are swapped: bias[0] goes with the input part x_t @ kernel, "
                                 "bias[1] with the recurrent part h_prev @ recurrent_kernel.",
            "returns_h_tilde": "h_t is the candidate h_tilde itself: the update gate z must mix it with h_prev.",
            "block_sigmoid": "a sigmoid",
            "block_tanh": "a tanh",
            "block_identity": "no activation",
            "block_hard_sigmoid": "Keras' hard sigmoid",
            "block_hard_sigmoid_keras2": "Keras 2's hard sigmoid (0.2 a + 0.5, clipped)",
        },
        on_error="Check the shapes: x_t is (N, D), h_prev is (N, H), kernel is (D, 3H), recurrent_kernel (H, 3H), "
                 "bias (2, 3H) with bias[0] for the input part and bias[1] for the recurrent part.",
        rtol=1e-4, atol=1e-5,      # the expected values of the Keras cells are float32
    ),
    Exercise(
        "gru_forward", "X, h0, kernel, recurrent_kernel, bias", "`H`",
        tests=(
            Test("test_gru_forward_small", 1, "gru_forward: shape, untouched inputs, the state carried from step "
                                              "to step."),
            Test("test_gru_forward_keras", 3, "gru_forward: every state and the last one match keras.layers.GRU "
                                              "(hidden: N=1, T=1, H != D, zero h0)."),
        ),
        uses=("gru_step",),
        dims={"gru_forward's result": "(N, T, H) (h0 is not part of H)"},
        mistakes={
            "includes_h0": "H starts with h0: H[:, t] should be the state after reading X[:, t], so h0 is not part "
                           "of H (and the last state is missing).",
            "state_not_carried": "every step starts from h0 instead of the previous state: the state is not carried.",
            "last_state_everywhere": "every H[:, t] holds the last state: store each step's state as you go.",
        },
        on_error="X is (N, T, D): the input at step t is X[:, t, :], of shape (N, D); gru_step returns "
                 "(h_t, gates).",
        rtol=1e-4, atol=1e-5,
    ),
    Exercise(
        "gru_param_count", "input_dim, units", "an int",
        tests=(Test("test_gru_param_count", 1, "gru_param_count equals what Keras counts (hidden: other sizes)."),),
        mistakes={
            "four_blocks": "the count has four blocks, as for an LSTM; a GRU has three, [z, r, h].",
            "one_bias": "the count has one bias vector per block (the reset_after=False count); with "
                        "reset_after=True Keras keeps two rows, one for the input and one for the recurrent part.",
            "no_bias": "the count leaves out the biases.",
            "lstm_count": "that is the count of an LSTM of the same size (four blocks, one bias each).",
        },
        contract=False,
    ),
)
