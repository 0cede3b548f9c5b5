"""make bench: the pieces that decide its figures, checked without running the benchmark."""
import json
import re
import time

import nbformat
import numpy as np
import pytest

from conftest import ROOT


def test_notebook_definitions_runs_only_the_named_statements():
    from bench.extract import notebook_definitions

    namespace = {"np": np}
    found = notebook_definitions("07_sentiment_lstm", ["MAX_FEATURES", "MAXLEN", "pad_sequences_np"], namespace)
    assert (found["MAX_FEATURES"], found["MAXLEN"]) == (2000, 40)
    padded = found["pad_sequences_np"]([[5, 6], [1, 2, 3, 4]], 3)
    assert padded.tolist() == [[0, 5, 6], [2, 3, 4]]
    assert "sentences" not in namespace, "a cell's other statements (data loading) must not run"
    with pytest.raises(KeyError, match="no_such_function"):
        notebook_definitions("07_sentiment_lstm", ["no_such_function"], {})


def _undefined_globals(function, namespace):
    """Global names the function loads that are neither in ``namespace`` nor builtins."""
    import builtins
    import dis

    loaded = {ins.argval for ins in dis.get_instructions(function) if ins.opname == "LOAD_GLOBAL"}
    return sorted(name for name in loaded if name not in namespace and not hasattr(builtins, name))


def test_the_forecast_race_lifts_notebook_08_and_times_a_real_training():
    """bench/forecast.py trains 08's own train_forecaster; what it reads must come along."""
    from bench import forecast

    namespace = forecast.setup()
    for name in ("train_forecaster", "inputs_for", "forecast"):
        assert _undefined_globals(namespace[name], namespace) == [], f"{name} reads names bench/forecast.py does not lift"
    assert "callbacks" in namespace["train_forecaster"].__code__.co_varnames
    assert 400 < namespace["weekly_naive_mae"] < 700, "weekly naive one step ahead on 08's test weeks is about 514 MW"
    X, Y = namespace["inputs_for"](namespace["first"], namespace["first"] + 5, True)
    assert X.shape == (5, namespace["WINDOW"], 2) and Y.shape == (5, 1)
    np.testing.assert_allclose(X[:, -1, 1], namespace["z"][namespace["first"] - namespace["WEEK"]
                                                          + np.arange(5)], err_msg="the lag channel's last value "
                               "is the weekly naive forecast of the target")


def test_the_seq2seq_race_lifts_notebook_09():
    """bench/seq2seq.py trains 09's own builders with its train; what they read must come along."""
    from bench import seq2seq

    namespace = seq2seq.setup()
    for name in ("train", "exact_match", "build_translator", "build_repeat_vector"):
        assert _undefined_globals(namespace[name], namespace) == [], f"{name} reads names bench/seq2seq.py does not lift"
    assert "callbacks" in namespace["train"].__code__.co_varnames and "epochs" in namespace["train"].__code__.co_varnames
    assert _undefined_globals(namespace["Clock"].mark, namespace) == []
    assert namespace["X_test"].shape[0] == namespace["Y_test"].shape[0] == namespace["N_TEST"]
    assert not set(namespace["test_isos"]) & set(namespace["train_isos"]), "held-out dates must stay out of training"
    assert seq2seq.at([(1.0, 0.5), (2.0, 0.9)], 1.5) == 0.5 and seq2seq.at([(1.0, 0.5)], 0.5) is None


def test_the_benchmark_finds_what_it_trains_in_the_notebooks():
    """bench/quality.py runs the notebooks' own training functions; what they read must come along.

    A renamed function or a new helper they call must fail here, not after an hour of benchmark.
    """
    import keras
    import tensorflow as tf

    import course
    from bench.extract import notebook_definitions
    from bench.quality import CHAR_DEFINITIONS, sentiment_definitions

    namespace = {"np": np, "keras": keras, "tf": tf, "time": time, "course": course,
                 "train_ids": np.zeros(10_000, dtype=np.int32)}
    notebook_definitions("06_keras_char_rnn", ["lecture_clean", "build_vocab"] + CHAR_DEFINITIONS, namespace)
    train = namespace["train_char_model"]
    assert "callbacks" in train.__code__.co_varnames
    assert _undefined_globals(train, namespace) == [], "train_char_model reads names bench/quality.py does not lift"
    model = namespace["build_char_model"](7, embed_dim=4, units=5, cell="gru", dropout=0.0)
    assert model(np.zeros((1, 3), dtype="int32")).shape == (1, 3, 7)

    namespace = sentiment_definitions()
    fit = namespace["fit_sentiment"]
    assert "callbacks" in fit.__code__.co_varnames
    for name in ("tokenize", "encode", "fit_sentiment"):
        assert _undefined_globals(namespace[name], namespace) == [], \
            f"{name} reads names bench/quality.py does not lift"
    X = np.array([[0, 0, 3], [0, 4, 5], [6, 7, 8]])
    x_batch, _ = next(namespace["length_batches"](X, np.array([0, 1, 1]), 3))
    assert x_batch.shape == (3, 3)


def test_our_sentiment_recipe_is_the_one_the_notebook_uses():
    from bench.quality import OUR_SENTIMENT_FIT

    notebook = nbformat.read(str(ROOT / "source" / "07_sentiment_lstm" / "07_sentiment_lstm.ipynb"), 4)
    calls = [c.source for c in notebook.cells if c.cell_type == "code"
             and re.search(r"= fit_sentiment\(X_train, y_train, X_test, y_test", c.source)]
    assert len(calls) == 1, "07 should train once on the deduplicated split with fit_sentiment"
    for name, value in OUR_SENTIMENT_FIT.items():
        assert re.search(rf"\b{name}={value}\b", calls[0]), (
            f"07 trains with a different {name} than bench/quality.py's OUR_SENTIMENT_FIT ({name}={value})")


def test_the_clock_leaves_out_its_own_evaluations():
    import keras

    from bench.quality import Clock, first_time

    def slow_metric(model):
        time.sleep(0.3)
        return len(clock.points)

    clock = Clock(slow_metric, every=2)
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    start = time.perf_counter()
    model.fit(np.zeros((40, 3)), np.zeros((40, 1)), batch_size=4, epochs=1, verbose=0, callbacks=[clock])
    wall = time.perf_counter() - start
    assert [value for _, value in clock.points] == [0, 1, 2, 3, 4], "a measurement every 2 of the 10 batches"
    seconds = [s for s, _ in clock.points]
    assert seconds == sorted(seconds)
    assert seconds[-1] < wall - 5 * 0.3 + 0.05, "the clock counted the benchmark's evaluations as training"
    assert first_time(clock.points, lambda v: v >= 3) == seconds[3]
    assert first_time(clock.points, lambda v: v > 99) is None


def _results(ratio_chars, notebook_seconds):
    point = lambda v: {"median": v, "min": v, "max": v, "runs": 3}  # noqa: E731
    return {
        "machine": {"cpu": "test CPU", "cores": 2, "memory_gib": 24, "python": "3.11", "load_at_start": 0.1},
        "notebooks": {"notebooks": {"01_rnn_unrolling": {"seconds": point(notebook_seconds),
                                                         "peak_memory_mib": point(600)}},
                      "total_s": notebook_seconds},
        "grading": {"per_notebook": {"01_rnn_unrolling": {"seconds": point(9.0), "score": 11, "max_score": 11}},
                    "kernel_start_and_tensorflow_import_s": point(6.0)},
        "quality": {"chars": {"lecture_best_loss": point(1.85), "lecture_seconds_to_best": point(300),
                              "ours_seconds_to_lecture_best": point(300 * ratio_chars),
                              "ours_best_loss": point(1.7), "ratio_ours_over_lecture": point(ratio_chars),
                              "runs": [{}, {}, {}]}},
    }


def test_the_table_reads_figures_against_the_targets():
    from bench.run import markdown

    good = markdown(_results(ratio_chars=0.2, notebook_seconds=100))
    assert "aim met" in good and "**missed**" not in good
    assert "1.850" in good and "test CPU" in good
    bad = markdown(_results(ratio_chars=0.7, notebook_seconds=200))
    assert bad.count("**missed**") == 2, "a 200 s notebook and a 0.7 ratio both miss their targets"


def test_the_readme_shows_the_committed_results():
    from bench.run import MARK_END, MARK_START, RESULTS_JSON, markdown

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert MARK_START in readme and MARK_END in readme
    shown = readme.split(MARK_START, 1)[1].split(MARK_END, 1)[0].strip()
    if not RESULTS_JSON.is_file():
        pytest.skip("no bench/results.json committed yet")
    assert shown == markdown(json.loads(RESULTS_JSON.read_text())).strip(), (
        "README's benchmark table differs from bench/results.json: run make bench (or bench.run --only ...)")


def test_the_padding_race_lifts_notebook_10():
    """bench/padding.py trains 10's own train_padded on its own buckets; what they read must come along."""
    from bench import padding

    namespace = padding.setup()
    for name in ("train_padded", "padding_batches", "lognormal_task"):
        assert _undefined_globals(namespace[name], namespace) == [], f"{name} reads names bench/padding.py does not lift"
    seqs, labels, lengths = namespace["lognormal_task"](50, seed=3)
    assert len(seqs) == 50 and [len(s) for s in seqs] == list(lengths) and set(np.unique(labels)) <= {0.0, 1.0}
    batches = namespace["bucket_by_length"](lengths, 8)
    assert sorted(np.concatenate(batches).tolist()) == list(range(50))
    x, y = next(namespace["padding_batches"](seqs, labels, batches))
    assert x.shape[0] == len(y) and x.shape[1] in {int(lengths[b].max()) for b in batches}, \
        "a bucket is padded to its own longest sequence"
