# nearest_neighbours forgets to leave the word itself out, so it comes first.
# kind: bug
# fails: test_nearest_neighbours_small test_nearest_neighbours_hidden
# %% nearest_neighbours
def nearest_neighbours(E, word2idx, idx2word, word, k):
    unit = E / np.linalg.norm(E, axis=1, keepdims=True)
    similarity = unit @ unit[word2idx[word]]
    return [idx2word[i] for i in np.argsort(-similarity)[:k]]
