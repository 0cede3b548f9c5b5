"""Type a word, see its nearest neighbours and where it sits in a 2-D map of the vocabulary (notebook 10)."""
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from .base import Explorer


def pca_2d(E):
    """The rows of ``E`` (V, d) projected on their two directions of largest variance, shape (V, 2)."""
    E = np.asarray(E, dtype=float)
    centred = E - E.mean(axis=0)
    _, _, directions = np.linalg.svd(centred, full_matrices=False)
    return centred @ directions[:2].T


class EmbeddingExplorer(Explorer):
    """The k nearest neighbours of a typed word, by the student's ``nearest_neighbours``, on a 2-D map.

    Inputs:
    - E: word vectors, shape (V, d)
    - word2idx, idx2word: the vocabulary both ways
    - nearest_neighbours: the student's function ``(E, word2idx, idx2word, word, k) -> list of words``
    - word: the word shown first; k: how many neighbours
    - background: how many of the most frequent words (the first rows) to draw in grey

    ``data`` holds ``word``, ``known`` (whether it is in the vocabulary), ``neighbours`` (the list the
    student's function returned), ``xy`` (``{word: (x, y)}`` of the word and its neighbours on the map).
    """

    needs = "nearest_neighbours"

    def __init__(self, E, word2idx, idx2word, nearest_neighbours, word="king", k=8, background=400):
        self.E = np.asarray(E, dtype=float)
        if self.E.ndim != 2 or len(self.E) != len(idx2word):
            raise ValueError(f"E should be (V, d) with V = {len(idx2word)} rows, not of shape {self.E.shape}")
        self.word2idx, self.idx2word = word2idx, list(idx2word)
        self.nearest_neighbours = nearest_neighbours
        self.map = pca_2d(self.E)
        self.background = min(background, len(self.E))
        self.word = widgets.Text(value=word, description="word", continuous_update=False)
        self.k = widgets.IntSlider(value=k, min=1, max=min(20, len(self.E) - 1), description="neighbours",
                                   continuous_update=False)
        super().__init__([self.word, self.k])

    def draw(self):
        word = self.word.value.strip().lower()
        known = word in self.word2idx
        neighbours = list(self.call_student(self.nearest_neighbours, self.E, self.word2idx, self.idx2word, word,
                                            self.k.value)) if known else []
        shown = ([word] if known else []) + [w for w in neighbours if w in self.word2idx]
        xy = {w: tuple(float(v) for v in self.map[self.word2idx[w]]) for w in shown}
        self.data = {"word": word, "known": known, "neighbours": neighbours, "xy": xy}
        fig, (ax, text) = plt.subplots(1, 2, figsize=(10, 4), gridspec_kw={"width_ratios": [2.2, 1]})
        grey = self.map[:self.background]
        ax.scatter(grey[:, 0], grey[:, 1], s=4, color="#ccc")
        for w, (x, y) in xy.items():
            ax.scatter([x], [y], s=40 if w == word else 18, color="#c00" if w == word else "#3d85c6", zorder=3)
            ax.annotate(w, (x, y), fontsize=9 if w == word else 8, xytext=(3, 3), textcoords="offset points")
        ax.set_xlabel("first principal direction"); ax.set_ylabel("second principal direction")
        ax.set_title(f"{len(self.E):,} words in 2-D (grey: the {self.background} most frequent)")
        text.axis("off")
        lines = [f"nearest to '{word}':"] + [f"{i + 1:2d}. {w}" for i, w in enumerate(neighbours)] if known \
            else [f"'{word}' is not in the vocabulary", f"of {len(self.E):,} words."]
        text.text(0.0, 1.0, "\n".join(lines), va="top", family="monospace", fontsize=9)
        fig.tight_layout()
        return fig
