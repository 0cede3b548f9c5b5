# Correct answers written differently from the solution: logsumexp on a flat view, einsum, an inlined BPTT loop, enumeration.
# kind: correct
# fails:
# %% softmax_cross_entropy
def softmax_cross_entropy(logits, y):
    N, T, V = logits.shape
    flat = logits.reshape(N * T, V)
    targets = y.reshape(-1)
    top = flat.max(axis=1, keepdims=True)
    log_sum = top[:, 0] + np.log(np.sum(np.exp(flat - top), axis=1))
    losses = log_sum - flat[np.arange(N * T), targets]
    probs = np.exp(flat - log_sum[:, None])
    grad = (probs - np.eye(V)[targets]) / (N * T)
    return losses.mean(), grad.reshape(N, T, V)
# %% rnn_step_backward
def rnn_step_backward(dh, x_t, h_prev, h_t, W_x, W_h):
    slope = 1 - h_t * h_t
    delta = np.multiply(dh, slope)
    return (np.einsum("nh,dh->nd", delta, W_x),
            np.einsum("nh,kh->nk", delta, W_h),
            np.einsum("nd,nh->dh", x_t, delta),
            np.einsum("nk,nh->kh", h_prev, delta),
            np.einsum("nh->h", delta))
# %% rnn_backward
def rnn_backward(dH, X, h0, H, W_x, W_h):
    previous = np.concatenate([h0[:, None, :], H[:, :-1, :]], axis=1)     # the state before each step
    dX = np.empty(X.shape)
    grads = [np.zeros(W_x.shape), np.zeros(W_h.shape), np.zeros(W_h.shape[1])]
    carry = np.zeros(h0.shape)
    for t in range(X.shape[1] - 1, -1, -1):
        delta = (carry + dH[:, t, :]) * (1 - H[:, t, :] ** 2)
        dX[:, t, :] = delta @ W_x.T
        grads[0] += X[:, t, :].T @ delta
        grads[1] += previous[:, t, :].T @ delta
        grads[2] += delta.sum(0)
        carry = delta @ W_h.T
    return dX, carry, grads[0], grads[1], grads[2]
# %% binary_task_cross_entropies
def binary_task_cross_entropies():
    import math
    def xent(p):
        return -sum(q * math.log(q) for q in (p, 1 - p) if q > 0)
    probability = {(a, c): 0.5 + 0.5 * a - 0.25 * c for a in (0, 1) for c in (0, 1)}
    nothing = xent(sum(probability.values()) / 4)
    first = sum(xent((probability[(a, 0)] + probability[(a, 1)]) / 2) for a in (0, 1)) / 2
    both = sum(xent(p) for p in probability.values()) / 4
    return nothing, first, both
