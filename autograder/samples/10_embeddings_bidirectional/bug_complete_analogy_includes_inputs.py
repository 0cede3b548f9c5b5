# complete_analogy does not exclude a, b and c, so it often answers with one of them.
# kind: bug
# fails: test_complete_analogy_small test_complete_analogy_hidden
# %% complete_analogy
def complete_analogy(a, b, c, E, word2idx, idx2word):
    target = E[word2idx[b]] - E[word2idx[a]] + E[word2idx[c]]
    scores = [cosine_similarity(row, target) for row in E]
    return idx2word[int(np.argmax(scores))]
