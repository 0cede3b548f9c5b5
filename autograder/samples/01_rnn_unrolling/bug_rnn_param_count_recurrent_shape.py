# rnn_param_count takes the recurrent kernel to be (D, H) like the input kernel.
# kind: bug
# fails: test_rnn_param_count
# %% rnn_param_count
def rnn_param_count(input_dim, units, output_dim):
    return 2 * input_dim * units + units + units * output_dim + output_dim
