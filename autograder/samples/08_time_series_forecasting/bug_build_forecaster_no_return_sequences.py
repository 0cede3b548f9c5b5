# build_forecaster stacks LSTM layers that all return only their last state (the second one has no sequence to read).
# kind: bug
# fails: test_build_forecaster_structure
# %% build_forecaster
def build_forecaster(window, n_features, horizon, units=32, n_layers=2):
    model = keras.Sequential([keras.Input(shape=(window, n_features))])
    for k in range(n_layers - 1):
        model.add(keras.layers.LSTM(units))
        model.add(keras.layers.RepeatVector(window))
    model.add(keras.layers.LSTM(units))
    model.add(keras.layers.Dense(horizon))
    return model
