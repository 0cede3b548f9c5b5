# clip_by_global_norm uses the sum of squares (no square root) as the norm.
# kind: bug
# fails: test_clip_by_global_norm_small test_clip_by_global_norm_tf
# %% clip_by_global_norm
def clip_by_global_norm(grads, max_norm):
    squared = float(sum(np.sum(g ** 2) for g in grads))
    scale = max_norm / max(squared, max_norm)
    return [g * scale for g in grads], squared
