# rnn_step_backward multiplies by W_h instead of its transpose for dh_prev (square, so the shape hides it).
# kind: bug
# fails: test_rnn_step_backward_small test_rnn_step_backward_numerical
# %% rnn_step_backward
def rnn_step_backward(dh, x_t, h_prev, h_t, W_x, W_h):
    da = dh * (1 - h_t ** 2)
    return da @ W_x.T, da @ W_h, x_t.T @ da, h_prev.T @ da, da.sum(axis=0)
