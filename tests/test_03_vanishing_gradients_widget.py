"""The gradient-flow explorer of 03, driven without a browser: set the controls, check the plotted data."""
import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course.widgets import GradientFlowExplorer  # noqa: E402


def jacobian(h_t, W_h):
    """A reference step Jacobian for the test (the package itself never holds one)."""
    h_t = np.asarray(h_t).reshape(-1)
    return (1.0 - h_t ** 2)[:, None] * W_h.T


def stub(h_t, W_h):
    raise NotImplementedError()


@pytest.fixture
def explorer():
    return GradientFlowExplorer(jacobian, hidden=16, seed=1, max_length=120)


def test_linear_network_follows_the_spectral_radius(explorer):
    explorer.activation.value = "linear"
    for radius in (0.7, 1.0, 1.3):
        explorer.radius.value = radius
        data = explorer.data
        assert data["radius"] == pytest.approx(radius)
        # W_h is orthogonal times the radius: ||(W_h^T)^k|| = radius^k exactly.
        np.testing.assert_allclose(data["log10_norm"], data["lags"] * np.log10(radius), atol=1e-8)


def test_larger_radius_gives_larger_norms_at_long_lags(explorer):
    explorer.length.value = 60
    for activation in ("linear", "tanh", "relu"):
        explorer.activation.value = activation
        explorer.radius.value = 0.8
        small = explorer.data["log10_norm"][-1]
        explorer.radius.value = 1.5
        large = explorer.data["log10_norm"][-1]
        assert large > small + 3, f"{activation}: radius 1.5 should keep far more gradient than 0.8"
    explorer.activation.value = "linear"
    explorer.radius.value = 0.8
    assert explorer.data["log10_norm"][-1] < -5, "radius below 1: the gradient vanishes"
    explorer.radius.value = 1.2
    assert explorer.data["log10_norm"][-1] > 4, "radius above 1: the gradient explodes"


def test_saturation_and_relu_shrink_the_gradient(explorer):
    explorer.activation.value = "tanh"
    explorer.radius.value = 1.2
    explorer.length.value = 60
    explorer.input_scale.value = 0.2
    mild = explorer.data
    explorer.input_scale.value = 2.5
    saturated = explorer.data
    assert saturated["slopes"].mean() < mild["slopes"].mean(), "a larger input drive should saturate tanh"
    assert saturated["log10_norm"][-1] < mild["log10_norm"][-1] - 3, "saturation should shrink the gradient"
    explorer.input_scale.value = 0.5
    explorer.radius.value = 1.2
    explorer.length.value = 60
    explorer.activation.value = "linear"
    linear = explorer.data["log10_norm"]
    explorer.activation.value = "tanh"
    tanh = explorer.data
    assert np.all(tanh["slopes"] <= 1.0) and tanh["slopes"].mean() < 0.9
    assert tanh["log10_norm"][-1] < linear[-1] - 3, "tanh's slopes below 1 should damp the explosion"
    explorer.activation.value = "relu"
    relu = explorer.data
    assert 0.2 < relu["slopes"].mean() < 0.8, "about half the ReLU units should be active"
    assert relu["log10_norm"][-1] < linear[-1]


def test_sequence_length_sets_the_lags(explorer):
    explorer.length.value = 25
    assert list(explorer.data["lags"]) == list(range(1, 26))
    assert explorer.data["log10_norm"].shape == (25,)
    explorer.length.value = 100
    assert explorer.data["log10_norm"].shape == (100,)
    assert explorer.ready


def test_a_stub_shows_a_note_instead_of_a_traceback():
    explorer = GradientFlowExplorer(stub, hidden=4)
    assert not explorer.ready
    assert "step_jacobian" in explorer.message


def test_a_wrong_shape_is_reported():
    explorer = GradientFlowExplorer(lambda h_t, W_h: np.zeros((2, 3)), hidden=4)
    assert not explorer.ready
    assert "shape" in explorer.message
