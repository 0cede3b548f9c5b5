# Correct answers written differently: a stable sort for the ranking, list slicing for padding, the functional API.
# kind: correct
# fails:
# %% build_word_index
def build_word_index(tokenized, max_features):
    counts = {}
    for sentence in tokenized:
        for word in sentence:
            counts[word] = counts.get(word, 0) + 1          # dicts keep first-occurrence order
    ranked = sorted(counts, key=counts.get, reverse=True)   # a stable sort keeps that order for ties
    word_index = dict(PAD=0, UNK=1)
    word_index.update(zip(ranked[:max_features], range(2, max_features + 2)))
    return word_index
# %% pad_sequences_np
def pad_sequences_np(seqs, maxlen, padding="pre", truncating="pre", value=0):
    rows = []
    for seq in seqs:
        seq = list(seq)
        if len(seq) > maxlen:
            seq = seq[-maxlen:] if truncating == "pre" else seq[:maxlen]
        filler = [value] * (maxlen - len(seq))
        rows.append(filler + seq if padding == "pre" else seq + filler)
    return np.array(rows, dtype=np.int64).reshape(len(seqs), maxlen)
# %% build_sentiment_model
def build_sentiment_model(vocab_size, embed_dim=128, units=64, dropout=0.2):
    words = keras.Input(shape=(None,), dtype="int32")
    vectors = keras.layers.Embedding(input_dim=vocab_size, output_dim=embed_dim, mask_zero=True)(words)
    vectors = keras.layers.SpatialDropout1D(rate=dropout)(vectors)
    state = keras.layers.LSTM(units=units, dropout=dropout, return_sequences=False)(vectors)
    probability = keras.layers.Dense(units=1, activation="sigmoid")(state)
    return keras.Model(words, probability)
