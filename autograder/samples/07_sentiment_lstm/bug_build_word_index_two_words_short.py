# build_word_index counts PAD and UNK inside max_features, so it keeps two words too few.
# kind: bug
# fails: test_build_word_index_small test_build_word_index_hidden
# %% build_word_index
def build_word_index(tokenized, max_features):
    counts = Counter(word for sentence in tokenized for word in sentence)
    word_index = {"PAD": 0, "UNK": 1}
    for rank, (word, _) in enumerate(counts.most_common(max(max_features - 2, 0))):
        word_index[word] = rank + 2
    return word_index
