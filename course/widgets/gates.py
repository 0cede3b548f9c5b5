"""Look inside a gated recurrent cell: gates, cell state and output over a text (04, 05, 06).

After Karpathy, Johnson and Fei-Fei, *Visualizing and Understanding Recurrent
Networks* (2015): run a trained cell over a text and show, for every time step
and unit, what each gate does; pick one unit and colour the text by it.

The explorer computes nothing about LSTMs or GRUs itself: it calls the step
function it is given (the student's ``lstm_step`` in 04, ``gru_step`` in 05)
with the weights of a trained Keras layer, and shows whatever that function
returns.
"""
import html

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import HTML, display
from matplotlib import colormaps
from matplotlib.colors import to_hex

from .base import Explorer

#: How each cell type is called: its state names and the step function's name.
CELLS = {
    "lstm": {"states": ("c", "h"), "needs": "lstm_step"},
    "gru": {"states": ("h",), "needs": "gru_step"},
}


def _is_gate(values):
    """Gates live in [0, 1]; everything else is shown on a symmetric scale."""
    return float(np.min(values)) >= 0.0 and float(np.max(values)) <= 1.0


class GateExplorer(Explorer):
    """Heatmaps of every gate and state over time, a time-step slider, a unit picker, coloured text.

    Inputs:
    - step_fn: the student's step function. For ``cell="lstm"`` it is called as
      ``step_fn(x_t, h_prev, c_prev, *weights) -> (h_t, c_t, gates)``; for
      ``cell="gru"`` as ``step_fn(x_t, h_prev, *weights) -> (h_t, gates)``;
      ``gates`` is a dict of arrays of shape ``(N, H)``
    - weights: the trained layer's ``get_weights()`` (kernel, recurrent_kernel, bias)
    - X: one input sequence, shape ``(T, D)`` or ``(1, T, D)``
    - text: the ``T`` characters the inputs encode (labels and the coloured text)
    - cell: ``"lstm"`` or ``"gru"``
    - reference: optional ``(name, values)``, a known quantity of length ``T``
      (e.g. the bracket depth) drawn under the unit's traces for comparison
    - unit, t: the unit and time step shown first

    ``data`` holds what is displayed: ``signals`` (name -> ``(T, H)`` array, the
    gates in the order the step function returns them, then the states),
    ``t``, ``unit``, ``colour_by``, ``trace`` (name -> the unit's ``(T,)`` values),
    ``at_t`` (name -> the unit's value at step ``t``), ``text_values`` (the
    ``colour_by`` trace used to colour the text) and ``html``.
    """

    def __init__(self, step_fn, weights, X, text, cell="lstm", reference=None, unit=0, t=None):
        if cell not in CELLS:
            raise ValueError(f"cell must be one of {sorted(CELLS)}, got {cell!r}")
        X = np.asarray(X, dtype=float)
        if X.ndim == 2:
            X = X[None]
        if X.ndim != 3 or X.shape[0] != 1:
            raise ValueError(f"X should be one sequence of shape (T, D) or (1, T, D), got {X.shape}")
        if len(text) != X.shape[1]:
            raise ValueError(f"text has {len(text)} characters but X has {X.shape[1]} steps")
        self.step_fn, self.weights, self.X, self.text = step_fn, [np.asarray(w) for w in weights], X, text
        self.cell = cell
        self.needs = CELLS[cell]["needs"]
        self.units = int(self.weights[1].shape[0])
        self.reference = reference
        self._signals = None
        T = X.shape[1]
        self.slider = widgets.IntSlider(value=T if t is None else int(t), min=1, max=T, description="step t",
                                        continuous_update=False)
        self.unit_picker = widgets.Dropdown(options=[(f"unit {u}", u) for u in range(self.units)],
                                            value=int(unit), description="unit")
        self.colour_picker = widgets.Dropdown(options=list(CELLS[cell]["states"]), value=CELLS[cell]["states"][-1],
                                              description="colour by")
        super().__init__([self.slider, self.unit_picker, self.colour_picker])

    # ------------------------------------------------------------------ data
    def signals(self):
        """Run the step function over the whole text once; name -> (T, H) array."""
        if self._signals is None:
            x = self.X
            h = np.zeros((1, self.units))
            c = np.zeros((1, self.units))
            collected = {}
            for t in range(x.shape[1]):
                if self.cell == "lstm":
                    h, c, gates = self.call_student(self.step_fn, x[:, t, :], h, c, *self.weights)
                    states = {"c": c, "h": h}
                else:
                    h, gates = self.call_student(self.step_fn, x[:, t, :], h, *self.weights)
                    states = {"h": h}
                if not isinstance(gates, dict):
                    raise TypeError(f"{self.needs} should return its gates as a dict, got {type(gates).__name__}")
                for name, value in list(gates.items()) + list(states.items()):
                    collected.setdefault(name, []).append(np.asarray(value, dtype=float).reshape(-1)[:self.units])
            self._signals = {name: np.stack(rows) for name, rows in collected.items()}
            # the dropdown offers every signal once the step function has run
            names = list(self._signals)
            if list(self.colour_picker.options) != names:
                keep = self.colour_picker.value
                self.colour_picker.unobserve(self._on_change, names="value")
                self.colour_picker.options = names
                self.colour_picker.value = keep if keep in names else names[-1]
                self.colour_picker.observe(self._on_change, names="value")
        return self._signals

    def text_html(self, values, t, gate=False):
        """The text as HTML spans coloured by ``values`` (one per character); step ``t`` is boxed."""
        cmap = colormaps["viridis" if gate else "RdBu_r"]
        spans = []
        for k, (ch, v) in enumerate(zip(self.text, values)):
            level = float(v) if gate else (float(np.clip(v, -1, 1)) + 1) / 2
            colour = to_hex(cmap(level))
            ink = "#000" if (0.3 < level < 0.75 or not gate and 0.2 < level < 0.8) else "#fff"
            border = "outline:2px solid #e69138;" if k == t - 1 else ""
            shown = "&nbsp;" if ch == " " else html.escape(ch)
            spans.append(f"<span title='t={k + 1}: {v:+.2f}' style='background:{colour};color:{ink};"
                         f"font-family:monospace;font-size:15px;padding:1px 0;{border}'>{shown}</span>")
        return "<div style='line-height:1.9;word-wrap:break-word'>" + "".join(spans) + "</div>"

    # ------------------------------------------------------------------ picture
    def draw(self):
        signals = self.signals()
        t, unit, colour_by = self.slider.value, self.unit_picker.value, self.colour_picker.value
        names = list(signals)
        trace = {name: signals[name][:, unit].copy() for name in names}
        text_values = trace[colour_by]
        self.data = {
            "signals": signals, "t": t, "unit": unit, "colour_by": colour_by, "trace": trace,
            "at_t": {name: float(trace[name][t - 1]) for name in names},
            "text_values": text_values,
            "html": self.text_html(text_values, t, gate=_is_gate(signals[colour_by])),
        }
        display(HTML(f"<p><b>{colour_by}</b> of unit {unit} over the text "
                     f"(blue/dark = low, red/yellow = high; step {t} is boxed; hover for values)</p>"
                     + self.data["html"]))

        T = len(self.text)
        figure, axes = plt.subplots(len(names) + 1, 1, figsize=(11, 1.15 * len(names) + 2.6), sharex=True,
                                    gridspec_kw={"height_ratios": [1] * len(names) + [1.9]})
        for ax, name in zip(axes, names):
            values = signals[name]
            gate = _is_gate(values)
            scale = 1.0 if gate else max(1.0, float(np.max(np.abs(values))))
            image = ax.imshow(values.T, aspect="auto", interpolation="nearest",
                              cmap="viridis" if gate else "RdBu_r",
                              vmin=0 if gate else -scale, vmax=1 if gate else scale,
                              extent=(0.5, T + 0.5, self.units - 0.5, -0.5))
            ax.set_ylabel(name, rotation=0, ha="right", va="center", fontsize=12)
            ax.set_yticks([0, self.units - 1] if self.units > 1 else [0])
            ax.tick_params(axis="y", labelsize=7)
            ax.grid(False)
            ax.axvline(t, color="#e69138", lw=1.5)
            ax.add_patch(plt.Rectangle((0.5, unit - 0.5), T, 1, fill=False, edgecolor="#e69138", lw=1.2))
            figure.colorbar(image, ax=ax, pad=0.01, fraction=0.02)
        ax = axes[-1]
        for name in names:
            ax.plot(np.arange(1, T + 1), trace[name], lw=1.3, label=name)
        if self.reference is not None:
            ref_name, ref_values = self.reference
            twin = ax.twinx()
            twin.step(np.arange(1, T + 1), np.asarray(ref_values), where="mid", color="#888", lw=1, ls="--")
            twin.set_ylabel(ref_name, color="#666")
            twin.grid(False)
            ax.plot([], [], color="#888", ls="--", label=ref_name)
        ax.axvline(t, color="#e69138", lw=1.5)
        ax.set_ylabel(f"unit {unit}")
        ax.legend(loc="upper left", ncol=len(names) + 1, fontsize=8, framealpha=0.8)
        ax.set_xlim(0.5, T + 0.5)
        ax.set_xticks(np.arange(1, T + 1))
        ax.set_xticklabels([ch if ch != " " else "\u2423" for ch in self.text], fontsize=7, family="monospace")
        ax.set_xlabel("input character (time runs left to right)")
        values_now = ", ".join(f"{name}={self.data['at_t'][name]:+.2f}" for name in names)
        axes[0].set_title(f"every unit (rows) at every step (columns); orange: unit {unit}, step {t} "
                          f"('{self.text[t - 1]}'): {values_now}", fontsize=9)
        figure.subplots_adjust(hspace=0.15)
        return figure
