"""course.data: sizes from data/PROVENANCE.md, and clear errors for bad files."""
import shutil

import numpy as np
import pytest

from course import data


def test_texts_have_the_documented_lengths():
    assert len(data.load_text("macbeth")) == 100_351
    tiny = data.load_text("tinyshakespeare")
    assert len(tiny) == 1_115_394 and len(set(tiny)) == 65


@pytest.mark.parametrize("name, size, positives", [
    ("si650", 7_086, 3_995), ("uci", 3_000, 1_500), ("uci-imdb", 1_000, 500),
    ("uci-amazon", 1_000, 500), ("uci-yelp", 1_000, 500), ("rt-polarity", 10_662, 5_331),
])
def test_sentiment_sets_have_the_documented_sizes(name, size, positives):
    sentences, labels = data.load_sentiment(name)
    assert len(sentences) == size == labels.shape[0]
    assert int(labels.sum()) == positives
    assert labels.dtype == np.int64 and set(np.unique(labels)) <= {0, 1}
    assert all(isinstance(s, str) and s == s.strip() and s for s in sentences)


def test_si650_first_line():
    sentences, labels = data.load_sentiment("si650")
    assert (sentences[0], labels[0]) == ("The Da Vinci Code book is just awesome.", 1)


def test_unknown_names_list_the_choices():
    with pytest.raises(KeyError, match="macbeth"):
        data.load_text("hamlet")
    with pytest.raises(KeyError, match="si650"):
        data.load_sentiment("imdb-full")


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    copy = tmp_path / "data"
    shutil.copytree(data.DATA_DIR, copy)
    monkeypatch.setattr(data, "DATA_DIR", copy)
    return copy


def test_a_missing_file_is_named_with_how_to_restore_it(data_copy):
    (data_copy / "shakespeare" / "macbeth.txt").unlink()
    with pytest.raises(data.DataFileError, match=r"macbeth\.txt is missing.*git checkout"):
        data.load_text("macbeth")


def test_an_edited_file_fails_its_checksum(data_copy):
    path = data_copy / "sentiment" / "umich-si650-train.tsv"
    path.write_text(path.read_text(encoding="utf-8").replace("awesome", "awful", 1), encoding="utf-8")
    with pytest.raises(data.DataFileError, match="does not match its checksum"):
        data.load_sentiment("si650")


def test_a_malformed_line_is_reported_with_its_number(data_copy):
    path = data_copy / "sentiment" / "umich-si650-train.tsv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[4] = "this line has no tab"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(data.DataFileError, match=r"line 5: expected exactly one TAB"):
        data.load_sentiment("si650", verify=False)
    lines[4] = "2\tlabel two"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(data.DataFileError, match=r"line 5: the label should be 0 or 1"):
        data.load_sentiment("si650", verify=False)


def test_the_imdb_file_is_split_on_newlines_only():
    """U+0085 inside imdb sentences must not split them (str.splitlines would give 1,002)."""
    sentences, _ = data.load_sentiment("uci-imdb")
    assert any("\x85" in s for s in sentences)


def test_series_load_with_their_times():
    times, demand = data.load_series("electricity")
    assert demand.shape == times.shape == (4032,)
    assert str(times[0]) == "2000-06-05T00:00" and str(times[-1]) == "2000-08-27T23:30"
    assert (np.diff(times) == np.timedelta64(30, "m")).all(), "the demand series is half-hourly without gaps"
    assert 15_000 < demand.min() < demand.max() < 50_000, "demand in MW"
    months, spots = data.load_series("sunspots")
    assert spots.shape == (3120,) and str(months[0]) == "1749-01" and str(months[-1]) == "2008-12"
    assert spots.min() >= 0


def test_an_unknown_series_is_named():
    with pytest.raises(KeyError, match="electricity"):
        data.load_series("stocks")


@pytest.mark.parametrize("split, size, per_speaker", [("train", 270, {30}), ("test", 370, None)])
def test_japanese_vowels_have_the_documented_sizes(split, size, per_speaker):
    sequences, labels = data.load_sequences("japanese_vowels", split)
    assert len(sequences) == size == labels.shape[0] and labels.dtype == np.int64
    assert set(np.unique(labels)) == set(range(9)), "9 speakers, labels 0..8"
    lengths = [len(s) for s in sequences]
    assert (min(lengths), max(lengths)) == {"train": (7, 26), "test": (7, 29)}[split], "7 to 29 frames"
    assert all(s.shape[1] == 12 and s.dtype == float and np.isfinite(s).all() for s in sequences)
    if per_speaker:
        assert set(np.bincount(labels)) == per_speaker


def test_quijote_is_spanish_text():
    text = data.load_text("quijote")
    assert text.startswith("El ingenioso hidalgo don Quijote de la Mancha") and "ñ" in text
    with pytest.raises(KeyError, match="japanese_vowels"):
        data.load_sequences("arabic_digits")
