"""course.fit (the grading budget in one place) and course.keras_lstm_forward."""
import numpy as np
import pytest

import course
from course import training


class Batches:
    """Counts the training batches and epochs Keras runs, and whether it ran eagerly."""

    def __init__(self, keras):
        class Counter(keras.callbacks.Callback):
            def __init__(self):
                super().__init__()
                self.batches, self.epochs, self.eager = 0, 0, []

            def on_train_batch_end(self, batch, logs=None):
                self.batches += 1
                self.eager.append(self.model.run_eagerly)

            def on_epoch_end(self, epoch, logs=None):
                self.epochs += 1
        self.callback = Counter()


def _model():
    import keras

    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((5, 2)), keras.layers.LSTM(4), keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    return model


@pytest.mark.parametrize("grading", [False, True])
def test_fit_trains_the_full_budget_or_the_grading_one(monkeypatch, grading):
    import keras

    monkeypatch.setattr(training, "GRADING", grading)
    x, y = np.random.default_rng(0).normal(size=(96, 5, 2)), np.zeros((96, 1))
    model, counter = _model(), Batches(keras).callback
    history = course.fit(model, x, y, epochs=3, batch_size=16, validation_data=(x, y), grading_steps=2,
                         callbacks=[counter], verbose=0)
    assert (counter.epochs, counter.batches) == ((1, 2) if grading else (3, 18))
    assert all(counter.eager) == grading and model.run_eagerly is False, "run eagerly under grading only, then back"
    assert model.optimizer.built and "val_loss" in history.history


def test_keras_lstm_forward_keeps_the_lstm_forward_contract():
    import keras

    rng = np.random.default_rng(1)
    N, T, D, H = 2, 4, 3, 5
    X, h0, c0 = rng.normal(size=(N, T, D)), rng.normal(size=(N, H)), rng.normal(size=(N, H))
    weights = [rng.normal(size=(D, 4 * H)), rng.normal(size=(H, 4 * H)) * 0.5, rng.normal(size=4 * H)]
    H_all, C_all = course.keras_lstm_forward(X, h0, c0, *weights)
    layer = keras.layers.LSTM(H, return_sequences=True, return_state=True)
    layer.build((None, T, D))
    layer.set_weights(weights)
    outputs, _, c_last = (keras.ops.convert_to_numpy(v) for v in layer(X.astype("float32"),
                                                                       initial_state=[h0.astype("float32"),
                                                                                      c0.astype("float32")]))
    assert H_all.shape == C_all.shape == (N, T, H)
    np.testing.assert_allclose(H_all, outputs, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(C_all[:, -1], c_last, rtol=1e-5, atol=1e-6)
