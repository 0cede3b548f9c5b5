"""Time to beat weekly naive: the lecture's "standard LSTM" against 08's stacked LSTM.

    python -m bench.forecast [--seeds 3] [--json FILE]

Same machine, data, split and test weeks as notebook 08 (its definitions are
lifted from the source notebook, so the benchmark runs the notebook's own
code). The figure is the training seconds until the test MAE one step ahead
falls below the weekly seasonal-naive forecast's, measured every few batches
(the clock pauses while it measures); each model's final test MAE is kept.

The lecture's recipe, as on its "standard LSTM" slide: one LSTM layer and a
Dense output on the series itself (48 past values, standardised as in the
notebook, no lag channel), LSTM(50), mean squared error, Adam with its
defaults, batches of 32, 10 epochs, compiled and fitted as written. Ours is
08's ``train_forecaster(weekly_lag=True)``: two stacked LSTM(32) layers with
last week's value as a second channel, mean absolute error, Adam at 0.003,
batches of 64, 10 epochs.
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
from bench.quality import Clock, first_time  # noqa: E402

ASSIGNMENT = "08_time_series_forecasting"
#: What is lifted out of notebook 08: the data, the split, the windows and the training function.
DEFINITIONS = ["times", "demand", "DAY", "WEEK", "train_end", "val_end", "WINDOW", "mean", "spread", "z",
               "make_forecast_windows", "build_forecaster", "inputs_for", "first", "train_forecaster", "forecast"]
EVERY = 10                   # batches between two measurements of the test MAE


def setup():
    from course.data import load_series

    namespace = {"np": np, "keras": keras, "time": time, "course": course, "load_series": load_series}
    notebook_definitions(ASSIGNMENT, DEFINITIONS, namespace)
    demand, val_end, week = namespace["demand"], namespace["val_end"], namespace["WEEK"]
    targets = np.arange(val_end, len(demand))
    namespace["truth"] = demand[targets]
    namespace["weekly_naive_mae"] = float(np.abs(demand[targets - week] - demand[targets]).mean())
    return namespace


def test_mae(ns, model, weekly_lag):
    return float(np.abs(ns["forecast"](model, weekly_lag)[:, 0] - ns["truth"]).mean())


def lecture(ns, seed):
    """The slide's standard LSTM; returns its (seconds, test MAE) points."""
    keras.utils.set_random_seed(seed)
    X, Y = ns["inputs_for"](ns["first"], ns["train_end"], False)
    model = keras.Sequential([keras.Input((ns["WINDOW"], 1)), keras.layers.LSTM(50), keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    clock = Clock(lambda m: test_mae(ns, m, False), every=EVERY)
    model.fit(X, Y, batch_size=32, epochs=10, callbacks=[clock], verbose=0)
    clock.mark()
    return clock.points


def ours(ns, seed):
    clock = Clock(lambda m: test_mae(ns, m, True), every=EVERY)
    ns["train_forecaster"](True, seed=seed, callbacks=[clock])
    clock.mark()
    return clock.points


def bench_forecast(seeds, log=print):
    ns = setup()
    target = ns["weekly_naive_mae"]
    runs = []
    for seed in seeds:
        run = {"seed": seed, "weekly_naive_mae": target}
        for name, train in (("lecture", lecture), ("ours", ours)):
            points = train(ns, seed)
            run[f"{name}_seconds_to_beat_naive"] = first_time(points, lambda mae: mae < target)
            run[f"{name}_final_mae"] = points[-1][1]
            run[f"{name}_seconds_total"] = points[-1][0]
            run[f"{name}_curve"] = points
        runs.append(run)
        say = lambda s: "never" if s is None else f"{s:.1f} s"           # noqa: E731
        log(f"forecast, seed {seed}: weekly naive {target:.0f} MW; lecture beats it after "
            f"{say(run['lecture_seconds_to_beat_naive'])} (final {run['lecture_final_mae']:.0f} MW), ours after "
            f"{say(run['ours_seconds_to_beat_naive'])} (final {run['ours_final_mae']:.0f} MW)")
    return runs


def summarise(runs):
    def values(key):
        return [r[key] for r in runs if r[key] is not None]

    figures = {key: summary(values(key)) if values(key) else None
               for key in ("lecture_seconds_to_beat_naive", "ours_seconds_to_beat_naive", "lecture_final_mae",
                           "ours_final_mae", "lecture_seconds_total", "ours_seconds_total")}
    figures["weekly_naive_mae"] = runs[0]["weekly_naive_mae"] if runs else None
    figures["lecture_beat_naive_in"] = f"{len(values('lecture_seconds_to_beat_naive'))} of {len(runs)} seeds"
    figures["ours_beat_naive_in"] = f"{len(values('ours_seconds_to_beat_naive'))} of {len(runs)} seeds"
    ratios = [r["ours_seconds_to_beat_naive"] / (r["lecture_seconds_to_beat_naive"] or r["lecture_seconds_total"])
              for r in runs if r["ours_seconds_to_beat_naive"] is not None]
    # where the lecture never beats naive, its whole run is the denominator: the ratio is then an upper bound
    figures["ratio_ours_to_lecture"] = summary(ratios) if ratios else None
    figures["runs"] = [{k: v for k, v in r.items() if not k.endswith("_curve")} for r in runs]
    return figures


def main(argv=None):
    return seeded_part_main("forecast", bench_forecast, summarise, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
