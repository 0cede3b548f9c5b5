# complete_analogy subtracts the wrong way: E[a] - E[b] + E[c].
# kind: bug
# fails: test_complete_analogy_small test_complete_analogy_hidden
# %% complete_analogy
def complete_analogy(a, b, c, E, word2idx, idx2word):
    target = E[word2idx[a]] - E[word2idx[b]] + E[word2idx[c]]
    scores = E @ target / (np.linalg.norm(E, axis=1) * np.linalg.norm(target))
    for w in (a, b, c):
        scores[word2idx[w]] = -np.inf
    return idx2word[int(np.argmax(scores))]
