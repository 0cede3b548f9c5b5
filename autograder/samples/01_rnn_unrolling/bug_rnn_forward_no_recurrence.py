# rnn_forward feeds h0 to every step instead of the previous state (no recurrence).
# kind: bug
# fails: test_rnn_forward_small test_rnn_forward_keras
# %% rnn_forward
def rnn_forward(X, h0, W_x, W_h, b):
    N, T, _ = X.shape
    H = np.zeros((N, T, h0.shape[1]))
    for t in range(T):
        H[:, t, :] = rnn_step(X[:, t, :], h0, W_x, W_h, b)
    return H
