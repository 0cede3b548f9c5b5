# gru_step reads the blocks in the order [r, z, h] (update and reset swapped): a wrong gate order.
# kind: bug
# fails: test_gru_step_small test_gru_step_gates test_gru_step_keras
# %% gru_step
def gru_step(x_t, h_prev, kernel, recurrent_kernel, bias):
    H = h_prev.shape[1]
    a_x, a_h = x_t @ kernel + bias[0], h_prev @ recurrent_kernel + bias[1]
    r = sigmoid(a_x[:, :H] + a_h[:, :H])
    z = sigmoid(a_x[:, H:2 * H] + a_h[:, H:2 * H])
    h_tilde = np.tanh(a_x[:, 2 * H:] + r * a_h[:, 2 * H:])
    return z * h_prev + (1 - z) * h_tilde, {"z": z, "r": r, "h_tilde": h_tilde}
