# gru_param_count counts four weight blocks, as for an LSTM.
# kind: bug
# fails: test_gru_param_count
# %% gru_param_count
def gru_param_count(input_dim, units):
    return 4 * (input_dim * units + units * units + 2 * units)
