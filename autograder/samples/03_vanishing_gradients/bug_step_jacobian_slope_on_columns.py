# step_jacobian multiplies the columns, not the rows, by the tanh slope (W_h.T @ diag(1 - h**2)).
# kind: bug
# fails: test_step_jacobian_small test_step_jacobian_autodiff
# %% step_jacobian
def step_jacobian(h_t, W_h):
    h_t = np.asarray(h_t).reshape(-1)
    return W_h.T * (1.0 - h_t ** 2)[None, :]
