# rnn_step_backward skips the tanh derivative (uses dh where it needs dh * (1 - h_t**2)).
# kind: bug
# fails: test_rnn_step_backward_small test_rnn_step_backward_numerical
# %% rnn_step_backward
def rnn_step_backward(dh, x_t, h_prev, h_t, W_x, W_h):
    da = dh
    return da @ W_x.T, da @ W_h.T, x_t.T @ da, h_prev.T @ da, da.sum(axis=0)
