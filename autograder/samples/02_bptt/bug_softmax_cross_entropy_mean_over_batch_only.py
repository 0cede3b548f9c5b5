# softmax_cross_entropy sums over time and averages over the batch only (divides by N, not N*T).
# kind: bug
# fails: test_softmax_cross_entropy_small test_softmax_cross_entropy_gradient test_softmax_cross_entropy_stable
# %% softmax_cross_entropy
def softmax_cross_entropy(logits, y):
    N, T, V = logits.shape
    shifted = logits - logits.max(axis=-1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    n, t = np.meshgrid(np.arange(N), np.arange(T), indexing="ij")
    loss = -log_probs[n, t, y].sum() / N
    dlogits = np.exp(log_probs)
    dlogits[n, t, y] -= 1
    return loss, dlogits / N
