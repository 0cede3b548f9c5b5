# seasonal_naive_forecast forgets `k % season`: past one season it reads values after the end of the history.
# kind: bug
# fails: test_seasonal_naive_forecast
# %% seasonal_naive_forecast
def seasonal_naive_forecast(history, season, horizon):
    history = np.asarray(history, dtype=float)
    start = len(history) - season
    return np.array([history[min(start + k, len(history) - 1)] for k in range(horizon)])
