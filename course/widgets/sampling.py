"""Generate text from a trained character model with a temperature slider (notebook 06)."""
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from .base import Explorer


class TemperatureExplorer(Explorer):
    """Turn the temperature and watch the next-character distribution and the generated text.

    The explorer holds no sampler of its own: every draw is made by the
    student's ``sample_next``. The bars are the *frequencies* of many draws
    from it for the character after the seed text, so what is shown is what
    the student's function does, not what it should do.

    Inputs:
    - sample_fn: the student's ``sample_next(probs, temperature, rng) -> int``
    - next_probs_fn: ``next_probs_fn(text) -> probs``, shape ``(V,)``: the
      model's distribution of the character that follows ``text``
    - idx2char: index -> character (a list, or a dict with keys ``0..V-1``)
    - seed_text: the text generation starts from
    - length: how many characters to generate
    - draws: how many draws estimate the distribution shown
    - temperature: the slider's starting value

    ``data`` holds ``temperature``, ``seed_text``, ``generated`` (the new
    characters), ``probs`` (the model's distribution, shape ``(V,)``),
    ``frequencies`` (the share of ``draws`` draws that gave each index,
    shape ``(V,)``) and ``entropy`` (of ``frequencies``, in bits).
    """

    needs = "sample_next"

    def __init__(self, sample_fn, next_probs_fn, idx2char, seed_text, length=200, draws=2000,
                 temperature=0.5):
        self.sample_fn = sample_fn
        self.next_probs_fn = next_probs_fn
        self.idx2char = idx2char
        self.draws = int(draws)
        self.temperature = widgets.FloatSlider(value=temperature, min=0.0, max=2.0, step=0.05,
                                               description="temperature", continuous_update=False)
        self.seed_text = widgets.Text(value=seed_text, description="seed text", continuous_update=False,
                                      layout=widgets.Layout(width="380px"))
        self.length = widgets.IntSlider(value=length, min=20, max=600, step=20, description="characters",
                                        continuous_update=False)
        self.rng_seed = widgets.IntText(value=0, description="rng seed", layout=widgets.Layout(width="150px"))
        super().__init__([self.temperature, self.seed_text, self.length, self.rng_seed])

    def _draw_index(self, probs, temperature, rng):
        index = self.call_student(self.sample_fn, probs, temperature, rng)
        index = int(index)
        if not 0 <= index < len(probs):
            raise ValueError(f"it returned index {index}, outside 0..{len(probs) - 1}")
        return index

    def draw(self):
        temperature = float(self.temperature.value)
        seed_text = self.seed_text.value
        probs = np.asarray(self.next_probs_fn(seed_text), dtype=float)
        V = len(probs)
        rng = np.random.default_rng(int(self.rng_seed.value))
        counts = np.zeros(V)
        for _ in range(self.draws):
            counts[self._draw_index(probs, temperature, rng)] += 1
        frequencies = counts / counts.sum()
        nonzero = frequencies[frequencies > 0]
        entropy = float(-(nonzero * np.log2(nonzero)).sum())

        generated = []
        text = seed_text
        for _ in range(int(self.length.value)):
            index = self._draw_index(np.asarray(self.next_probs_fn(text), dtype=float), temperature, rng)
            generated.append(self.idx2char[index])
            text += self.idx2char[index]
        generated = "".join(generated)
        self.data = {"temperature": temperature, "seed_text": seed_text, "generated": generated,
                     "probs": probs, "frequencies": frequencies, "entropy": entropy}

        figure, (bars, words) = plt.subplots(2, 1, figsize=(10, 5.4), gridspec_kw={"height_ratios": [1.1, 1]})
        labels = [repr(self.idx2char[i])[1:-1] or " " for i in range(V)]
        labels = ["␣" if c == " " else c for c in labels]
        x = np.arange(V)
        bars.bar(x - 0.2, probs, width=0.4, color="#bbbbbb", label="model, T = 1")
        bars.bar(x + 0.2, frequencies, width=0.4, color="#3d85c6",
                 label=f"{self.draws} draws of your sample_next, T = {temperature:g}")
        bars.set_xticks(x)
        bars.set_xticklabels(labels, fontsize=8)
        bars.set_ylabel("probability")
        bars.set_title(f"next character after {seed_text[-30:]!r}   (entropy of the draws: {entropy:.2f} bits)",
                       fontsize=10)
        bars.legend(fontsize=8, loc="upper right")
        words.axis("off")
        wrapped = _wrap(seed_text + "|" + generated, 95)
        words.text(0.0, 1.0, wrapped, family="monospace", fontsize=8.5, va="top", ha="left",
                   transform=words.transAxes)
        words.set_title("generated text (the seed ends at '|')", fontsize=10, loc="left")
        figure.tight_layout()
        return figure


def _wrap(text, width):
    """Cut ``text`` into lines of at most ``width`` characters (no word logic, it is characters)."""
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))
