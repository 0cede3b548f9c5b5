"""Type a date, see its translation and where the decoder looked for each output character (notebook 09)."""
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from .base import Explorer


def attention_heatmap(ax, weights, inputs, outputs, title=""):
    """Draw attention weights ``(len(outputs), len(inputs))`` with the characters on the axes."""
    weights = np.asarray(weights, dtype=float)
    image = ax.imshow(weights, cmap="viridis", vmin=0.0, vmax=1.0, aspect="auto")
    ax.set_xticks(range(len(inputs)), [repr(c)[1:-1] if c != " " else "␣" for c in inputs], fontsize=8)
    ax.set_yticks(range(len(outputs)), outputs, fontsize=8)
    ax.set_xlabel("input character (key)")
    ax.set_ylabel("output step (query)")
    ax.grid(False)
    if title:
        ax.set_title(title, fontsize=9)
    return image


class AttentionExplorer(Explorer):
    """A date in any supported form -> the model's ISO date and the attention of every output step.

    Inputs:
    - translate: ``translate(text, attention) -> dict`` from the notebook, which runs the trained
      encoder, then decodes greedily, computing each step's attention with ``attention``. The dict has
      ``output`` (the ISO text), ``weights`` (an array ``(steps, len(inputs))``), ``inputs`` (the
      characters read) and ``outputs`` (a label per decoding step)
    - attention: the student's ``dot_product_attention``, passed to ``translate``
    - examples: dates to pick from; the first one is shown first

    ``data`` holds ``text``, ``output``, ``weights``, ``inputs``, ``outputs`` and ``peaks`` (for each
    output step, the input character with the largest weight).
    """

    needs = "dot_product_attention and greedy_decode"

    def __init__(self, translate, attention, examples=("tuesday, march 9, 2021",)):
        self.translate, self.attention = translate, attention
        self.examples = list(examples)
        if not self.examples:
            raise ValueError("give at least one example date")
        self.pick = widgets.Dropdown(options=self.examples, value=self.examples[0], description="example")
        self.text = widgets.Text(value=self.examples[0], description="date", continuous_update=False,
                                 layout=widgets.Layout(width="340px"))
        self.pick.observe(self._picked, names="value")
        super().__init__([self.pick, self.text])

    def _picked(self, change):
        self.text.value = change["new"]          # redraws through the text box's own observer

    def _on_change(self, change):
        if change["owner"] is self.pick:        # the text box follows and redraws once
            return
        self.refresh()

    def draw(self):
        text = self.text.value.strip()
        if not text:
            self.data = {"text": text}
            return None
        result = self.call_student(self.translate, text, self.attention)
        weights = np.asarray(result["weights"], dtype=float)
        inputs, outputs = list(result["inputs"]), list(result["outputs"])
        if weights.shape != (len(outputs), len(inputs)):
            raise ValueError(f"the attention weights have shape {weights.shape}, but there are {len(outputs)} "
                             f"output steps and {len(inputs)} input characters")
        peaks = [inputs[k] for k in weights.argmax(axis=1)] if weights.size else []
        self.data = {"text": text, "output": result["output"], "weights": weights, "inputs": inputs,
                     "outputs": outputs, "peaks": peaks}
        fig, ax = plt.subplots(figsize=(max(5.0, 0.22 * len(inputs) + 2.0), 3.4))
        image = attention_heatmap(ax, weights, inputs, outputs, f"{text!r} -> {result['output']!r}")
        fig.colorbar(image, ax=ax, fraction=0.04, label="attention weight")
        fig.tight_layout()
        return fig
