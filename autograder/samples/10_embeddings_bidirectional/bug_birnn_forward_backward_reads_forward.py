# birnn_forward's backward direction reads the real steps in their forward order (only the weights differ).
# kind: bug
# fails: test_birnn_forward_small test_birnn_forward_keras
# %% birnn_forward
def birnn_forward(X, mask, forward_weights, backward_weights, rnn_forward):
    N, T, _ = X.shape
    H = forward_weights[1].shape[0]
    Y = np.zeros((N, T, 2 * H))
    for i in range(N):
        real = np.flatnonzero(mask[i])
        h0 = np.zeros((1, H))
        Y[i, real, :H] = rnn_forward(X[i:i + 1, real], h0, *forward_weights)[0]
        Y[i, real, H:] = rnn_forward(X[i:i + 1, real], h0, *backward_weights)[0]
    return Y
