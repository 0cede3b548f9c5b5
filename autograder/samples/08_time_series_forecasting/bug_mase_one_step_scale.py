# mase scales by one-step differences of y_train whatever the season.
# kind: bug
# fails: test_mase
# %% mase
def mase(y_true, y_pred, y_train, season):
    scale = np.abs(np.diff(np.asarray(y_train, dtype=float))).mean()
    return float(np.abs(np.asarray(y_true) - np.asarray(y_pred)).mean() / scale)
