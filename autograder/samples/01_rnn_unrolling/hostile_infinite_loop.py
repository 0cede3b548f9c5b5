# rnn_param_count never returns: the per-cell timeout stops its test, the rest is graded.
# kind: hostile
# fails: test_rnn_param_count
# flags: test_rnn_param_count ran longer than the per-cell limit
# %% rnn_param_count
def rnn_param_count(input_dim, units, output_dim):
    while True:
        pass
