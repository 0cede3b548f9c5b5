# Correct answers written differently from the solution: einsum, a list of states, a closed form, a comprehension.
# kind: correct
# fails:
# %% rnn_step
def rnn_step(x_t, h_prev, W_x, W_h, b):
    pre_activation = np.einsum("nd,dh->nh", x_t, W_x) + np.dot(h_prev, W_h)
    pre_activation = pre_activation + b[np.newaxis, :]
    return np.tanh(pre_activation)
# %% rnn_forward
def rnn_forward(X, h0, W_x, W_h, b):
    states = []
    h = h0.copy()
    for x_t in np.moveaxis(X, 1, 0):          # (T, N, D): one step at a time
        h = rnn_step(x_t, h, W_x, W_h, b)
        states.append(h)
    return np.stack(states, axis=1)
# %% rnn_param_count
def rnn_param_count(input_dim, units, output_dim):
    return units * (input_dim + units + 1) + output_dim * (units + 1)
# %% make_windows
def make_windows(text, seqlen, step):
    starts = range(0, max(len(text) - seqlen, 0), step)
    return [text[i:i + seqlen] for i in starts], [text[i + seqlen] for i in starts]
