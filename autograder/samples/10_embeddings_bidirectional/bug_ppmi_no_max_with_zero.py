# ppmi keeps the negative PMI values: the max with 0 is missing.
# kind: bug
# fails: test_ppmi_small test_ppmi_hidden
# %% ppmi
def ppmi(C):
    C = np.asarray(C, dtype=float)
    expected = np.outer(C.sum(axis=1), C.sum(axis=0)) / C.sum()
    out = np.zeros_like(C)
    out[C > 0] = np.log(C[C > 0] / expected[C > 0])
    return out
