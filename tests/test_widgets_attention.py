"""The attention explorer of notebook 09, driven without a browser."""
import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course import dates  # noqa: E402
from course.widgets import AttentionExplorer  # noqa: E402


def look_at_digits(query, keys, values, mask=None):
    """A stand-in attention for the test: all weight on the keys whose first value is 1 (the digits here)."""
    chosen = (keys[..., 0] == 1.0).astype(float)[:, None, :].repeat(query.shape[1], axis=1)
    weights = chosen / chosen.sum(axis=-1, keepdims=True)
    return weights @ values, weights


def translate(text, attention):
    """What the notebook's translate returns: the digits of the text, attending to every digit."""
    chars = dates.input_tokens(text)
    keys = np.array([[[1.0 if c.isdigit() else 0.0, float(k)] for k, c in enumerate(chars)]])
    digits = [c for c in chars if c.isdigit()]
    _, weights = attention(np.ones((1, len(digits) + 1, 2)), keys, keys)
    return {"output": "".join(digits), "weights": weights[0], "inputs": chars, "outputs": digits + ["<end>"]}


def test_it_translates_the_typed_date_with_the_given_attention():
    explorer = AttentionExplorer(translate, look_at_digits, examples=["9. märz 2021", "12/25/99"])
    assert explorer.ready, explorer.message
    assert explorer.data["output"] == "92021"
    assert explorer.data["weights"].shape == (6, len("9. märz 2021"))
    np.testing.assert_allclose(explorer.data["weights"].sum(axis=1), 1.0)
    assert set(explorer.data["peaks"]) <= set("92021")
    explorer.text.value = "1/2/34"
    assert explorer.data["output"] == "1234" and explorer.data["inputs"] == list("1/2/34")


def test_picking_an_example_shows_it():
    explorer = AttentionExplorer(translate, look_at_digits, examples=["9. märz 2021", "12/25/99"])
    explorer.pick.value = "12/25/99"
    assert explorer.text.value == "12/25/99" and explorer.data["output"] == "122599"


def test_an_unanswered_attention_gives_a_note_not_a_traceback():
    def stub(query, keys, values, mask=None):
        raise NotImplementedError()

    explorer = AttentionExplorer(translate, stub)
    assert not explorer.ready and "dot_product_attention" in explorer.message


def test_weights_of_the_wrong_shape_are_named():
    def wrong(text, attention):
        return dict(translate(text, attention), weights=np.zeros((2, 2)))

    explorer = AttentionExplorer(wrong, look_at_digits)
    assert not explorer.ready and "shape (2, 2)" in explorer.message
    with pytest.raises(ValueError, match="at least one example"):
        AttentionExplorer(translate, look_at_digits, examples=[])
