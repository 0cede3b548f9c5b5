# lstm_forward carries h but restarts every step from c0: the cell state is not carried.
# kind: bug
# fails: test_lstm_forward_small test_lstm_forward_keras
# %% lstm_forward
def lstm_forward(X, h0, c0, kernel, recurrent_kernel, bias):
    N, T, _ = X.shape
    H_all, C_all = np.zeros((N, T, h0.shape[1])), np.zeros((N, T, h0.shape[1]))
    h = h0
    for t in range(T):
        h, c, _ = lstm_step(X[:, t, :], h, c0, kernel, recurrent_kernel, bias)
        H_all[:, t], C_all[:, t] = h, c
    return H_all, C_all
