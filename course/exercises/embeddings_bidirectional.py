"""Exercises of 10_embeddings_bidirectional: counts, PPMI and cosine neighbours; a bidirectional RNN; buckets."""
from . import Exercise, Test

ASSIGNMENT = "10_embeddings_bidirectional"
#: For the README's notebook map.
LEARN = ("word vectors from co-occurrence counts (PPMI and a truncated SVD of Shakespeare), cosine neighbours and "
         "analogies, a learned embedding compared; a bidirectional RNN by hand against `keras.layers.Bidirectional` "
         "under a mask; padding, masking and length buckets on the variable-length Japanese Vowels; what padding "
         "costs; input and recurrent dropout")
BUILDS_ON = "01, 07"

EXERCISES = (
    Exercise(
        "cooccurrence_matrix", "tokenized, word2idx, window", "`(V, V)` float, symmetric",
        tests=(
            Test("test_cooccurrence_matrix_small", 1, "cooccurrence_matrix on two short sentences: shape, "
                                                      "symmetry, distances 1..window, unknown words skipped."),
            Test("test_cooccurrence_matrix_hidden", 2, "cooccurrence_matrix against an independent count "
                                                       "(hidden: windows 1 to 5, sentences shorter than the "
                                                       "window, mostly unknown words)."),
        ),
        dims={"cooccurrence_matrix's result": "(V, V), V = len(word2idx)"},
        mistakes={
            "window_too_short": "the words exactly `window` positions apart are not counted: distances run from "
                                "1 to window inclusive.",
            "window_too_long": "words `window + 1` positions apart are counted too: distances run from 1 to "
                               "window inclusive.",
            "counts_itself": "each word is counted as its own context (the diagonal has one count per "
                             "occurrence): a position is never its own context.",
            "one_side_only": "only the context on one side is counted: the matrix must be symmetric, each pair "
                             "once in C[w, c] and once in C[c, w].",
            "unknown_words_dropped": "unknown words were removed before counting, so words on either side of "
                                     "them came closer: an unknown word keeps its position, it is only not "
                                     "counted.",
            "across_sentences": "pairs are counted across sentence boundaries: the window stays inside a sentence.",
        },
        on_error="tokenized is a list of sentences, each a list of str; word2idx maps a word to 0..V-1.",
    ),
    Exercise(
        "ppmi", "C", "`(V, V)`",
        tests=(
            Test("test_ppmi_small", 1, "ppmi on a 3 x 3 table of counts: shape, zeros where the count is 0, "
                                       "no negative values."),
            Test("test_ppmi_hidden", 2, "ppmi against an independent reference (hidden: sparse random counts, "
                                        "a non-symmetric table, a word with no counts)."),
        ),
        dims={"ppmi's result": "(V, V)"},
        mistakes={
            "no_max_with_zero": "negative values are kept: PPMI is max(0, PMI).",
            "log2": "the logarithm is in base 2: this course's PPMI uses the natural log (np.log).",
            "counts_not_probabilities": "PMI is computed from the counts themselves: divide the joint count and "
                                        "both marginals by the total count so they are probabilities.",
            "rows_for_both_marginals": "P(c) is taken from the row sums: P(w) is the row sum and P(c) the column "
                                       "sum, each divided by the total.",
        },
        rtol=1e-6, atol=1e-9,
    ),
    Exercise(
        "cosine_similarity", "u, v", "float",
        tests=(
            Test("test_cosine_similarity_small", 1, "cosine_similarity: parallel, opposite, orthogonal and a "
                                                    "3-4-5 example."),
            Test("test_cosine_similarity_hidden", 1, "cosine_similarity on random vectors of other lengths "
                                                     "and scales (hidden)."),
        ),
        mistakes={
            "not_normalised": "this is the dot product: divide it by both vectors' lengths.",
            "one_norm_only": "the dot product is divided by one vector's length only.",
            "squared_norms": "the dot product is divided by the squared lengths: use the lengths themselves.",
        },
        on_error="u and v are 1-D arrays of the same length.",
    ),
    Exercise(
        "nearest_neighbours", "E, word2idx, idx2word, word, k", "list of the k most cosine-similar words",
        tests=(
            Test("test_nearest_neighbours_small", 1, "nearest_neighbours on five hand-made vectors: the word "
                                                     "itself excluded, most similar first."),
            Test("test_nearest_neighbours_hidden", 2, "nearest_neighbours on random embeddings with rows of very "
                                                      "different lengths (hidden: k=1, every other word)."),
        ),
        mistakes={
            "includes_the_word": "the word itself is in the list: exclude it (it is always its own nearest "
                                 "neighbour).",
            "dot_product": "the words are ranked by dot product: long vectors win whatever their direction. Rank "
                           "by cosine similarity.",
            "least_similar_first": "the list runs from the least similar word: most similar first.",
            "euclidean": "the words are ranked by Euclidean distance, which depends on the vectors' lengths: rank "
                         "by cosine similarity.",
        },
        on_error="E is (V, d); word2idx maps a word to its row, idx2word maps a row back to its word.",
    ),
    Exercise(
        "complete_analogy", "a, b, c, E, word2idx, idx2word", "the word d (not a, b or c) most cosine-similar to "
                                                               "`E[b] - E[a] + E[c]`",
        tests=(
            Test("test_complete_analogy_small", 1, "complete_analogy on hand-made vectors where an input word "
                                                   "is the closest one to the target."),
            Test("test_complete_analogy_hidden", 2, "complete_analogy on random embeddings (hidden: other "
                                                    "words and sizes)."),
        ),
        mistakes={
            "includes_inputs": "the answer is one of a, b or c: they are excluded, the target vector is usually "
                               "closest to b or c themselves.",
            "wrong_direction": "the target is E[a] - E[b] + E[c]: 'a is to b as c is to d' means d - c = b - a, "
                               "so the target is E[b] - E[a] + E[c].",
            "dot_product": "the candidates are ranked by dot product: long vectors win whatever their direction. "
                           "Rank by cosine similarity.",
        },
        on_error="a, b and c are words of word2idx; return a str.",
    ),
    Exercise(
        "birnn_forward", "X, mask, forward_weights, backward_weights, rnn_forward",
        "`(N, T, 2H)`: forward states, then backward states in forward order; 0 on masked steps",
        tests=(
            Test("test_birnn_forward_small", 1, "birnn_forward without padding: shape, the forward half is your "
                                                "rnn_forward, the backward half reads the sequence reversed."),
            Test("test_birnn_forward_keras", 3, "birnn_forward matches keras.layers.Bidirectional(SimpleRNN) under "
                                                "a mask, padded after and before (hidden: N=1, T=1, H != D, "
                                                "one real step)."),
        ),
        uses=("rnn_forward",),
        dims={"birnn_forward's result": "(N, T, 2H)"},
        mistakes={
            "backward_not_reversed_back": "the backward half is in the order the backward pass read it: put its "
                                          "states back in forward order, so step t holds the state after "
                                          "reading the sequence from its end back to t.",
            "halves_swapped": "the backward states come first: the forward half is result[..., :H], the backward "
                              "half result[..., H:], as Keras concatenates them.",
            "masked_steps_not_zero": "the masked (padded) steps are not 0: Keras' Bidirectional returns zeros there, "
                                     "in both halves.",
        },
        call_hints={"rnn_forward": {
            "X": "rnn_forward knows nothing of masks: give it one sequence's real steps only, "
                 "X[i:i+1, mask[i]], in order for the forward direction and reversed for the backward one.",
            "h0": "Both directions start from a zero state of shape (1, H).",
        }},
        on_error="forward_weights and backward_weights are (W_x, W_h, b); rnn_forward(X, h0, W_x, W_h, b) returns "
                 "H (N, T, H). mask is (N, T) bool, True on real steps.",
        rtol=1e-4, atol=1e-5,      # the expected values come from Keras in float32
    ),
    Exercise(
        "bucket_by_length", "lengths, batch_size", "list of int arrays of indices",
        tests=(
            Test("test_bucket_by_length_small", 1, "bucket_by_length on seven lengths: every index once, sorted "
                                                   "by length, a short last batch."),
            Test("test_bucket_by_length_hidden", 2, "bucket_by_length with ties (a stable sort), batch_size 1 and "
                                                    "larger than the data (hidden: random lengths)."),
        ),
        mistakes={
            "drops_last_batch": "the last, shorter batch is missing: every index must be in exactly one batch.",
            "wraps_around": "the last batch is filled up with indices from the start, so some sequences appear "
                            "twice: every index exactly once (the last batch may be shorter).",
            "longest_first": "the batches run from the longest sequences: sort by increasing length.",
            "not_sorted": "the batches are cut from the indices in their original order: sort them by length "
                          "first, so a batch holds sequences of similar length.",
            "unstable_sort": "sequences of equal length are not in their original order: use a stable sort "
                             "(NumPy's argsort with kind=\"stable\").",
        },
        on_error="lengths is a 1-D int array; return a list of int arrays.",
    ),
)
