"""Figures drawn with matplotlib: diagrams of recurrent networks and state plots.

Every function draws into a given ``ax`` (or a new figure) and returns the
axes, so notebooks can compose figures and tests can inspect what was drawn.
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import FancyBboxPatch

CELL_COLOUR = "#cfe2f3"
HIGHLIGHT_COLOUR = "#f6b26b"
INPUT_COLOUR = "#d9ead3"
OUTPUT_COLOUR = "#fce5cd"


def _box(ax, x, y, text, colour, width=0.8, height=0.55, fontsize=10):
    patch = FancyBboxPatch(
        (x - width / 2, y - height / 2), width, height,
        boxstyle="round,pad=0.04", facecolor=colour, edgecolor="#333333", linewidth=1.0,
    )
    ax.add_patch(patch)
    ax.text(x, y, text, ha="center", va="center", fontsize=fontsize)
    return patch


def _arrow(ax, start, end, text=None, curved=False):
    style = "arc3,rad=1.6" if curved else "arc3"
    ax.annotate(
        "", xy=end, xytext=start,
        arrowprops=dict(arrowstyle="-|>", color="#333333", lw=1.1, connectionstyle=style,
                        shrinkA=0, shrinkB=0),
    )
    if text:
        ax.text((start[0] + end[0]) / 2, (start[1] + end[1]) / 2 + 0.12, text,
                ha="center", va="bottom", fontsize=8, color="#555555")


def draw_unrolled_rnn(T=4, ax=None, highlight=None, inputs=None, outputs=True, folded=True):
    """Draw an Elman RNN folded (a cell with a loop) and unrolled over ``T`` steps.

    Inputs:
    - T: number of time steps to unroll
    - ax: matplotlib axes to draw into; a new figure when ``None``
    - highlight: a step in ``1..T`` to colour, or ``None``
    - inputs: optional list of ``T`` labels for the inputs (e.g. characters)
    - outputs: draw an output ``y_t`` above each step
    - folded: draw the folded cell and an equals sign on the left

    Returns:
    - ax, whose patches are the boxes drawn (one cell box per step)
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(1.5 + 1.3 * T + (2.2 if folded else 0), 3.0))
    x0 = 0.0
    if folded:
        _box(ax, 0.0, 1.0, "$h$", CELL_COLOUR)
        _box(ax, 0.0, 0.0, "$x$", INPUT_COLOUR)
        _arrow(ax, (0.0, 0.28), (0.0, 0.72))
        # the recurrent loop: out of the right side, back in at the top
        _arrow(ax, (0.42, 0.95), (0.2, 1.3), curved=True)
        ax.text(0.85, 1.35, "$W_h$", fontsize=8, color="#555555", va="center")
        if outputs:
            _box(ax, 0.0, 2.0, "$y$", OUTPUT_COLOUR)
            _arrow(ax, (0.0, 1.28), (0.0, 1.72))
        ax.text(1.55, 1.0, "=", fontsize=18, ha="center", va="center")
        x0 = 2.3
    _box(ax, x0, 1.0, "$h_0$", "#eeeeee", width=0.6)
    for t in range(1, T + 1):
        x = x0 + 1.3 * t
        colour = HIGHLIGHT_COLOUR if highlight == t else CELL_COLOUR
        _box(ax, x, 1.0, f"$h_{{{t}}}$", colour)
        label = f"$x_{{{t}}}$" if inputs is None else repr(str(inputs[t - 1]))
        _box(ax, x, 0.0, label, INPUT_COLOUR)
        _arrow(ax, (x, 0.28), (x, 0.72))
        _arrow(ax, (x - 1.3 + (0.3 if t == 1 else 0.42), 1.0), (x - 0.42, 1.0),
               text="$W_h$" if t == 1 else None)
        if outputs:
            _box(ax, x, 2.0, f"$y_{{{t}}}$", OUTPUT_COLOUR)
            _arrow(ax, (x, 1.28), (x, 1.72))
    ax.text(x0 + 1.3, -0.55, "same $W_x$, $W_h$, $b$ at every step", fontsize=8,
            color="#555555", ha="left")
    ax.set_xlim(-0.7, x0 + 1.3 * T + 0.7)
    ax.set_ylim(-0.8, 2.5 if outputs else 1.5)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


TOPOLOGIES = {
    "one-to-one": ([1], [1]),
    "one-to-many": ([1], [1, 2, 3]),
    "many-to-one": ([1, 2, 3], [3]),
    "many-to-many (aligned)": ([1, 2, 3], [1, 2, 3]),
    "many-to-many (encoder-decoder)": ([1, 2], [3, 4]),
}


def draw_topologies(axes=None):
    """Draw the five input/output topologies of sequence models side by side.

    Each panel shows cells as boxes, inputs below, outputs above, and the
    recurrent arrows between neighbouring cells. Returns the list of axes.
    """
    if axes is None:
        _, axes = plt.subplots(1, len(TOPOLOGIES), figsize=(13, 2.8))
    examples = {
        "one-to-one": "image -> class",
        "one-to-many": "image -> caption",
        "many-to-one": "sentence -> sentiment",
        "many-to-many (aligned)": "frames -> labels",
        "many-to-many (encoder-decoder)": "English -> French",
    }
    for ax, (name, (ins, outs)) in zip(axes, TOPOLOGIES.items()):
        steps = sorted(set(ins) | set(outs))
        for i, t in enumerate(steps):
            _box(ax, i, 1.0, "", CELL_COLOUR, width=0.6, height=0.45)
            if i:
                _arrow(ax, (i - 0.7, 1.0), (i - 0.3, 1.0))
            if t in ins:
                _box(ax, i, 0.0, "", INPUT_COLOUR, width=0.6, height=0.45)
                _arrow(ax, (i, 0.23), (i, 0.77))
            if t in outs:
                _box(ax, i, 2.0, "", OUTPUT_COLOUR, width=0.6, height=0.45)
                _arrow(ax, (i, 1.23), (i, 1.77))
        ax.set_title(name, fontsize=9)
        ax.text((len(steps) - 1) / 2, -0.65, examples[name], ha="center", fontsize=8, color="#555555")
        ax.set_xlim(-0.6, 3.6)
        ax.set_ylim(-0.9, 2.5)
        ax.set_aspect("equal")
        ax.axis("off")
    return list(axes)


def plot_states(states, ax=None, upto=None, title="hidden state over time", labels=None):
    """Heatmap of states with time on the x axis and units on the y axis.

    Inputs:
    - states: array of shape ``(T, H)`` (one example)
    - upto: show only the first ``upto`` steps; later steps are left blank
    - labels: optional list of ``T`` tick labels (e.g. the input characters)

    Returns the axes; ``ax.images[0].get_array()`` is the data shown.
    """
    states = np.asarray(states, dtype=float)
    if states.ndim != 2:
        raise ValueError(f"plot_states expects states of shape (T, H), got {states.shape}")
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 2.8))
    shown = np.ma.masked_all(states.shape[::-1])
    upto = states.shape[0] if upto is None else upto
    shown[:, :upto] = states[:upto].T
    ax.imshow(shown, aspect="auto", cmap="RdBu_r", vmin=-1, vmax=1, interpolation="nearest")
    ax.set_xlabel("time step t")
    ax.set_ylabel("unit")
    ax.set_title(title)
    ax.grid(False)
    T = states.shape[0]
    ax.set_xticks(range(T))
    ax.set_xticklabels([repr(c)[1:-1] for c in labels] if labels is not None else range(1, T + 1))
    return ax
