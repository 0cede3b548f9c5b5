# lstm_step squashes the candidate g with a sigmoid like the other gates (missing tanh: g can never be negative).
# kind: bug
# fails: test_lstm_step_small test_lstm_step_gates test_lstm_step_keras
# %% lstm_step
def lstm_step(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
    H = h_prev.shape[1]
    a = sigmoid(x_t @ kernel + h_prev @ recurrent_kernel + bias)
    i, f, g, o = a[:, :H], a[:, H:2 * H], a[:, 2 * H:3 * H], a[:, 3 * H:]
    c_t = f * c_prev + i * g
    return o * np.tanh(c_t), c_t, {"i": i, "f": f, "g": g, "o": o}
