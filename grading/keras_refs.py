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


# 07_sentiment_lstm: the expected padding is what Keras itself pads.
def pad_sequences(seqs, maxlen, padding="pre", truncating="pre", value=0):
    keras = _keras()
    return np.asarray(keras.utils.pad_sequences(seqs, maxlen=maxlen, padding=padding, truncating=truncating,
                                                value=value))
