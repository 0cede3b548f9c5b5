# clip_by_global_norm returns the norm after clipping instead of the norm before it.
# kind: bug
# fails: test_clip_by_global_norm_small test_clip_by_global_norm_tf
# %% clip_by_global_norm
def clip_by_global_norm(grads, max_norm):
    global_norm = float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))
    scale = min(1.0, max_norm / global_norm) if global_norm > 0 else 1.0
    clipped = [g * scale for g in grads]
    return clipped, float(np.sqrt(sum(np.sum(c ** 2) for c in clipped)))
