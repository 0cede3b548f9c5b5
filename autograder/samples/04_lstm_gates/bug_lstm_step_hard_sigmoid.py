# lstm_step uses Keras' hard sigmoid (a piecewise-linear approximation) instead of the logistic sigmoid.
# kind: bug
# fails: test_lstm_step_small test_lstm_step_gates test_lstm_step_keras
# %% lstm_step
def lstm_step(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
    H = h_prev.shape[1]
    hard = lambda a: np.clip(a / 6.0 + 0.5, 0.0, 1.0)
    a = x_t @ kernel + h_prev @ recurrent_kernel + bias
    i, f, g, o = hard(a[:, :H]), hard(a[:, H:2 * H]), np.tanh(a[:, 2 * H:3 * H]), hard(a[:, 3 * H:])
    c_t = f * c_prev + i * g
    return o * np.tanh(c_t), c_t, {"i": i, "f": f, "g": g, "o": o}
