"""The 01 explorer runs the function it is given and reacts to its slider."""
import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402

from course.widgets import UnrollStepper  # noqa: E402


def leaky_step(x_t, h_prev, W_x, W_h, b):
    """Any step function will do: the explorer must not assume the Elman equations."""
    return 0.5 * h_prev + x_t @ W_x + b


def _stepper(step):
    X = np.eye(4)[None]                         # (1, T=4, D=4)
    return UnrollStepper(step, X, np.zeros((1, 2)), np.arange(8.0).reshape(4, 2),
                         np.zeros((2, 2)), np.zeros(2), labels=list("abcd"))


def test_slider_shows_the_states_up_to_the_chosen_step():
    stepper = _stepper(leaky_step)
    assert stepper.ready and stepper.data["t"] == 1
    assert stepper.data["states"].shape == (1, 2)
    stepper.slider.value = 3
    h, expected = np.zeros((1, 2)), []
    for t in range(3):
        h = leaky_step(np.eye(4)[t][None], h, np.arange(8.0).reshape(4, 2), None, np.zeros(2))
        expected.append(h[0])
    np.testing.assert_allclose(stepper.data["states"], np.array(expected))
    stepper.slider.value = 4
    assert stepper.data["states"].shape == (4, 2)


def test_a_stub_shows_a_note_instead_of_a_traceback():
    def rnn_step(x_t, h_prev, W_x, W_h, b):
        raise NotImplementedError()

    stepper = _stepper(rnn_step)
    assert not stepper.ready
    assert "rnn_step" in stepper.message and "first" in stepper.message
    stepper.slider.value = 2            # still no exception
    assert not stepper.ready


def test_an_error_in_the_students_code_is_shown():
    def rnn_step(x_t, h_prev, W_x, W_h, b):
        return x_t @ W_h                  # wrong shapes: (1, 4) @ (2, 2)

    stepper = _stepper(rnn_step)
    assert not stepper.ready and "ValueError" in stepper.message
