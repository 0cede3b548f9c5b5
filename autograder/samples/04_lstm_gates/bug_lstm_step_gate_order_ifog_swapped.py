# lstm_step reads the blocks in the order [i, f, o, g] (candidate and output gate swapped): a wrong gate order.
# kind: bug
# fails: test_lstm_step_small test_lstm_step_gates test_lstm_step_keras
# %% lstm_step
def lstm_step(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
    H = h_prev.shape[1]
    a = x_t @ kernel + h_prev @ recurrent_kernel + bias
    i, f, o = sigmoid(a[:, :H]), sigmoid(a[:, H:2 * H]), sigmoid(a[:, 2 * H:3 * H])
    g = np.tanh(a[:, 3 * H:])
    c_t = f * c_prev + i * g
    return o * np.tanh(c_t), c_t, {"i": i, "f": f, "g": g, "o": o}
