# lstm_step outputs h_t = o * c_t, without the tanh on the cell state.
# kind: bug
# fails: test_lstm_step_small test_lstm_step_keras
# %% lstm_step
def lstm_step(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
    H = h_prev.shape[1]
    a = x_t @ kernel + h_prev @ recurrent_kernel + bias
    i, f, g, o = sigmoid(a[:, :H]), sigmoid(a[:, H:2 * H]), np.tanh(a[:, 2 * H:3 * H]), sigmoid(a[:, 3 * H:])
    c_t = f * c_prev + i * g
    return o * c_t, c_t, {"i": i, "f": f, "g": g, "o": o}
