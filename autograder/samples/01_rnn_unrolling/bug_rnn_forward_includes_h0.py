# rnn_forward returns T+1 states, h0 included (an off-by-one in time).
# kind: bug
# fails: test_rnn_forward_small test_rnn_forward_keras
# %% rnn_forward
def rnn_forward(X, h0, W_x, W_h, b):
    states = [h0]
    for t in range(X.shape[1]):
        states.append(rnn_step(X[:, t, :], states[-1], W_x, W_h, b))
    return np.stack(states, axis=1)
