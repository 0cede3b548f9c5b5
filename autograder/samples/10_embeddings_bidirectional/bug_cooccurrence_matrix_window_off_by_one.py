# cooccurrence_matrix stops one distance short: range(1, window) leaves out the words exactly window apart.
# kind: bug
# fails: test_cooccurrence_matrix_small test_cooccurrence_matrix_hidden
# %% cooccurrence_matrix
def cooccurrence_matrix(tokenized, word2idx, window):
    C = np.zeros((len(word2idx), len(word2idx)))
    for sentence in tokenized:
        ids = np.array([word2idx.get(w, -1) for w in sentence], dtype=int)
        for distance in range(1, window):
            left, right = ids[:-distance], ids[distance:]
            both = (left >= 0) & (right >= 0)
            np.add.at(C, (left[both], right[both]), 1.0)
            np.add.at(C, (right[both], left[both]), 1.0)
    return C
