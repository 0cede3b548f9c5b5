# A wrong rnn_step (no tanh) that rebinds np.allclose, numpy.testing, builtins and the course checks so its tests would pass.
# kind: hostile
# fails: test_rnn_step_small test_rnn_step_keras
# %% rnn_step
def rnn_step(x_t, h_prev, W_x, W_h, b):
    return x_t @ W_x + h_prev @ W_h + b

import builtins
import course.checks
np.allclose = lambda *args, **kwargs: True
np.testing.assert_allclose = lambda *args, **kwargs: None
course.checks.assert_close = lambda *args, **kwargs: None
course.checks.assert_shape = lambda *args, **kwargs: None
builtins.AssertionError = type("AssertionError", (Warning,), {})
# %% after rnn_forward
import sys
sys.modules["course.checks"] = type(sys)("course.checks")
sys.modules["course.checks"].__dict__.update(
    {name: (lambda *args, **kwargs: None) for name in ["assert_close", "assert_shape", "assert_equal",
                                                       "assert_type", "assert_unchanged"]})
