# gru_step applies the reset gate before the recurrent product (the reset_after=False formula).
# kind: bug
# fails: test_gru_step_small test_gru_step_gates test_gru_step_keras
# %% gru_step
def gru_step(x_t, h_prev, kernel, recurrent_kernel, bias):
    H = h_prev.shape[1]
    a_x, a_h = x_t @ kernel + bias[0], h_prev @ recurrent_kernel + bias[1]
    z = sigmoid(a_x[:, :H] + a_h[:, :H])
    r = sigmoid(a_x[:, H:2 * H] + a_h[:, H:2 * H])
    h_tilde = np.tanh(a_x[:, 2 * H:] + (r * h_prev) @ recurrent_kernel[:, 2 * H:] + bias[1, 2 * H:])
    return z * h_prev + (1 - z) * h_tilde, {"z": z, "r": r, "h_tilde": h_tilde}
