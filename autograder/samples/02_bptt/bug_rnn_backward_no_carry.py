# rnn_backward treats every step on its own: the gradient from the future is never carried back.
# kind: bug
# fails: test_rnn_backward_small test_rnn_backward_numerical
# %% rnn_backward
def rnn_backward(dH, X, h0, H, W_x, W_h):
    N, T, D = X.shape
    dX = np.zeros((N, T, D))
    dW_x, dW_h, db = np.zeros_like(W_x), np.zeros_like(W_h), np.zeros(W_h.shape[0])
    dh0 = np.zeros_like(h0)
    for t in reversed(range(T)):
        h_prev = H[:, t - 1] if t > 0 else h0
        dX[:, t], dh_prev, a, b_, c = rnn_step_backward(dH[:, t], X[:, t], h_prev, H[:, t], W_x, W_h)
        dW_x += a; dW_h += b_; db += c
        if t == 0:
            dh0 = dh_prev
    return dX, dh0, dW_x, dW_h, db
