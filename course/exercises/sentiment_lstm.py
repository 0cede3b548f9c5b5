"""Exercises of 07_sentiment_lstm: the word index, padding like Keras, the masked LSTM classifier.

``build_word_index`` and ``pad_sequences_np`` are compared with stored values
(the expected padding comes from ``keras.utils.pad_sequences`` itself);
``build_sentiment_model`` returns a Keras model and is checked by the model
check of 06 (``course.exercises.keras_char_rnn.model_check``): its layers,
their settings and parameter counts against the reference model's stored
facts, and what it outputs (probabilities, the same for a sentence with or
without padding).
"""
from . import Check, CheckFailed, Exercise, Test, judge_result, values
from .keras_char_rnn import model_check

ASSIGNMENT = "07_sentiment_lstm"
#: For the README's notebook map.
LEARN = "sentence classification with Embedding + LSTM, padding and masking, data leakage from duplicates, transfer to harder data"
BUILDS_ON = "06"


# ---------------------------------------------------------------- build_word_index
def _judge_word_index(recorded, case, exercise):
    label, want = case["label"], case["expected"]
    got = recorded["result"]
    if not isinstance(got, dict):
        raise CheckFailed(f"build_word_index should return a dict, but it returned {type(got).__name__} "
                          f"(case {label}).")
    for special, index in (("PAD", 0), ("UNK", 1)):
        if got.get(special) != index:
            raise CheckFailed(f'word_index["{special}"] is {got.get(special)!r}, but it should be {index} '
                              f"(case {label}).")
    if values.matches(got, want):
        return
    for mistake, output in case.get("mistakes", {}).items():
        if values.matches(got, output):
            raise CheckFailed(f"{exercise.mistakes[mistake]} (case {label})")
    words = len(want) - 2
    if len(got) != len(want):
        raise CheckFailed(f"the index has {len(got)} entries, but it should have {len(want)}: PAD, UNK and the "
                          f"{words} most frequent words (case {label}).")
    for word, index in sorted(want.items(), key=lambda item: item[1]):
        if word not in got:
            raise CheckFailed(f"{word!r} is missing from the index, but it is the word of rank {index - 2} "
                              f"(index {index}) by count, ties broken by first occurrence (case {label}).")
        if got[word] != index:
            raise CheckFailed(f"word_index[{word!r}] is {got[word]!r}, but it should be {index}: words get "
                              f"2, 3, ... by falling count, ties broken by first occurrence (case {label}).")
    extra = [w for w in got if w not in want]
    raise CheckFailed(f"{extra[0]!r} is in the index, but it is not among the {words} most frequent words "
                      f"(case {label}).")


# ---------------------------------------------------------------- pad_sequences_np
_check_word_index = Check(judge=_judge_word_index)


def _judge_padding(recorded, case, exercise):
    judge_result(recorded, case, exercise)
    got = recorded["result"]
    if getattr(got, "dtype", None) is None or got.dtype.kind not in "iu":
        raise CheckFailed(f"pad_sequences_np should return an array of integers, but its dtype is "
                          f"{getattr(got, 'dtype', type(got).__name__)} (case {case['label']}).")


_check_padding = Check(judge=_judge_padding)


EXERCISES = (
    Exercise(
        "build_word_index", "tokenized, max_features", "dict word -> int; PAD 0, UNK 1, most frequent words from 2",
        tests=(
            Test("test_build_word_index_small", 1, "build_word_index on a tiny corpus: PAD and UNK, ranks by count, "
                                                   "ties by first occurrence, size.", check=_check_word_index,
                 hidden=False),
            Test("test_build_word_index_hidden", 2, "build_word_index against Counter.most_common (hidden: random "
                                                    "corpora, more features than words, SI650).",
                 check=_check_word_index),
        ),
        mistakes={
            "alphabetical_ties": "words with equal counts are ordered alphabetically; ties should keep the order "
                                 "in which the words first appear (what Counter.most_common does).",
            "counts_sentences": "the ranks count in how many sentences a word appears; count every occurrence, "
                                "also a word repeated inside one sentence.",
            "two_words_short": "the index keeps two words too few: PAD and UNK come on top of the max_features words.",
            "no_limit": "every word gets an index: only the max_features most frequent ones should.",
        },
        on_error="tokenized is a list of sentences, each a list of str tokens.",
    ),
    Exercise(
        "pad_sequences_np", 'seqs, maxlen, padding="pre", truncating="pre", value=0',
        "int array `(len(seqs), maxlen)`, same result as Keras `pad_sequences`",
        tests=(
            Test("test_pad_sequences_small", 1, "pad_sequences_np on the examples of the table: shape, padding side, "
                                                "truncating side, the filler value.", check=_check_padding,
                 hidden=False),
            Test("test_pad_sequences_keras", 2, "pad_sequences_np equals keras.utils.pad_sequences for every "
                                                "padding/truncating combination (hidden: random).",
                 check=_check_padding),
        ),
        dims={"pad_sequences_np's result": "(N, maxlen)"},
        mistakes={
            "fills_with_zero": "the filler is 0 whatever `value` says.",
            "swapped_padding": "the padding sides are swapped: padding='pre' puts the filler in front of the "
                               "sequence, 'post' behind it.",
            "keeps_the_start": "long sequences always keep their first maxlen items: truncating='pre' drops the "
                               "beginning and keeps the end.",
            "keeps_the_end": "long sequences always keep their last maxlen items: truncating='post' drops the end.",
        },
        on_error="seqs is a list of lists of ints (some may be empty); maxlen >= 1.",
    ),
    Exercise(
        "build_sentiment_model", "vocab_size, embed_dim=128, units=64, dropout=0.2",
        "an uncompiled `keras.Sequential` mapping int inputs `(N, T)` to P(positive) `(N, 1)`",
        tests=(
            Test("test_build_sentiment_model_structure", 2, "build_sentiment_model: layer types, output shape and "
                                                            "range, parameter count, padding is masked.",
                 check=model_check(("types", "return_sequences", "outputs", "probability", "params", "mask",
                                    "sigmoid"), dims="(N, 1): one probability per sentence"),
                 hidden=False),
            Test("test_build_sentiment_model_hidden", 1, "build_sentiment_model with other sizes and dropout rates "
                                                         "(hidden).",
                 check=model_check(("types", "rates", "params", "mask_zero", "outputs"),
                                   dims="(N, 1): one probability per sentence")),
        ),
        contract=False,
    ),
)
