# binary_task_cross_entropies uses log base 2 (bits) instead of the natural log of the loss.
# kind: bug
# fails: test_binary_task_cross_entropies
# %% binary_task_cross_entropies
def binary_task_cross_entropies():
    def entropy(p):
        return 0.0 if p in (0.0, 1.0) else float(-p * np.log2(p) - (1 - p) * np.log2(1 - p))
    nothing = entropy(0.625)
    first = 0.5 * entropy(0.875) + 0.5 * entropy(0.375)
    both = 0.25 * (entropy(0.75) + entropy(1.0) + entropy(0.25) + entropy(0.5))
    return nothing, first, both
