"""Independent references computed by Keras layers, given the same weights as a case.

Expected values of the cases whose test cells say "matches Keras" come from
here, computed once by ``python -m grading.build`` and stored: no Keras layer
is built while a notebook is graded for those numbers.
"""
import numpy as np


def _keras():
    import course  # noqa: F401  (quietens TensorFlow before it is imported)
    import keras

    return keras


def _np(value):
    return np.asarray(_keras().ops.convert_to_numpy(value), dtype=float)


def simple_rnn_step(x_t, h_prev, W_x, W_h, b):
    keras = _keras()
    layer = keras.layers.SimpleRNN(W_h.shape[0])
    layer.build((None, 1, W_x.shape[0]))
    layer.set_weights([W_x, W_h, b])
    return _np(layer(x_t[:, None, :].astype("float32"), initial_state=[h_prev.astype("float32")]))


def simple_rnn_forward(X, h0, W_x, W_h, b):
    keras = _keras()
    layer = keras.layers.SimpleRNN(W_h.shape[0], return_sequences=True)
    layer.build((None, X.shape[1], X.shape[2]))
    layer.set_weights([W_x, W_h, b])
    return _np(layer(X.astype("float32"), initial_state=[h0.astype("float32")]))


def rnn_dense_param_count(input_dim, units, output_dim):
    keras = _keras()
    model = keras.Sequential([keras.Input((None, input_dim)), keras.layers.SimpleRNN(units),
                              keras.layers.Dense(output_dim)])
    return int(model.count_params())


# ---------------------------------------------------------------- 08_time_series_forecasting
def forecast_windows(series, window, horizon, step=1):
    """(X, Y) from keras.utils.timeseries_dataset_from_array: sequences of window + horizon values."""
    keras = _keras()
    series = np.asarray(series, dtype=float)
    dataset = keras.utils.timeseries_dataset_from_array(series, None, sequence_length=window + horizon,
                                                        sequence_stride=step, batch_size=100_000, shuffle=False)
    rows = np.concatenate([np.asarray(batch) for batch in dataset]) if len(series) >= window + horizon \
        else np.zeros((0, window + horizon))
    return rows[:, :window].astype(float), rows[:, window:].astype(float)


def stacked_lstm(X, layers, lstm_forward=None):
    """Stacked keras.layers.LSTM(return_sequences=True) layers with the given weights, zero initial states."""
    keras = _keras()
    model = keras.Sequential([keras.Input((X.shape[1], X.shape[2]))]
                             + [keras.layers.LSTM(u.shape[0], return_sequences=True) for _, u, _ in layers])
    for layer, weights in zip(model.layers, layers):
        layer.set_weights(list(weights))
    return _np(model(X.astype("float32")))
