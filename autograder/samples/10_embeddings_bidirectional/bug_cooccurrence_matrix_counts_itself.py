# cooccurrence_matrix lets the window include distance 0, so every known word counts itself once per occurrence.
# kind: bug
# fails: test_cooccurrence_matrix_small test_cooccurrence_matrix_hidden
# %% cooccurrence_matrix
def cooccurrence_matrix(tokenized, word2idx, window):
    C = np.zeros((len(word2idx), len(word2idx)))
    for sentence in tokenized:
        ids = [word2idx.get(w) for w in sentence]
        for i, w in enumerate(ids):
            for j in range(max(0, i - window), min(len(ids), i + window + 1)):
                if w is not None and ids[j] is not None:
                    C[w, ids[j]] += 1
    return C
