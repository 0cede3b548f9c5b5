# seasonal_naive_forecast starts one step too early: y_hat[0] is the value season + 1 steps back.
# kind: bug
# fails: test_seasonal_naive_forecast
# %% seasonal_naive_forecast
def seasonal_naive_forecast(history, season, horizon):
    history = np.asarray(history, dtype=float)
    return np.array([history[len(history) - season - 1 + k % season] for k in range(horizon)])
