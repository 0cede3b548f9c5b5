"""Keras-backed versions of graded functions, for later notebooks that build on them.

A notebook that needs, say, 04's ``lstm_forward`` takes it as an argument
(so a student can use their own). Where a student has not got one to hand,
these compute the same contract with Keras layers: no NumPy formula of an
answer is in the package.
"""
import numpy as np


def keras_lstm_forward(X, h0, c0, kernel, recurrent_kernel, bias):
    """``lstm_forward``'s contract (notebook 04), computed by ``keras.layers.LSTMCell``.

    Inputs: X (N, T, D); h0, c0 (N, H); kernel (D, 4H), recurrent_kernel (H, 4H), bias (4H,), gate
    order [i, f, g, o]. Returns (H, C): outputs and cell states at every step, each (N, T, H).
    """
    import keras

    X = np.asarray(X, dtype="float32")
    cell = keras.layers.LSTMCell(h0.shape[1])
    cell.build((None, X.shape[2]))
    cell.set_weights([kernel, recurrent_kernel, bias])
    state, outputs, cells = [np.asarray(h0, "float32"), np.asarray(c0, "float32")], [], []
    for t in range(X.shape[1]):
        h, state = cell(X[:, t], state)
        outputs.append(keras.ops.convert_to_numpy(h))
        cells.append(keras.ops.convert_to_numpy(state[1]))
    return np.stack(outputs, axis=1).astype(float), np.stack(cells, axis=1).astype(float)


def keras_rnn_forward(X, h0, W_x, W_h, b):
    """``rnn_forward``'s contract (notebook 01), computed by ``keras.layers.SimpleRNN``.

    Inputs: X (N, T, D); h0 (N, H); W_x (D, H), W_h (H, H), b (H,). Returns H, the state after every
    step, (N, T, H).
    """
    import keras

    X = np.asarray(X, dtype="float32")
    layer = keras.layers.SimpleRNN(W_h.shape[0], return_sequences=True)
    layer.build((None, X.shape[1], X.shape[2]))
    layer.set_weights([W_x, W_h, b])
    return keras.ops.convert_to_numpy(layer(X, initial_state=[np.asarray(h0, "float32")])).astype(float)
