# nearest_neighbours ranks by dot product without normalising, so long vectors win.
# kind: bug
# fails: test_nearest_neighbours_small test_nearest_neighbours_hidden
# %% nearest_neighbours
def nearest_neighbours(E, word2idx, idx2word, word, k):
    scores = E @ E[word2idx[word]]
    scores[word2idx[word]] = -np.inf
    return [idx2word[i] for i in np.argsort(-scores)[:k]]
