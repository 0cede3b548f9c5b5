"""Feedback for a student: which tests passed, which failed and why, nothing hidden.

nbgrader's own feedback is the autograded notebook rendered to HTML: it shows
the hidden tests' source, and a failing hidden test's traceback shows its
lines even when the source is cleared. This page is built from scratch
instead. For every autograded test cell it shows the cell's name, its
one-line description (the docstring at the top of the visible test), the
points, and, when it failed, only the exception's type and message (the
sentences written by ``course.exercises``), never the code or a traceback.
Written answers show the instructor's score and comment once they are graded
in the formgrader (``autograder.feedback_pages`` rebuilds the pages from the
gradebook), and "waiting for the instructor" until then; a late submission
shows its penalty.
"""
import ast
import html
import re

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _docstring(source):
    """The first statement of a test cell if it is a string (its description)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return ""
    if tree.body and isinstance(tree.body[0], ast.Expr) and isinstance(getattr(tree.body[0], "value", None), ast.Constant):
        value = tree.body[0].value.value
        if isinstance(value, str):
            # a hidden part never appears in the description (it is in the
            # docstring only as a summary such as "(hidden: random shapes)")
            return value.strip().splitlines()[0]
    return ""


def _failure(cell):
    """``(ename, message)`` of the first error in a cell's outputs, or ``None``."""
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            message = _ANSI.sub("", output.get("evalue", "")).strip()
            return output.get("ename", "Error"), message[:1500]
    return None


def result_rows(notebook, grades, comments=None):
    """One row per graded cell: ``{grade_id, kind, description, score, max_score, pending, error, comment}``.

    ``comments`` maps grade ids to the instructor's comment (from the gradebook).
    """
    comments = comments or {}
    rows = []
    for cell in notebook.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        grade_id = meta.get("grade_id")
        if not meta.get("grade") or grade_id not in grades:
            continue
        grade = grades[grade_id]
        if meta.get("solution"):
            rows.append({"grade_id": grade_id, "kind": "written", "description": "written answer",
                         "score": grade["score"], "max_score": grade["max_score"],
                         "pending": grade["needs_manual_grade"], "error": None,
                         "comment": comments.get(grade_id)})
            continue
        error = _failure(cell) if grade["score"] < grade["max_score"] else None
        rows.append({"grade_id": grade_id, "kind": "test", "description": _docstring(cell.source),
                     "score": grade["score"], "max_score": grade["max_score"], "pending": False,
                     "error": error, "comment": comments.get(grade_id)})
    return rows


def render(student, assignment, rows, notes, late=None, comments=None):
    """The feedback page as an HTML string.

    ``late``: ``{"seconds": ..., "penalty": points}`` for a late submission;
    ``comments``: the instructor's comments on answer cells that have no row
    here (a comment on a graded function's cell), by grade id.
    """
    tests = [r for r in rows if r["kind"] == "test"]
    written = [r for r in rows if r["kind"] == "written"]
    scored = sum(r["score"] for r in tests)
    possible = sum(r["max_score"] for r in tests)
    graded_written = [r for r in written if not r["pending"]]
    total = scored + sum(r["score"] for r in graded_written) - (late or {}).get("penalty", 0)
    total_max = possible + sum(r["max_score"] for r in written)
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        f"<title>{html.escape(assignment)}: feedback for {html.escape(student)}</title>",
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}"
        "td,th{padding:.3em .6em;border-bottom:1px solid #ddd;vertical-align:top;text-align:left}"
        ".pass{color:#176117}.fail{color:#a11}.msg{font-family:monospace;white-space:pre-wrap}</style>",
        "</head><body>",
        f"<h1>{html.escape(assignment)}</h1>",
        f"<p>Student: <b>{html.escape(student)}</b>. Tests passed for <b>{scored:g} of {possible:g}</b> points.</p>",
    ]
    if late and late.get("penalty"):
        hours = late["seconds"] / 3600
        parts.append(f"<p class='fail'>Submitted {hours:.1f} hours after the due date: "
                     f"<b>{late['penalty']:g} points</b> late penalty.</p>")
    pending = len(written) - len(graded_written)
    parts.append(f"<p>Total: <b>{max(total, 0):g} of {total_max:g}</b> points"
                 + (f" ({pending} written answer{'s' * (pending > 1)} still to be graded)" if pending else "")
                 + ".</p>")
    if notes:
        parts.append("<h2>Notes from the grader</h2><ul>")
        parts += [f"<li>{html.escape(n)}</li>" for n in notes]
        parts.append("</ul>")
    parts.append("<h2>Tests</h2><table><tr><th>test</th><th>points</th><th>result</th></tr>")
    for row in tests:
        ok = row["score"] >= row["max_score"]
        result = "<span class='pass'>passed</span>" if ok else "<span class='fail'>failed</span>"
        if row["error"]:
            ename, message = row["error"]
            result += f"<div class='msg'>{html.escape(ename)}: {html.escape(message)}</div>"
        parts.append(
            f"<tr><td><b>{html.escape(row['grade_id'])}</b><br>{html.escape(row['description'])}</td>"
            f"<td>{row['score']:g} / {row['max_score']:g}</td><td>{result}</td></tr>")
    parts.append("</table>")
    if written:
        parts.append("<h2>Written answers</h2><ul>")
        for row in written:
            state = "waiting for the instructor" if row["pending"] else f"{row['score']:g} / {row['max_score']:g}"
            item = f"<li><b>{html.escape(row['grade_id'])}</b>: {state}"
            if row.get("comment"):
                item += f"<div class='msg'>{html.escape(row['comment'])}</div>"
            parts.append(item + "</li>")
        parts.append("</ul>")
    if comments:
        parts.append("<h2>Comments from the instructor</h2><ul>")
        parts += [f"<li><b>{html.escape(k)}</b>: <span class='msg'>{html.escape(v)}</span></li>"
                  for k, v in sorted(comments.items())]
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts)
