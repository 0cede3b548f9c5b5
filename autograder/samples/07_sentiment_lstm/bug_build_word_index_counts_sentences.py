# build_word_index counts in how many sentences a word appears, not how often it appears.
# kind: bug
# fails: test_build_word_index_small test_build_word_index_hidden
# %% build_word_index
def build_word_index(tokenized, max_features):
    counts = Counter()
    for sentence in tokenized:
        counts.update(dict.fromkeys(sentence, 1))
    word_index = {"PAD": 0, "UNK": 1}
    for rank, (word, _) in enumerate(counts.most_common(max_features)):
        word_index[word] = rank + 2
    return word_index
