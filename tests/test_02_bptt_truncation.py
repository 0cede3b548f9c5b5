"""The truncated-BPTT figures of 02 draw what the text says."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from course import truncation  # noqa: E402


def test_gradient_reach_of_the_three_styles():
    assert truncation.draw_gradient_reach(T=6, style="full").reach == [1, 2, 3, 4, 5, 6]
    assert truncation.draw_gradient_reach(T=8, k=3, style="chunks").reach == [1, 2, 3, 1, 2, 3, 1, 2]
    assert truncation.draw_gradient_reach(T=6, k=3, style="window").reach == [1, 2, 3, 3, 3, 3]
    chunks, window = truncation.draw_truncation_styles(T=12, k=4)
    assert max(chunks.reach) == max(window.reach) == 4
    assert sum(chunks.reach) < sum(window.reach), "disjoint chunks give the early positions less gradient"
    plt.close("all")


def test_stream_cut_marks_every_batch():
    top, bottom = truncation.draw_stream_cut(stream_length=50, batch_size=3, num_steps=4)
    # 50 items -> 3 rows of 16 columns -> 4 batches of 4 columns, starting at 0, 4, 8, 12
    assert bottom.batch_edges == [0, 4, 8, 12]
    assert len(top.patches) == 50
    top, bottom = truncation.draw_stream_cut(stream_length=40, batch_size=2, num_steps=6)
    assert bottom.batch_edges == [0, 6, 12]
    plt.close("all")
