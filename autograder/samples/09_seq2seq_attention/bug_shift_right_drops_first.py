# shift_right is off by one: it drops the first target token instead of the last.
# kind: bug
# fails: test_shift_right
# %% shift_right
def shift_right(Y, start_id):
    out = np.array(Y, copy=True)
    out[:, 0] = start_id
    return out
