"""The gate explorer (04, 05) runs the step function it is given and reacts to its controls."""
import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course.brackets import ALPHABET, bracket_dataset, bracket_text, one_hot  # noqa: E402
from course.widgets import GateExplorer  # noqa: E402


def counting_step(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
    """A hand-made gated counter (not an LSTM): unit 0 of c adds the input's score, h squashes it."""
    score = x_t @ kernel[:, 0]                       # +1 for '(' and -1 for ')' below
    write = score[:, None] * np.eye(c_prev.shape[1])[0]   # only unit 0 counts
    c_t = c_prev + write
    gates = {"i": np.abs(write), "f": np.ones_like(c_t)}
    return np.tanh(c_t), c_t, gates


def leaky_step(x_t, h_prev, kernel, recurrent_kernel, bias):
    """A hand-made two-argument step (GRU-shaped call): z is constant, r follows the input."""
    r = np.broadcast_to((x_t @ kernel)[:, :1], h_prev.shape)
    z = np.full_like(h_prev, 0.25)
    h_tilde = np.tanh(r)
    return z * h_prev + (1 - z) * h_tilde, {"z": z, "r": r, "h_tilde": h_tilde}


def _counter_weights(H=2):
    kernel = np.zeros((len(ALPHABET), 4 * H))
    kernel[ALPHABET.index("("), 0] = 1.0
    kernel[ALPHABET.index(")"), 0] = -1.0
    return [kernel, np.zeros((H, 4 * H)), np.zeros(4 * H)]


TEXT = "a(b(c)d)e"
DEPTH = np.array([0, 1, 1, 2, 2, 1, 1, 0, 0])


def test_lstm_signals_and_the_time_slider():
    explorer = GateExplorer(counting_step, _counter_weights(), one_hot(TEXT), TEXT, cell="lstm",
                            reference=("depth", DEPTH), t=1)
    assert explorer.ready, explorer.message
    signals = explorer.data["signals"]
    assert list(signals) == ["i", "f", "c", "h"]          # the step's gates, then the states
    assert all(v.shape == (len(TEXT), 2) for v in signals.values())
    np.testing.assert_allclose(signals["c"][:, 0], DEPTH)  # the counter counts
    assert explorer.data["t"] == 1 and explorer.data["at_t"]["c"] == 0.0
    explorer.slider.value = 4                              # after "a(b(": depth 2
    assert explorer.data["t"] == 4
    assert explorer.data["at_t"]["c"] == pytest.approx(2.0)
    assert explorer.data["at_t"]["h"] == pytest.approx(np.tanh(2.0))
    assert explorer.data["at_t"]["i"] == 1.0             # step 4 reads '(' : the counter writes
    # the boxed character in the HTML follows the slider
    boxed = [span for span in explorer.data["html"].split("<span")[1:] if "outline" in span]
    assert len(boxed) == 1 and ">(</span>" in boxed[0]


def test_unit_picker_and_colour_picker_change_the_traces_and_the_text():
    explorer = GateExplorer(counting_step, _counter_weights(), one_hot(TEXT), TEXT, cell="lstm")
    assert explorer.data["unit"] == 0 and explorer.data["colour_by"] == "h"
    np.testing.assert_allclose(explorer.data["text_values"], np.tanh(DEPTH))
    html_unit0 = explorer.data["html"]
    explorer.unit_picker.value = 1                         # unit 1 gets no input: stays at zero
    assert explorer.data["unit"] == 1
    np.testing.assert_allclose(explorer.data["trace"]["c"], 0.0)
    assert explorer.data["html"] != html_unit0
    explorer.unit_picker.value = 0
    explorer.colour_picker.value = "c"
    assert explorer.data["colour_by"] == "c"
    np.testing.assert_allclose(explorer.data["text_values"], DEPTH)
    assert set(explorer.colour_picker.options) == {"i", "f", "c", "h"}


def test_gru_call_shape_and_gate_names():
    kernel = np.zeros((len(ALPHABET), 9))
    kernel[ALPHABET.index("a"), 0] = 2.0
    explorer = GateExplorer(leaky_step, [kernel, np.zeros((3, 9)), np.zeros((2, 9))], one_hot("aab"), "aab",
                            cell="gru")
    assert explorer.ready, explorer.message
    assert list(explorer.data["signals"]) == ["z", "r", "h_tilde", "h"]
    h1 = 0.75 * np.tanh(2.0)
    np.testing.assert_allclose(explorer.data["trace"]["h"], [h1, 0.25 * h1 + h1, 0.25 * (0.25 * h1 + h1)])
    explorer.slider.value = 3
    assert explorer.data["at_t"]["r"] == 0.0


def test_a_stub_shows_a_note_and_errors_are_shown():
    def lstm_step(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
        raise NotImplementedError()

    explorer = GateExplorer(lstm_step, _counter_weights(), one_hot(TEXT), TEXT)
    assert not explorer.ready and "lstm_step" in explorer.message and "first" in explorer.message
    explorer.slider.value = 2                              # still no exception
    assert not explorer.ready

    def gru_step(x_t, h_prev, kernel, recurrent_kernel, bias):
        return h_prev, [h_prev]                            # gates not a dict

    explorer = GateExplorer(gru_step, [np.zeros((8, 6)), np.zeros((2, 6)), np.zeros((2, 6))],
                            one_hot(TEXT), TEXT, cell="gru")
    assert not explorer.ready and "dict" in explorer.message


def test_bad_inputs_are_refused():
    with pytest.raises(ValueError):
        GateExplorer(counting_step, _counter_weights(), one_hot(TEXT), TEXT[:-1])
    with pytest.raises(ValueError):
        GateExplorer(counting_step, _counter_weights(), one_hot(TEXT), TEXT, cell="rnn")


def test_bracket_data_is_well_nested_and_matches_its_depth():
    texts, X, y = bracket_dataset(20, 50, seed=3)
    assert X.shape == (20, 50, len(ALPHABET)) and y.shape == (20, 50)
    np.testing.assert_allclose(X.sum(axis=2), 1.0)
    for text, depth in zip(texts, y):
        running = np.cumsum([{"(": 1, ")": -1}.get(ch, 0) for ch in text])
        np.testing.assert_array_equal(running, depth)
        assert depth.min() >= 0 and depth.max() <= 4
    again = bracket_dataset(20, 50, seed=3)
    assert again[0] == texts
    text, depth = bracket_text(200, np.random.default_rng(0), max_depth=2)
    assert depth.max() <= 2 and len(text) == 200
