# cooccurrence_matrix removes unknown words before counting, so the words around them come closer.
# kind: bug
# fails: test_cooccurrence_matrix_small test_cooccurrence_matrix_hidden
# %% cooccurrence_matrix
def cooccurrence_matrix(tokenized, word2idx, window):
    C = np.zeros((len(word2idx), len(word2idx)))
    for sentence in tokenized:
        ids = [word2idx[w] for w in sentence if w in word2idx]
        for i in range(len(ids)):
            for j in range(i + 1, min(len(ids), i + window + 1)):
                C[ids[i], ids[j]] += 1
                C[ids[j], ids[i]] += 1
    return C
