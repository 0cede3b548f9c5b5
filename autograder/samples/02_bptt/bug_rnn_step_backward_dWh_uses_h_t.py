# rnn_step_backward pairs the new state h_t instead of h_prev with da in dW_h.
# kind: bug
# fails: test_rnn_step_backward_small test_rnn_step_backward_numerical
# %% rnn_step_backward
def rnn_step_backward(dh, x_t, h_prev, h_t, W_x, W_h):
    da = dh * (1 - h_t ** 2)
    return da @ W_x.T, da @ W_h.T, x_t.T @ da, h_t.T @ da, da.sum(axis=0)
