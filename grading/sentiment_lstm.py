"""References, mistakes and cases of 07_sentiment_lstm (instructor only)."""
from collections import Counter

import numpy as np

from course.exercises.keras_char_rnn import model_facts

from . import keras_refs

ASSIGNMENT = "07_sentiment_lstm"


# ---------------------------------------------------------------- references
def build_word_index(tokenized, max_features):
    counts = Counter(word for sentence in tokenized for word in sentence)
    word_index = {"PAD": 0, "UNK": 1}
    for rank, (word, _) in enumerate(counts.most_common(max_features)):
        word_index[word] = rank + 2
    return word_index


def pad_sequences_np(seqs, maxlen, padding="pre", truncating="pre", value=0):
    out = np.full((len(seqs), maxlen), value, dtype=np.int32)
    for row, seq in enumerate(seqs):
        seq = list(seq)
        kept = seq[len(seq) - maxlen:] if truncating == "pre" and len(seq) > maxlen else seq[:maxlen]
        if not kept:
            continue
        if padding == "pre":
            out[row, maxlen - len(kept):] = kept
        else:
            out[row, :len(kept)] = kept
    return out


def build_sentiment_model(vocab_size, embed_dim=128, units=64, dropout=0.2):
    import keras

    return keras.Sequential([
        keras.Input(shape=(None,), dtype="int32"),
        keras.layers.Embedding(vocab_size, embed_dim, mask_zero=True),
        keras.layers.SpatialDropout1D(dropout),
        keras.layers.LSTM(units, dropout=dropout),
        keras.layers.Dense(1, activation="sigmoid"),
    ])


REFERENCES = {"build_word_index": build_word_index, "pad_sequences_np": pad_sequences_np,
              "build_sentiment_model": build_sentiment_model}


# ---------------------------------------------------------------- independent expected values
def _index_by_sorting(tokenized, max_features):
    """Counts and first occurrences by hand, ranked with one sort (not Counter.most_common)."""
    first_seen, counts = {}, {}
    for sentence in tokenized:
        for word in sentence:
            first_seen.setdefault(word, len(first_seen))
            counts[word] = counts.get(word, 0) + 1
    ranked = sorted(counts, key=lambda w: (-counts[w], first_seen[w]))[:max_features]
    index = {"PAD": 0, "UNK": 1}
    index.update({w: i + 2 for i, w in enumerate(ranked)})
    return index


_TEST_INPUTS = np.array([[0, 0, 0, 4, 9, 2], [3, 5, 7, 11, 13, 17]], dtype="int32")


def _structure_facts(vocab_size, embed_dim, units, dropout):
    import keras

    keras.utils.set_random_seed(1)
    model = build_sentiment_model(vocab_size, embed_dim, units, dropout)
    facts = model_facts(model, [_TEST_INPUTS])
    facts["mask"] = {"padded": _TEST_INPUTS, "unpadded": np.array([[4, 9, 2]], dtype="int32"), "row": 0}
    kernel, bias = model.layers[-1].get_weights()
    model.layers[-1].set_weights([np.zeros_like(kernel), np.full_like(bias, 3.0)])
    value = float(keras.ops.convert_to_numpy(model(_TEST_INPUTS)).ravel()[0])
    facts["sigmoid"] = {"input": _TEST_INPUTS, "bias": 3.0, "expected": value}
    return facts


def _hidden_facts(vocab_size, embed_dim, units, dropout):
    return model_facts(build_sentiment_model(vocab_size, embed_dim, units, dropout),
                       [np.ones((1, 1), dtype="int32")])


EXPECTED = {
    "test_build_word_index_hidden": _index_by_sorting,
    "test_pad_sequences_keras": keras_refs.pad_sequences,
    "test_build_sentiment_model_structure": _structure_facts,
    "test_build_sentiment_model_hidden": _hidden_facts,
}


# ---------------------------------------------------------------- mistakes
def _ranked_index(ranked):
    index = {"PAD": 0, "UNK": 1}
    index.update({w: i + 2 for i, w in enumerate(ranked)})
    return index


def _alphabetical_ties(tokenized, max_features):
    counts = Counter(w for s in tokenized for w in s)
    return _ranked_index(sorted(counts, key=lambda w: (-counts[w], w))[:max_features])


def _counts_sentences(tokenized, max_features):
    counts = Counter(w for s in tokenized for w in dict.fromkeys(s))
    return _ranked_index([w for w, _ in counts.most_common(max_features)])


def _two_short(tokenized, max_features):
    return build_word_index(tokenized, max(max_features - 2, 0))


def _no_limit(tokenized, max_features):
    return build_word_index(tokenized, None)


def _swap(side):
    return {"pre": "post", "post": "pre"}[side]


MISTAKES = {
    "build_word_index": {
        "alphabetical_ties": _alphabetical_ties,
        "counts_sentences": _counts_sentences,
        "two_words_short": _two_short,
        "no_limit": _no_limit,
    },
    "pad_sequences_np": {
        "fills_with_zero": lambda seqs, maxlen, padding, truncating, value:
            pad_sequences_np(seqs, maxlen, padding, truncating, 0),
        "swapped_padding": lambda seqs, maxlen, padding, truncating, value:
            pad_sequences_np(seqs, maxlen, _swap(padding), truncating, value),
        "keeps_the_start": lambda seqs, maxlen, padding, truncating, value:
            pad_sequences_np(seqs, maxlen, padding, "post", value),
        "keeps_the_end": lambda seqs, maxlen, padding, truncating, value:
            pad_sequences_np(seqs, maxlen, padding, "pre", value),
    },
}


# ---------------------------------------------------------------- cases
def _si650_tokens():
    import nltk

    from course.data import load_sentiment

    lines = load_sentiment("si650")[0]
    tokenizer = nltk.tokenize.NLTKWordTokenizer()
    tokens = {s: tokenizer.tokenize(s.lower()) for s in set(lines)}
    return [tokens[s] for s in lines]


def _pad_case(seqs, maxlen, padding="pre", truncating="pre", value=0):
    shown = f"seqs={seqs}" if len(str(seqs)) <= 60 else f"{len(seqs)} sequences"
    return (f"{shown}, maxlen={maxlen}, padding={padding!r}, truncating={truncating!r}, value={value}",
            {"seqs": seqs, "maxlen": maxlen, "padding": padding, "truncating": truncating, "value": value})


def _index_case(corpus, max_features, what=None):
    label = what or f"tokenized={corpus}, max_features={max_features}"
    return (label, {"tokenized": corpus, "max_features": max_features})


def _model_case(V, E, H, rate):
    return (f"vocab_size={V}, embed_dim={E}, units={H}, dropout={rate}",
            {"vocab_size": V, "embed_dim": E, "units": H, "dropout": rate})


def _cases():
    rng = np.random.default_rng(5)
    vocabulary = [f"w{i}" for i in range(40)]
    random_corpora = []
    for case, (n_sentences, max_features) in enumerate([(30, 10), (5, 100), (60, 39), (1, 1), (12, 0)]):
        corpus = [[str(w) for w in rng.choice(vocabulary, size=rng.integers(1, 9))] for _ in range(n_sentences)]
        random_corpora.append(_index_case(corpus, max_features,
                                          f"random corpus {case} ({n_sentences} sentences), max_features={max_features}"))
    rng = np.random.default_rng(9)
    random_pads = []
    for _ in range(12):
        n = int(rng.integers(1, 7))
        seqs = [rng.integers(1, 50, size=int(rng.integers(0, 12))).tolist() for _ in range(n)]
        maxlen = int(rng.integers(1, 10))
        for padding in ("pre", "post"):
            for truncating in ("pre", "post"):
                random_pads.append(_pad_case(seqs, maxlen, padding, truncating, int(rng.choice([0, 1, -1, 5]))))
    seqs = [[3, 1, 4, 1, 5, 9, 2, 6], [2, 7], [1, 8, 2, 8]]
    return {
        "test_build_word_index_small": {
            "visible": [_index_case([["i", "love", "it", "it"], ["i", "hate", "it"], ["i", "love", "harry", "potter"]], 3),
                        _index_case([["b", "a"], ["a", "b", "c"]], 1, "a tie: a and b both twice, b first; max_features=1")],
        },
        "test_build_word_index_hidden": {
            "visible": [_index_case([["a", "b"], ["b"]], 5, "fewer distinct words than max_features=5")],
            "hidden": random_corpora
                      + [_index_case([["x", "x", "x", "y"], ["y", "z"]], 2, "a word repeated inside one sentence"),
                         _index_case(_si650_tokens(), 2000, "SI650, 2000 words")],
        },
        "test_pad_sequences_small": {
            "visible": [_pad_case([[1, 2, 3, 4, 5], [1, 2]], 4),
                        _pad_case([[1, 2, 3, 4, 5], [1, 2]], 4, "post", "post"),
                        _pad_case([[7], []], 3, value=9)],
        },
        "test_pad_sequences_keras": {
            "visible": [_pad_case(seqs, 5, p, t) for p in ("pre", "post") for t in ("pre", "post")],
            "hidden": random_pads + [_pad_case([[1, 2, 3]], 3, "post", "pre", 4),
                                     _pad_case([[], [], [6]], 1, "pre", "post", 2)],
        },
        "test_build_sentiment_model_structure": {
            "visible": [_model_case(50, 8, 6, 0.2)],
        },
        "test_build_sentiment_model_hidden": {
            "visible": [_model_case(20, 4, 3, 0.5)],
            "hidden": [_model_case(*c) for c in [(2002, 128, 64, 0.2), (10, 3, 5, 0.0), (300, 16, 1, 0.5)]],
        },
    }


CASES = _cases()
