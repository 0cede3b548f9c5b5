# rnn_backward uses H[:, t] as the previous state of step t (off by one in time; h0 never used).
# kind: bug
# fails: test_rnn_backward_small test_rnn_backward_numerical
# %% rnn_backward
def rnn_backward(dH, X, h0, H, W_x, W_h):
    N, T, D = X.shape
    dX = np.zeros((N, T, D))
    dW_x, dW_h, db = np.zeros_like(W_x), np.zeros_like(W_h), np.zeros(W_h.shape[0])
    dh = np.zeros_like(h0)
    for t in reversed(range(T)):
        dX[:, t], dh, a, b_, c = rnn_step_backward(dH[:, t] + dh, X[:, t], H[:, t], H[:, t], W_x, W_h)
        dW_x += a; dW_h += b_; db += c
    return dX, dh, dW_x, dW_h, db
