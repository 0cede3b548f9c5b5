"""Exact match at equal training time: 09's encoder-decoder with attention against the RepeatVector baseline.

    python -m bench.seq2seq [--seeds 3] [--json FILE]

Same data (the babel dates, seeded), held-out dates, model sizes and training
recipe as notebook 09: its definitions are lifted from the source notebook, so
the benchmark runs the notebook's own ``train`` and builders. ``train``
measures the exact match on the held-out dates every few batches (its clock
pauses while it measures). Ours trains the notebook's ``EPOCHS``; the baseline
trains twice as many, so that its curve reaches past ours: the figure is its
exact match at the moment ours finished (equal training time), with the
seconds each needs to reach 98 %.
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
from bench.quality import first_time  # noqa: E402

ASSIGNMENT = "09_seq2seq_attention"
#: What is lifted out of notebook 09: the data, the encodings, the graded functions the training reads,
#: the two builders and the training function with its clock.
DEFINITIONS = ["N_TRAIN", "N_TEST", "pairs", "train_texts", "train_isos", "test_texts", "test_isos", "INPUT_LEN",
               "X_train", "X_test", "Y_train", "Y_test", "shift_right", "build_translator", "build_repeat_vector",
               "exact_match_accuracy", "EPOCHS", "EVAL_EVERY", "exact_match", "Clock", "train"]
TARGET = 0.98


def setup():
    from course import dates

    namespace = {"np": np, "keras": keras, "time": time, "course": course, "dates": dates}
    notebook_definitions(ASSIGNMENT, DEFINITIONS, namespace)
    return namespace


def at(points, seconds):
    """The last measured value at or before ``seconds`` (None before the first measurement)."""
    reached = [value for t, value in points if t <= seconds]
    return reached[-1] if reached else None


def bench_seq2seq(seeds, log=print):
    ns = setup()
    dates = ns["dates"]
    runs = []
    for seed in seeds:
        ours = ns["train"](ns["build_translator"](dates.INPUT_VOCAB, dates.OUTPUT_VOCAB),
                           [ns["X_train"], ns["shift_right"](ns["Y_train"], dates.START)], seed=seed)
        baseline = ns["train"](ns["build_repeat_vector"](dates.INPUT_VOCAB, dates.OUTPUT_VOCAB), ns["X_train"],
                               epochs=2 * ns["EPOCHS"], seed=seed)
        seconds = ours[-1][0]
        run = {"seed": seed, "held_out": len(ns["X_test"]), "epochs": ns["EPOCHS"], "ours_seconds": seconds,
               "ours_exact_match": ours[-1][1], "baseline_exact_match_at_equal_time": at(baseline, seconds),
               "baseline_seconds": baseline[-1][0], "baseline_final_exact_match": baseline[-1][1],
               "ours_seconds_to_target": first_time(ours, lambda v: v >= TARGET),
               "baseline_seconds_to_target": first_time(baseline, lambda v: v >= TARGET),
               "ours_curve": ours, "baseline_curve": baseline}
        runs.append(run)
        say = lambda s: "never" if s is None else f"{s:.1f} s"           # noqa: E731
        log(f"seq2seq, seed {seed}: after {seconds:.0f} s of training ours {run['ours_exact_match']:.2%}, "
            f"RepeatVector {run['baseline_exact_match_at_equal_time']:.2%} (after {run['baseline_seconds']:.0f} s: "
            f"{run['baseline_final_exact_match']:.2%}); 98 % after {say(run['ours_seconds_to_target'])} (ours), "
            f"{say(run['baseline_seconds_to_target'])} (RepeatVector)")
    return runs


def summarise(runs):
    def values(key):
        return [r[key] for r in runs if r[key] is not None]

    figures = {key: summary(values(key)) if values(key) else None
               for key in ("ours_seconds", "ours_exact_match", "baseline_exact_match_at_equal_time",
                           "baseline_seconds", "baseline_final_exact_match", "ours_seconds_to_target",
                           "baseline_seconds_to_target")}
    figures["held_out"] = runs[0]["held_out"] if runs else None
    figures["epochs"] = runs[0]["epochs"] if runs else None
    figures["ours_reached_target_in"] = f"{len(values('ours_seconds_to_target'))} of {len(runs)} seeds"
    figures["baseline_reached_target_in"] = f"{len(values('baseline_seconds_to_target'))} of {len(runs)} seeds"
    figures["runs"] = [{k: v for k, v in r.items() if not k.endswith("_curve")} for r in runs]
    return figures


def main(argv=None):
    return seeded_part_main("seq2seq", bench_seq2seq, summarise, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
