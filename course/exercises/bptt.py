"""Exercises of 02_bptt: the sequence loss, one step backward, backpropagation through time, the plateaus."""
import numpy as np

from . import Check, CheckFailed, Exercise, Test, judge_result, record_result, values

ASSIGNMENT = "02_bptt"
#: For the README's notebook map.
LEARN = "sequence loss, backpropagation through time by hand, numerical gradient checks, truncated BPTT with carried state, the binary-sequence experiment against its theoretical cross-entropies"
BUILDS_ON = "01"


def _record_quietly(func, case, exercise):
    """The standard record, without NumPy's overflow warnings (the judge says what they would)."""
    with np.errstate(all="ignore"):
        return record_result(func, case, exercise)


def _judge_stable(recorded, case, exercise):
    """The stored cases, after a first look for inf or nan: huge logits make exp overflow."""
    try:
        finite = all(bool(np.all(np.isfinite(np.asarray(part, dtype=float)))) for part in recorded["result"])
    except (TypeError, ValueError):
        finite = True                    # not numbers: the comparison below says what is wrong
    if not finite:
        raise CheckFailed(f"On the case {case['label']}: the loss or dlogits contains inf or nan. exp of a "
                          "logit around 1000 overflows; subtract each row's maximum from its logits first "
                          "(the softmax does not change) and take the log of the shifted sum, as section 1 says.")
    return judge_result(recorded, case, exercise)


_check_stable = Check(judge=_judge_stable, record=_record_quietly)


def cross_entropies_check(atol):
    """The check of ``binary_task_cross_entropies``: three floats, in order, within ``atol`` of the stored ones."""
    def judge(recorded, case, exercise):
        result = recorded["result"]
        try:
            got = tuple(float(v) for v in result)
        except (TypeError, ValueError):
            raise CheckFailed("binary_task_cross_entropies should return three floats (nothing, first, both), "
                              f"but it returned {result!r}.") from None
        if len(got) != 3:
            raise CheckFailed(f"binary_task_cross_entropies returned {len(got)} values; it should return "
                              "three: the loss learning nothing, knowing X[t-3], knowing X[t-3] and X[t-8].")
        for mistake, output in case.get("mistakes", {}).items():
            if values.matches(got, tuple(output), rtol=0, atol=1e-4):
                raise CheckFailed(f"{exercise.mistakes[mistake]} (got {got[0]:.4f}, {got[1]:.4f}, {got[2]:.4f})")
        nothing, first, both = got
        if not nothing > first > both:
            raise CheckFailed(f"learning more should lower the loss: got nothing={nothing:.4f}, "
                              f"first={first:.4f}, both={both:.4f}.")
        found = values.differences(got, tuple(case["expected"]), "the result", rtol=0, atol=atol,
                                   parts=exercise.parts)
        if found:
            raise CheckFailed(f"{found[1]} (in nats: use the natural log; each case the model can tell apart "
                              "is weighted by its probability)")
    return Check(judge=judge)


EXERCISES = (
    Exercise(
        "softmax_cross_entropy", "logits, y",
        "`(loss, dlogits)`; logits `(N,T,V)`, int y `(N,T)`, mean over N*T",
        tests=(
            Test("test_softmax_cross_entropy_small", 1,
                 "softmax_cross_entropy: shapes and values on uniform logits and a hand-checked case."),
            Test("test_softmax_cross_entropy_gradient", 2,
                 "softmax_cross_entropy: dlogits equals the numerical gradient of the loss (hidden: random shapes "
                 "vs a log-sum-exp reference)."),
            Test("test_softmax_cross_entropy_stable", 1,
                 "softmax_cross_entropy stays finite and exact for huge logits (hidden: more large-logit cases).",
                 check=_check_stable),
        ),
        parts=("loss", "dlogits"),
        dims={"dlogits": "(N, T, V)"},
        mistakes={
            "grad_not_averaged": "dlogits is p - one_hot(y) without the division by N*T: the loss is a mean over "
                                 "the N*T positions, so the gradient of each position is divided by N*T too.",
            "mean_over_batch_only": "the loss is summed over time and averaged over the batch only (divided by N, "
                                    "not N*T): the mean runs over all N*T predictions, and so does dlogits' scale.",
            "sum_not_mean": "the loss is the sum over the N*T positions, not their mean.",
            "no_one_hot": "dlogits is the softmax itself: the 1 subtracted at the target class is missing.",
            "wrong_sign": "dlogits has the wrong sign: the gradient of -log p_y is p - one_hot(y), not one_hot(y) - p.",
            "no_minus": "the loss is negative: it is the mean of -log p_y (with the minus sign).",
            "in_bits": "the loss is in bits (log base 2); the loss of the course uses the natural log.",
        },
        on_error="Check the shapes: logits is (N, T, V) and y is (N, T), integers in [0, V), one target per position.",
    ),
    Exercise(
        "rnn_step_backward", "dh, x_t, h_prev, h_t, W_x, W_h", "`(dx, dh_prev, dW_x, dW_h, db)`",
        tests=(
            Test("test_rnn_step_backward_small", 1,
                 "rnn_step_backward: shapes of all five gradients and values against central differences."),
            Test("test_rnn_step_backward_numerical", 2,
                 "rnn_step_backward against central differences on random shapes (hidden: N=1, D != H, H=1, "
                 "saturated units)."),
        ),
        parts=("dx", "dh_prev", "dW_x", "dW_h", "db"),
        dims={"dx": "(N, D)", "dh_prev": "(N, H)", "dW_x": "(D, H)", "dW_h": "(H, H)", "db": "(H,)"},
        mistakes={
            "no_tanh_derivative": "every gradient misses the tanh derivative: multiply dh by the slope of tanh at "
                                  "this step, 1 - h_t², before anything else (section 2).",
            "slope_of_tanh_h": "the slope is taken as 1 - tanh(h_t)²; h_t is already tanh(a_t), so the slope "
                               "is 1 - h_t².",
            "recurrent_not_transposed": "dh_prev uses W_h where it needs its transpose (W_h is square, so the shape "
                                        "cannot tell): h_prev enters as h_prev @ W_h.",
            "input_not_transposed": "dx uses W_x where it needs its transpose: x_t enters as x_t @ W_x.",
            "dWh_uses_h_t": "dW_h pairs h_t with da; the recurrent weights multiply h_prev, so dW_h pairs h_prev "
                            "with da.",
            "db_mean": "db is the mean of da over the batch; the bias is shared by every example, so its gradient "
                       "is the sum over the batch.",
        },
        on_error="Check the shapes: dh, h_prev and h_t are (N, H), x_t is (N, D), W_x is (D, H), W_h is (H, H); "
                 "every gradient has the shape of what it is the gradient of.",
    ),
    Exercise(
        "rnn_backward", "dH, X, h0, H, W_x, W_h",
        "`(dX, dh0, dW_x, dW_h, db)`; dH is the upstream gradient on every state",
        tests=(
            Test("test_rnn_backward_small", 2,
                 "rnn_backward: shapes, T=1 equals one step, and all five gradients against central differences."),
            Test("test_rnn_backward_numerical", 3,
                 "rnn_backward against central differences (hidden: random shapes, N=1, T=1, H != D, dH non-zero "
                 "on every step)."),
        ),
        uses=("rnn_step_backward",),
        parts=("dX", "dh0", "dW_x", "dW_h", "db"),
        dims={"dX": "(N, T, D)", "dh0": "(N, H)", "dW_x": "(D, H)", "dW_h": "(H, H)", "db": "(H,)"},
        mistakes={
            "loss_on_last_step_only": "only the loss of the last step reaches the states: at every step t, "
                                      "dH[:, t] has to be added to the gradient coming from the future.",
            "no_carry": "each step is backpropagated on its own: the dh_prev a step returns is the gradient from "
                        "the future of the step before, and has to be added to its dH.",
            "previous_state_off_by_one": "step t is given H[:, t] as its previous state; the state before step t "
                                         "is H[:, t-1], and h0 for t = 0.",
            "weights_not_summed": "dW_x, dW_h and db hold one step's gradients: the weights are shared by every "
                                  "step, so their gradients are summed over time.",
        },
        call_hints={"rnn_step_backward": {
            "dh": "The dh of step t is the loss's own gradient dH[:, t] plus the gradient from the future (the "
                  "dh_prev returned by step t+1; nothing at the last step), so the loop runs backwards in time.",
            "h_prev": "The state before step t is H[:, t-1], and h0 for t = 0.",
            "h_t": "The state of step t is H[:, t], the state after reading X[:, t].",
            "x_t": "The input of step t is X[:, t], of shape (N, D).",
        }},
        on_error="X is (N, T, D) and H is (N, T, H): step t reads X[:, t], its state is H[:, t] and the state "
                 "before it is H[:, t-1] (h0 for t = 0).",
    ),
    Exercise(
        "binary_task_cross_entropies", "", "a tuple of three floats (nats): learning nothing, X[t-3], both",
        tests=(
            Test("test_binary_task_cross_entropies", 2,
                 "binary_task_cross_entropies: three numbers, in order, close to 0.66, 0.52, 0.45 (hidden: the "
                 "exact values).", check=cross_entropies_check(atol=0.01)),
        ),
        parts=("nothing", "first", "both"),
        mistakes={
            "in_bits": "the three values are in bits (log base 2); the loss is measured in nats, with the natural log.",
            "averages_probabilities": "all three values are the entropy of one averaged probability: average the "
                                      "entropies of the cases the model can tell apart (weighted by their "
                                      "probabilities), not the probabilities.",
        },
        contract=False,
    ),
)
