"""References, mistakes and cases of 06_keras_char_rnn (instructor only)."""
import numpy as np

from course.exercises.keras_char_rnn import model_facts

ASSIGNMENT = "06_keras_char_rnn"


# ---------------------------------------------------------------- references
def build_vocab(text):
    idx2char = sorted(set(text))
    return {char: index for index, char in enumerate(idx2char)}, idx2char


def sample_next(probs, temperature, rng):
    probs = np.asarray(probs, dtype=np.float64)
    if temperature == 0:
        return int(np.argmax(probs))
    logits = np.log(np.maximum(probs, 1e-300)) / temperature
    weights = np.exp(logits - logits.max())
    return int(rng.choice(len(weights), p=weights / weights.sum()))


def build_char_model(vocab_size, embed_dim=32, units=128, cell="gru", dropout=0.2):
    import keras

    recurrent = {"gru": keras.layers.GRU, "lstm": keras.layers.LSTM, "simplernn": keras.layers.SimpleRNN}[cell]
    return keras.Sequential([
        keras.Input(shape=(None,), dtype="int32"),
        keras.layers.Embedding(vocab_size, embed_dim),
        recurrent(units, return_sequences=True),
        keras.layers.Dropout(dropout),
        keras.layers.Dense(vocab_size, activation="softmax"),
    ])


REFERENCES = {"build_vocab": build_vocab, "sample_next": sample_next, "build_char_model": build_char_model}


# ---------------------------------------------------------------- independent expected values
def _vocab_by_code_points(text):
    """The characters in code-point order, found by scanning the code points (not by sorting)."""
    chars, wanted = [], len(set(text))
    for code in range(0x110000):
        if len(chars) == wanted:
            break
        if chr(code) in text:
            chars.append(chr(code))
    return {c: i for i, c in enumerate(chars)}, chars


def _distribution(probs, temperature, **_):
    """softmax(log(p) / T) in float64, by powers of p relative to the largest (T > 0)."""
    p = np.asarray(probs, dtype=np.float64)
    ratio = np.exp((np.log(p) - np.log(p.max())) / temperature)
    return ratio / ratio.sum()


def _basics_expected(kind, probs, temperature, **_):
    return int(np.argmax(np.asarray(probs))) if kind == "argmax" else None


def _probes(*shapes, fill=0):
    return [np.full(shape, fill, dtype="int32") for shape in shapes]


def _char_model_facts(probes):
    def expected(vocab_size, embed_dim, units, cell, dropout):
        return model_facts(build_char_model(vocab_size, embed_dim, units, cell, dropout), probes)
    return expected


EXPECTED = {
    "test_build_vocab_hidden": _vocab_by_code_points,
    "test_sample_next_basics": _basics_expected,
    "test_sample_next_frequencies": _distribution,
    "test_build_char_model_structure": _char_model_facts(_probes((2, 7), (2, 1))),
    "test_build_char_model_cells": _char_model_facts(_probes((3, 5), fill=1)),
}


# ---------------------------------------------------------------- mistakes
def _vocab(chars):
    chars = list(chars)
    return {c: i for i, c in enumerate(chars)}, chars


def _only_frequencies(fn):
    """A sampler mistake as the distribution it draws from; the basics cases have none."""
    def mistake(probs, temperature, **inputs):
        if "kind" in inputs or temperature == 0:
            raise ValueError("no distribution to compare")
        return fn(np.asarray(probs, dtype=np.float64), temperature)
    return mistake


def _softmax(logits):
    weights = np.exp(logits - logits.max())
    return weights / weights.sum()


MISTAKES = {
    "build_vocab": {
        "order_of_appearance": lambda text: _vocab(dict.fromkeys(text)),
        "starts_at_one": lambda text: ({c: i + 1 for i, c in enumerate(sorted(set(text)))},
                                       ["<pad>"] + sorted(set(text))),
        "lowercases": lambda text: _vocab(sorted(set(text.lower()))),
        "no_whitespace": lambda text: _vocab(sorted(set(text) - set(" \t\n\r"))),
    },
    "sample_next": {
        "multiplies": _only_frequencies(lambda p, t: _softmax(np.log(p) * t)),
        "ignores_temperature": _only_frequencies(lambda p, t: p / p.sum()),
        "inverse": _only_frequencies(lambda p, t: _softmax(-np.log(p) / t)),
    },
}


# ---------------------------------------------------------------- cases
def _macbeth_play():
    from course.data import load_text

    return " ".join(line.strip() for line in load_text("macbeth").lower().split("\n") if line.strip())


def _frequency_case(probs, temperature, seed, draws=3000, tolerance=0.035, dtype=float):
    label = f"T={temperature}, V={len(probs)}, {draws} draws"
    return (label, {"probs": np.asarray(probs, dtype=dtype), "temperature": temperature, "seed": seed,
                    "draws": draws, "tolerance": tolerance})


def _model_case(V, E, H, cell, rate):
    return (f"vocab_size={V}, embed_dim={E}, units={H}, cell={cell!r}, dropout={rate}",
            {"vocab_size": V, "embed_dim": E, "units": H, "cell": cell, "dropout": rate})


def _cases():
    rng = np.random.default_rng(6)
    alphabet = list("ABCabcxyzXYZ ,.;:!?'-\n\t0123")
    random_text = "".join(rng.choice(alphabet, size=300))
    q = np.random.default_rng(3).dirichlet(np.ones(12))
    p = [0.5, 0.3, 0.15, 0.05]
    text_case = lambda t: (f"text={t!r}" if len(t) <= 30 else f"a text of {len(t)} characters", {"text": t})
    return {
        "test_build_vocab_small": {
            "visible": [text_case("hello"), text_case("b a\nb!")],
        },
        "test_build_vocab_hidden": {
            "visible": [text_case("a")],
            "hidden": [text_case(t) for t in ["aaaa", "Macbeth, macbeth!", random_text]]
                      + [("Macbeth, lower-cased, lines joined", {"text": _macbeth_play()})],
        },
        "test_sample_next_basics": {
            "visible": [
                ("an int in range at T=1", {"kind": "range", "probs": np.array([0.1, 0.6, 0.3]), "temperature": 1.0,
                                            "seed": 0}),
                ("argmax at T=0", {"kind": "argmax", "probs": np.array([0.1, 0.6, 0.3]), "temperature": 0,
                                   "seeds": [0, 1, 2, 3, 4]}),
                ("argmax at T=0.0", {"kind": "argmax", "probs": np.array([0.5, 0.2, 0.3]), "temperature": 0.0,
                                     "seeds": [0, 1, 2, 3, 4]}),
                ("draws made with rng", {"kind": "rng", "probs": np.array([0.1, 0.6, 0.3]), "temperature": 1.0,
                                         "seed": 11, "other_seed": 12, "draws": 40}),
            ],
        },
        "test_sample_next_frequencies": {
            "visible": [_frequency_case(p, 1.0, 0), _frequency_case(p, 0.5, 0), _frequency_case(p, 2.0, 0),
                        _frequency_case([0.3, 0.25, 0.45], 1e-3, 7, draws=300, tolerance=1e-9)],
            "hidden": [_frequency_case([0.05, 0.05, 0.9], 1.5, 1), _frequency_case([0.2] * 5, 0.3, 2),
                       _frequency_case(q, 0.7, 4), _frequency_case(q, 1.3, 5),
                       _frequency_case([1.0], 0.8, 6, draws=50, tolerance=1e-9),
                       _frequency_case([0.3, 0.25, 0.45], 1e-3, 7, draws=300, tolerance=1e-9),
                       _frequency_case([0.3, 0.25, 0.45], 1.0, 8, draws=2000, tolerance=0.04, dtype=np.float32)],
        },
        "test_build_char_model_structure": {
            "visible": [_model_case(30, 8, 16, "gru", 0.2)],
        },
        "test_build_char_model_cells": {
            "visible": [_model_case(12, 4, 6, "lstm", 0.1)],
            "hidden": [_model_case(*c) for c in [(44, 16, 32, "lstm", 0.1), (5, 3, 7, "simplernn", 0.0),
                                                 (2, 4, 4, "gru", 0.5), (60, 24, 10, "lstm", 0.3)]],
        },
    }


CASES = _cases()
