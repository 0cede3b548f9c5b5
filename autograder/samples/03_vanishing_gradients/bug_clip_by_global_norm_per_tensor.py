# clip_by_global_norm clips each gradient by its own norm (like tf.clip_by_norm), which changes the direction.
# kind: bug
# fails: test_clip_by_global_norm_small test_clip_by_global_norm_tf
# %% clip_by_global_norm
def clip_by_global_norm(grads, max_norm):
    global_norm = float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))
    clipped = []
    for g in grads:
        norm = np.sqrt(np.sum(g ** 2))
        clipped.append(g * max_norm / norm if norm > max_norm else g.copy())
    return clipped, global_norm
