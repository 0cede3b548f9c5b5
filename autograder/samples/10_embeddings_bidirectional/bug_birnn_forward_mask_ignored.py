# birnn_forward ignores the mask: one call per direction on the whole padded batch, so both directions read the padding and padded steps are not zero.
# kind: bug
# fails: test_birnn_forward_small test_birnn_forward_keras
# %% birnn_forward
def birnn_forward(X, mask, forward_weights, backward_weights, rnn_forward):
    H = forward_weights[1].shape[0]
    h0 = np.zeros((X.shape[0], H))
    forward = rnn_forward(X, h0, *forward_weights)
    backward = rnn_forward(X[:, ::-1], h0, *backward_weights)[:, ::-1]
    return np.concatenate([forward, backward], axis=-1)
