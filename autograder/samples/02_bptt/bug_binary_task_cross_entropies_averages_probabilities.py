# binary_task_cross_entropies averages the probabilities of the cases before taking the entropy (so all three are equal).
# kind: bug
# fails: test_binary_task_cross_entropies
# %% binary_task_cross_entropies
def binary_task_cross_entropies():
    def entropy(p):
        return float(-p * np.log(p) - (1 - p) * np.log(1 - p))
    nothing = entropy(0.625)
    first = entropy(0.5 * 0.875 + 0.5 * 0.375)
    both = entropy(0.25 * (0.75 + 1.0 + 0.25 + 0.5))
    return nothing, first, both
