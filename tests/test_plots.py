"""course.plots: the diagrams draw what they promise."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course import plots  # noqa: E402


def _facecolours(ax):
    return [matplotlib.colors.to_hex(p.get_facecolor()) for p in ax.patches]


def test_unrolled_rnn_draws_one_cell_per_step_and_highlights_one():
    ax = plots.draw_unrolled_rnn(T=5, highlight=3, folded=False, outputs=False)
    colours = _facecolours(ax)
    # h0, then per step a cell and an input box
    assert len(ax.patches) == 1 + 2 * 5
    assert colours.count(plots.HIGHLIGHT_COLOUR) == 1
    assert colours.count(plots.CELL_COLOUR) == 4
    plt.close("all")


def test_unrolled_rnn_labels_inputs():
    ax = plots.draw_unrolled_rnn(T=3, inputs=list("abc"), folded=True)
    texts = [t.get_text() for t in ax.texts]
    assert {"'a'", "'b'", "'c'"} <= set(texts)
    plt.close("all")


def test_topologies_draw_five_panels():
    axes = plots.draw_topologies()
    assert [ax.get_title() for ax in axes] == list(plots.TOPOLOGIES)
    plt.close("all")


def test_plot_states_hides_future_steps():
    states = np.linspace(-1, 1, 12).reshape(4, 3)
    ax = plots.plot_states(states, upto=2)
    shown = ax.images[0].get_array()
    assert shown.shape == (3, 4)
    assert not shown.mask[:, :2].any() and shown.mask[:, 2:].all()
    np.testing.assert_allclose(shown[:, 1], states[1])
    with pytest.raises(ValueError, match=r"\(T, H\)"):
        plots.plot_states(np.zeros(3))
    plt.close("all")
