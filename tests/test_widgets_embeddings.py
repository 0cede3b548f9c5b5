"""The embedding explorer of notebook 10, driven without a browser."""
import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course.widgets import EmbeddingExplorer  # noqa: E402
from course.widgets.embeddings import pca_2d  # noqa: E402

WORDS = ["king", "queen", "prince", "apple", "pear"]
E = np.array([[1.0, 0.0, 0.1], [0.9, 0.1, 0.0], [0.8, 0.0, 0.2], [0.0, 1.0, 0.0], [0.1, 0.9, 0.1]])
INDEX = {w: i for i, w in enumerate(WORDS)}


def by_row_order(E, word2idx, idx2word, word, k):
    """A stand-in for the student's function: the other words in row order."""
    return [w for w in idx2word if w != word][:k]


def test_it_shows_what_the_students_function_returns():
    explorer = EmbeddingExplorer(E, INDEX, WORDS, by_row_order, word="apple", k=2)
    assert explorer.ready, explorer.message
    assert explorer.data["neighbours"] == ["king", "queen"] and explorer.data["known"]
    assert set(explorer.data["xy"]) == {"apple", "king", "queen"}
    explorer.k.value = 4
    assert explorer.data["neighbours"] == ["king", "queen", "prince", "pear"]


def test_typing_a_word_redraws_and_an_unknown_word_is_said():
    explorer = EmbeddingExplorer(E, INDEX, WORDS, by_row_order, word="king", k=1)
    explorer.word.value = "Pear "
    assert explorer.data["word"] == "pear" and explorer.data["neighbours"] == ["king"]
    explorer.word.value = "banana"
    assert explorer.ready and not explorer.data["known"] and explorer.data["neighbours"] == []


def test_a_stub_shows_a_note_and_the_map_is_pca():
    def stub(*args):
        raise NotImplementedError()

    explorer = EmbeddingExplorer(E, INDEX, WORDS, stub)
    assert not explorer.ready and "nearest_neighbours" in explorer.message
    xy = pca_2d(E)
    assert xy.shape == (5, 2) and np.allclose(xy.mean(axis=0), 0)
    assert np.sign(xy[0, 0]) == np.sign(xy[1, 0]) != np.sign(xy[3, 0]), "the two groups lie apart on the first axis"
    with pytest.raises(ValueError, match="V = 5 rows"):
        EmbeddingExplorer(E[:3], INDEX, WORDS, by_row_order)
