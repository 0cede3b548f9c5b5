"""The price of padding (notebook 10): seconds per epoch and accuracy, padded to the longest against buckets.

    python -m bench.padding [--seeds 3] [--json FILE]

The data, the model and the training are lifted from the source notebook
(``lognormal_task``, ``padding_batches``, ``train_padded`` and its
``bucket_by_length``), so the benchmark runs the notebook's own code: 2,000
sequences of log-normal lengths (median 25, 3 to 250 steps), one value a
step, the label whether the values sum to more than 0; ``Masking`` + LSTM(32)
+ a sigmoid, Adam at 0.003, batches of 32, 4 epochs. "Padded" pads every
batch to the longest sequence of the data, "bucketed" uses length buckets.
Seconds per epoch are the median of the epochs after the first (which
traces the model); accuracy is on 500 validation sequences.
"""
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import course  # noqa: E402  (sets TensorFlow's logging before it is imported)
import keras  # noqa: E402
import numpy as np  # noqa: E402

from bench.common import seeded_part_main, summary  # noqa: E402
from bench.extract import notebook_definitions  # noqa: E402

ASSIGNMENT = "10_embeddings_bidirectional"
#: What is lifted out of notebook 10: the task, the batches, the training function and the buckets.
DEFINITIONS = ["bucket_by_length", "lognormal_task", "padding_batches", "train_padded"]
N_TRAIN, N_VAL, EPOCHS = 2000, 500, 4


def setup():
    namespace = {"np": np, "keras": keras, "time": time, "course": course}
    notebook_definitions(ASSIGNMENT, DEFINITIONS, namespace)
    return namespace


def bench_padding(seeds, log=print):
    ns = setup()
    runs = []
    for seed in seeds:
        seqs, labels, lengths = ns["lognormal_task"](N_TRAIN, seed=2 * seed)
        val_seqs, val_labels, _ = ns["lognormal_task"](N_VAL, seed=2 * seed + 1)
        val = (keras.utils.pad_sequences(val_seqs, dtype="float32", value=0.0), val_labels)
        run = {"seed": seed, "steps_padded": int(len(seqs) * lengths.max()),
               "steps_bucketed": int(sum(len(b) * lengths[b].max() for b in ns["bucket_by_length"](lengths, 32)))}
        for name, bucketed in (("padded", False), ("bucketed", True)):
            seconds, accuracy = ns["train_padded"](seqs, labels, lengths, bucketed, val, epochs=EPOCHS, seed=seed)
            run[f"{name}_seconds_per_epoch"], run[f"{name}_accuracy"] = seconds, float(accuracy)
        run["speedup"] = run["padded_seconds_per_epoch"] / run["bucketed_seconds_per_epoch"]
        runs.append(run)
        log(f"padding, seed {seed}: padded {run['padded_seconds_per_epoch']:.2f} s/epoch (accuracy "
            f"{run['padded_accuracy']:.3f}), buckets {run['bucketed_seconds_per_epoch']:.2f} s/epoch (accuracy "
            f"{run['bucketed_accuracy']:.3f}): {run['speedup']:.1f} x faster, "
            f"{run['steps_padded'] / run['steps_bucketed']:.1f} x fewer steps")
    return runs


def summarise(runs):
    keys = ("padded_seconds_per_epoch", "bucketed_seconds_per_epoch", "padded_accuracy", "bucketed_accuracy",
            "speedup")
    figures = {key: summary([r[key] for r in runs]) for key in keys}
    figures["steps_ratio"] = runs[0]["steps_padded"] / runs[0]["steps_bucketed"] if runs else None
    figures["runs"] = runs
    return figures


def main(argv=None):
    return seeded_part_main("padding", bench_padding, summarise, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
