# build_vocab numbers the characters in order of first appearance instead of sorted order.
# kind: bug
# fails: test_build_vocab_small test_build_vocab_hidden
# %% build_vocab
def build_vocab(text):
    idx2char = list(dict.fromkeys(text))
    char2idx = {char: index for index, char in enumerate(idx2char)}
    return char2idx, idx2char
