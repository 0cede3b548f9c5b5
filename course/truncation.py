"""Figures for truncated backpropagation through time (notebook 02).

``draw_stream_cut`` shows how one long stream becomes ``batch_size`` rows and
then batches of ``num_steps`` columns, with the state carried from one batch
to the next; ``draw_truncation_styles`` compares how far back each loss term's
gradient reaches in the two styles of truncation. Both return what they drew
(axes with inspectable patches), so tests can check them.
"""
import matplotlib.pyplot as plt
from matplotlib.patches import Rectangle

_COLOURS = ["#9fc5e8", "#f9cb9c", "#b6d7a8", "#d5a6bd", "#ffe599", "#a2c4c9", "#ea9999", "#b4a7d6"]


def draw_stream_cut(stream_length=48, batch_size=3, num_steps=4, axes=None):
    """Draw a stream of ``stream_length`` items cut into rows and truncated batches.

    Top panel: the stream, each item coloured by the row it lands in and
    numbered by its position. Bottom panel: the ``(batch_size, columns)``
    matrix the rows form, cut every ``num_steps`` columns into batches; the
    arrows mark the state carried from one batch into the next.

    Returns the two axes ``(top, bottom)``; ``bottom.batch_edges`` lists the
    column indices where batches start.
    """
    columns = stream_length // batch_size
    used = columns * batch_size
    if axes is None:
        _, axes = plt.subplots(2, 1, figsize=(10, 3.9), gridspec_kw={"height_ratios": [0.7, 1.6]})
    top, bottom = axes
    for i in range(stream_length):
        row = i // columns if i < used else None
        colour = _COLOURS[row % len(_COLOURS)] if row is not None else "#eeeeee"
        top.add_patch(Rectangle((i, 0), 0.95, 0.95, facecolor=colour, edgecolor="#555555", lw=0.5))
        top.text(i + 0.47, 0.45, str(i), ha="center", va="center", fontsize=6)
    top.set_xlim(-0.5, stream_length + 0.5)
    top.set_ylim(-0.2, 1.5)
    top.set_title(f"one stream of {stream_length} items, cut into batch_size = {batch_size} rows"
                  + (f" ({stream_length - used} left over)" if used < stream_length else ""), fontsize=9)
    top.axis("off")

    edges = list(range(0, columns - num_steps + 1, num_steps))
    for row in range(batch_size):
        y = batch_size - 1 - row
        for col in range(columns):
            index = row * columns + col
            in_batch = col < edges[-1] + num_steps if edges else False
            colour = _COLOURS[row % len(_COLOURS)] if in_batch else "#eeeeee"
            bottom.add_patch(Rectangle((col, y), 0.95, 0.95, facecolor=colour, edgecolor="#555555", lw=0.5))
            bottom.text(col + 0.47, y + 0.45, str(index), ha="center", va="center", fontsize=7)
    for k, start in enumerate(edges):
        bottom.add_patch(Rectangle((start - 0.05, -0.1), num_steps, batch_size + 0.15, fill=False,
                                   edgecolor="#cc0000", lw=1.6))
        bottom.text(start + num_steps / 2 - 0.05, batch_size + 0.2, f"batch {k + 1}", ha="center",
                    fontsize=8, color="#cc0000")
        if k:
            bottom.annotate("", xy=(start + 0.25, -0.45), xytext=(start - 1 + 0.7, -0.45),
                            arrowprops=dict(arrowstyle="-|>", color="#333333", lw=1.0))
    if len(edges) > 1:
        bottom.text(edges[1] - 0.5, -0.95, "final state carried into the next batch", fontsize=8,
                    color="#333333", ha="left")
    bottom.set_xlim(-0.5, columns + 0.5)
    bottom.set_ylim(-1.2, batch_size + 0.7)
    bottom.set_title(f"rows side by side; each batch is num_steps = {num_steps} columns", fontsize=9)
    bottom.axis("off")
    bottom.batch_edges = edges
    return top, bottom


_REACH = {
    "full": ("full BPTT: the loss at step t reaches back to step 1", lambda t, k: t),
    "chunks": ("disjoint chunks of k steps (batch generator)", lambda t, k: (t - 1) % k + 1),
    "window": ("every loss term gets k steps (sliding window)", lambda t, k: min(k, t)),
}


def draw_gradient_reach(T=12, k=4, style="full", ax=None):
    """Draw, for each loss step ``t``, the span of steps its gradient reaches.

    ``style`` is ``"full"`` (no truncation), ``"chunks"`` (disjoint chunks of
    ``k`` steps, what a batch generator with ``num_steps = k`` does) or
    ``"window"`` (every loss term backpropagated exactly ``k`` steps).
    Returns the axes; ``ax.reach`` holds, per loss step ``t`` (1-based), how
    many steps its gradient covers.
    """
    title, reach_of = _REACH[style]
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 3.4))
    reach = []
    for t in range(1, T + 1):
        r = reach_of(t, k)
        reach.append(r)
        ax.add_patch(Rectangle((t - r + 0.5, t - 0.35), r, 0.7, facecolor="#9fc5e8", edgecolor="#3d85c6"))
        ax.plot([t], [t], "o", color="#cc0000", ms=4)
    if style == "chunks":
        for start in range(0, T + 1, k):
            ax.axvline(start + 0.5, color="#cc0000", lw=0.8, ls="--")
    ax.set_xlim(0.3, T + 0.7)
    ax.set_ylim(0.3, T + 0.7)
    ax.invert_yaxis()
    ax.set_xticks(range(1, T + 1))
    ax.set_yticks(range(1, T + 1))
    ax.set_xlabel("time step the gradient reaches")
    ax.set_ylabel("loss at step t (red dot)")
    ax.set_title(title, fontsize=9)
    ax.reach = reach
    return ax


def draw_truncation_styles(T=12, k=4, axes=None):
    """The two truncation styles side by side (``"chunks"`` and ``"window"``); returns both axes."""
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(10, 3.6))
    for ax, style in zip(axes, ("chunks", "window")):
        draw_gradient_reach(T, k, style, ax=ax)
    return list(axes)
