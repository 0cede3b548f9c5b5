"""Exercises of 03_vanishing_gradients: the Jacobian of one step, clipping by global norm."""
from . import Exercise, Test

ASSIGNMENT = "03_vanishing_gradients"
#: For the README's notebook map.
LEARN = "Jacobian products through time, spectral radius and saturation, exploding gradients and clipping, SimpleRNN against LSTM on long lags"
BUILDS_ON = "02"

EXERCISES = (
    Exercise(
        "step_jacobian", "h_t, W_h", "`(H, H)` matrix `J[i, j] = d h_t[i] / d h_prev[j]` for one example",
        tests=(
            Test("test_step_jacobian_small", 1,
                 "step_jacobian: shape, both input shapes, h_t = 0 (no saturation) and an asymmetric W_h."),
            Test("test_step_jacobian_autodiff", 2,
                 "step_jacobian equals the Jacobian from tf.GradientTape and from central differences (hidden: "
                 "random sizes)."),
        ),
        dims={"step_jacobian's result": "(H, H)"},
        mistakes={
            "not_transposed": "J uses W_h where it needs its transpose: J[i, j] = d h_t[i] / d h_prev[j], and "
                              "h_prev[j] reaches unit i through W_h[j, i] (h_prev enters as h_prev @ W_h).",
            "slope_on_columns": "the tanh slope scales the columns of J; it belongs to the rows: row i is how unit i "
                                "of the new state responds, scaled by that unit's slope 1 - h_t[i]².",
            "tanh_twice": "the slope is taken as 1 - tanh(h_t)²; h_t is already the tanh of the pre-activation, so "
                          "the slope is 1 - h_t².",
            "no_slope": "J is W_h transposed, without the tanh slope: each row i is scaled by 1 - h_t[i]².",
            "slope_not_squared": "the slope is taken as 1 - h_t; the derivative of tanh is 1 - tanh², i.e. 1 - h_t².",
        },
        on_error="h_t may come as (H,) or as a (1, H) row: flatten it to (H,) first; W_h is (H, H).",
    ),
    Exercise(
        "clip_by_global_norm", "grads, max_norm", "`(clipped_list, global_norm)`, like `tf.clip_by_global_norm`",
        tests=(
            Test("test_clip_by_global_norm_small", 1,
                 "clip_by_global_norm: the norm before clipping, nothing changes below the threshold, one common "
                 "scale above it."),
            Test("test_clip_by_global_norm_tf", 2,
                 "clip_by_global_norm matches tf.clip_by_global_norm (hidden: many shapes, at and around the "
                 "threshold, zeros)."),
        ),
        parts=("clipped", "global_norm"),
        mistakes={
            "always_rescales": "every gradient is rescaled to max_norm even when the global norm is already below "
                               "it: below the threshold nothing should change.",
            "no_square_root": "the global norm is the sum of squares; it is the square root of the sum of the "
                              "squares of every entry of every array.",
            "per_tensor": "each gradient is clipped by its own norm (like tf.clip_by_norm), which changes the "
                          "direction; every gradient is scaled by the same factor, max_norm / global_norm.",
            "norm_after": "the returned norm is the norm after clipping; return the global norm before clipping.",
            "by_value": "each entry is clipped to [-max_norm, max_norm] (clipping by value changes the direction); "
                        "scale every gradient by max_norm / global_norm instead.",
            "inverted_scale": "the gradients are multiplied by global_norm / max_norm; the factor is "
                              "max_norm / global_norm, which is below 1 when clipping.",
        },
        on_error="grads is a list of arrays of different shapes (they cannot be stacked into one array); "
                 "max_norm is a positive float.",
    ),
)
