# stacked_lstm_forward feeds X to every layer instead of the states of the layer below.
# kind: bug
# fails: test_stacked_lstm_forward_keras
# %% stacked_lstm_forward
def stacked_lstm_forward(X, layers, lstm_forward):
    for kernel, recurrent_kernel, bias in layers:
        zero = np.zeros((X.shape[0], recurrent_kernel.shape[0]))
        H, _ = lstm_forward(X, zero, zero, kernel, recurrent_kernel, bias)
    return H
