"""The temperature explorer of notebook 06, driven without a browser."""
import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402

from course.widgets.sampling import TemperatureExplorer  # noqa: E402

ALPHABET = list("abcde")
PROBS = np.array([0.5, 0.25, 0.15, 0.07, 0.03])


def reference_sampler(probs, temperature, rng):
    """A correct sampler for the test (the package itself holds none)."""
    if temperature == 0:
        return int(np.argmax(probs))
    logits = np.log(probs) / temperature
    weights = np.exp(logits - logits.max())
    return int(rng.choice(len(probs), p=weights / weights.sum()))


def next_probs(text):
    """A fixed 'model': the same distribution whatever the text."""
    return PROBS


def stub(probs, temperature, rng):
    raise NotImplementedError()


def make(**kwargs):
    return TemperatureExplorer(reference_sampler, next_probs, ALPHABET, "seed", length=40, draws=500, **kwargs)


def test_temperature_zero_is_argmax_and_deterministic():
    explorer = make()
    explorer.temperature.value = 0.0
    assert explorer.ready, explorer.message
    assert explorer.data["generated"] == "a" * 40
    np.testing.assert_allclose(explorer.data["frequencies"], [1, 0, 0, 0, 0])
    assert explorer.data["entropy"] == 0.0
    explorer.rng_seed.value = 5
    assert explorer.data["generated"] == "a" * 40


def test_higher_temperature_raises_the_entropy_shown():
    explorer = make()
    entropies = []
    for temperature in (0.0, 0.3, 1.0, 2.0):
        explorer.temperature.value = temperature
        assert explorer.data["temperature"] == temperature
        entropies.append(explorer.data["entropy"])
    assert entropies == sorted(entropies) and entropies[-1] > entropies[1] > entropies[0], entropies
    # at T = 1 the frequencies follow the model's own distribution
    explorer.temperature.value = 1.0
    np.testing.assert_allclose(explorer.data["frequencies"], PROBS, atol=0.06)


def test_controls_change_the_text():
    explorer = make(temperature=1.0)
    first = explorer.data["generated"]
    explorer.rng_seed.value = 1
    assert explorer.data["generated"] != first
    explorer.length.value = 60
    assert len(explorer.data["generated"]) == 60
    explorer.seed_text.value = "other seed"
    assert explorer.data["seed_text"] == "other seed"


def test_a_stub_shows_a_note():
    explorer = TemperatureExplorer(stub, next_probs, ALPHABET, "seed", length=20, draws=10)
    assert not explorer.ready
    assert "sample_next" in explorer.message


def test_an_index_out_of_range_is_reported():
    explorer = TemperatureExplorer(lambda p, t, r: 99, next_probs, ALPHABET, "seed", length=20, draws=10)
    assert not explorer.ready
    assert "outside" in explorer.message
