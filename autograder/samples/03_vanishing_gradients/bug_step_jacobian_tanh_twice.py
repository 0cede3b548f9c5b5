# step_jacobian takes the slope as 1 - tanh(h_t)**2, applying tanh to a state that is already tanh'd.
# kind: bug
# fails: test_step_jacobian_small test_step_jacobian_autodiff
# %% step_jacobian
def step_jacobian(h_t, W_h):
    h_t = np.asarray(h_t).reshape(-1)
    return np.diag(1.0 - np.tanh(h_t) ** 2) @ W_h.T
