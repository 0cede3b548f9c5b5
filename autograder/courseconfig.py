"""What the class grader reads from a course's ``nbgrader_config.py``: the gradebook URL and the deadlines.

``nbgrader_config.py`` stays the one place these are set, for nbgrader and
for our scripts alike:

- ``c.CourseDirectory.db_url``: the gradebook. SQLite
  (``sqlite:///.../autograder/gradebook.db``) by default; a PostgreSQL URL
  (``postgresql+psycopg://user@host:port/db``) for several graders sharing one;
- ``c.CourseDeadlines.due``: ``{assignment: "YYYY-MM-DD HH:MM:SS UTC"}``,
  and ``c.CourseDeadlines.penalty_per_day`` / ``max_penalty``: the late
  penalty, a share of the submission's points per started day late, at most
  ``max_penalty``. nbgrader keeps an assignment's due date in the gradebook
  and a notebook's late penalty in points (``late_submission_penalty``); the
  class grader writes both there (``apply_deadlines``), so the formgrader and
  ``nbgrader export`` show them too.
"""
import math
from pathlib import Path

from traitlets import Dict, Float, Unicode
from traitlets.config import Configurable
from traitlets.config.loader import PyFileConfigLoader


class CourseDeadlines(Configurable):
    """Due dates and the late penalty (set in nbgrader_config.py as ``c.CourseDeadlines...``)."""

    due = Dict(value_trait=Unicode(), help="assignment -> due date, e.g. '2027-01-22 23:59:00 UTC'").tag(config=True)
    penalty_per_day = Float(0.0, help="share of the points lost per started day late (0.1: 10 %)").tag(config=True)
    max_penalty = Float(1.0, help="the largest share of the points a late penalty takes").tag(config=True)

    def due_date(self, assignment):
        """The due date of an assignment as an aware UTC datetime, or ``None``."""
        from nbgrader.utils import parse_utc

        text = self.due.get(assignment)
        if not text:
            return None
        try:
            return parse_utc(text)
        except (ValueError, OverflowError) as err:
            raise ValueError(f"nbgrader_config.py: c.CourseDeadlines.due[{assignment!r}] = {text!r} "
                             f"is not a date ({err}); write e.g. '2027-01-22 23:59:00 UTC'") from None

    def penalty(self, score, seconds_late):
        """Points taken from ``score`` for a submission ``seconds_late`` seconds after the due date."""
        if seconds_late <= 0 or score <= 0:
            return 0.0
        days = math.ceil(seconds_late / 86400)
        return round(min(self.max_penalty, self.penalty_per_day * days) * score, 4)


def load(root):
    """The traitlets config of ``root/nbgrader_config.py``."""
    root = Path(root)
    if not (root / "nbgrader_config.py").is_file():
        raise FileNotFoundError(f"{root} has no nbgrader_config.py")
    return PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()


def db_url(root):
    """The gradebook URL the course configures (SQLite in ``autograder/`` when it sets none)."""
    url = load(root).CourseDirectory.get("db_url")
    return url or "sqlite:///" + str(Path(root).resolve() / "autograder" / "gradebook.db")


def deadlines(root):
    return CourseDeadlines(config=load(root))


def apply_deadlines(gradebook, assignment, submission, deadlines):
    """Write the due date and this submission's late penalty (per notebook, in points) into the gradebook.

    ``submission`` is nbgrader's ``SubmittedAssignment``; its ``timestamp`` is
    when the exchange received it. Without a due date or a timestamp nothing
    is late and any penalty is cleared.
    """
    due = deadlines.due_date(assignment)
    stored = gradebook.find_assignment(assignment)
    if due is not None and stored.duedate != due.replace(tzinfo=None):
        stored.duedate = due.replace(tzinfo=None)   # nbgrader stores naive UTC
    late = submission.total_seconds_late if due is not None else 0
    for notebook in submission.notebooks:
        penalty = deadlines.penalty(notebook.score, late)
        notebook.late_submission_penalty = penalty or None
