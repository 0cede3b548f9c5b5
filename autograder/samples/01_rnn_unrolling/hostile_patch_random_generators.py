# A wrong rnn_step (zeros) whose cell makes every random generator give zeros (NumPy's default_rng, legacy seed and random arrays, Python's random, Keras' and TensorFlow's seeds), so that cases drawn from seeds would all have the answer 0. The cases are stored, not drawn while grading.
# kind: hostile
# fails: test_rnn_step_small test_rnn_step_keras
# %% rnn_step
def rnn_step(x_t, h_prev, W_x, W_h, b):
    return np.zeros((x_t.shape[0], W_h.shape[0]))

import random

import keras


class _Zeros:
    def __getattr__(self, name):
        return lambda *args, size=None, **kwargs: np.zeros(size if size is not None else (args[-1] if args else ()))


np.random.default_rng = lambda *args, **kwargs: _Zeros()
np.random.seed = lambda *args, **kwargs: None
np.random.randn = lambda *shape: np.zeros(shape)
np.random.rand = lambda *shape: np.zeros(shape)
np.random.normal = lambda *args, size=None, **kwargs: np.zeros(size or ())
random.seed = lambda *args, **kwargs: None
random.random = lambda: 0.0
keras.utils.set_random_seed = lambda seed: None
