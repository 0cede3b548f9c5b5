# make_forecast_windows stops one start early (an off-by-one in the range): the last window that fits is lost.
# kind: bug
# fails: test_make_forecast_windows_small test_make_forecast_windows_keras
# %% make_forecast_windows
def make_forecast_windows(series, window, horizon, step=1):
    series = np.asarray(series, dtype=float)
    starts = range(0, len(series) - window - horizon, step)
    X = np.array([series[s:s + window] for s in starts]).reshape(-1, window)
    Y = np.array([series[s + window:s + window + horizon] for s in starts]).reshape(-1, horizon)
    return X, Y
