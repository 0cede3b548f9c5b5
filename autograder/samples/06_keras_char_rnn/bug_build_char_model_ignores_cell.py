# build_char_model always builds a GRU, whatever `cell` asks for (only the hidden tests try other cells).
# kind: bug
# fails: test_build_char_model_cells
# %% build_char_model
def build_char_model(vocab_size, embed_dim=32, units=128, cell="gru", dropout=0.2):
    return keras.Sequential([
        keras.Input(shape=(None,), dtype="int32"),
        keras.layers.Embedding(vocab_size, embed_dim),
        keras.layers.GRU(units, return_sequences=True),
        keras.layers.Dropout(dropout),
        keras.layers.Dense(vocab_size, activation="softmax"),
    ])
