# rnn_param_count sends SIGKILL to its own kernel: refused, so only its own test fails.
# kind: hostile
# fails: test_rnn_param_count
# flags: tried to stop the kernel
# %% rnn_param_count
def rnn_param_count(input_dim, units, output_dim):
    import os, signal
    os.kill(os.getpid(), signal.SIGKILL)
