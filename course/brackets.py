"""A synthetic text task whose solution needs a counter: bracket depth.

Used in 04 (to train a small LSTM whose units become readable with the gate
explorer) and in 05 (GRU against LSTM on the same task). A text is a random
string of letters, spaces and round brackets, always well nested; the target
at every position is the bracket depth *after* reading that character::

    text   a(b(c)d)e
    depth  011221100

A model sees one character at a time, so it must count opening brackets
minus closing ones: a cell state that adds +1 and -1 is the natural answer.
Nothing here is an answer to a graded exercise.
"""
import numpy as np

#: The characters that occur, in a fixed order (index = one-hot position).
ALPHABET = " ()abcde"
CHAR_INDEX = {ch: i for i, ch in enumerate(ALPHABET)}
_LETTERS = [ch for ch in ALPHABET if ch.isalpha()] + [" "]


def bracket_text(length, rng, max_depth=4, p_open=0.18, p_close=0.16):
    """One random well-nested text and its depth after every character.

    Inputs:
    - length: number of characters T
    - rng: a ``numpy.random.Generator``
    - max_depth: brackets never nest deeper than this
    - p_open, p_close: probability of trying to open / close at each position
      (an opening bracket at ``max_depth`` or a closing one at depth 0 becomes a letter)

    Returns:
    - text: str of length T
    - depth: int array (T,), the depth after each character
    """
    chars, depth, depths = [], 0, []
    for _ in range(length):
        u = rng.random()
        if u < p_open and depth < max_depth:
            chars.append("(")
            depth += 1
        elif p_open <= u < p_open + p_close and depth > 0:
            chars.append(")")
            depth -= 1
        else:
            chars.append(_LETTERS[int(rng.integers(len(_LETTERS)))])
        depths.append(depth)
    return "".join(chars), np.array(depths, dtype=np.int64)


def one_hot(text):
    """One-hot encode a text over ``ALPHABET``: float32 array (T, V)."""
    X = np.zeros((len(text), len(ALPHABET)), dtype=np.float32)
    X[np.arange(len(text)), [CHAR_INDEX[ch] for ch in text]] = 1.0
    return X


def bracket_dataset(n, length, seed=0, max_depth=4):
    """``n`` texts of ``length`` characters, one-hot, with their depths.

    Returns:
    - texts: list of n str
    - X: float32 array (N, T, V), V = len(ALPHABET)
    - y: int array (N, T), the depth after each character (0 .. max_depth)
    """
    rng = np.random.default_rng(seed)
    texts, depths = [], []
    for _ in range(n):
        text, depth = bracket_text(length, rng, max_depth=max_depth)
        texts.append(text)
        depths.append(depth)
    X = np.stack([one_hot(t) for t in texts]) if texts else np.zeros((0, length, len(ALPHABET)), np.float32)
    y = np.stack(depths) if depths else np.zeros((0, length), np.int64)
    return texts, X, y
