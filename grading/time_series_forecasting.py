"""References, mistakes and cases of 08_time_series_forecasting (instructor only)."""
import numpy as np

from . import keras_refs
from .lstm_gates import lstm_forward      # the callee of stacked_lstm_forward: 04's reference

ASSIGNMENT = "08_time_series_forecasting"


# ---------------------------------------------------------------- references
def make_forecast_windows(series, window, horizon, step=1):
    series = np.asarray(series, dtype=float)
    starts = range(0, len(series) - window - horizon + 1, step)
    X = np.array([series[s:s + window] for s in starts]).reshape(-1, window)
    Y = np.array([series[s + window:s + window + horizon] for s in starts]).reshape(-1, horizon)
    return X, Y


def seasonal_naive_forecast(history, season, horizon):
    history = np.asarray(history, dtype=float)
    last_season = history[len(history) - season:]
    return np.array([last_season[k % season] for k in range(horizon)])


def mase(y_true, y_pred, y_train, season):
    y_train = np.asarray(y_train, dtype=float)
    scale = np.mean(np.abs(y_train[season:] - y_train[:-season]))
    return float(np.mean(np.abs(np.asarray(y_true, dtype=float) - np.asarray(y_pred, dtype=float))) / scale)


def stacked_lstm_forward(X, layers, lstm_forward):
    H = X
    for kernel, recurrent_kernel, bias in layers:
        zeros = np.zeros((X.shape[0], recurrent_kernel.shape[0]))
        H, _ = lstm_forward(H, zeros, zeros, kernel, recurrent_kernel, bias)
    return H


def build_forecaster(window, n_features, horizon, units=32, n_layers=2):
    import keras

    model = keras.Sequential([keras.Input((window, n_features))])
    for k in range(n_layers):
        model.add(keras.layers.LSTM(units, return_sequences=k < n_layers - 1))
    model.add(keras.layers.Dense(horizon))
    return model


REFERENCES = {"make_forecast_windows": make_forecast_windows, "seasonal_naive_forecast": seasonal_naive_forecast,
              "mase": mase, "lstm_forward": lstm_forward, "stacked_lstm_forward": stacked_lstm_forward,
              "build_forecaster": build_forecaster}

EXPECTED = {
    "test_make_forecast_windows_keras": keras_refs.forecast_windows,
    "test_stacked_lstm_forward_keras": keras_refs.stacked_lstm,
}


# ---------------------------------------------------------------- mistakes
def _windows(series, window, horizon, step, extra=0, target_shift=0, move=None):
    series = np.asarray(series, dtype=float)
    starts = [s for s in range(0, len(series) - window - horizon + 1 + extra, move or step)]
    X = np.array([series[s:s + window] for s in starts]).reshape(-1, window)
    Y = np.array([np.resize(series[s + window + target_shift:s + window + horizon + target_shift], horizon)
                  for s in starts]).reshape(-1, horizon)
    return X, Y


def _builder(return_sequences=True, outputs=None, activation=None, layers=None):
    def build(window, n_features, horizon, units=32, n_layers=2):
        import keras

        model = keras.Sequential([keras.Input((window, n_features))])
        count = layers or n_layers
        for k in range(count):
            model.add(keras.layers.LSTM(units, return_sequences=return_sequences and k < count - 1))
        model.add(keras.layers.Dense(outputs or horizon, activation=activation))
        return model
    return build


MISTAKES = {
    "make_forecast_windows": {
        "one_row_short": lambda series, window, horizon, step=1: _windows(series, window, horizon, step, extra=-1),
        "one_row_too_many": lambda series, window, horizon, step=1: _windows(series, window, horizon, step, extra=1),
        "target_overlaps_window": lambda series, window, horizon, step=1:
            _windows(series, window, horizon, step, target_shift=-1),
        "ignores_step": lambda series, window, horizon, step=1: _windows(series, window, horizon, step, move=1),
    },
    "seasonal_naive_forecast": {
        "persistence": lambda history, season, horizon: np.full(horizon, float(np.asarray(history)[-1])),
        "season_off_by_one": lambda history, season, horizon:
            np.array([np.asarray(history, dtype=float)[len(history) - season - 1 + k % season] for k in range(horizon)]),
        "peeks_past_the_end": lambda history, season, horizon:
            np.resize(np.asarray(history, dtype=float)[len(history) - season:len(history) - season + horizon], horizon),
    },
    "mase": {
        "scaled_by_the_test_series": lambda y_true, y_pred, y_train, season: mase(y_true, y_pred, y_true, season),
        "scale_of_one_step": lambda y_true, y_pred, y_train, season: mase(y_true, y_pred, y_train, 1),
        "squared_errors": lambda y_true, y_pred, y_train, season: float(
            np.mean((np.asarray(y_true) - np.asarray(y_pred)) ** 2)
            / np.mean((np.asarray(y_train)[season:] - np.asarray(y_train)[:-season]) ** 2)),
    },
    "stacked_lstm_forward": {
        "not_stacked": lambda X, layers, lstm_forward: [
            lstm_forward(X, np.zeros((X.shape[0], u.shape[0])), np.zeros((X.shape[0], u.shape[0])), k, u, b)[0]
            for k, u, b in layers][-1],
        "first_layer_only": lambda X, layers, lstm_forward: stacked_lstm_forward(X, layers[:1], lstm_forward),
    },
    "build_forecaster": {
        "no_return_sequences": _builder(return_sequences=False),
        "one_output": _builder(outputs=1),
        "softmax_head": _builder(activation="softmax"),
        "layers_ignored": _builder(layers=2),
    },
}


# ---------------------------------------------------------------- cases
def _lstm_layers(rng, sizes):
    """``[(kernel, recurrent_kernel, bias), ...]`` for input size sizes[0] and units sizes[1:]."""
    return [(rng.normal(size=(d, 4 * h)) * 0.5, rng.normal(size=(h, 4 * h)) * 0.4, rng.normal(size=4 * h) * 0.3)
            for d, h in zip(sizes[:-1], sizes[1:])]


def _stacked(seed, N, T, sizes):
    rng = np.random.default_rng(seed)
    return {"X": rng.normal(size=(N, T, sizes[0])), "layers": _lstm_layers(rng, sizes)}


def _windows_case(n, window, horizon, step, seed=None):
    series = np.arange(n, dtype=float) if seed is None else np.random.default_rng(seed).normal(size=n).cumsum()
    return {"series": series, "window": window, "horizon": horizon, "step": step}


def _cases():
    ramp = lambda n, w, h, s: (f"a ramp 0..{n - 1}, window={w}, horizon={h}, step={s}",       # noqa: E731
                               _windows_case(n, w, h, s))
    walk = lambda seed, n, w, h, s: (f"a random walk of {n} values, window={w}, horizon={h}, step={s}",  # noqa: E731
                                     _windows_case(n, w, h, s, seed))
    history = np.round(np.random.default_rng(8).normal(size=30), 3)
    weekly = np.tile([5.0, 6.0, 7.0, 6.5, 5.5, 2.0, 1.0], 3) + np.arange(21) * 0.1
    mase_case = lambda label, seed, n, season: (label, {                                       # noqa: E731
        "y_true": np.random.default_rng(seed).normal(size=n) + 3,
        "y_pred": np.random.default_rng(seed + 1).normal(size=n) + 3,
        "y_train": np.random.default_rng(seed + 2).normal(size=4 * n).cumsum(), "season": season})
    return {
        "test_make_forecast_windows_small": {
            "visible": [ramp(10, 3, 2, 1), ramp(12, 4, 1, 3)],
            "hidden": [ramp(7, 3, 4, 1), ramp(20, 5, 3, 4)],
        },
        "test_make_forecast_windows_keras": {
            "visible": [walk(1, 40, 6, 2, 1)],
            "hidden": [walk(2, 50, 1, 1, 1), walk(3, 61, 10, 7, 5), walk(4, 336 + 48, 48, 48, 24), walk(5, 9, 4, 5, 2)],
        },
        "test_seasonal_naive_forecast": {
            "visible": [("a weekly pattern, season 7, horizon 7", {"history": weekly, "season": 7, "horizon": 7}),
                        ("a weekly pattern, season 7, horizon 10", {"history": weekly, "season": 7, "horizon": 10})],
            "hidden": [("30 values, season 4, horizon 9", {"history": history, "season": 4, "horizon": 9}),
                       ("30 values, season 1, horizon 3", {"history": history, "season": 1, "horizon": 3}),
                       ("30 values, season 30, horizon 31", {"history": history, "season": 30, "horizon": 31})],
        },
        "test_mase": {
            "visible": [("y_true = y_pred + 1 everywhere, y_train = 0, 2, 4, ... (season 1: scale 2)",
                         {"y_true": np.arange(5.0) + 1, "y_pred": np.arange(5.0),
                          "y_train": np.arange(0.0, 20.0, 2.0), "season": 1}),
                        mase_case("random series, season 4", 10, 12, 4)],
            "hidden": [mase_case("random series, season 1", 20, 8, 1), mase_case("random series, season 7", 30, 30, 7),
                       mase_case("random series, season 48", 40, 50, 48)],
        },
        "test_stacked_lstm_forward_small": {
            "visible": [("one layer, N=2, T=3, D=2, H=3", _stacked(1, 2, 3, [2, 3]))],
            "hidden": [("one layer, N=1, T=4, D=3, H=2", _stacked(2, 1, 4, [3, 2]))],
        },
        "test_stacked_lstm_forward_keras": {
            "visible": [("two layers, N=3, T=5, D=2, H=4 then 3", _stacked(3, 3, 5, [2, 4, 3]))],
            "hidden": [("two layers, N=1, T=1, D=3, H=2 then 2", _stacked(4, 1, 1, [3, 2, 2])),
                       ("three layers, N=2, T=6, D=1, H=5, 3, 4", _stacked(5, 2, 6, [1, 5, 3, 4])),
                       ("two layers, N=4, T=7, D=4, H=4 then 4", _stacked(6, 4, 7, [4, 4, 4]))],
        },
        "test_build_forecaster_structure": {
            "visible": [("window=48, n_features=2, horizon=1 (units 32, 2 layers)",
                         {"window": 48, "n_features": 2, "horizon": 1, "units": 32, "n_layers": 2})],
            "hidden": [(f"window={w}, n_features={f}, horizon={h}, units={u}, n_layers={n}",
                        {"window": w, "n_features": f, "horizon": h, "units": u, "n_layers": n})
                       for w, f, h, u, n in [(24, 1, 48, 16, 1), (12, 3, 5, 8, 3), (96, 2, 48, 32, 2)]],
        },
    }


CASES = _cases()
