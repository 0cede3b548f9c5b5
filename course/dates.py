"""Human-readable dates and their ISO form, generated offline with ``babel`` (notebook 09).

Each example is a calendar date written in one of several human formats, in
English (US and UK), German or French, lowercased: ``"tuesday, march 9, 2021"``,
``"9. märz 2021"``, ``"09.03.21"``, paired with ``"2021-03-09"``. The formats
are the locales' own CLDR patterns (``short`` to ``full``, as pinned by the
babel version in requirements.txt) plus a few common abbreviations.

Years run from 1950 to 2049, so a two-digit year is never ambiguous: ``50``
to ``99`` are 1950-1999 and ``00`` to ``49`` are 2000-2049. The held-out
dates are drawn first, with a fixed seed, and never occur in training in any
format.

Tokens. Inputs are characters: id 0 is padding, id 1 an unknown character,
then ``INPUT_CHARS``. Outputs are ``OUTPUT_TOKENS``: padding 0, ``<start>`` 1,
``<end>`` 2, then the ten digits and ``-``; a target is the ten characters of
the ISO date followed by ``<end>``.
"""
import datetime

import numpy as np

#: (locale, babel pattern) of every human format. Numeric formats are chosen so that none can be read
#: two ways: month first only in en_US's ``M/d/yy``; day first with a four-digit year or with dots.
FORMATS = (
    ("en_US", "M/d/yy"), ("en_US", "MMM d, y"), ("en_US", "MMMM d, y"), ("en_US", "EEEE, MMMM d, y"),
    ("en_US", "EEE, MMM d, y"),
    ("en_GB", "dd/MM/y"), ("en_GB", "d MMM y"), ("en_GB", "d MMMM y"), ("en_GB", "EEEE, d MMMM y"),
    ("de_DE", "dd.MM.yy"), ("de_DE", "dd.MM.y"), ("de_DE", "d. MMMM y"), ("de_DE", "EEEE, d. MMMM y"),
    ("de_DE", "d. MMM y"),
    ("fr_FR", "d MMM y"), ("fr_FR", "d MMMM y"), ("fr_FR", "EEEE d MMMM y"),
)
FIRST_YEAR, LAST_YEAR = 1950, 2049

PAD, UNK = 0, 1
START, END = 1, 2
OUTPUT_TOKENS = ("<pad>", "<start>", "<end>") + tuple("0123456789-")
#: The length of every target: ten ISO characters and <end>.
TARGET_LEN = 11


def human(date, locale, pattern):
    """``date`` written with a babel ``pattern`` in ``locale``, lowercased."""
    from babel.dates import format_date

    return format_date(date, pattern, locale=locale).lower()


def all_dates():
    """Every calendar date from FIRST_YEAR-01-01 to LAST_YEAR-12-31."""
    first, last = datetime.date(FIRST_YEAR, 1, 1), datetime.date(LAST_YEAR, 12, 31)
    return [first + datetime.timedelta(days=k) for k in range((last - first).days + 1)]


def _alphabet():
    """Every character any format can produce: all month and weekday names, the digits, the separators."""
    days = [datetime.date(2021, 1, 1) + datetime.timedelta(days=k) for k in range(365)]
    chars = set("0123456789")
    for locale, pattern in FORMATS:
        for day in days:
            chars.update(human(day, locale, pattern))
    return "".join(sorted(chars))


INPUT_CHARS = _alphabet()
#: Size of the input vocabulary (padding, unknown, then INPUT_CHARS).
INPUT_VOCAB = len(INPUT_CHARS) + 2
OUTPUT_VOCAB = len(OUTPUT_TOKENS)
_INPUT_ID = {c: k + 2 for k, c in enumerate(INPUT_CHARS)}
_OUTPUT_ID = {c: k for k, c in enumerate(OUTPUT_TOKENS)}


def make_pairs(n_train, n_test, seed=0, formats=FORMATS):
    """``{"train": (texts, isos), "test": (texts, isos)}``: human dates paired with their ISO form.

    ``n_test`` distinct dates are held out first (seeded); the training pairs
    are drawn from the other dates, each with a random format. A text can
    only ever mean one date (checked).
    """
    rng = np.random.default_rng(seed)
    dates = all_dates()
    order = rng.permutation(len(dates))
    held_out, rest = order[:n_test], order[n_test:]
    out, meaning = {}, {}
    for split, pool, n in (("test", held_out, n_test), ("train", rest, n_train)):
        picked = pool[:n] if split == "test" else rng.choice(pool, size=n, replace=True)
        styles = rng.integers(len(formats), size=n)
        texts, isos = [], []
        for index, style in zip(picked, styles):
            date = dates[index]
            text, iso = human(date, *formats[style]), date.isoformat()
            if meaning.setdefault(text, iso) != iso:
                raise ValueError(f"{text!r} can mean {meaning[text]} and {iso}: two formats are ambiguous")
            texts.append(text)
            isos.append(iso)
        out[split] = (texts, isos)
    return out


def encode_inputs(texts, length=None):
    """Character ids ``(N, length)``, each text followed by padding (0) up to ``length``.

    ``length`` defaults to the longest text; a longer text is an error, not truncated.
    """
    rows = [[_INPUT_ID.get(c, UNK) for c in text.lower()] for text in texts]
    longest = max((len(r) for r in rows), default=0)
    length = longest if length is None else length
    if longest > length:
        raise ValueError(f"a text of {longest} characters does not fit in {length}")
    ids = np.zeros((len(rows), length), dtype=np.int32)
    for k, row in enumerate(rows):
        ids[k, :len(row)] = row
    return ids


def encode_targets(isos):
    """Output ids ``(N, TARGET_LEN)``: the ISO characters, then <end>."""
    return np.array([[_OUTPUT_ID[c] for c in iso] + [END] for iso in isos], dtype=np.int32)


def decode_output(ids):
    """The text of output ids, up to the first <end> (padding and <start> are skipped)."""
    chars = []
    for token in ids:
        token = int(token)
        if token == END:
            break
        if token > END:
            chars.append(OUTPUT_TOKENS[token])
    return "".join(chars)


def input_tokens(text):
    """The characters the encoder reads for ``text`` (lowercased), for axis labels."""
    return list(text.lower())
