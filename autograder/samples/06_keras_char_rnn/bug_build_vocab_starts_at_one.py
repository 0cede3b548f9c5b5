# build_vocab reserves index 0 (as for word padding) and numbers the characters from 1.
# kind: bug
# fails: test_build_vocab_small test_build_vocab_hidden
# %% build_vocab
def build_vocab(text):
    chars = sorted(set(text))
    char2idx = {char: index + 1 for index, char in enumerate(chars)}
    idx2char = ["<pad>"] + chars
    return char2idx, idx2char
