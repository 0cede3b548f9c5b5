"""Shared fixtures: the repository root on sys.path and the list of assignments."""
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: The seven assignments, in course order (COURSE.md fixes the names).
ALL_ASSIGNMENTS = [
    "01_rnn_unrolling", "02_bptt", "03_vanishing_gradients", "04_lstm_gates",
    "05_gru", "06_keras_char_rnn", "07_sentiment_lstm",
]
#: Those that exist in source/ now; every test below runs for each of them.
ASSIGNMENTS = [a for a in ALL_ASSIGNMENTS if (ROOT / "source" / a / f"{a}.ipynb").is_file()]


def per_assignment(**kwargs):
    """Parametrize over the existing assignments.

    ``make test`` distributes whole test files over its workers
    (``--dist loadfile``), so the expensive per-assignment fixtures of one file
    are computed once, in one process.
    """
    return pytest.mark.parametrize("assignment", [pytest.param(a, id=a) for a in ASSIGNMENTS], **kwargs)
