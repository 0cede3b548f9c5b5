# build_word_index breaks ties between equally frequent words alphabetically instead of by first occurrence.
# kind: bug
# fails: test_build_word_index_small test_build_word_index_hidden
# %% build_word_index
def build_word_index(tokenized, max_features):
    counts = Counter(word for sentence in tokenized for word in sentence)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:max_features]
    word_index = {"PAD": 0, "UNK": 1}
    for rank, (word, _) in enumerate(ranked):
        word_index[word] = rank + 2
    return word_index
