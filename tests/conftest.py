"""Shared fixtures: the repository root on sys.path and the list of assignments."""
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from course import exercises  # noqa: E402

#: Every assignment with an exercise registry, in course order (COURSE.md fixes the names).
ALL_ASSIGNMENTS = exercises.assignments()
#: Those that exist in source/ now; every test below runs for each of them
#: (tests/test_contract.py checks that each has a registry).
ASSIGNMENTS = sorted(p.parent.name for p in (ROOT / "source").glob("*/*.ipynb") if p.stem == p.parent.name)


def per_assignment(**kwargs):
    """Parametrize over the existing assignments.

    ``make test`` distributes whole test files over its workers
    (``--dist loadfile``), so the expensive per-assignment fixtures of one file
    are computed once, in one process.
    """
    return pytest.mark.parametrize("assignment", [pytest.param(a, id=a) for a in ASSIGNMENTS], **kwargs)
