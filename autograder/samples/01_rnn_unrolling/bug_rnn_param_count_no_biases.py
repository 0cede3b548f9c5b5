# rnn_param_count forgets both bias vectors.
# kind: bug
# fails: test_rnn_param_count
# %% rnn_param_count
def rnn_param_count(input_dim, units, output_dim):
    return input_dim * units + units * units + units * output_dim
