"""The class report, ``autograder/report.html``: which exercise did the class get wrong?

For every assignment in the gradebook:

- a histogram of the submissions' scores (after late penalties), with the
  median marked;
- for every test cell, the share of the submissions that did not get its full
  points, as a bar chart, and a table with the most common failure message
  (the exception's type and first line, read from the autograded notebooks as
  the students' feedback shows it: never test code).

The pictures are drawn with matplotlib and embedded in the page as PNG, so
the file can be mailed or opened anywhere.
"""
import base64
import collections
import html
import io
import statistics
import warnings

import nbformat

from . import feedback


def class_results(db_url, autograded):
    """``{assignment: {"max": m, "scores": [...], "tests": {grade_id: {"max", "failed", "total", "messages"}}}}``."""
    from nbgrader.api import Gradebook

    results = {}
    with Gradebook(db_url) as gradebook, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for assignment in sorted(gradebook.assignments, key=lambda a: a.name):
            entry = results.setdefault(assignment.name, {"max": float(assignment.max_score), "scores": [],
                                                         "tests": {}})
            for submission in assignment.submissions:
                student = submission.student.id
                entry["scores"].append(max(0.0, float(submission.score)
                                           - float(submission.late_submission_penalty or 0)))
                graded_nb = autograded / student / assignment.name / f"{assignment.name}.ipynb"
                cells = {}
                if graded_nb.is_file():
                    notebook = nbformat.read(str(graded_nb), as_version=4)
                    cells = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in notebook.cells}
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        if grade.cell.cell_type != "code":
                            continue
                        test = entry["tests"].setdefault(grade.name, {"max": float(grade.max_score), "failed": 0,
                                                                      "total": 0, "messages": collections.Counter()})
                        test["total"] += 1
                        if float(grade.score) < float(grade.max_score):
                            test["failed"] += 1
                            failure = feedback._failure(cells[grade.name]) if grade.name in cells else None
                            if failure:
                                ename, message = failure
                                first = (message.splitlines() or [""])[0][:160]
                                test["messages"][f"{ename}: {first}" if first else ename] += 1
                            else:
                                test["messages"]["(not run: the submission could not be graded)"] += 1
    return results


def _png(figure):
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def score_histogram(name, scores, maximum):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib.ticker  # noqa: F401  (integer counts on the y axis)

    figure, axes = plt.subplots(figsize=(6, 2.6))
    bins = min(20, max(5, int(maximum) + 1))
    axes.hist(scores, bins=bins, range=(0, maximum or 1), color="#4a7bb7", edgecolor="white")
    if scores:
        median = statistics.median(scores)
        axes.axvline(median, color="#a11", linestyle="--", label=f"median {median:g}")
        axes.legend(loc="upper left")
    axes.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    axes.set_xlabel(f"points (of {maximum:g})")
    axes.set_ylabel("submissions")
    axes.set_title(f"{name}: scores of {len(scores)} submissions")
    try:
        return _png(figure)
    finally:
        plt.close(figure)


def failure_chart(name, tests):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(tests)
    shares = [100 * tests[n]["failed"] / max(tests[n]["total"], 1) for n in names]
    figure, axes = plt.subplots(figsize=(6, 0.35 * len(names) + 0.9))
    axes.barh(names[::-1], shares[::-1], color="#c0504d")
    axes.set_xlim(0, 100)
    axes.set_xlabel("% of submissions that lost points")
    axes.set_title(f"{name}: test cells")
    try:
        return _png(figure)
    finally:
        plt.close(figure)


def render(results):
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Class report</title>",
        "<style>body{font-family:sans-serif;max-width:64em;margin:2em auto;line-height:1.4}"
        "td,th{padding:.3em .6em;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}"
        ".msg{font-family:monospace;white-space:pre-wrap}</style></head><body>",
        "<h1>Class report</h1>",
    ]
    for name, entry in results.items():
        parts.append(f"<h2>{html.escape(name)}</h2>")
        if not entry["scores"]:
            parts.append("<p>No submissions yet.</p>")
            continue
        parts.append(f"<img alt='score distribution of {html.escape(name)}' "
                     f"src='{score_histogram(name, entry['scores'], entry['max'])}'>")
        if entry["tests"]:
            parts.append(f"<img alt='share of the class failing each test of {html.escape(name)}' "
                         f"src='{failure_chart(name, entry['tests'])}'>")
            parts.append("<table><tr><th>test</th><th>points</th><th>lost points</th>"
                         "<th>most common failure</th></tr>")
            for grade_id, test in entry["tests"].items():
                share = test["failed"] / max(test["total"], 1)
                common = test["messages"].most_common(1)
                message = (f"{html.escape(common[0][0])} ({common[0][1]} of {test['failed']})" if common else "")
                parts.append(f"<tr><td>{html.escape(grade_id)}</td><td>{test['max']:g}</td>"
                             f"<td>{share:.0%} ({test['failed']} of {test['total']})</td>"
                             f"<td class='msg'>{message}</td></tr>")
            parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)


def write(paths):
    """Write ``autograder/report.html`` for the course at ``paths``; return its path."""
    page = paths.autograder / "report.html"
    page.write_text(render(class_results(paths.db_url, paths.autograded)), encoding="utf-8")
    return page
