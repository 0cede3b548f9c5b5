# pad_sequences_np fills with 0 whatever `value` says.
# kind: bug
# fails: test_pad_sequences_small test_pad_sequences_keras
# %% pad_sequences_np
def pad_sequences_np(seqs, maxlen, padding="pre", truncating="pre", value=0):
    out = np.zeros((len(seqs), maxlen), dtype=int)
    for row, seq in enumerate(seqs):
        seq = list(seq)
        kept = seq[-maxlen:] if truncating == "pre" else seq[:maxlen]
        if not kept:
            continue
        if padding == "pre":
            out[row, maxlen - len(kept):] = kept
        else:
            out[row, :len(kept)] = kept
    return out
