"""References, mistakes and cases of 10_embeddings_bidirectional (instructor only)."""
import numpy as np

from . import keras_refs
from .rnn_unrolling import rnn_forward      # the callee of birnn_forward: 01's reference

ASSIGNMENT = "10_embeddings_bidirectional"


# ---------------------------------------------------------------- references
def cooccurrence_matrix(tokenized, word2idx, window, low=1, high=None, itself=False, sides=2, keep_unknown=True,
                        one_sentence=False):
    """Counted pair by pair; the keyword arguments only exist to write the mistakes."""
    high = window if high is None else high
    C = np.zeros((len(word2idx), len(word2idx)))
    sentences = [[w for s in tokenized for w in s]] if one_sentence else tokenized
    for sentence in sentences:
        words = list(sentence) if keep_unknown else [w for w in sentence if w in word2idx]
        for i, w in enumerate(words):
            if w not in word2idx:
                continue
            if itself:
                C[word2idx[w], word2idx[w]] += 1
            for j in range(len(words)):
                distance = j - i if sides == 1 else abs(j - i)
                if low <= distance <= high and words[j] in word2idx:
                    C[word2idx[w], word2idx[words[j]]] += 1
    return C


def ppmi(C, log=np.log, clip=True, normalise=True, rows_only=False):
    C = np.asarray(C, dtype=float)
    total = C.sum() if normalise else 1.0
    p_w = C.sum(axis=1) / total
    p_c = (C.sum(axis=1) if rows_only else C.sum(axis=0)) / total
    out = np.zeros_like(C)
    for i in range(C.shape[0]):
        for j in range(C.shape[1]):
            if C[i, j] > 0:
                value = log((C[i, j] / total) / (p_w[i] * p_c[j]))
                out[i, j] = max(0.0, value) if clip else value
    return out


def cosine_similarity(u, v):
    u, v = np.asarray(u, dtype=float), np.asarray(v, dtype=float)
    return float(np.dot(u, v) / (np.sqrt(np.dot(u, u)) * np.sqrt(np.dot(v, v))))


def _ranked(scores, idx2word, excluded, k):
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    return [idx2word[i] for i in order if idx2word[i] not in excluded][:k]


def nearest_neighbours(E, word2idx, idx2word, word, k):
    target = E[word2idx[word]]
    scores = [cosine_similarity(row, target) for row in E]
    return _ranked(scores, idx2word, {word}, k)


def complete_analogy(a, b, c, E, word2idx, idx2word):
    target = E[word2idx[b]] - E[word2idx[a]] + E[word2idx[c]]
    scores = [cosine_similarity(row, target) for row in E]
    return _ranked(scores, idx2word, {a, b, c}, 1)[0]


def birnn_forward(X, mask, forward_weights, backward_weights, rnn_forward):
    N, T, _ = X.shape
    H = forward_weights[1].shape[0]
    out = np.zeros((N, T, 2 * H))
    for i in range(N):
        steps = np.flatnonzero(mask[i])
        zero = np.zeros((1, H))
        out[i, steps, :H] = rnn_forward(X[i:i + 1, steps], zero, *forward_weights)[0]
        out[i, steps, H:] = rnn_forward(X[i:i + 1, steps[::-1]], zero, *backward_weights)[0][::-1]
    return out


def bucket_by_length(lengths, batch_size):
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])      # Python's sort is stable
    return [np.array(order[s:s + batch_size], dtype=np.int64) for s in range(0, len(order), batch_size)]


REFERENCES = {"cooccurrence_matrix": cooccurrence_matrix, "ppmi": ppmi, "cosine_similarity": cosine_similarity,
              "nearest_neighbours": nearest_neighbours, "complete_analogy": complete_analogy,
              "rnn_forward": rnn_forward, "birnn_forward": birnn_forward, "bucket_by_length": bucket_by_length}

EXPECTED = {
    "test_birnn_forward_small": keras_refs.bidirectional_simple_rnn,
    "test_birnn_forward_keras": keras_refs.bidirectional_simple_rnn,
}


# ---------------------------------------------------------------- mistakes
def _birnn_mistake(kind):
    def birnn(X, mask, forward_weights, backward_weights, rnn_forward):
        N, T, _ = X.shape
        H = forward_weights[1].shape[0]
        out = np.zeros((N, T, 2 * H))
        for i in range(N):
            steps = np.flatnonzero(mask[i])
            zero = np.zeros((1, H))
            forward = rnn_forward(X[i:i + 1, steps], zero, *forward_weights)[0]
            backward = rnn_forward(X[i:i + 1, steps[::-1]], zero, *backward_weights)[0]
            if kind != "backward_not_reversed_back":
                backward = backward[::-1]
            if kind == "halves_swapped":
                forward, backward = backward, forward
            out[i, steps, :H], out[i, steps, H:] = forward, backward
            if kind == "masked_steps_not_zero":        # a masked step keeps the state next to it
                for t in range(T):
                    if not mask[i, t]:
                        before, after = steps[steps < t], steps[steps > t]
                        if len(before):
                            out[i, t, :H] = out[i, before[-1], :H]
                        if len(after):
                            out[i, t, H:] = out[i, after[0], H:]
        return out
    return birnn


def _buckets(kind):
    def bucket(lengths, batch_size):
        lengths = np.asarray(lengths)
        n = len(lengths)
        order = {"longest_first": lambda: np.argsort(-lengths, kind="stable"),
                 "not_sorted": lambda: np.arange(n),
                 "unstable_sort": lambda: n - 1 - np.argsort(lengths[::-1], kind="stable"),   # ties reversed
                 }.get(kind, lambda: np.argsort(lengths, kind="stable"))()
        order = np.asarray(order, dtype=np.int64)
        batches = [order[s:s + batch_size] for s in range(0, n, batch_size)]
        if kind == "drops_last_batch" and n % batch_size:
            batches = batches[:-1]
        if kind == "wraps_around" and n % batch_size:
            batches[-1] = np.concatenate([batches[-1], order[:batch_size - len(batches[-1])]])
        return batches
    return bucket


def _cos_scores(E, target, how):
    E = np.asarray(E, dtype=float)
    if how == "dot":
        return E @ target
    if how == "euclidean":
        return -np.sqrt(((E - target) ** 2).sum(axis=1))
    return (E @ target) / (np.linalg.norm(E, axis=1) * np.linalg.norm(target))


MISTAKES = {
    "cooccurrence_matrix": {
        "window_too_short": lambda tokenized, word2idx, window: cooccurrence_matrix(tokenized, word2idx, window,
                                                                                    high=window - 1),
        "window_too_long": lambda tokenized, word2idx, window: cooccurrence_matrix(tokenized, word2idx, window,
                                                                                   high=window + 1),
        "counts_itself": lambda tokenized, word2idx, window: cooccurrence_matrix(tokenized, word2idx, window,
                                                                                 itself=True),
        "one_side_only": lambda tokenized, word2idx, window: cooccurrence_matrix(tokenized, word2idx, window,
                                                                                 sides=1),
        "unknown_words_dropped": lambda tokenized, word2idx, window: cooccurrence_matrix(
            tokenized, word2idx, window, keep_unknown=False),
        "across_sentences": lambda tokenized, word2idx, window: cooccurrence_matrix(tokenized, word2idx, window,
                                                                                    one_sentence=True),
    },
    "ppmi": {
        "no_max_with_zero": lambda C: ppmi(C, clip=False),
        "log2": lambda C: ppmi(C, log=np.log2),
        "counts_not_probabilities": lambda C: ppmi(C, normalise=False),
        "rows_for_both_marginals": lambda C: ppmi(C, rows_only=True),
    },
    "cosine_similarity": {
        "not_normalised": lambda u, v: float(np.dot(u, v)),
        "one_norm_only": lambda u, v: float(np.dot(u, v) / np.linalg.norm(u)),
        "squared_norms": lambda u, v: float(np.dot(u, v) / (np.dot(u, u) * np.dot(v, v))),
    },
    "nearest_neighbours": {
        "includes_the_word": lambda E, word2idx, idx2word, word, k: _ranked(
            _cos_scores(E, E[word2idx[word]], "cos"), idx2word, set(), k),
        "dot_product": lambda E, word2idx, idx2word, word, k: _ranked(
            _cos_scores(E, E[word2idx[word]], "dot"), idx2word, {word}, k),
        "least_similar_first": lambda E, word2idx, idx2word, word, k: _ranked(
            -_cos_scores(E, E[word2idx[word]], "cos"), idx2word, {word}, k),
        "euclidean": lambda E, word2idx, idx2word, word, k: _ranked(
            _cos_scores(E, E[word2idx[word]], "euclidean"), idx2word, {word}, k),
    },
    "complete_analogy": {
        "includes_inputs": lambda a, b, c, E, word2idx, idx2word: _ranked(
            _cos_scores(E, E[word2idx[b]] - E[word2idx[a]] + E[word2idx[c]], "cos"), idx2word, set(), 1)[0],
        "wrong_direction": lambda a, b, c, E, word2idx, idx2word: _ranked(
            _cos_scores(E, E[word2idx[a]] - E[word2idx[b]] + E[word2idx[c]], "cos"), idx2word, {a, b, c}, 1)[0],
        "dot_product": lambda a, b, c, E, word2idx, idx2word: _ranked(
            _cos_scores(E, E[word2idx[b]] - E[word2idx[a]] + E[word2idx[c]], "dot"), idx2word, {a, b, c}, 1)[0],
    },
    "birnn_forward": {kind: _birnn_mistake(kind)
                      for kind in ("backward_not_reversed_back", "halves_swapped", "masked_steps_not_zero")},
    "bucket_by_length": {kind: _buckets(kind) for kind in ("drops_last_batch", "wraps_around", "longest_first",
                                                          "not_sorted", "unstable_sort")},
}


# ---------------------------------------------------------------- cases
_WORDS = ["thou", "art", "king", "queen", "lord", "love", "death", "night", "sword", "crown", "o", "my"]


def _corpus(seed, n_sentences, longest, n_known, window):
    rng = np.random.default_rng(seed)
    words = _WORDS[:max(n_known + 3, 6)]
    tokenized = [[str(w) for w in rng.choice(words, size=rng.integers(0, longest + 1))] for _ in range(n_sentences)]
    known = sorted(set(words[:n_known]))
    word2idx = {w: i for i, w in enumerate(rng.permutation(known).tolist())}
    return {"tokenized": tokenized, "word2idx": word2idx, "window": window}


def _counts(seed, V, density, symmetric, empty_row=False):
    rng = np.random.default_rng(seed)
    C = rng.integers(1, 20, size=(V, V)) * (rng.random((V, V)) < density)
    if symmetric:
        C = np.triu(C) + np.triu(C, 1).T
    if empty_row:
        C[1, :] = 0
        C[:, 1] = 0
    return {"C": C.astype(float)}


def _vectors(seed, n, d, spread=1.0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, d)) * np.exp(spread * rng.normal(size=(n, 1)))


def _embedding(seed, V, d, spread=1.0):
    words = [f"w{i:02d}" for i in range(V)]
    order = np.random.default_rng(seed + 1).permutation(V)
    idx2word = [words[i] for i in order]
    return _vectors(seed, V, d, spread), {w: i for i, w in enumerate(idx2word)}, idx2word


def _neighbours_case(seed, V, d, word_row, k):
    E, word2idx, idx2word = _embedding(seed, V, d, spread=1.5)
    return {"E": E, "word2idx": word2idx, "idx2word": idx2word, "word": idx2word[word_row], "k": k}


def _analogy_case(seed, V, d, rows):
    E, word2idx, idx2word = _embedding(seed, V, d, spread=0.7)
    a, b, c = (idx2word[r] for r in rows)
    return {"a": a, "b": b, "c": c, "E": E, "word2idx": word2idx, "idx2word": idx2word}


def _rnn_weights(rng, D, H):
    return (rng.normal(size=(D, H)) * 0.6, rng.normal(size=(H, H)) * 0.5, rng.normal(size=H) * 0.2)


def _birnn_case(seed, N, T, D, H, real):
    """``real``: per sequence, ("post" or "pre", number of real steps)."""
    rng = np.random.default_rng(seed)
    mask = np.zeros((N, T), dtype=bool)
    for i, (side, n) in enumerate(real):
        if side == "post":
            mask[i, :n] = True
        else:
            mask[i, T - n:] = True
    return {"X": rng.normal(size=(N, T, D)), "mask": mask, "forward_weights": _rnn_weights(rng, D, H),
            "backward_weights": _rnn_weights(rng, D, H)}


def _cases():
    hand_tokens = [["the", "cat", "sat", "on", "the", "mat"], ["a", "dog", "sat", "on", "a", "cat"]]
    hand_index = {"the": 0, "cat": 1, "sat": 2, "mat": 3, "dog": 4}
    cos = lambda label, u, v: (label, {"u": np.asarray(u, dtype=float), "v": np.asarray(v, dtype=float)})  # noqa: E731
    hand_E = np.array([[1.0, 0.1], [0.9, 0.3], [5.0, 2.0], [-1.0, 0.2], [0.1, 1.0]])
    hand_words = ["king", "queen", "man", "apple", "fruit"]
    analogy_words = ["man", "woman", "king", "queen", "apple", "throne", "crown"]
    analogy_E = np.array([[1.0, 0.0], [1.0, 1.0], [3.0, 0.2], [2.0, 1.8], [-1.0, 0.5], [0.2, 3.0], [6.0, -1.0]])
    bucket = lambda label, lengths, size: (label, {"lengths": np.asarray(lengths, dtype=np.int64),  # noqa: E731
                                                   "batch_size": size})
    rng = np.random.default_rng(7)
    return {
        "test_cooccurrence_matrix_small": {
            "visible": [("two sentences, 'on' and 'a' unknown, window=2",
                         {"tokenized": hand_tokens, "word2idx": hand_index, "window": 2}),
                        ("the same, window=1", {"tokenized": hand_tokens, "word2idx": hand_index, "window": 1})],
            "hidden": [("the same, window=3", {"tokenized": hand_tokens, "word2idx": hand_index, "window": 3})],
        },
        "test_cooccurrence_matrix_hidden": {
            "visible": [("20 random sentences of up to 9 words, 6 known words, window=3", _corpus(1, 20, 9, 6, 3))],
            "hidden": [("30 random sentences, 8 known words, window=1", _corpus(2, 30, 12, 8, 1)),
                       ("10 sentences of up to 3 words, window=5", _corpus(3, 10, 3, 5, 5)),
                       ("40 sentences, only 2 known words of 6, window=2", _corpus(4, 40, 10, 2, 2)),
                       ("one long sentence, window=4", _corpus(5, 1, 60, 9, 4))],
        },
        "test_ppmi_small": {
            "visible": [("a symmetric 3 x 3 table with zeros on the diagonal",
                         {"C": np.array([[0.0, 2.0, 1.0], [2.0, 0.0, 3.0], [1.0, 3.0, 4.0]])})],
            "hidden": [("a 2 x 2 table", {"C": np.array([[1.0, 3.0], [3.0, 0.0]])})],
        },
        "test_ppmi_hidden": {
            "visible": [("a symmetric random 6 x 6 table, about half zeros", _counts(1, 6, 0.5, True)),
                        ("a non-symmetric random 5 x 5 table", _counts(6, 5, 0.7, False))],
            "hidden": [("a non-symmetric 7 x 7 table", _counts(2, 7, 0.6, False)),
                       ("a sparse symmetric 12 x 12 table", _counts(3, 12, 0.2, True)),
                       ("a 5 x 5 table with a word that has no counts", _counts(4, 5, 0.8, True, empty_row=True))],
        },
        "test_cosine_similarity_small": {
            "visible": [cos("parallel: (1, 2, 3) and (2, 4, 6)", [1, 2, 3], [2, 4, 6]),
                        cos("opposite: (1, -2) and (-3, 6)", [1, -2], [-3, 6]),
                        cos("orthogonal: (2, 0, 0) and (0, 0, 5)", [2, 0, 0], [0, 0, 5]),
                        cos("(3, 4) and (4, 3): 24 / 25", [3, 4], [4, 3])],
            "hidden": [cos("(1, 1) and (1, 0)", [1, 1], [1, 0])],
        },
        "test_cosine_similarity_hidden": {
            "visible": [cos("two random vectors of length 5", *rng.normal(size=(2, 5)) * [[3.0], [0.5]])],
            "hidden": [cos("two random vectors of length 300", *rng.normal(size=(2, 300))),
                       cos("a vector and 1000 times itself plus noise",
                           *(lambda x: (x, 1000 * x + rng.normal(size=8)))(rng.normal(size=8))),
                       cos("vectors of length 1", [-2.0], [0.5])],
        },
        "test_nearest_neighbours_small": {
            "visible": [("5 words in 2-D, the neighbours of 'king', k=3",
                         {"E": hand_E, "word2idx": {w: i for i, w in enumerate(hand_words)}, "idx2word": hand_words,
                          "word": "king", "k": 3}),
                        ("the same, the neighbours of 'fruit', k=4",
                         {"E": hand_E, "word2idx": {w: i for i, w in enumerate(hand_words)}, "idx2word": hand_words,
                          "word": "fruit", "k": 4})],
            "hidden": [("the same, the neighbours of 'apple', k=1",
                        {"E": hand_E, "word2idx": {w: i for i, w in enumerate(hand_words)}, "idx2word": hand_words,
                         "word": "apple", "k": 1})],
        },
        "test_nearest_neighbours_hidden": {
            "visible": [("30 random words in 8-D, k=5", _neighbours_case(1, 30, 8, 3, 5))],
            "hidden": [("50 random words in 16-D, k=1", _neighbours_case(2, 50, 16, 0, 1)),
                       ("12 random words in 3-D, every other word (k=11)", _neighbours_case(3, 12, 3, 7, 11)),
                       ("200 random words in 20-D, k=10", _neighbours_case(4, 200, 20, 150, 10))],
        },
        "test_complete_analogy_small": {
            "visible": [("man : king :: woman : ? in 2-D",
                         {"a": "man", "b": "king", "c": "woman", "E": analogy_E,
                          "word2idx": {w: i for i, w in enumerate(analogy_words)}, "idx2word": analogy_words})],
            "hidden": [("woman : queen :: man : ? in 2-D",
                        {"a": "woman", "b": "queen", "c": "man", "E": analogy_E,
                         "word2idx": {w: i for i, w in enumerate(analogy_words)}, "idx2word": analogy_words})],
        },
        "test_complete_analogy_hidden": {
            "visible": [("40 random words in 10-D", _analogy_case(1, 40, 10, (0, 1, 2)))],
            "hidden": [("100 random words in 30-D", _analogy_case(2, 100, 30, (5, 17, 60))),
                       ("6 random words in 3-D", _analogy_case(3, 6, 3, (0, 4, 5))),
                       ("60 random words in 12-D", _analogy_case(4, 60, 12, (59, 1, 30)))],
        },
        "test_birnn_forward_small": {
            "visible": [("N=2, T=3, D=2, H=3, no padding", _birnn_case(1, 2, 3, 2, 3, [("post", 3), ("post", 3)]))],
            "hidden": [("N=1, T=4, D=3, H=2, no padding", _birnn_case(2, 1, 4, 3, 2, [("post", 4)]))],
        },
        "test_birnn_forward_keras": {
            "visible": [("N=3, T=5, D=2, H=3: 3 real steps padded after, 3 padded before, 5 real",
                         _birnn_case(3, 3, 5, 2, 3, [("post", 3), ("pre", 3), ("post", 5)]))],
            "hidden": [("N=1, T=1, D=2, H=2", _birnn_case(4, 1, 1, 2, 2, [("post", 1)])),
                       ("N=2, T=6, D=4, H=2: one real step after, one before",
                        _birnn_case(5, 2, 6, 4, 2, [("post", 1), ("pre", 1)])),
                       ("N=4, T=7, D=3, H=5: padded after and before",
                        _birnn_case(6, 4, 7, 3, 5, [("post", 7), ("post", 2), ("pre", 5), ("pre", 6)]))],
        },
        "test_bucket_by_length_small": {
            "visible": [bucket("lengths 5, 2, 7, 2, 9, 1, 4; batch_size=3", [5, 2, 7, 2, 9, 1, 4], 3)],
            "hidden": [bucket("lengths 3, 1, 2, 6; batch_size=2", [3, 1, 2, 6], 2)],
        },
        "test_bucket_by_length_hidden": {
            "visible": [bucket("ten lengths with ties, batch_size=4", [4, 2, 4, 1, 2, 4, 3, 1, 2, 4], 4)],
            "hidden": [bucket("all lengths equal, batch_size=3", [5] * 7, 3),
                       bucket("batch_size=1", [3, 1, 2], 1),
                       bucket("batch_size larger than the data", [6, 2, 9, 2], 10),
                       bucket("50 random lengths, batch_size=8", np.random.default_rng(9).integers(1, 30, 50), 8)],
        },
    }


CASES = _cases()
