"""nbgrader settings for the course: only what differs from nbgrader's defaults.

nbgrader reads this file from the folder it is started in, so every command in
the Makefile and the tests runs from the repository root. The root itself is
taken from this file's location, so a checkout works wherever it lives.
"""
import os

c = get_config()  # noqa: F821 (injected by traitlets when nbgrader loads the file)

COURSE_ROOT = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.course_id = "rnn-lstm-hands-on"
c.CourseDirectory.root = COURSE_ROOT

# Instructor notebooks live in source/, student notebooks in release/.
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "release"

# The grading workspace stays inside autograder/ and out of git (.gitignore).
c.CourseDirectory.submitted_directory = os.path.join("autograder", "submitted")
c.CourseDirectory.autograded_directory = os.path.join("autograder", "autograded")
c.CourseDirectory.feedback_directory = os.path.join("autograder", "feedback")
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(COURSE_ROOT, "autograder", "gradebook.db")

# nbgrader's exchange, where release_assignment, submit, collect and
# release_feedback meet on a shared machine (deploy/hub/launch.py creates it
# and passes its path; nbgrader's own default otherwise).
c.Exchange.root = os.environ.get("COURSE_EXCHANGE_ROOT", "/srv/nbgrader/exchange")

# Only the notebook itself is an assignment file; data comes from data/.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "*.egg-info"]

# Per-cell limit while validating and autograding. Under grading every
# notebook trains on a small budget (course.runtime), so no cell needs long;
# nbgrader's default of 30 s is too tight for the first TensorFlow import on a
# busy 2-core machine.
c.Execute.timeout = int(os.environ.get("COURSE_CELL_TIMEOUT", "120"))

# A cell that prints megabytes keeps the output channel busy after it has
# finished; wait for it rather than abort the whole notebook (nbclient's 4 s
# default made nbgrader give up on a submission that printed 100 MB).
c.Execute.iopub_timeout = 30
c.Execute.raise_on_iopub_timeout = False

# Every grading kernel loads course.integrity, which restores NumPy, builtins
# and the course's check helpers before each cell, so a submission cannot
# rebind them to make wrong answers pass (grading/early_kernel.py starts
# kernels with the same arguments; a student's copy has course/ but no grading/).
from course.integrity import KERNEL_ARGUMENTS  # noqa: E402

c.Execute.extra_arguments = list(KERNEL_ARGUMENTS)

# While autograding, the code cells after a notebook's last graded cell do not run (no mark depends
# on them: grading/trailing_cells.py), and the notebook runs in the kernel started early, when there
# is one (grading/early_kernel.py); nbgrader's other preprocessors stay as they are, around them.
def _around_execute():
    from nbgrader.converters.autograde import Autograde

    steps = list(Autograde.class_traits()["autograde_preprocessors"].default())
    at = [getattr(step, "__name__", step) for step in steps].index("Execute")
    return (steps[:at] + ["grading.trailing_cells.LeaveOutTrailingCells", "grading.execute.Execute",
                          "grading.trailing_cells.PutBackTrailingCells"] + steps[at + 1:])


c.Autograde.autograde_preprocessors = _around_execute()

# Students see these stubs where the solutions were.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Due dates (UTC) and the late penalty: a share of the submission's points per
# started day late, at most max_penalty. The class grader writes the due dates
# into the gradebook and each late notebook's penalty (autograder/courseconfig.py),
# so the formgrader, `make export` and the feedback all show them. Lateness is
# counted from the exchange's timestamp (`nbgrader submit` writes it).
c.CourseDeadlines.due = {}   # e.g. {"01_rnn_unrolling": "2027-01-22 23:59:00 UTC"}
c.CourseDeadlines.penalty_per_day = 0.1
c.CourseDeadlines.max_penalty = 0.5
c.Execute.shutdown_kernel = "immediate"
