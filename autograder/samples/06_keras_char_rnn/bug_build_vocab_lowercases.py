# build_vocab lower-cases the text first, merging 'M' and 'm' (only the hidden tests use upper case).
# kind: bug
# fails: test_build_vocab_hidden
# %% build_vocab
def build_vocab(text):
    idx2char = sorted(set(text.lower()))
    char2idx = {char: index for index, char in enumerate(idx2char)}
    return char2idx, idx2char
