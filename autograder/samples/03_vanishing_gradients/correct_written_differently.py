# Correct answers written differently from the solution: an explicit diagonal matrix product, and a norm from one flat vector.
# kind: correct
# fails:
# %% step_jacobian
def step_jacobian(h_t, W_h):
    slope = 1.0 - np.square(np.ravel(h_t))
    return np.diag(slope) @ np.transpose(W_h)
# %% clip_by_global_norm
def clip_by_global_norm(grads, max_norm):
    flat = np.concatenate([np.ravel(g) for g in grads]) if grads else np.zeros(0)
    total = float(np.linalg.norm(flat))
    if total <= max_norm:
        return [np.array(g, copy=True) for g in grads], total
    return [np.array(g) * (max_norm / total) for g in grads], total
