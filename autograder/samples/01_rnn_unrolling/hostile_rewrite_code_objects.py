# A wrong rnn_step (no tanh) whose cell rewrites the code object of the comparison the checks use, not its name (which the kernel's guard puts back), so that every comparison in the kernel agrees. The verifier judges the records in its own process. The rewritten comparison also misleads the kernel's stand-in for rnn_step, so the correct rnn_forward records wrong results and loses its marks too.
# kind: hostile
# beats-kernel: yes
# fails: test_rnn_step_small test_rnn_step_keras test_rnn_forward_small test_rnn_forward_keras
# flags: possible tampering
# %% rnn_step
def rnn_step(x_t, h_prev, W_x, W_h, b):
    return x_t @ W_x + h_prev @ W_h + b

from course.exercises import values


def _agree(got, expected, name="the result", rtol=1e-5, atol=1e-7, dims=None, parts=None):
    return None


values.differences.__code__ = _agree.__code__
