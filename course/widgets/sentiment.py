"""Type a sentence, see the model's probability and which words moved it (notebook 07)."""
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from .base import Explorer


class SentencePredictor(Explorer):
    """A text box for a sentence, the predicted probability, and word-by-word occlusion.

    Each word's influence is measured by *occlusion*: the sentence is scored
    again with that word left out, and the bar shows how much the probability
    drops without it (positive: the word pushed towards "positive").

    Inputs:
    - predict_fn: ``predict_fn(list_of_token_lists) -> probabilities``, shape
      ``(n,)`` (or ``(n, 1)``), the probability that each sentence is positive
    - tokenize_fn: ``tokenize_fn(str) -> list of str``, the tokenizer the model
      was trained with
    - text: the sentence shown first

    ``data`` holds ``tokens``, ``probability`` (of the whole sentence) and
    ``influence`` (shape ``(len(tokens),)``: probability with all words minus
    probability with that word left out).
    """

    needs = "the model and its tokenizer"

    def __init__(self, predict_fn, tokenize_fn, text="I love this movie, it was not boring at all."):
        self.predict_fn = predict_fn
        self.tokenize_fn = tokenize_fn
        self.text = widgets.Text(value=text, description="sentence", continuous_update=False,
                                 layout=widgets.Layout(width="600px"))
        super().__init__([self.text])

    def draw(self):
        tokens = list(self.call_student(self.tokenize_fn, self.text.value))
        variants = [tokens] + [tokens[:i] + tokens[i + 1:] for i in range(len(tokens))]
        scores = np.asarray(self.call_student(self.predict_fn, variants), dtype=float).reshape(-1)
        if scores.shape != (len(variants),):
            raise ValueError(f"it returned {scores.size} probabilities for {len(variants)} sentences")
        probability = float(scores[0])
        influence = probability - scores[1:]
        self.data = {"tokens": tokens, "probability": probability, "influence": influence}

        figure, ax = plt.subplots(figsize=(max(5.0, 0.55 * len(tokens) + 2), 3.2))
        if tokens:
            colours = ["#6aa84f" if v >= 0 else "#cc0000" for v in influence]
            ax.bar(range(len(tokens)), influence, color=colours)
            ax.set_xticks(range(len(tokens)))
            ax.set_xticklabels(tokens, rotation=45, ha="right")
        ax.axhline(0, color="#333333", lw=0.8)
        ax.set_ylabel("P(positive) lost\nwithout the word")
        verdict = "positive" if probability >= 0.5 else "negative"
        ax.set_title(f"P(positive) = {probability:.3f}  ({verdict})", fontsize=11)
        figure.tight_layout()
        return figure
