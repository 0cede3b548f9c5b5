# build_char_model forgets return_sequences=True, so the model predicts only after the last position.
# kind: bug
# fails: test_build_char_model_structure test_build_char_model_cells
# %% build_char_model
def build_char_model(vocab_size, embed_dim=32, units=128, cell="gru", dropout=0.2):
    recurrent = {"gru": keras.layers.GRU, "lstm": keras.layers.LSTM, "simplernn": keras.layers.SimpleRNN}[cell]
    return keras.Sequential([
        keras.Input(shape=(None,), dtype="int32"),
        keras.layers.Embedding(vocab_size, embed_dim),
        recurrent(units),
        keras.layers.Dropout(dropout),
        keras.layers.Dense(vocab_size, activation="softmax"),
    ])
