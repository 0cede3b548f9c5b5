# Correct answers written differently: a dict for idx2char, a Gumbel-max sampler, the functional Keras API.
# kind: correct
# fails:
# %% build_vocab
def build_vocab(text):
    idx2char = {}
    for index, char in enumerate(sorted(dict.fromkeys(text))):
        idx2char[index] = char
    char2idx = {char: index for index, char in idx2char.items()}
    return char2idx, idx2char
# %% sample_next
def sample_next(probs, temperature, rng):
    log_p = np.log(np.clip(np.asarray(probs, dtype=float), 1e-300, None))
    if temperature <= 0:
        return int(log_p.argmax())
    # Gumbel-max trick: argmax(log p / T + Gumbel noise) is a draw from softmax(log p / T)
    return int(np.argmax(log_p / temperature + rng.gumbel(size=log_p.shape)))
# %% build_char_model
def build_char_model(vocab_size, embed_dim=32, units=128, cell="gru", dropout=0.2):
    layer_class = getattr(keras.layers, {"gru": "GRU", "lstm": "LSTM", "simplernn": "SimpleRNN"}[cell.lower()])
    inputs = keras.Input(shape=(None,), dtype="int32")
    x = keras.layers.Embedding(input_dim=vocab_size, output_dim=embed_dim)(inputs)
    x = layer_class(units=units, return_sequences=True)(x)
    x = keras.layers.Dropout(rate=dropout)(x)
    outputs = keras.layers.Dense(vocab_size, activation=keras.activations.softmax)(x)
    return keras.Model(inputs=inputs, outputs=outputs)
