"""The record file of a grading job: what the student's functions gave on each case, for the verifier.

Under the class grader (``autograder/worker.py``) the environment variable
``COURSE_RECORD`` names a file in the job's private folder. Every check a test
cell runs appends one JSON line per case to it::

    {"assignment": ..., "grade_id": ..., "kind": "visible" | "hidden", "index": 0,
     "label": "...", "record": <encoded record>}         # or "error": "TypeError: ..."

After ``nbgrader autograde``, ``autograder/verifier.py`` judges these lines
against the stored cases in a process that never runs student code. A line is
only a claim: a submission may rewrite or forge the file, but a forged line
earns a mark only if it holds the right answer to a hidden case, and the
kernel never has the hidden expected values (the job's ``grading/`` is
stripped of them). Without ``COURSE_RECORD`` (a notebook in JupyterLab, plain
``nbgrader autograde``) nothing is written.
"""
import json
import os

from . import values

ENVIRONMENT = "COURSE_RECORD"
#: Read once, when the kernel imports the course (before any student cell).
PATH = os.environ.get(ENVIRONMENT) or None


def active():
    """Whether this process records for a verifier (the class grader set ``COURSE_RECORD``)."""
    return PATH is not None


def write(assignment, grade_id, kind, index, label, record=None, error=None):
    """Append one case's record (or the error its call raised) to the job's record file."""
    if PATH is None:
        return
    entry = {"assignment": assignment, "grade_id": grade_id, "kind": kind, "index": int(index), "label": label}
    if error is not None:
        entry["error"] = str(error)[:2000]
    else:
        entry["record"] = values.encode(record)
    with open(PATH, "a", encoding="utf-8") as out:
        out.write(json.dumps(entry) + "\n")
