"""Time to quality: the original lecture's recipes against our notebooks' models.

    python -m bench.quality [--seeds 3] [--task chars] [--task sentiment]

Same machine, same data, same held-out text; each figure is the median over
seeds (min and max kept). Training seconds exclude the benchmark's own
evaluations (the clock pauses while it measures).

Characters. The lecture's model: Macbeth lower-cased, non-ASCII dropped, lines
joined (the notebook's ``lecture_clean``); windows of 10 characters moved by 1,
one-hot; SimpleRNN(128, unroll=True), Dense, softmax; RMSprop; batches of 128;
25 one-epoch iterations; the last 10% of the text held out. L* is its best
held-out loss. Ours is 06's ``train_char_model`` (GRU, many-to-many), run as
the notebook runs it. Both are scored the lecture's way: the mean cross-entropy
of each held-out character given the 10 characters before it.

Sentiment. The lecture's model: 2000-word vocabulary, length 40, Embedding(128),
SpatialDropout1D(0.2), LSTM(64, dropout 0.2, recurrent_dropout 0.2), Dense,
sigmoid; Adam; batches of 32; 10 epochs; trained on 07's deduplicated split.
Ours is 07's ``fit_sentiment`` with the notebook's ``build_sentiment_model``.
The target is held-out accuracy 0.95. The lecture's own random 80/20 split
(duplicates on both sides) is run too, for the record.

The lecture's recipes run as written (compile, then fit), so Keras creates the
optimizer's and the metric's variables inside their first training step and
TensorFlow traces that step twice; ours build them first (CONTRIBUTING.md).
That is about 1.5 s of the sentiment race, which is part of what ours gains.
"""
import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import course  # noqa: E402  (sets TensorFlow's logging before it is imported)
import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

from bench.common import machine, summary  # noqa: E402
from bench.extract import notebook_definitions  # noqa: E402

SEQLEN = 10            # the lecture's window
#: What is lifted out of the notebooks: the training functions and everything they read.
CHAR_DEFINITIONS = ["build_char_model", "sequence_dataset", "eval_dataset", "CHUNK", "CHUNK_BATCH", "STEPS",
                    "EPOCHS", "train_char_model"]
SENTIMENT_DEFINITIONS = ["token_cache", "tokenize", "build_word_index", "pad_sequences_np", "build_sentiment_model",
                         "MAX_FEATURES", "MAXLEN", "encode", "length_batches", "fit_sentiment"]
ACCURACY_TARGET = 0.95


class Clock(keras.callbacks.Callback):
    """Training seconds (its own evaluations excluded) and a metric ``evaluate(model)`` every ``every`` batches."""

    def __init__(self, evaluate, every):
        super().__init__()
        self.evaluate, self.every = evaluate, every
        self.points = []                    # (training seconds, metric)

    def on_train_begin(self, logs=None):
        self.start, self.paused, self.batches = time.perf_counter(), 0.0, 0

    def on_train_batch_end(self, batch, logs=None):
        self.batches += 1
        if self.batches % self.every == 0:
            self.mark()

    def mark(self):
        paused_at = time.perf_counter()
        self.points.append((paused_at - self.start - self.paused, float(self.evaluate(self.model))))
        self.paused += time.perf_counter() - paused_at


def first_time(points, reached):
    """Training seconds of the first point whose metric satisfies ``reached``, or None."""
    return next((seconds for seconds, value in points if reached(value)), None)


# --------------------------------------------------------------------------- characters

def char_setup():
    from course.data import load_text

    namespace = {"np": np, "tf": tf, "keras": keras, "time": time, "course": course}
    notebook_definitions("06_keras_char_rnn", ["lecture_clean", "build_vocab"], namespace)
    text = namespace["lecture_clean"](load_text("macbeth"))
    char2idx, idx2char = namespace["build_vocab"](text)
    ids = np.array([char2idx[c] for c in text], dtype=np.int32)
    split = int(0.9 * len(ids))
    namespace.update(train_ids=ids[:split], val_ids=ids[split:], V=len(idx2char))
    # 06's own training function and what it reads: same model, pipeline, optimiser and budget.
    notebook_definitions("06_keras_char_rnn", CHAR_DEFINITIONS, namespace)
    windows = np.lib.stride_tricks.sliding_window_view(ids[split:-1], SEQLEN)
    namespace["val_windows"], namespace["val_targets"] = windows, ids[split + SEQLEN:]
    return namespace


def window_loss(model, windows, targets, one_hot_size=None):
    """Mean cross-entropy (nats) of each target given its window; the lecture's model reads one-hot windows."""
    inputs = np.eye(one_hot_size, dtype="float32")[windows] if one_hot_size else windows
    probs = np.asarray(model.predict(inputs, batch_size=2048, verbose=0))
    if probs.ndim == 3:                 # a many-to-many model: the prediction after the 10th character
        probs = probs[:, -1]
    return float(-np.mean(np.log(probs[np.arange(len(targets)), targets] + 1e-12)))


def char_lecture(ns, seed):
    """The lecture's recipe; returns (points, seconds in all)."""
    keras.utils.set_random_seed(seed)
    V, train_ids = ns["V"], ns["train_ids"]
    windows = np.lib.stride_tricks.sliding_window_view(train_ids[:-1], SEQLEN)
    X = np.eye(V, dtype="float32")[windows]
    Y = np.eye(V, dtype="float32")[train_ids[SEQLEN:]]
    model = keras.Sequential([
        keras.Input((SEQLEN, V)),
        keras.layers.SimpleRNN(128, return_sequences=False, unroll=True),
        keras.layers.Dense(V),
        keras.layers.Activation("softmax"),
    ])
    model.compile(loss="categorical_crossentropy", optimizer="rmsprop")
    points, trained = [], 0.0
    for _ in range(25):                 # NUM_ITERATIONS = 25, NUM_EPOCHS_PER_ITERATION = 1
        start = time.perf_counter()
        model.fit(X, Y, batch_size=128, epochs=1, verbose=0)
        trained += time.perf_counter() - start
        points.append((trained, window_loss(model, ns["val_windows"], ns["val_targets"], one_hot_size=V)))
    return points


def char_ours(ns, seed):
    """06's train_char_model("gru", ...), scored the lecture's way four times per pass."""
    clock = Clock(lambda model: window_loss(model, ns["val_windows"], ns["val_targets"]),
                  every=max(1, ns["STEPS"] // 4))
    ns["train_char_model"]("gru", ns["train_ids"], ns["val_ids"], ns["V"], seed=seed, callbacks=[clock])
    return clock.points


def bench_chars(seeds, log=print):
    ns = char_setup()
    runs = []
    for seed in seeds:
        lecture = char_lecture(ns, seed)
        best_index = int(np.argmin([loss for _, loss in lecture]))
        target = lecture[best_index][1]
        ours = char_ours(ns, seed)
        ours_seconds = first_time(ours, lambda loss, target=target: loss <= target)
        run = {"seed": seed, "lecture_best_loss": target, "lecture_seconds_to_best": lecture[best_index][0],
               "lecture_iterations_to_best": best_index + 1, "lecture_seconds_total": lecture[-1][0],
               "ours_best_loss": min(loss for _, loss in ours), "ours_seconds_to_lecture_best": ours_seconds,
               "ours_seconds_total": ours[-1][0], "lecture_curve": lecture, "ours_curve": ours}
        runs.append(run)
        log(f"chars, seed {seed}: lecture best {target:.3f} nats/char after {run['lecture_seconds_to_best']:.0f} s "
            f"(iteration {best_index + 1}); ours reaches it after "
            + (f"{ours_seconds:.1f} s" if ours_seconds is not None else "never")
            + f", ours best {run['ours_best_loss']:.3f}")
    return runs


# --------------------------------------------------------------------------- sentiment

def sentiment_definitions():
    """07's tokeniser, vocabulary, encoding, model and training function, lifted from the notebook."""
    import nltk

    namespace = {"np": np, "keras": keras, "time": time, "course": course, "Counter": Counter,
                 "tokenizer": nltk.tokenize.NLTKWordTokenizer()}
    notebook_definitions("07_sentiment_lstm", SENTIMENT_DEFINITIONS, namespace)
    return namespace


def sentiment_setup():
    from course.data import load_sentiment

    namespace = sentiment_definitions()
    sentences, labels = load_sentiment("si650")
    tokenized = [namespace["tokenize"](s) for s in sentences]
    # 07's deduplicated split: one row per distinct token sequence, sentences with both labels dropped.
    by_key = {}
    for tokens, label in zip(tokenized, labels):
        by_key.setdefault(" ".join(tokens), (tokens, set()))[1].add(int(label))
    unique = [(tokens, next(iter(found))) for tokens, found in by_key.values() if len(found) == 1]
    order = np.random.default_rng(42).permutation(len(unique))
    n_test = len(unique) // 5
    train = [unique[i] for i in order[n_test:]]
    test = [unique[i] for i in order[:n_test]]
    word_index = namespace["build_word_index"]([t for t, _ in train], namespace["MAX_FEATURES"])
    encode = namespace["encode"]
    namespace.update(
        word_index=word_index,
        X_train=encode([t for t, _ in train], word_index), y_train=np.array([y for _, y in train]),
        X_test=encode([t for t, _ in test], word_index), y_test=np.array([y for _, y in test]))
    # The lecture's own split: every line, vocabulary from all of them, random 80/20.
    lecture_index = namespace["build_word_index"](tokenized, namespace["MAX_FEATURES"])
    X_all = encode(tokenized, lecture_index)
    rows = np.random.default_rng(42).permutation(len(X_all))
    test_rows, train_rows = rows[: len(rows) // 5], rows[len(rows) // 5:]
    namespace["leaky"] = (X_all[train_rows], labels[train_rows], X_all[test_rows], labels[test_rows],
                          len(lecture_index))
    return namespace


def lecture_sentiment_model(vocab_size):
    return keras.Sequential([
        keras.Input((40,), dtype="int32"),
        keras.layers.Embedding(vocab_size, 128),
        keras.layers.SpatialDropout1D(0.2),
        keras.layers.LSTM(64, dropout=0.2, recurrent_dropout=0.2),
        keras.layers.Dense(1),
        keras.layers.Activation("sigmoid"),
    ])


def accuracy(model, X, y):
    return float(np.mean((np.asarray(model.predict(X, batch_size=1024, verbose=0)).ravel() > 0.5) == y))


def sentiment_lecture(X_train, y_train, X_test, y_test, vocab_size, seed, every):
    keras.utils.set_random_seed(seed)
    model = lecture_sentiment_model(vocab_size)
    model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
    clock = Clock(lambda m: accuracy(m, X_test, y_test), every=every)
    model.fit(X_train, y_train, batch_size=32, epochs=10, callbacks=[clock], verbose=0)
    clock.mark()
    return clock.points


def sentiment_ours(ns, seed, every):
    clock = Clock(lambda m: accuracy(m, ns["X_test"], ns["y_test"]), every=every)
    ns["fit_sentiment"](ns["X_train"], ns["y_train"], ns["X_test"], ns["y_test"], len(ns["word_index"]),
                        **OUR_SENTIMENT_FIT, seed=seed, callbacks=[clock])
    clock.mark()
    return clock.points


#: 07's call of fit_sentiment on the deduplicated split (tests/test_bench.py checks the notebook still says so).
OUR_SENTIMENT_FIT = {"epochs": 6, "batch_size": 32}


def bench_sentiment(seeds, log=print):
    ns = sentiment_setup()
    n_train = len(ns["y_train"])
    runs = []
    for seed in seeds:
        # four measurements per epoch of the lecture's batches of 32
        every_lecture = max(1, int(np.ceil(n_train / 32)) // 4)
        lecture = sentiment_lecture(ns["X_train"], ns["y_train"], ns["X_test"], ns["y_test"],
                                    len(ns["word_index"]), seed, every_lecture)
        every_ours = max(1, int(np.ceil(n_train / OUR_SENTIMENT_FIT["batch_size"])) // 4)
        ours = sentiment_ours(ns, seed, every_ours)
        leaky = sentiment_lecture(*ns["leaky"], seed, every=10 ** 9)
        reached = lambda acc: acc >= ACCURACY_TARGET  # noqa: E731
        run = {"seed": seed, "lecture_seconds_to_target": first_time(lecture, reached),
               "lecture_final_accuracy": lecture[-1][1], "lecture_seconds_total": lecture[-1][0],
               "ours_seconds_to_target": first_time(ours, reached), "ours_final_accuracy": ours[-1][1],
               "ours_seconds_total": ours[-1][0], "lecture_leaky_split_accuracy": leaky[-1][1],
               "lecture_curve": lecture, "ours_curve": ours}
        runs.append(run)
        fmt = lambda s: "never" if s is None else f"{s:.1f} s"  # noqa: E731
        log(f"sentiment, seed {seed}: lecture reaches {ACCURACY_TARGET} after {fmt(run['lecture_seconds_to_target'])}"
            f" (final {run['lecture_final_accuracy']:.3f}), ours after {fmt(run['ours_seconds_to_target'])}"
            f" (final {run['ours_final_accuracy']:.3f}); lecture on its leaky split {run['lecture_leaky_split_accuracy']:.3f}")
    return runs


def _median_or_none(values):
    values = [v for v in values if v is not None]
    return summary(values) if values else None


def summarise(chars, sentiment):
    out = {}
    if chars:
        ratios = [r["ours_seconds_to_lecture_best"] / r["lecture_seconds_to_best"] for r in chars
                  if r["ours_seconds_to_lecture_best"] is not None]
        out["chars"] = {
            "lecture_best_loss": summary([r["lecture_best_loss"] for r in chars]),
            "lecture_seconds_to_best": summary([r["lecture_seconds_to_best"] for r in chars]),
            "ours_seconds_to_lecture_best": _median_or_none([r["ours_seconds_to_lecture_best"] for r in chars]),
            "ours_best_loss": summary([r["ours_best_loss"] for r in chars]),
            "ratio_ours_over_lecture": _median_or_none(ratios) if len(ratios) == len(chars) else None,
            "runs": chars,
        }
    if sentiment:
        both = [r for r in sentiment if r["lecture_seconds_to_target"] and r["ours_seconds_to_target"]]
        out["sentiment"] = {
            "lecture_seconds_to_target": _median_or_none([r["lecture_seconds_to_target"] for r in sentiment]),
            "ours_seconds_to_target": _median_or_none([r["ours_seconds_to_target"] for r in sentiment]),
            "lecture_final_accuracy": summary([r["lecture_final_accuracy"] for r in sentiment]),
            "ours_final_accuracy": summary([r["ours_final_accuracy"] for r in sentiment]),
            "lecture_leaky_split_accuracy": summary([r["lecture_leaky_split_accuracy"] for r in sentiment]),
            "ratio_ours_over_lecture": (_median_or_none([r["ours_seconds_to_target"] / r["lecture_seconds_to_target"]
                                                        for r in both]) if len(both) == len(sentiment) else None),
            "runs": sentiment,
        }
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--task", action="append", choices=("chars", "sentiment"))
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args(argv)
    course.setup()
    tasks = args.task or ["chars", "sentiment"]
    seeds = list(range(args.seeds))
    results = summarise(bench_chars(seeds) if "chars" in tasks else [],
                        bench_sentiment(seeds) if "sentiment" in tasks else [])
    results["machine"] = machine()
    text = json.dumps(results, indent=1)
    if args.json:
        args.json.write_text(text + "\n")
    for task, figures in results.items():
        if task != "machine":
            print(task, {k: v for k, v in figures.items() if k != "runs"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
