"""Grade every submission under ``autograder/submitted/`` with nbgrader.

    python -m autograder.autograde [--assignment A ...] [--student S ...] [--force]

Runs ``nbgrader autograde`` per assignment, writes per-student feedback
(``autograder/feedback/``), exports ``autograder/grades.csv`` and prints a
table of students x assignments with problems flagged.
"""
import argparse
import sys

from . import runner

SUBMITTED = runner.ROOT / "autograder" / "submitted"
CSV = runner.ROOT / "autograder" / "grades.csv"


def find_submissions(assignments=None, students=None):
    """``{assignment: [student, ...]}`` for what is in the submitted folder."""
    found = {}
    if not SUBMITTED.is_dir():
        return found
    for student_dir in sorted(p for p in SUBMITTED.iterdir() if p.is_dir()):
        if students and student_dir.name not in students:
            continue
        for assignment_dir in sorted(p for p in student_dir.iterdir() if p.is_dir()):
            if assignments and assignment_dir.name not in assignments:
                continue
            found.setdefault(assignment_dir.name, []).append(student_dir.name)
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--assignment", action="append", help="grade only this assignment (repeatable)")
    parser.add_argument("--student", action="append", help="grade only this student (repeatable)")
    parser.add_argument("--force", action="store_true", help="grade again what was already graded")
    args = parser.parse_args(argv)

    work = find_submissions(args.assignment, args.student)
    if not work:
        print(f"nothing to grade under {SUBMITTED} (try `make samples`)")
        return 0
    root = runner.ROOT
    table = {}
    for assignment, students in sorted(work.items()):
        print(f"grading {assignment}: {len(students)} submissions")
        command = ["autograde", assignment] + (["--force"] if args.force else [])
        for student in students:
            command += ["--student", student]
        runner.nbgrader(root, *command, check=False)
        runner.nbgrader(root, "generate_feedback", assignment, "--force", check=False)
        for student, grades in runner.scores(root, assignment).items():
            if student in students:
                table.setdefault(student, {})[assignment] = grades
    runner.nbgrader(root, "export", "--to", str(CSV))
    assignments = sorted(work)
    print()
    print("student".ljust(40) + "".join(a[:18].ljust(20) for a in assignments))
    for student in sorted(table):
        row = student[:38].ljust(40)
        for assignment in assignments:
            grades = table[student].get(assignment)
            if grades is None:
                row += "not graded".ljust(20)
                continue
            score = sum(g[0] for g in grades.values())
            maximum = sum(g[1] for g in grades.values())
            flag = " manual" if any(g[2] for g in grades.values()) else ""
            row += f"{score:g}/{maximum:g}{flag}".ljust(20)
        print(row)
    print(f"\ngrades exported to {CSV.relative_to(root)}; feedback in autograder/feedback/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
