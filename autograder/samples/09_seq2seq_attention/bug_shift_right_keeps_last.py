# shift_right puts start_id in front but keeps the last target token: one column too many.
# kind: bug
# fails: test_shift_right
# %% shift_right
def shift_right(Y, start_id):
    Y = np.asarray(Y)
    return np.concatenate([np.full((len(Y), 1), start_id), Y], axis=1)
