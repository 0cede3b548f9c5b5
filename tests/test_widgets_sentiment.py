"""The "type a sentence" predictor of notebook 07, driven without a browser."""
import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402

from course.widgets.sentiment import SentencePredictor  # noqa: E402

POSITIVE, NEGATIVE = {"love", "great"}, {"hate", "boring"}


def tokenize(text):
    return text.lower().replace(".", " .").split()


def predict(token_lists):
    """A transparent 'model': a logistic function of (#positive - #negative words)."""
    scores = [sum(w in POSITIVE for w in t) - sum(w in NEGATIVE for w in t) for t in token_lists]
    return 1 / (1 + np.exp(-2.0 * np.array(scores, dtype=float)))


def test_typing_a_sentence_updates_probability_and_influence():
    explorer = SentencePredictor(predict, tokenize, text="I love it.")
    assert explorer.ready, explorer.message
    assert explorer.data["tokens"] == ["i", "love", "it", "."]
    assert explorer.data["probability"] > 0.8
    influence = dict(zip(explorer.data["tokens"], explorer.data["influence"]))
    assert influence["love"] > 0.3 and abs(influence["it"]) < 1e-12

    explorer.text.value = "I hate this boring film."
    assert explorer.data["tokens"][1] == "hate"
    assert explorer.data["probability"] < 0.05
    influence = dict(zip(explorer.data["tokens"], explorer.data["influence"]))
    assert influence["hate"] < 0 and influence["boring"] < 0
    assert influence["film"] == 0


def test_predict_fn_may_return_a_column():
    explorer = SentencePredictor(lambda t: predict(t)[:, None], tokenize, text="great")
    assert explorer.ready, explorer.message
    assert explorer.data["influence"].shape == (1,)


def test_empty_sentence_and_errors():
    explorer = SentencePredictor(predict, tokenize, text="")
    assert explorer.ready and explorer.data["tokens"] == []
    broken = SentencePredictor(lambda t: [0.5], tokenize, text="two words")
    assert not broken.ready and "returned 1 probabilities for 3 sentences" in broken.message


def test_a_stub_shows_a_note():
    def stub(_):
        raise NotImplementedError()
    explorer = SentencePredictor(stub, tokenize, text="hello")
    assert not explorer.ready and "first" in explorer.message
