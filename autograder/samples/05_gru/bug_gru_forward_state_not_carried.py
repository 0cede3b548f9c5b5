# gru_forward feeds h0 to every step instead of the previous state.
# kind: bug
# fails: test_gru_forward_small test_gru_forward_keras
# %% gru_forward
def gru_forward(X, h0, kernel, recurrent_kernel, bias):
    N, T, _ = X.shape
    H_all = np.zeros((N, T, h0.shape[1]))
    for t in range(T):
        H_all[:, t], _ = gru_step(X[:, t, :], h0, kernel, recurrent_kernel, bias)
    return H_all
