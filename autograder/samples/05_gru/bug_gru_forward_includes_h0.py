# gru_forward stores the state before each step, so H starts with h0 and misses the last state (off by one).
# kind: bug
# fails: test_gru_forward_small test_gru_forward_keras
# %% gru_forward
def gru_forward(X, h0, kernel, recurrent_kernel, bias):
    N, T, _ = X.shape
    H_all = np.zeros((N, T, h0.shape[1]))
    h = h0
    for t in range(T):
        H_all[:, t] = h
        h, _ = gru_step(X[:, t, :], h, kernel, recurrent_kernel, bias)
    return H_all
