"""Feedback pages from the gradebook, manual grades included: ``make feedback``.

    python -m autograder.feedback_pages [-a ASSIGNMENT ...] [-s STUDENT ...] [--release] [--root ROOT]

After the instructor has graded written answers (and perhaps overridden a
test's score or left comments) in the formgrader, this rebuilds
``autograder/feedback/<student>/<assignment>/<assignment>.html`` from the
gradebook: every test's points and failure message (read from the autograded
notebook, as ``autograder.feedback`` does: never test code), the written
answers' scores and comments, the late penalty (recomputed from the score
as it is now) and the total. ``make autograde`` writes the same pages
through ``write_page``.

The page goes where ``nbgrader release_feedback`` looks for it (nbgrader's
``feedback_directory``), next to the ``timestamp.txt`` and
``submission_secret.txt`` that ``nbgrader collect`` brought with the
submission: release_feedback names the published file after that secret, so
only the student who submitted can fetch it. ``--release`` runs
``nbgrader release_feedback`` for every submission that came through the
exchange (the ones with a secret).
"""
import argparse
import shutil
import sys
import warnings

import nbformat

from . import courseconfig, feedback, runner

#: Files of a collected submission that release_feedback reads from the feedback folder.
EXCHANGE_FILES = ("timestamp.txt", "submission_secret.txt")


def gradebook_view(gradebook, student, assignment):
    """``(grades, comments, late)`` of one submission as the gradebook holds it now.

    ``grades``: ``{grade_id: {score, max_score, needs_manual_grade, cell_type}}``,
    where ``score`` is the manual score when the instructor gave one;
    ``comments``: ``{grade_id: text}`` (only non-empty ones);
    ``late``: ``{"seconds", "penalty"}`` or ``None``.
    """
    submission = gradebook.find_submission(assignment, student)
    grades, comments, penalty = {}, {}, 0.0
    for notebook in submission.notebooks:
        penalty += notebook.late_submission_penalty or 0.0
        for grade in notebook.grades:
            grades[grade.name] = {
                "score": float(grade.score), "max_score": float(grade.max_score),
                "needs_manual_grade": bool(grade.needs_manual_grade), "cell_type": grade.cell.cell_type,
            }
        for comment in notebook.comments:
            text = (comment.comment or "").strip()
            if text:
                comments[comment.name] = text
    late = {"seconds": submission.total_seconds_late, "penalty": penalty} if penalty else None
    return grades, comments, late


def write_page(paths, student, assignment, notes, graded=True):
    """Write one student's feedback page (and the exchange files release_feedback needs); return its path.

    ``graded=False`` (the submission could not be graded this time): the page
    shows the notes only, not the tests of an older autograded copy.
    """
    from nbgrader.api import Gradebook, MissingEntry

    rows, comments, late = [], {}, None
    with Gradebook(paths.db_url) as gradebook, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            # the late penalty is a share of the score, which manual grading may have changed
            courseconfig.apply_deadlines(gradebook, assignment, gradebook.find_submission(assignment, student),
                                         courseconfig.deadlines(paths.root))
            gradebook.db.commit()
            grades, comments, late = gradebook_view(gradebook, student, assignment)
        except MissingEntry:
            grades = None
    graded_nb = paths.autograded / student / assignment / f"{assignment}.ipynb"
    if graded and grades is not None and graded_nb.is_file():
        notebook = nbformat.read(str(graded_nb), as_version=4)
        rows = feedback.result_rows(notebook, grades, comments)
        shown = {r["grade_id"] for r in rows}
        comments = {k: v for k, v in comments.items() if k not in shown}
    folder = paths.feedback / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / f"{assignment}.html"
    page.write_text(feedback.render(student, assignment, rows, notes, late=late, comments=comments),
                    encoding="utf-8")
    for name in EXCHANGE_FILES:
        source = paths.submitted / student / assignment / name
        if source.is_file():
            shutil.copy(source, folder / name)
    return page


def submissions_in_gradebook(db_url, assignments=None, students=None):
    """``[(student, assignment)]`` the gradebook has a submission for, sorted."""
    from nbgrader.api import Gradebook

    found = []
    with Gradebook(db_url) as gradebook:
        for assignment in gradebook.assignments:
            if assignments and assignment.name not in assignments:
                continue
            for submission in assignment.submissions:
                if not students or submission.student.id in students:
                    found.append((submission.student.id, assignment.name))
    return sorted(found)


def main(argv=None):
    from .autograde import Paths, _load_json

    parser = argparse.ArgumentParser(prog="python -m autograder.feedback_pages", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-a", "--assignment", action="append", help="only this assignment (repeatable)")
    parser.add_argument("-s", "--student", action="append", help="only this student (repeatable)")
    parser.add_argument("--release", action="store_true",
                        help="then publish them to the exchange with nbgrader release_feedback")
    parser.add_argument("--root", default=str(runner.ROOT), help="course root (default: this repository)")
    args = parser.parse_args(argv)

    paths = Paths(args.root)
    if paths.db_url.startswith("sqlite:") and not paths.gradebook.is_file():
        print(f"no gradebook at {paths.gradebook}: run `make autograde` first")
        return 1
    state = _load_json(paths.state, {"submissions": {}})
    found = submissions_in_gradebook(paths.db_url, args.assignment, args.student)
    if not found:
        print("no graded submissions in the gradebook match: run `make autograde` first")
        return 1
    for student, assignment in found:
        entry = state["submissions"].get(f"{assignment}/{student}", {})
        write_page(paths, student, assignment, entry.get("notes", []), graded=entry.get("status", "graded") == "graded")
    print(f"{len(found)} feedback pages written under {paths.feedback}/")
    if args.release:
        released = 0
        for student, assignment in found:
            if (paths.feedback / student / assignment / "submission_secret.txt").is_file():
                runner.nbgrader(paths.root, "release_feedback", assignment, "--student", student)
                released += 1
        print(f"{released} released to the exchange with nbgrader release_feedback "
              f"({len(found) - released} did not come through the exchange)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
