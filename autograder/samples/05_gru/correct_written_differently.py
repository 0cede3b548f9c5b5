# Correct answers written differently: per-gate weight slices, z as 1 - sigmoid(-a), a list of states, an expanded count.
# kind: correct
# fails:
# %% gru_step
def gru_step(x_t, h_prev, kernel, recurrent_kernel, bias):
    W_z, W_r, W_h = np.split(kernel, 3, axis=1)
    U_z, U_r, U_h = np.split(recurrent_kernel, 3, axis=1)
    (bx_z, bx_r, bx_h), (bh_z, bh_r, bh_h) = np.split(bias[0], 3), np.split(bias[1], 3)
    z = 1.0 - 1.0 / (1.0 + np.exp(x_t @ W_z + bx_z + h_prev @ U_z + bh_z))
    r = 1.0 / (1.0 + np.exp(-(x_t @ W_r + bx_r + h_prev @ U_r + bh_r)))
    candidate = np.tanh(x_t @ W_h + bx_h + r * (h_prev @ U_h + bh_h))
    new_state = candidate + z * (h_prev - candidate)
    return new_state, {"z": z, "r": r, "h_tilde": candidate}
# %% gru_forward
def gru_forward(X, h0, kernel, recurrent_kernel, bias):
    states = []
    h = h0.copy()
    for t in range(X.shape[1]):
        h = gru_step(X[:, t], h, kernel, recurrent_kernel, bias)[0]
        states.append(h)
    return np.stack(states, axis=1)
# %% gru_param_count
def gru_param_count(input_dim, units):
    return 3 * input_dim * units + 3 * units ** 2 + 6 * units
