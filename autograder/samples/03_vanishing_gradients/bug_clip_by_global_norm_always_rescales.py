# clip_by_global_norm always rescales to max_norm, so small gradients are blown up instead of left alone.
# kind: bug
# fails: test_clip_by_global_norm_small test_clip_by_global_norm_tf
# %% clip_by_global_norm
def clip_by_global_norm(grads, max_norm):
    global_norm = float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))
    return [g * max_norm / max(global_norm, 1e-12) for g in grads], global_norm
