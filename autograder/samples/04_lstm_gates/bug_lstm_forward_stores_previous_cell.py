# lstm_forward stores the cell state from before each step (c_{t-1}) instead of after it: C is off by one step.
# kind: bug
# fails: test_lstm_forward_small test_lstm_forward_keras
# %% lstm_forward
def lstm_forward(X, h0, c0, kernel, recurrent_kernel, bias):
    N, T, _ = X.shape
    H_all, C_all = np.zeros((N, T, h0.shape[1])), np.zeros((N, T, h0.shape[1]))
    h, c = h0, c0
    for t in range(T):
        C_all[:, t] = c
        h, c, _ = lstm_step(X[:, t, :], h, c, kernel, recurrent_kernel, bias)
        H_all[:, t] = h
    return H_all, C_all
