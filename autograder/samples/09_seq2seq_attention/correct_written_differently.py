# Correct answers written differently from the solution: concatenation for the shift, einsum and a large negative score for the mask, a while loop for decoding, array comparisons for exact match, the Keras builder with keras.ops and the mask passed explicitly.
# kind: correct
# fails:
# %% shift_right
def shift_right(Y, start_id):
    Y = np.asarray(Y)
    first = np.full((Y.shape[0], 1), start_id, dtype=Y.dtype)
    return np.concatenate([first, Y[:, :-1]], axis=1)
# %% dot_product_attention
def dot_product_attention(query, keys, values, mask=None):
    scores = np.einsum("bqd,bkd->bqk", query, keys)
    if mask is not None:
        scores = scores + np.where(mask, 0.0, -1e30)[:, None, :]
    scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    w = w / w.sum(axis=-1, keepdims=True)
    return np.einsum("bqk,bkv->bqv", w, values), w
# %% greedy_decode
def greedy_decode(step, state, start_id, end_id, max_len):
    out = []
    previous = start_id
    while len(out) < max_len:
        probs, state = step(previous, state)
        previous = int(np.asarray(probs).argmax())
        if previous == end_id:
            break
        out.append(previous)
    return out
# %% exact_match_accuracy
def exact_match_accuracy(pred_ids, true_ids, end_id):
    correct = 0
    for p, t in zip(pred_ids, true_ids):
        p, t = np.asarray(p), np.asarray(t)
        p = p[:np.argmax(p == end_id)] if (p == end_id).any() else p
        t = t[:np.argmax(t == end_id)] if (t == end_id).any() else t
        correct += int(len(p) == len(t) and bool(np.all(p == t)))
    return correct / len(pred_ids)
# %% build_translator
def build_translator(input_vocab, output_vocab, units=64, embed_dim=32, mask=True):
    enc_in = keras.Input((None,), dtype="int32", name="date")
    dec_in = keras.Input((None,), dtype="int32", name="iso_so_far")
    enc_emb = keras.layers.Embedding(input_vocab, embed_dim, mask_zero=mask, name="chars")(enc_in)
    bi = keras.layers.Bidirectional(keras.layers.LSTM(units, return_sequences=True, return_state=True),
                                    name="encoder")
    outs = bi(enc_emb)
    enc_seq, states = outs[0], outs[1:]
    h = keras.layers.concatenate([states[0], states[2]])
    c = keras.layers.concatenate([states[1], states[3]])
    dec_emb = keras.layers.Embedding(output_vocab, embed_dim, name="tokens")(dec_in)
    dec_seq = keras.layers.LSTM(2 * units, return_sequences=True, name="decoder")(dec_emb, initial_state=[h, c])
    ctx = keras.layers.Attention(name="attention")([dec_seq, enc_seq, enc_seq])
    joined = keras.layers.concatenate([dec_seq, ctx], axis=-1)
    return keras.Model(inputs=[enc_in, dec_in], outputs=keras.layers.Dense(output_vocab, activation="softmax")(joined))
