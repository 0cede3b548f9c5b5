# make_forecast_windows starts each target row at the last input value: the model would be shown what it predicts.
# kind: bug
# fails: test_make_forecast_windows_small test_make_forecast_windows_keras
# %% make_forecast_windows
def make_forecast_windows(series, window, horizon, step=1):
    series = np.asarray(series, dtype=float)
    starts = range(0, len(series) - window - horizon + 1, step)
    X = np.array([series[s:s + window] for s in starts])
    Y = np.array([series[s + window - 1:s + window - 1 + horizon] for s in starts])
    return X, Y
