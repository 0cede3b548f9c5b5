"""Exercises of 08_time_series_forecasting: windows, seasonal naive, MASE, stacked LSTMs, a Keras forecaster."""
from . import Exercise, Test

ASSIGNMENT = "08_time_series_forecasting"
#: For the README's notebook map.
LEARN = ("windows over a series, chronological splits, persistence and seasonal-naive baselines, MAE and MASE, "
         "stacked LSTMs by hand and in Keras, one step and a day ahead (direct and recursive), a weekly lag "
         "channel, on electricity demand and sunspots")
BUILDS_ON = "04"


def model_summary(model):
    """A Keras model as plain data: input and output shapes, each layer's kind and settings, parameters.

    Layers are described by what a forecaster's correctness depends on: the
    class, the units, whether a recurrent layer returns its whole sequence,
    and the activation of a Dense layer.
    """
    import keras

    if not isinstance(model, keras.Model):
        return {"type": type(model).__name__}
    layers = []
    for layer in model.layers:
        config = layer.get_config()
        entry = {"class": type(layer).__name__}
        for key in ("units", "return_sequences", "activation"):
            if key in config and not (key == "activation" and entry["class"] != "Dense"):
                entry[key] = config[key]
        layers.append(entry)
    shape = lambda s: [d for d in s] if s is not None else None           # noqa: E731
    return {"type": "Model", "input_shape": shape(tuple(model.inputs[0].shape)),
            "output_shape": shape(tuple(model.outputs[0].shape)), "layers": layers,
            "parameters": int(model.count_params())}


EXERCISES = (
    Exercise(
        "make_forecast_windows", "series, window, horizon, step=1", "`(X, Y)`: X `(N, window)`, Y `(N, horizon)`",
        tests=(
            Test("test_make_forecast_windows_small", 1, "make_forecast_windows on a short ramp: shapes, the first "
                                                        "and last rows, the step."),
            Test("test_make_forecast_windows_keras", 2, "make_forecast_windows gives the windows of "
                                                        "keras.utils.timeseries_dataset_from_array (hidden: other "
                                                        "windows, horizons and steps)."),
        ),
        parts=("X", "Y"),
        dims={"X": "(N, window)", "Y": "(N, horizon)"},
        mistakes={
            "one_row_short": "there is one row too few: the last start s with s + window + horizon == len(series) "
                             "still fits.",
            "one_row_too_many": "there is one row too many: its targets run past the end of the series.",
            "target_overlaps_window": "each Y row starts at the last value of its window: the targets must be the "
                                      "values after the window, so the model never sees them as inputs.",
            "ignores_step": "the rows start at every index whatever `step` says.",
        },
        on_error="series is 1-D; row i starts at i * step.",
    ),
    Exercise(
        "seasonal_naive_forecast", "history, season, horizon", "`(horizon,)`",
        tests=(Test("test_seasonal_naive_forecast", 2, "seasonal_naive_forecast repeats the last season "
                                                       "(hidden: horizons longer than a season, season 1)."),),
        dims={"seasonal_naive_forecast's result": "(horizon,)"},
        mistakes={
            "persistence": "every forecast is the last value: that is persistence (season 1), not the same time "
                           "one season earlier.",
            "season_off_by_one": "the forecast is shifted by one step: y_hat[0] is the value exactly one season "
                                 "before the first forecast step, history[len(history) - season].",
            "peeks_past_the_end": "the forecast uses values after the history ends: past one season, it must "
                                  "repeat the last season again (k % season).",
        },
        on_error="For horizons longer than the season, repeat the last season (k % season).",
    ),
    Exercise(
        "mase", "y_true, y_pred, y_train, season", "float",
        tests=(Test("test_mase", 2, "mase against hand-checked values and a known scale (hidden: other "
                                    "seasons and series)."),),
        mistakes={
            "scaled_by_the_test_series": "the scale comes from y_true: MASE divides by the in-sample error of the "
                                         "seasonal naive forecast on the *training* series, which is known before "
                                         "the test period.",
            "scale_of_one_step": "the scale uses one-step differences of y_train; it should use `season`-step ones.",
            "squared_errors": "the errors are squared: MASE is built from absolute errors.",
        },
        rtol=1e-6, atol=1e-9,
    ),
    Exercise(
        "stacked_lstm_forward", "X, layers, lstm_forward", "`(N, T, H_last)`: the top layer's states",
        tests=(
            Test("test_stacked_lstm_forward_small", 1, "stacked_lstm_forward: shape, and one layer is your "
                                                       "lstm_forward with zero initial states."),
            Test("test_stacked_lstm_forward_keras", 3, "stacked_lstm_forward matches two stacked keras LSTM "
                                                       "layers with the same weights (hidden: 1 and 3 layers, "
                                                       "N=1, T=1)."),
        ),
        uses=("lstm_forward",),
        dims={"stacked_lstm_forward's result": "(N, T, H_last)"},
        mistakes={
            "not_stacked": "every layer reads X: layer k must read all the states H of layer k - 1.",
            "first_layer_only": "only the first layer's states come back: return the top layer's.",
            "random_initial_state": "the initial states are not zero.",
        },
        on_error="Each layer is (kernel, recurrent_kernel, bias); its units are recurrent_kernel.shape[0]. "
                 "lstm_forward(X, h0, c0, kernel, recurrent_kernel, bias) returns (H, C).",
        rtol=1e-4, atol=1e-5,
    ),
    Exercise(
        "build_forecaster", "window, n_features, horizon, units=32, n_layers=2", "an uncompiled Keras model",
        tests=(
            Test("test_build_forecaster_structure", 2, "build_forecaster: input and output shapes, stacked LSTM "
                                                       "layers, a linear Dense head (hidden: 1 and 3 layers, "
                                                       "horizon 48)."),
        ),
        summary=model_summary,
        dims={},
        mistakes={
            "no_return_sequences": "a lower LSTM layer returns only its last state: every LSTM below the top one "
                                   "needs return_sequences=True, so the next one reads a sequence.",
            "one_output": "the model has one output whatever the horizon: Dense(horizon).",
            "softmax_head": "the Dense head has an activation: a forecast of standardised demand is any real "
                            "number, so the head is linear.",
            "layers_ignored": "the model has two LSTM layers whatever n_layers says.",
        },
        contract=False,
    ),
)
