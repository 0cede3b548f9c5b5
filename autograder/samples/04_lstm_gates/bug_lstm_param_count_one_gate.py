# lstm_param_count counts one set of weights, as for a SimpleRNN, forgetting that there are four gates.
# kind: bug
# fails: test_lstm_param_count
# %% lstm_param_count
def lstm_param_count(input_dim, units):
    return input_dim * units + units * units + units
