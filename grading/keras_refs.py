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


# ---------------------------------------------------------------- 04_lstm_gates
def _lstm_layer(kernel, recurrent_kernel, bias, steps, **options):
    keras = _keras()
    layer = keras.layers.LSTM(recurrent_kernel.shape[0], **options)
    layer.build((None, steps, kernel.shape[0]))
    layer.set_weights([kernel, recurrent_kernel, bias])
    return layer


def lstm_step(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
    """``(h_t, c_t, gates)``: the states from one step of keras.layers.LSTM, the gates recomputed with
    keras.ops from the layer's own weights (split into its four blocks [i, f, g, o])."""
    keras = _keras()
    layer = _lstm_layer(kernel, recurrent_kernel, bias, 1, return_state=True)
    _, h_t, c_t = layer(x_t[:, None, :].astype("float32"),
                        initial_state=[h_prev.astype("float32"), c_prev.astype("float32")])
    w_x, w_h, b = layer.cell.get_weights()
    pre = keras.ops.matmul(x_t.astype("float32"), w_x) + keras.ops.matmul(h_prev.astype("float32"), w_h) + b
    a_i, a_f, a_g, a_o = keras.ops.split(pre, 4, axis=-1)
    act, rec = keras.activations.tanh, keras.activations.sigmoid
    gates = {"i": rec(a_i), "f": rec(a_f), "g": act(a_g), "o": rec(a_o)}
    return _np(h_t), _np(c_t), {k: _np(v) for k, v in gates.items()}


def lstm_forward(X, h0, c0, kernel, recurrent_kernel, bias):
    """``(H, C)``: every output from keras.layers.LSTM, every cell state by stepping keras.layers.LSTMCell."""
    keras = _keras()
    layer = _lstm_layer(kernel, recurrent_kernel, bias, X.shape[1], return_sequences=True)
    outputs = layer(X.astype("float32"), initial_state=[h0.astype("float32"), c0.astype("float32")])
    cell = keras.layers.LSTMCell(h0.shape[1])
    cell.build((None, X.shape[2]))
    cell.set_weights([kernel, recurrent_kernel, bias])
    state, cells = [h0.astype("float32"), c0.astype("float32")], []
    for t in range(X.shape[1]):
        _, state = cell(X[:, t].astype("float32"), state)
        cells.append(_np(state[1]))
    return _np(outputs), np.stack(cells, axis=1)


def lstm_param_count(input_dim, units):
    keras = _keras()
    return int(keras.Sequential([keras.Input((None, input_dim)), keras.layers.LSTM(units)]).count_params())


# ---------------------------------------------------------------- 05_gru
def _gru_layer(kernel, recurrent_kernel, bias, steps, **options):
    keras = _keras()
    layer = keras.layers.GRU(recurrent_kernel.shape[0], **options)      # reset_after=True, blocks [z, r, h]
    layer.build((None, steps, kernel.shape[0]))
    layer.set_weights([kernel, recurrent_kernel, bias])
    return layer


def gru_step(x_t, h_prev, kernel, recurrent_kernel, bias):
    """``(h_t, gates)``: the state from one step of keras.layers.GRU, the gates recomputed with keras.ops
    from the layer's own weights (input and recurrent parts split into the blocks [z, r, h])."""
    keras = _keras()
    layer = _gru_layer(kernel, recurrent_kernel, bias, 1, return_state=True)
    _, h_t = layer(x_t[:, None, :].astype("float32"), initial_state=[h_prev.astype("float32")])
    w_x, w_h, b = layer.cell.get_weights()
    x_z, x_r, x_h = keras.ops.split(keras.ops.matmul(x_t.astype("float32"), w_x) + b[0], 3, axis=-1)
    h_z, h_r, h_h = keras.ops.split(keras.ops.matmul(h_prev.astype("float32"), w_h) + b[1], 3, axis=-1)
    z = keras.activations.sigmoid(x_z + h_z)
    r = keras.activations.sigmoid(x_r + h_r)
    h_tilde = keras.activations.tanh(x_h + r * h_h)
    return _np(h_t), {"z": _np(z), "r": _np(r), "h_tilde": _np(h_tilde)}


def gru_forward(X, h0, kernel, recurrent_kernel, bias):
    layer = _gru_layer(kernel, recurrent_kernel, bias, X.shape[1], return_sequences=True)
    return _np(layer(X.astype("float32"), initial_state=[h0.astype("float32")]))


def gru_param_count(input_dim, units):
    keras = _keras()
    return int(keras.Sequential([keras.Input((None, input_dim)), keras.layers.GRU(units)]).count_params())

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

# 07_sentiment_lstm: the expected padding is what Keras itself pads.
def pad_sequences(seqs, maxlen, padding="pre", truncating="pre", value=0):
    keras = _keras()
    return np.asarray(keras.utils.pad_sequences(seqs, maxlen=maxlen, padding=padding, truncating=truncating,
                                                value=value))


# ---------------------------------------------------------------- 09_seq2seq_attention
def attention(query, keys, values, mask=None):
    """``(context, weights)`` from keras.layers.Attention() with its defaults (unscaled dot products);
    Keras takes ``[query, value, key]`` and a mask ``[query_mask, value_mask]``."""
    keras = _keras()
    layer = keras.layers.Attention()
    context, weights = layer([query.astype("float32"), values.astype("float32"), keys.astype("float32")],
                             mask=None if mask is None else [None, np.asarray(mask, dtype=bool)],
                             return_attention_scores=True)
    return _np(context), _np(weights)


# ---------------------------------------------------------------- 10_embeddings_bidirectional
def bidirectional_simple_rnn(X, mask, forward_weights, backward_weights, rnn_forward=None):
    """keras.layers.Bidirectional(SimpleRNN(H, return_sequences=True)) with the given weights, under ``mask``.

    Keras 3 reads each sequence's real steps backwards whatever side the padding is on, puts the backward
    outputs back in forward order, and returns zeros on masked steps (``zero_output_for_mask``) in both halves.
    """
    keras = _keras()
    H = forward_weights[1].shape[0]
    layer = keras.layers.Bidirectional(keras.layers.SimpleRNN(H, return_sequences=True))
    layer.build((None, X.shape[1], X.shape[2]))
    layer.set_weights(list(forward_weights) + list(backward_weights))
    return _np(layer(X.astype("float32"), mask=np.asarray(mask, dtype=bool)))
