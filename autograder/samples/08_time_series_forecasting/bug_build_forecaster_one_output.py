# build_forecaster always ends in Dense(1), whatever the horizon.
# kind: bug
# fails: test_build_forecaster_structure
# %% build_forecaster
def build_forecaster(window, n_features, horizon, units=32, n_layers=2):
    model = keras.Sequential([keras.Input(shape=(window, n_features))])
    for k in range(n_layers):
        model.add(keras.layers.LSTM(units, return_sequences=(k < n_layers - 1)))
    model.add(keras.layers.Dense(1))
    return model
