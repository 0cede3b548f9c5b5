# Correct answers written differently from the solution: strided views, tiling the last season, a loop for MASE, a reduce over layers, a list of layers.
# kind: correct
# fails:
# %% make_forecast_windows
def make_forecast_windows(series, window, horizon, step=1):
    values = np.asarray(series, dtype=float)
    rows = np.lib.stride_tricks.sliding_window_view(values, window + horizon)[::step] if len(values) >= window + horizon \
        else np.zeros((0, window + horizon))
    return rows[:, :window].copy(), rows[:, window:].copy()
# %% seasonal_naive_forecast
def seasonal_naive_forecast(history, season, horizon):
    last = np.asarray(history, dtype=float)[-season:]
    repeats = -(-horizon // season)
    return np.tile(last, repeats)[:horizon]
# %% mase
def mase(y_true, y_pred, y_train, season):
    total = 0.0
    for a, b in zip(np.ravel(y_true), np.ravel(y_pred)):
        total += abs(a - b)
    naive = [abs(y_train[t] - y_train[t - season]) for t in range(season, len(y_train))]
    return (total / np.size(y_true)) / (sum(naive) / len(naive))
# %% stacked_lstm_forward
def stacked_lstm_forward(X, layers, lstm_forward):
    import functools
    def one_layer(H, weights):
        kernel, recurrent_kernel, bias = weights
        units = recurrent_kernel.shape[0]
        return lstm_forward(H, np.zeros((len(H), units)), np.zeros((len(H), units)), kernel, recurrent_kernel, bias)[0]
    return functools.reduce(one_layer, layers, X)
# %% build_forecaster
def build_forecaster(window, n_features, horizon, units=32, n_layers=2):
    recurrent = [keras.layers.LSTM(units, return_sequences=True) for _ in range(n_layers - 1)]
    return keras.Sequential([keras.Input((window, n_features)), *recurrent, keras.layers.LSTM(units),
                             keras.layers.Dense(horizon, activation="linear")])
