# build_translator's attention learns a scale (use_scale=True): not the unscaled dot product of the contract.
# kind: bug
# fails: test_build_translator_structure
# %% build_translator
def build_translator(input_vocab, output_vocab, units=64, embed_dim=32, mask=True):
    source = keras.Input(shape=(None,), dtype="int32")
    shifted = keras.Input(shape=(None,), dtype="int32")
    memory, fh, fc, bh, bc = keras.layers.Bidirectional(keras.layers.LSTM(units, return_sequences=True, return_state=True))(
        keras.layers.Embedding(input_vocab, embed_dim, mask_zero=mask)(source))
    state = [keras.layers.Concatenate()([fh, bh]), keras.layers.Concatenate()([fc, bc])]
    decoded = keras.layers.LSTM(2 * units, return_sequences=True)(keras.layers.Embedding(output_vocab, embed_dim)(shifted),
                                                                  initial_state=state)
    context = keras.layers.Attention(use_scale=True)([decoded, memory])
    probs = keras.layers.Dense(output_vocab, activation="softmax")(keras.layers.Concatenate()([decoded, context]))
    return keras.Model([source, shifted], probs)
