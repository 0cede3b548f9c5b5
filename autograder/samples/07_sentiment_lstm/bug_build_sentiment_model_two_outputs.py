# build_sentiment_model ends in Dense(2, softmax), a two-class layer the binary cross-entropy does not expect.
# kind: bug
# fails: test_build_sentiment_model_structure test_build_sentiment_model_hidden
# %% build_sentiment_model
def build_sentiment_model(vocab_size, embed_dim=128, units=64, dropout=0.2):
    return keras.Sequential([
        keras.Input(shape=(None,), dtype="int32"),
        keras.layers.Embedding(vocab_size, embed_dim, mask_zero=True),
        keras.layers.SpatialDropout1D(dropout),
        keras.layers.LSTM(units, dropout=dropout),
        keras.layers.Dense(2, activation="softmax"),
    ])
