# Correct answers written differently from the solution: loops over pairs, counts with np.log of ratios of sums, einsum, argpartition, vectorised scores, index arrays, a sort of (length, index) pairs.
# kind: correct
# fails:
# %% cooccurrence_matrix
def cooccurrence_matrix(tokenized, word2idx, window):
    counts = np.zeros((len(word2idx), len(word2idx)))
    for sentence in tokenized:
        for i, w in enumerate(sentence):
            for j in range(max(0, i - window), min(len(sentence), i + window + 1)):
                if j != i and w in word2idx and sentence[j] in word2idx:
                    counts[word2idx[w], word2idx[sentence[j]]] += 1
    return counts
# %% ppmi
def ppmi(C):
    C = np.array(C, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(C) + np.log(C.sum()) - np.log(C.sum(axis=1))[:, None] - np.log(C.sum(axis=0))[None, :]
    return np.where(C > 0, np.clip(pmi, 0, None), 0.0)
# %% cosine_similarity
def cosine_similarity(u, v):
    return float(np.einsum("i,i->", u, v) / np.sqrt(np.einsum("i,i->", u, u) * np.einsum("i,i->", v, v)))
# %% nearest_neighbours
def nearest_neighbours(E, word2idx, idx2word, word, k):
    norms = np.sqrt((E ** 2).sum(axis=1))
    scores = (E @ E[word2idx[word]]) / (norms * norms[word2idx[word]])
    ranked = [i for i in np.argsort(scores)[::-1] if i != word2idx[word]]
    return [idx2word[i] for i in ranked[:k]]
# %% complete_analogy
def complete_analogy(a, b, c, E, word2idx, idx2word):
    target = E[word2idx[c]] + (E[word2idx[b]] - E[word2idx[a]])
    scores = E @ target / np.linalg.norm(E, axis=1) / np.linalg.norm(target)
    for i in (word2idx[a], word2idx[b], word2idx[c]):
        scores[i] = -np.inf
    return idx2word[int(np.argmax(scores))]
# %% birnn_forward
def birnn_forward(X, mask, forward_weights, backward_weights, rnn_forward):
    W_x, W_h, b = forward_weights
    units = W_h.shape[0]
    rows = []
    for x, m in zip(X, mask):
        real = x[m.astype(bool)][None]
        out = np.zeros((X.shape[1], 2 * units))
        ahead = rnn_forward(real, np.zeros((1, units)), W_x, W_h, b)
        behind = rnn_forward(np.flip(real, axis=1), np.zeros((1, units)), *backward_weights)
        out[m.astype(bool)] = np.concatenate([ahead[0], np.flip(behind[0], axis=0)], axis=-1)
        rows.append(out)
    return np.stack(rows)
# %% bucket_by_length
def bucket_by_length(lengths, batch_size):
    order = [i for _, i in sorted((int(n), i) for i, n in enumerate(lengths))]
    return [np.array(order[start:start + batch_size]) for start in range(0, len(order), batch_size)]
