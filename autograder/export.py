"""Grades an LMS takes, and the class report: ``make export``.

    python -m autograder.export [--id-column NAME] [--points-row] [--root ROOT]

Writes, from the gradebook that ``nbgrader_config.py`` names:

- ``autograder/nbgrader_grades.csv``: nbgrader's own export (``nbgrader
  export``: one row per student and assignment, raw score, late penalty,
  score, maximum);
- ``autograder/lms_grades.csv``: one row per student, one column per
  assignment, the score after any late penalty, empty where nothing was
  handed in. The first column's header is ``--id-column`` (default
  ``Student ID``): what the LMS matches students on, e.g. ``SIS Login ID``
  for Canvas or the identifier chosen in Moodle's "Import grades from CSV".
  ``--points-row`` adds Canvas's "Points Possible" row under the header;
- ``autograder/report.html``: the class report (``autograder.report``).
"""
import argparse
import csv
import sys
import warnings

from . import report, runner


def class_scores(db_url):
    """``(assignments, {student: {assignment: score}}, {assignment: max_score})`` from the gradebook."""
    from nbgrader.api import Gradebook, MissingEntry

    scores, maxima = {}, {}
    with Gradebook(db_url) as gradebook, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assignments = sorted(a.name for a in gradebook.assignments)
        for assignment in gradebook.assignments:
            maxima[assignment.name] = float(assignment.max_score)
        for student in gradebook.students:
            row = scores.setdefault(student.id, {})
            for name in assignments:
                try:
                    submission = gradebook.find_submission(name, student.id)
                except MissingEntry:
                    continue
                row[name] = max(0.0, float(submission.score) - float(submission.late_submission_penalty or 0))
    return assignments, scores, maxima


def write_lms_csv(path, assignments, scores, maxima, id_column="Student ID", points_row=False):
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow([id_column, *assignments])
        if points_row:
            writer.writerow(["Points Possible", *[f"{maxima[a]:g}" for a in assignments]])
        for student in sorted(scores):
            writer.writerow([student, *[f"{scores[student][a]:g}" if a in scores[student] else ""
                                        for a in assignments]])


def main(argv=None):
    from .autograde import Paths

    parser = argparse.ArgumentParser(prog="python -m autograder.export", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--id-column", default="Student ID",
                        help="header of the student column of lms_grades.csv (default 'Student ID')")
    parser.add_argument("--points-row", action="store_true", help="a 'Points Possible' row under the header (Canvas)")
    parser.add_argument("--root", default=str(runner.ROOT), help="course root (default: this repository)")
    args = parser.parse_args(argv)
    if not args.id_column.strip():
        parser.error("--id-column must not be empty")

    paths = Paths(args.root)
    if paths.db_url.startswith("sqlite:") and not paths.gradebook.is_file():
        print(f"no gradebook at {paths.gradebook}: run `make autograde` first")
        return 1
    nbgrader_csv = paths.autograder / "nbgrader_grades.csv"
    lms_csv = paths.autograder / "lms_grades.csv"
    runner.nbgrader(paths.root, "export", f"--to={nbgrader_csv}")
    assignments, scores, maxima = class_scores(paths.db_url)
    if not scores:
        print("the gradebook has no students yet: run `make autograde` first")
        return 1
    write_lms_csv(lms_csv, assignments, scores, maxima, args.id_column, args.points_row)
    page = report.write(paths)
    print(f"{len(scores)} students x {len(assignments)} assignments: {lms_csv.relative_to(paths.root)}, "
          f"{nbgrader_csv.relative_to(paths.root)}; class report {page.relative_to(paths.root)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
