# ppmi divides the joint count by the product of the marginal counts without dividing by the total.
# kind: bug
# fails: test_ppmi_small test_ppmi_hidden
# %% ppmi
def ppmi(C):
    C = np.asarray(C, dtype=float)
    expected = np.outer(C.sum(axis=1), C.sum(axis=0))
    out = np.zeros_like(C)
    out[C > 0] = np.maximum(np.log(C[C > 0] / expected[C > 0]), 0)
    return out
