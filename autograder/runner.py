"""Run the real nbgrader command line in a course folder and read the gradebook.

The tests and the grading scripts use these functions so that every grade the
project reports comes from ``nbgrader generate_assignment`` and ``nbgrader
autograde`` themselves, not from a re-implementation.
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent


def tool_env(extra=None):
    """Environment for nbgrader: this interpreter's bin first on PATH.

    nbgrader shells out to ``alembic`` the first time it creates a gradebook;
    without the venv's bin on PATH that fails with "No such file or directory".
    """
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env.setdefault("PYTHONUNBUFFERED", "1")
    env.update(extra or {})
    return env


#: ``python *NBGRADER_ARGS ARGS`` is ``nbgrader ARGS``, seconds sooner (grading/nbgrader_command.py says how).
NBGRADER_ARGS = ["-m", "grading.nbgrader_command"]


def nbgrader(root, *args, check=True, timeout=None):
    """Run ``nbgrader ARGS`` in ``root`` (where its nbgrader_config.py is)."""
    result = subprocess.run(
        [sys.executable, *NBGRADER_ARGS, *args],
        cwd=root, env=tool_env(), capture_output=True, text=True, timeout=timeout,
    )
    if check and result.returncode != 0:
        raise RuntimeError(
            f"nbgrader {' '.join(args)} failed in {root} (exit {result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    return result


#: What a course root holds besides its notebooks and config: the helper package, the hidden
#: cases and the data. The class grader copies them into every job.
COURSE_PACKAGES = ("course", "grading", "data")


def copy_course_packages(folder, root=ROOT):
    """Put copies of ``course/``, ``grading/`` and ``data/`` (and the config) into a course folder."""
    folder = Path(folder)
    for name in COURSE_PACKAGES:
        shutil.copytree(Path(root) / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(Path(root) / "nbgrader_config.py", folder / "nbgrader_config.py")
    return folder


def make_course(folder, assignments, root=ROOT):
    """A throw-away course folder holding the config and these assignments' sources."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(root / "nbgrader_config.py", folder / "nbgrader_config.py")
    for assignment in assignments:
        shutil.copytree(root / "source" / assignment, folder / "source" / assignment,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    (folder / "autograder").mkdir(exist_ok=True)
    return folder


def generate(root, assignment):
    """``nbgrader generate_assignment`` (forced, so an existing release is rewritten)."""
    return nbgrader(root, "generate_assignment", assignment, "--force")


def submit(root, assignment, student, notebook):
    """Place a notebook where nbgrader looks for a student's submission."""
    folder = Path(root) / "autograder" / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{assignment}.ipynb"
    if isinstance(notebook, (str, Path)):
        shutil.copy(notebook, path)
    else:
        nbformat.write(notebook, str(path))
    return path


def autograde(root, assignment, students=None, check=False, timeout=None):
    """``nbgrader autograde`` for an assignment (all submitted students, or those named)."""
    args = ["autograde", assignment, "--force"]
    for student in students or []:
        args += ["--student", student]
    return nbgrader(root, *args, check=check, timeout=timeout)


def scores(root, assignment):
    """``{student: {grade_id: (score, max_score, needs_manual_grade)}}`` from the gradebook."""
    return {
        student: {name: (row["score"], row["max_score"], row["needs_manual_grade"]) for name, row in rows.items()}
        for student, rows in grade_rows(root, assignment).items()
    }


def grade_rows(root, assignment):
    """``{student: {grade_id: {...}}}`` with nbgrader's raw fields for each grade.

    Each entry holds ``score``, ``max_score``, ``auto_score``, ``needs_manual_grade``
    and ``cell_type`` (``code`` for tests, ``markdown`` for written answers), so a
    grade can be copied into another gradebook exactly as nbgrader computed it.
    """
    from nbgrader.api import Gradebook, MissingEntry

    db_url = "sqlite:///" + str(Path(root) / "autograder" / "gradebook.db")
    result = {}
    with Gradebook(db_url) as gradebook:
        try:
            submissions = gradebook.assignment_submissions(assignment)
        except MissingEntry:
            return result
        for submission in submissions:
            rows = {}
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    rows[grade.name] = {
                        "score": float(grade.score),
                        "max_score": float(grade.max_score),
                        "auto_score": None if grade.auto_score is None else float(grade.auto_score),
                        "needs_manual_grade": bool(grade.needs_manual_grade),
                        "cell_type": grade.cell.cell_type,
                    }
            result[submission.student.id] = rows
    return result
