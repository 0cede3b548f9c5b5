# build_sentiment_model forgets mask_zero=True, so the LSTM reads the padding as words.
# kind: bug
# fails: test_build_sentiment_model_structure test_build_sentiment_model_hidden
# %% build_sentiment_model
def build_sentiment_model(vocab_size, embed_dim=128, units=64, dropout=0.2):
    return keras.Sequential([
        keras.Input(shape=(None,), dtype="int32"),
        keras.layers.Embedding(vocab_size, embed_dim),
        keras.layers.SpatialDropout1D(dropout),
        keras.layers.LSTM(units, dropout=dropout),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
