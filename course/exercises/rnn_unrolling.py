"""Exercises of 01_rnn_unrolling: the Elman step, the forward pass, parameters, character windows."""
from . import Exercise, Test

ASSIGNMENT = "01_rnn_unrolling"
#: For the README's notebook map.
LEARN = ("sequence topologies, the Elman cell, weight sharing, unrolling in time, checking a NumPy forward pass "
         "against `keras.layers.SimpleRNN`, counting parameters, character windows")
BUILDS_ON = "NumPy"

EXERCISES = (
    Exercise(
        "rnn_step", "x_t, h_prev, W_x, W_h, b", "`h_t`",
        tests=(
            Test("test_rnn_step_small", 1, "rnn_step: shape and values on a small hand-checked example."),
            Test("test_rnn_step_keras", 2, "rnn_step matches one step of keras.layers.SimpleRNN with the same "
                                           "weights (hidden: random shapes)."),
        ),
        dims={"rnn_step's result": "(N, H)"},
        mistakes={
            "no_tanh": "h_t is the pre-activation itself: the tanh is missing.",
            "sigmoid": "h_t looks like a sigmoid of the pre-activation; the Elman cell uses tanh.",
            "no_bias": "h_t is right except that the bias b is missing.",
            "transposed_recurrent": "h_t uses the transpose of W_h: with the Keras layout the recurrent "
                                    "product is h_prev (N, H) times W_h (H, H), rows of W_h indexed by h_prev's units.",
            "no_recurrence": "h_t ignores h_prev: the recurrent term is missing.",
        },
        on_error="Check the shapes: x_t is (N, D), W_x is (D, H), h_prev is (N, H), W_h is (H, H), b is (H,).",
        rtol=1e-4, atol=1e-5,      # the expected values of the Keras cells are float32
    ),
    Exercise(
        "rnn_forward", "X, h0, W_x, W_h, b", "`H`",
        tests=(
            Test("test_rnn_forward_small", 1, "rnn_forward: shape, the first step, recurrence and untouched inputs."),
            Test("test_rnn_forward_keras", 3, "rnn_forward matches keras.layers.SimpleRNN(return_sequences=True) "
                                              "(hidden: N=1, T=1, H != D, zero h0)."),
        ),
        uses=("rnn_step",),
        dims={"rnn_forward's result": "(N, T, H) (h0 is not part of H)"},
        mistakes={
            "includes_h0": "H starts with h0: H[:, t] should be the state after reading X[:, t], so h0 is not part of H.",
            "no_recurrence": "every step starts from h0 instead of the previous state: the state is not carried.",
            "last_state_everywhere": "every H[:, t] holds the last state: store each step's state as you go.",
        },
        on_error="X is (N, T, D): the input at step t is X[:, t, :], of shape (N, D).",
        rtol=1e-4, atol=1e-5,
    ),
    Exercise(
        "rnn_param_count", "input_dim, units, output_dim", "an int",
        tests=(Test("test_rnn_param_count", 1, "rnn_param_count equals what Keras counts (hidden: other sizes)."),),
        mistakes={
            "no_biases": "the count leaves out both bias vectors (one of the RNN, one of the Dense layer).",
            "recurrent_like_input": "the count takes the recurrent kernel to be (D, H) like the input kernel; "
                                    "it maps a state to a state: (H, H).",
            "no_output_layer": "the count leaves out the Dense(output_dim) layer on top.",
        },
        contract=False,
    ),
    Exercise(
        "make_windows", "text, seqlen, step", "`(inputs, targets)`, lists of str",
        tests=(
            Test("test_make_windows_small", 1, "make_windows on short strings: first pair, count, last pair, step."),
            Test("test_make_windows_hidden", 2, "make_windows against an independent reference (hidden: steps > 1, "
                                                "short texts, Macbeth)."),
        ),
        parts=("inputs", "targets"),
        mistakes={
            "ignores_step": "the windows move by one character whatever `step` says.",
            "one_too_many": "there is one window too many: the last window has no next character to predict.",
            "target_inside_window": "each target is the last character of its window, not the one after it.",
        },
    ),
)
