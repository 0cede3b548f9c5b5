# rnn_step leaves out the tanh nonlinearity.
# kind: bug
# fails: test_rnn_step_small test_rnn_step_keras
# %% rnn_step
def rnn_step(x_t, h_prev, W_x, W_h, b):
    return x_t @ W_x + h_prev @ W_h + b
