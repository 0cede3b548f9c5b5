# softmax_cross_entropy exponentiates the raw logits (no maximum subtracted): it overflows for large logits.
# kind: bug
# fails: test_softmax_cross_entropy_stable
# %% softmax_cross_entropy
def softmax_cross_entropy(logits, y):
    N, T, V = logits.shape
    probs = np.exp(logits) / np.exp(logits).sum(axis=-1, keepdims=True)
    n, t = np.meshgrid(np.arange(N), np.arange(T), indexing="ij")
    loss = -np.log(probs[n, t, y]).mean()
    dlogits = probs.copy()
    dlogits[n, t, y] -= 1
    return loss, dlogits / (N * T)
