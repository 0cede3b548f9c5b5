# rnn_param_count ends the kernel through libc when its test calls it: that test scores 0, the rest is graded.
# kind: hostile
# fails: test_rnn_param_count
# flags: test_rnn_param_count stopped the kernel
# %% rnn_param_count
def rnn_param_count(input_dim, units, output_dim):
    import ctypes
    ctypes.CDLL(None)._exit(3)
