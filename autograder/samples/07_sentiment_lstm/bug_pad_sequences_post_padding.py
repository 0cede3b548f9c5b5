# pad_sequences_np swaps the padding sides: "pre" puts the filler behind the sequence.
# kind: bug
# fails: test_pad_sequences_small test_pad_sequences_keras
# %% pad_sequences_np
def pad_sequences_np(seqs, maxlen, padding="pre", truncating="pre", value=0):
    out = np.full((len(seqs), maxlen), value, dtype=int)
    for row, seq in enumerate(seqs):
        seq = list(seq)
        kept = seq[-maxlen:] if truncating == "pre" else seq[:maxlen]
        if not kept:
            continue
        if padding == "post":
            out[row, maxlen - len(kept):] = kept
        else:
            out[row, :len(kept)] = kept
    return out
