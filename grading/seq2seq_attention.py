"""References, mistakes and cases of 09_seq2seq_attention (instructor only)."""
import numpy as np

from . import keras_refs

ASSIGNMENT = "09_seq2seq_attention"


# ---------------------------------------------------------------- references
def shift_right(Y, start_id):
    Y = np.asarray(Y)
    out = np.empty_like(Y)
    out[:, 0] = start_id
    out[:, 1:] = Y[:, :-1]
    return out


def _softmax(scores, axis=-1):
    scores = scores - scores.max(axis=axis, keepdims=True)
    e = np.exp(scores)
    return e / e.sum(axis=axis, keepdims=True)


def dot_product_attention(query, keys, values, mask=None):
    scores = np.einsum("nqd,nkd->nqk", query, keys)
    if mask is not None:
        scores = np.where(np.asarray(mask, dtype=bool)[:, None, :], scores, -np.inf)
    weights = _softmax(scores)
    return np.einsum("nqk,nkv->nqv", weights, values), weights


def greedy_decode(step, state, start_id, end_id, max_len):
    tokens, token = [], start_id
    while len(tokens) < max_len:
        probs, state = step(token, state)
        token = int(np.argmax(probs))
        if token == end_id:
            break
        tokens.append(token)
    return tokens


def _until_end(row, end_id):
    row = list(np.asarray(row).tolist())
    return row[:row.index(end_id)] if end_id in row else row


def exact_match_accuracy(pred_ids, true_ids, end_id):
    pairs = list(zip(pred_ids, true_ids))
    return float(np.mean([_until_end(p, end_id) == _until_end(t, end_id) for p, t in pairs]))


def build_translator(input_vocab, output_vocab, units=64, embed_dim=32, mask=True, *, _mistake=None):
    import keras

    encoder_ids = keras.Input((None,), dtype="int32", name="encoder_ids")
    decoder_ids = keras.Input((None,), dtype="int32", name="decoder_ids")
    x = keras.layers.Embedding(input_vocab, embed_dim, mask_zero=mask and _mistake != "mask_ignored")(encoder_ids)
    if _mistake == "unidirectional":
        keys, h, c = keras.layers.LSTM(2 * units, return_sequences=True, return_state=True)(x)
    else:
        keys, fh, fc, bh, bc = keras.layers.Bidirectional(
            keras.layers.LSTM(units, return_sequences=True, return_state=True))(x)
        h, c = keras.layers.Concatenate()([fh, bh]), keras.layers.Concatenate()([fc, bc])
    y = keras.layers.Embedding(output_vocab, embed_dim)(decoder_ids)
    queries = keras.layers.LSTM(2 * units, return_sequences=True)(y, initial_state=[h, c])
    context = keras.layers.Attention(use_scale=_mistake == "scaled_attention")([queries, keys])
    both = context if _mistake == "context_only" else keras.layers.Concatenate()([queries, context])
    probs = keras.layers.Dense(output_vocab, activation=None if _mistake == "no_softmax" else "softmax")(both)
    return keras.Model([encoder_ids, decoder_ids], probs)


def step(token_id, state):
    """The fixed step function of greedy_decode's cases: a tiny recurrent language model over 7 tokens."""
    h = np.tanh(_EMBED[token_id] + np.asarray(state, dtype=float) @ _RECUR)
    return _softmax(h @ _OUT), h


_rng = np.random.default_rng(909)
_EMBED, _RECUR, _OUT = _rng.normal(size=(7, 5)), _rng.normal(size=(5, 5)) * 0.9, _rng.normal(size=(5, 7)) * 2.0

REFERENCES = {"shift_right": shift_right, "dot_product_attention": dot_product_attention,
              "greedy_decode": greedy_decode, "step": step, "exact_match_accuracy": exact_match_accuracy,
              "build_translator": build_translator}

EXPECTED = {"test_dot_product_attention_keras": keras_refs.attention}


# ---------------------------------------------------------------- mistakes
def _attention(query, keys, values, mask=None, use_mask=True, axis=-1, scale=1.0, after=False, mix=None):
    scores = np.einsum("nqd,nkd->nqk", query, keys) * scale
    keep = None if mask is None else np.asarray(mask, dtype=bool)[:, None, :]
    if keep is not None and use_mask and not after:
        scores = np.where(keep, scores, -1e9)
    weights = _softmax(scores, axis=axis)
    if keep is not None and after:
        weights = weights * keep
    return np.einsum("nqk,nkv->nqv", weights, values if mix is None else keys), weights


def _greedy(step, state, start_id, end_id, max_len, keep_end=False, keep_start=False, limit=None):
    tokens, token = ([start_id] if keep_start else []), start_id
    for _ in range(max_len if limit is None else limit(max_len)):
        probs, state = step(token, state)
        token = int(np.argmax(probs))
        if token == end_id:
            if keep_end:
                tokens.append(token)
            break
        tokens.append(token)
    return tokens


def _whole_rows(pred_ids, true_ids, end_id):
    return float(np.mean([list(p) == list(t) for p, t in zip(np.asarray(pred_ids).tolist(),
                                                             np.asarray(true_ids).tolist())]))


def _token_accuracy(pred_ids, true_ids, end_id):
    pred, true = np.asarray(pred_ids), np.asarray(true_ids)
    T = min(pred.shape[1], true.shape[1])
    return float(np.mean(pred[:, :T] == true[:, :T]))


def _truth_length(pred_ids, true_ids, end_id):
    rows = []
    for p, t in zip(np.asarray(pred_ids).tolist(), np.asarray(true_ids).tolist()):
        t = _until_end(t, end_id)
        rows.append(p[:len(t)] == t)
    return float(np.mean(rows))


def _builder(mistake):
    def build(input_vocab, output_vocab, units=64, embed_dim=32, mask=True):
        return build_translator(input_vocab, output_vocab, units, embed_dim, mask, _mistake=mistake)
    return build


MISTAKES = {
    "shift_right": {
        "keeps_last": lambda Y, start_id: np.concatenate([np.full((len(Y), 1), start_id), Y], axis=1),
        "drops_first": lambda Y, start_id: np.concatenate([np.full((len(Y), 1), start_id), Y[:, 1:]], axis=1),
        "shifted_left": lambda Y, start_id: np.concatenate([Y[:, 1:], np.full((len(Y), 1), start_id)], axis=1),
        "start_ignored": lambda Y, start_id: np.concatenate([np.zeros((len(Y), 1), Y.dtype), Y[:, :-1]], axis=1),
    },
    "dot_product_attention": {
        "mask_ignored": lambda query, keys, values, mask=None: _attention(query, keys, values, mask, use_mask=False),
        "softmax_over_queries": lambda query, keys, values, mask=None: _attention(query, keys, values, mask, axis=1),
        "scaled": lambda query, keys, values, mask=None:
            _attention(query, keys, values, mask, scale=1 / np.sqrt(query.shape[-1])),
        "mask_after_softmax": lambda query, keys, values, mask=None: _attention(query, keys, values, mask, after=True),
        "context_from_keys": lambda query, keys, values, mask=None: _attention(query, keys, values, mask, mix=True),
    },
    "greedy_decode": {
        "end_included": lambda step, state, start_id, end_id, max_len:
            _greedy(step, state, start_id, end_id, max_len, keep_end=True),
        "includes_start": lambda step, state, start_id, end_id, max_len:
            _greedy(step, state, start_id, end_id, max_len, keep_start=True),
        "ignores_max_len": lambda step, state, start_id, end_id, max_len:
            _greedy(step, state, start_id, end_id, max_len, limit=lambda n: n + 1),
    },
    "exact_match_accuracy": {
        "whole_rows": _whole_rows,
        "token_accuracy": _token_accuracy,
        "truth_length_only": _truth_length,
    },
    "build_translator": {name: _builder(name) for name in
                         ("mask_ignored", "unidirectional", "scaled_attention", "no_softmax", "context_only")},
}


# ---------------------------------------------------------------- cases
def _attention_case(seed, N, Tq, Tk, d, dv, masked):
    rng = np.random.default_rng(seed)
    mask = None
    if masked:
        lengths = rng.integers(1, Tk + 1, size=N)
        lengths[0] = max(1, Tk - 1) if Tk > 1 else 1         # at least one padded key where there is room
        mask = np.arange(Tk)[None, :] < lengths[:, None]
    return {"query": rng.normal(size=(N, Tq, d)), "keys": rng.normal(size=(N, Tk, d)),
            "values": rng.normal(size=(N, Tk, dv)), "mask": mask}


def _free_run(state, start_id, max_len):
    """The tokens the step function produces from ``state`` with no end token."""
    tokens, token = [], start_id
    for _ in range(max_len):
        probs, state = step(token, state)
        token = int(np.argmax(probs))
        tokens.append(token)
    return tokens


def _decode_case(seed, start_id, max_len, stop_after):
    """A case whose end token is first produced after ``stop_after`` tokens (None: never within max_len)."""
    state = np.round(np.random.default_rng(seed).normal(size=5), 3)
    tokens = _free_run(state, start_id, max_len)
    if stop_after is None:
        assert max_len == 1 or len(set(tokens)) > 1, "pick another seed: one token over and over"
        end_id = next(v for v in range(7) if v not in tokens and v != start_id)
        return f"stops at max_len={max_len}", {"state": state, "start_id": start_id,
                                               "end_id": end_id, "max_len": max_len}
    end_id = tokens[stop_after]
    assert end_id not in tokens[:stop_after], "pick another seed: the end token comes earlier"
    return (f"end_id produced after {stop_after} tokens (max_len={max_len})",
            {"state": state, "start_id": start_id, "end_id": end_id, "max_len": max_len})


def _find_decode_case(start_id, max_len, stop_after, first_seed):
    for seed in range(first_seed, first_seed + 500):
        try:
            label, inputs = _decode_case(seed, start_id, max_len, stop_after)
        except (AssertionError, StopIteration, IndexError):
            continue
        return label, inputs
    raise ValueError("no seed gives that case")


def _match_case(label, pred, true, end_id=2):
    return label, {"pred_ids": np.array(pred), "true_ids": np.array(true), "end_id": end_id}


def _cases():
    one_query = {"query": np.array([[[1.0, 0.0]]]), "keys": np.array([[[1.0, 0.0], [0.0, 1.0], [2.0, 0.0]]]),
                 "values": np.array([[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]])}
    trans = lambda seed, N, Tq, Tk, d, dv, masked: (                                         # noqa: E731
        f"N={N}, Tq={Tq}, Tk={Tk}, d={d}, dv={dv}" + (", padded keys masked" if masked else ", no mask"),
        _attention_case(seed, N, Tq, Tk, d, dv, masked))
    builder = lambda i, o, u, e, m: (f"input_vocab={i}, output_vocab={o}, units={u}, embed_dim={e}, mask={m}",  # noqa: E731
                                     {"input_vocab": i, "output_vocab": o, "units": u, "embed_dim": e, "mask": m})
    return {
        "test_shift_right": {
            "visible": [("two targets of 4 tokens, start_id=1",
                         {"Y": np.array([[5, 6, 7, 2], [8, 9, 3, 2]]), "start_id": 1})],
            "hidden": [("N=1, T=1, start_id=1", {"Y": np.array([[4]]), "start_id": 1}),
                       ("N=3, T=11, start_id=9",
                        {"Y": np.random.default_rng(1).integers(3, 14, size=(3, 11)), "start_id": 9})],
        },
        "test_dot_product_attention_small": {
            "visible": [("one query [1, 0], keys [1, 0], [0, 1], [2, 0], values one-hot", dict(one_query, mask=None)),
                        ("the same, the third key masked", dict(one_query, mask=np.array([[True, True, False]])))],
            "hidden": [("the same, only the first key real", dict(one_query, mask=np.array([[True, False, False]])))],
        },
        "test_dot_product_attention_keras": {
            "visible": [trans(1, 2, 3, 4, 3, 5, False), trans(2, 3, 3, 5, 4, 2, True)],
            "hidden": [trans(3, 1, 1, 1, 2, 2, True), trans(4, 1, 1, 6, 3, 4, True), trans(5, 4, 6, 7, 8, 3, True),
                       trans(6, 2, 5, 3, 2, 6, False)],
        },
        "test_greedy_decode": {
            "visible": [_find_decode_case(0, 8, 3, 0), _find_decode_case(0, 5, None, 100)],
            "hidden": [_find_decode_case(0, 6, 0, 200), _find_decode_case(3, 1, None, 300),
                       _find_decode_case(6, 10, 6, 400), _find_decode_case(2, 4, 2, 500)],
        },
        "test_exact_match_accuracy": {
            "visible": [
                _match_case("4 rows, end_id=2: equal, digits wrong, different only after <end>, <end> too late",
                            [[5, 6, 2, 0], [5, 7, 3, 0], [5, 6, 2, 9], [5, 6, 4, 2]],
                            [[5, 6, 2, 0], [5, 6, 2, 0], [5, 6, 2, 0], [5, 6, 2, 0]]),
                _match_case("3 rows, a row with no <end>", [[3, 4, 5], [3, 4, 5], [3, 4, 2]],
                            [[3, 4, 5], [3, 4, 2], [3, 4, 2]]),
            ],
            "hidden": [
                _match_case("N=1, equal", [[7, 8, 2]], [[7, 8, 2]]),
                _match_case("predictions longer than the truth", [[3, 4, 2, 1, 1], [3, 4, 3, 2, 1], [2, 9, 9, 9, 9]],
                            [[3, 4, 2], [3, 4, 2], [2, 0, 0]]),
                _match_case("end_id=0, 5 rows", [[1, 0, 3], [1, 2, 0], [0, 4, 4], [1, 1, 1], [2, 0, 5]],
                            [[1, 0, 0], [1, 2, 0], [0, 0, 0], [1, 1, 0], [2, 0, 0]], end_id=0),
            ],
        },
        "test_build_translator_structure": {
            "visible": [builder(43, 14, 64, 32, True)],
            "hidden": [builder(43, 14, 64, 32, False), builder(20, 9, 16, 8, True), builder(100, 30, 32, 16, True)],
        },
    }


CASES = _cases()
