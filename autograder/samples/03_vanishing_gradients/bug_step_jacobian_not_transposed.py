# step_jacobian scales the rows of W_h instead of W_h.T (J[i, j] = slope_i * W_h[i, j]).
# kind: bug
# fails: test_step_jacobian_small test_step_jacobian_autodiff
# %% step_jacobian
def step_jacobian(h_t, W_h):
    h_t = np.asarray(h_t).reshape(-1)
    return (1.0 - h_t ** 2)[:, None] * W_h
