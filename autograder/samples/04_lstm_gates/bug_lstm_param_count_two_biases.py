# lstm_param_count counts two bias vectors per gate, as cuDNN and PyTorch store them; Keras keeps one.
# kind: bug
# fails: test_lstm_param_count
# %% lstm_param_count
def lstm_param_count(input_dim, units):
    return 4 * (input_dim * units + units * units + 2 * units)
