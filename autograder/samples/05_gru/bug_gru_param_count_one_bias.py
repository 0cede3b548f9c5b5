# gru_param_count counts one bias vector per gate (the reset_after=False count), but Keras' GRU keeps two.
# kind: bug
# fails: test_gru_param_count
# %% gru_param_count
def gru_param_count(input_dim, units):
    return 3 * (input_dim * units + units * units + units)
