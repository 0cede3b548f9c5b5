"""Loaders for the datasets shipped in ``data/`` (nothing is downloaded).

``load_text(name)`` returns a corpus as one string; ``load_sentiment(name)``
returns ``(sentences, labels)``; ``load_series(name)`` returns ``(times, values)``;
``load_sequences(name, split)`` returns ``(sequences, labels)`` of variable length. Every file is checked against
``data/SHA256SUMS`` before it is parsed, so an edited or truncated file is
reported by name instead of silently changing a result. Where each file comes
from, and its licence, is in ``data/PROVENANCE.md``.
"""
import hashlib
import os
from pathlib import Path

import numpy as np

#: The folder the loaders read; ``COURSE_DATA_DIR`` overrides it.
DATA_DIR = Path(os.environ.get("COURSE_DATA_DIR", Path(__file__).resolve().parent.parent / "data"))

TEXTS = {
    "macbeth": "shakespeare/macbeth.txt",
    "tinyshakespeare": "shakespeare/tinyshakespeare.txt",
    "quijote": "cervantes/quijote.txt",
}

_UCI = "sentiment/uci-labelled-sentences/"
SENTIMENT = {
    "si650": ("label_first", ["sentiment/umich-si650-train.tsv"]),
    "uci-amazon": ("label_last", [_UCI + "amazon_cells_labelled.txt"]),
    "uci-imdb": ("label_last", [_UCI + "imdb_labelled.txt"]),
    "uci-yelp": ("label_last", [_UCI + "yelp_labelled.txt"]),
    "uci": ("label_last", [_UCI + f for f in
                           ("amazon_cells_labelled.txt", "imdb_labelled.txt", "yelp_labelled.txt")]),
    "rt-polarity": ("one_file_per_label", ["sentiment/rt-polarity/rt-polarity.neg",
                                           "sentiment/rt-polarity/rt-polarity.pos"]),
}


SERIES = {
    "electricity": "timeseries/taylor_electricity_demand.csv",
    "sunspots": "timeseries/sunspots_monthly.dat",
}


class DataFileError(ValueError):
    """A data file is missing, altered or not in the expected format."""


def _checksums(data_dir):
    manifest = Path(data_dir) / "SHA256SUMS"
    if not manifest.is_file():
        raise DataFileError(
            f"{manifest} is missing, so the data files cannot be verified. "
            "Restore it with `git checkout -- data/SHA256SUMS`."
        )
    sums = {}
    for line in manifest.read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, relpath = line.split(maxsplit=1)
            sums[relpath.strip()] = digest
    return sums


def data_path(relpath, verify=True, data_dir=None):
    """Absolute path of a shipped data file, checked to exist and, by default, unaltered."""
    data_dir = Path(data_dir or DATA_DIR)
    path = data_dir / relpath
    if not path.is_file():
        raise DataFileError(
            f"Data file {path} is missing. The course ships it in the repository: "
            f"restore it with `git checkout -- data/{relpath}` (nothing is downloaded)."
        )
    if verify:
        expected = _checksums(data_dir).get(relpath)
        if expected is None:
            raise DataFileError(f"{relpath} is not listed in {data_dir / 'SHA256SUMS'}.")
        actual = hashlib.sha256(path.read_bytes()).hexdigest()
        if actual != expected:
            raise DataFileError(
                f"Data file {path} does not match its checksum in data/SHA256SUMS: it was "
                f"edited or damaged. Restore it with `git checkout -- data/{relpath}`."
            )
    return path


def _read_utf8(path):
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise DataFileError(f"{path} is not valid UTF-8 (byte {err.start}).") from None


def load_text(name, verify=True):
    """A text corpus as one string.

    Names: ``"macbeth"`` (100,351 characters, the lecture's corpus),
    ``"tinyshakespeare"`` (1,115,394 characters) and ``"quijote"`` (Cervantes'
    *Don Quijote* in Spanish, 2,110,727 characters).
    """
    if name not in TEXTS:
        raise KeyError(f"Unknown text {name!r}; choose one of {sorted(TEXTS)}.")
    return _read_utf8(data_path(TEXTS[name], verify=verify))


def _parse_labelled_lines(path, label_first):
    """Parse ``label<TAB>sentence`` (or ``sentence<TAB>label``) lines."""
    sentences, labels = [], []
    # Split on "\n" only: some sentences contain U+0085, which str.splitlines()
    # would treat as a line break.
    for number, line in enumerate(_read_utf8(path).split("\n"), start=1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 2:
            raise DataFileError(
                f"{path}, line {number}: expected exactly one TAB between label and "
                f"sentence, found {len(fields) - 1}: {line[:60]!r}"
            )
        label, sentence = (fields[0], fields[1]) if label_first else (fields[1], fields[0])
        if label.strip() not in ("0", "1"):
            raise DataFileError(f"{path}, line {number}: the label should be 0 or 1, not {label!r}.")
        sentences.append(sentence.strip())
        labels.append(int(label))
    if not sentences:
        raise DataFileError(f"{path} contains no labelled sentences.")
    return sentences, labels


def load_sentiment(name, verify=True):
    """A labelled sentence set as ``(sentences, labels)``.

    Returns:
    - sentences: list of ``str``, surrounding white space removed
    - labels: int array of shape ``(len(sentences),)``, 1 positive, 0 negative

    Names: ``"si650"`` (7,086 lines, the lecture's set; many duplicates),
    ``"uci"`` (3,000 review sentences; also ``"uci-amazon"``, ``"uci-imdb"``,
    ``"uci-yelp"``), ``"rt-polarity"`` (10,662 movie-review snippets,
    negatives first).
    """
    if name not in SENTIMENT:
        raise KeyError(f"Unknown sentiment set {name!r}; choose one of {sorted(SENTIMENT)}.")
    layout, files = SENTIMENT[name]
    sentences, labels = [], []
    for label, relpath in enumerate(files):
        path = data_path(relpath, verify=verify)
        if layout == "one_file_per_label":
            lines = [s.strip() for s in _read_utf8(path).split("\n") if s.strip()]
            sentences += lines
            labels += [label] * len(lines)
        else:
            more_sentences, more_labels = _parse_labelled_lines(path, layout == "label_first")
            sentences += more_sentences
            labels += more_labels
    return sentences, np.asarray(labels, dtype=np.int64)


def _electricity(path):
    lines = _read_utf8(path).strip().split("\n")
    if lines[0].strip() != "timestamp,demand_mw":
        raise DataFileError(f"{path}: the header should be 'timestamp,demand_mw', not {lines[0][:40]!r}.")
    times, values = [], []
    for number, line in enumerate(lines[1:], start=2):
        fields = line.split(",")
        try:
            times.append(np.datetime64(fields[0], "m"))
            values.append(float(fields[1]))
        except (IndexError, ValueError):
            raise DataFileError(f"{path}, line {number}: expected 'timestamp,demand', got {line[:60]!r}.") from None
    return np.array(times), np.array(values)


def _sunspots(path):
    """The fixed-width NOAA table: a year, then twelve monthly means; only complete years are read."""
    times, values = [], []
    for line in _read_utf8(path).split("\n"):
        fields = line.split()
        if len(fields) == 13 and fields[0].isdigit():
            year = int(fields[0])
            for month, value in enumerate(fields[1:], start=1):
                times.append(np.datetime64(f"{year:04d}-{month:02d}", "M"))
                values.append(float(value))
    if not values:
        raise DataFileError(f"{path} holds no complete year of monthly values.")
    return np.array(times), np.array(values)


def load_series(name, verify=True):
    """A time series as ``(times, values)``, both of shape ``(T,)``.

    Names: ``"electricity"`` (half-hourly demand of England and Wales in MW,
    Monday 2000-06-05 to Sunday 2000-08-27: 4,032 values, 12 weeks of 336;
    ``times`` are ``datetime64[m]``) and ``"sunspots"`` (monthly mean sunspot
    numbers, January 1749 to December 2008: 3,120 values; ``datetime64[M]``).
    """
    if name not in SERIES:
        raise KeyError(f"Unknown series {name!r}; choose one of {sorted(SERIES)}.")
    path = data_path(SERIES[name], verify=verify)
    return (_electricity if name == "electricity" else _sunspots)(path)


SEQUENCES = {
    "japanese_vowels": {"train": "sequences/JapaneseVowels_TRAIN.ts", "test": "sequences/JapaneseVowels_TEST.ts"},
}


def _ts_cases(path):
    """The cases of an sktime/aeon ``.ts`` file: ``(T, D)`` float arrays and their integer labels."""
    sequences, labels, in_data = [], [], False
    for number, line in enumerate(_read_utf8(path).split("\n"), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not in_data:
            in_data = line.lower() == "@data"
            continue
        *dimensions, label = line.split(":")
        try:
            frames = np.array([[float(v) for v in d.split(",")] for d in dimensions]).T
        except ValueError:
            raise DataFileError(f"{path}, line {number}: dimensions of different lengths or a value that is "
                                "not a number.") from None
        sequences.append(frames)
        labels.append(int(label))
    if not sequences:
        raise DataFileError(f"{path} holds no case after its @data line.")
    return sequences, np.asarray(labels, dtype=np.int64)


def load_sequences(name, split="train", verify=True):
    """A set of variable-length multivariate sequences as ``(sequences, labels)``.

    Returns:
    - sequences: list of float arrays, the i-th of shape ``(T_i, D)``
    - labels: int array of shape ``(len(sequences),)``, classes counted from 0

    Names: ``"japanese_vowels"`` (Kudo et al., 1999): 9 speakers saying /ae/,
    12 LPC cepstrum coefficients per frame, 7 to 29 frames; ``split`` is
    ``"train"`` (270 utterances, 30 per speaker) or ``"test"`` (370).
    Labels are the speakers 1..9 of the file, minus one.
    """
    if name not in SEQUENCES:
        raise KeyError(f"Unknown sequence set {name!r}; choose one of {sorted(SEQUENCES)}.")
    if split not in SEQUENCES[name]:
        raise KeyError(f"Unknown split {split!r} of {name}; choose one of {sorted(SEQUENCES[name])}.")
    sequences, labels = _ts_cases(data_path(SEQUENCES[name][split], verify=verify))
    return sequences, labels - labels.min() if name == "japanese_vowels" else labels
