# mase takes its scale from the test series y_true instead of the training series.
# kind: bug
# fails: test_mase
# %% mase
def mase(y_true, y_pred, y_train, season):
    y_true = np.asarray(y_true, dtype=float)
    scale = np.abs(y_true[season:] - y_true[:-season]).mean()
    return float(np.abs(y_true - np.asarray(y_pred, dtype=float)).mean() / scale)
