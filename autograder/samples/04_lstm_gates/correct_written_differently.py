# Correct answers written differently: np.split and an explicit logistic, a list of states, a factored count.
# kind: correct
# fails:
# %% lstm_step
def lstm_step(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
    pre = np.dot(x_t, kernel) + np.dot(h_prev, recurrent_kernel) + bias[None, :]
    a_i, a_f, a_g, a_o = np.split(pre, 4, axis=1)
    logistic = lambda a: np.exp(-np.logaddexp(0.0, -a))
    gates = dict(i=logistic(a_i), f=logistic(a_f), g=np.tanh(a_g), o=logistic(a_o))
    c_new = gates["f"] * c_prev + gates["i"] * gates["g"]
    return gates["o"] * np.tanh(c_new), c_new, gates
# %% lstm_forward
def lstm_forward(X, h0, c0, kernel, recurrent_kernel, bias):
    outputs, cells = [], []
    state = (h0.copy(), c0.copy())
    for x_t in np.moveaxis(X, 1, 0):
        h, c, _ = lstm_step(x_t, state[0], state[1], kernel, recurrent_kernel, bias)
        state = (h, c)
        outputs.append(h)
        cells.append(c)
    return np.stack(outputs, axis=1), np.stack(cells, axis=1)
# %% lstm_param_count
def lstm_param_count(input_dim, units):
    return 4 * units * (input_dim + units + 1)
