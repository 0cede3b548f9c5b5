# A wrong rnn_step (no tanh) with its tests emptied, one deleted, and another relabelled: the instructor's tests run.
# kind: hostile
# fails: test_rnn_step_small test_rnn_step_keras
# flags: was edited; was deleted; grade id changed
# %% rnn_step
def rnn_step(x_t, h_prev, W_x, W_h, b):
    return x_t @ W_x + h_prev @ W_h + b
# %% test_rnn_step_small
print("all tests passed")
# %% test_rnn_step_keras
pass
# %% delete test_rnn_forward_keras
# %% metadata test_rnn_forward_small
{"grade": false, "grade_id": "my_own_cell", "locked": false, "schema_version": 3, "solution": true, "task": false}
