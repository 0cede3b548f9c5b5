# stacked_lstm_forward returns the first layer's states, not the top layer's.
# kind: bug
# fails: test_stacked_lstm_forward_keras
# %% stacked_lstm_forward
def stacked_lstm_forward(X, layers, lstm_forward):
    outputs, H = [], X
    for kernel, recurrent_kernel, bias in layers:
        zero = np.zeros((X.shape[0], recurrent_kernel.shape[0]))
        H, _ = lstm_forward(H, zero, zero, kernel, recurrent_kernel, bias)
        outputs.append(H)
    return outputs[0]
