"""Turn whatever a student handed in into the notebook that gets graded.

A submission folder may hold a notebook under another name, an old nbformat,
a file that is not JSON, or a notebook whose test cells were edited, deleted
or re-labelled. ``prepare_submission`` reads it (never writing to it) and
returns a notebook in which

- every cell nbgrader grades or locks (tests, the setup cell) is the
  release's own, with the release's nbgrader metadata, and one the student
  deleted is put back at its place;
- every answer cell holds the student's source (matched by grade id, or by
  cell id when the grade id was changed); a deleted answer cell falls back to
  the release stub;
- every other cell stays as the student left it, stripped of any nbgrader
  metadata (so an added cell can neither be graded nor pose as a test);

plus a list of notes, one sentence each, for the grading report. Unusable
input raises ``SubmissionError`` whose message names the problem.
"""
import copy
import json
from pathlib import Path

import nbformat


class SubmissionError(Exception):
    """The submission cannot be graded; the message says why, for the report."""


def _nbgrader(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def find_notebook(folder, assignment):
    """The notebook file in a submission folder, and notes about its name."""
    folder = Path(folder)
    expected = folder / f"{assignment}.ipynb"
    if expected.is_file():
        return expected, []
    candidates = sorted(p for p in folder.glob("*.ipynb") if p.is_file())
    if len(candidates) == 1:
        return candidates[0], [f"notebook named {candidates[0].name!r} instead of {expected.name!r}; graded anyway"]
    present = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
    if not candidates:
        found = ", ".join(present) if present else "nothing"
        raise SubmissionError(f"missing notebook: expected {expected.name}, found {found}")
    raise SubmissionError(
        f"several notebooks ({', '.join(p.name for p in candidates)}) and none named {expected.name}")


def read_notebook(path):
    """Parse a notebook file (any nbformat version) into nbformat 4, with notes."""
    raw = Path(path).read_bytes()
    if not raw.strip():
        raise SubmissionError(f"{Path(path).name} is empty (0 notebook cells, {len(raw)} bytes)")
    try:
        text = raw.decode("utf-8")
        data = json.loads(text)
    except UnicodeDecodeError as err:
        raise SubmissionError(f"{Path(path).name} is not UTF-8 text (byte {err.start})") from None
    except json.JSONDecodeError as err:
        raise SubmissionError(
            f"{Path(path).name} is not valid JSON (line {err.lineno}, column {err.colno}: {err.msg}); "
            "was the file edited outside Jupyter or cut short?") from None
    if not isinstance(data, dict) or not ("cells" in data or "worksheets" in data):
        raise SubmissionError(f"{Path(path).name} is JSON but not a Jupyter notebook (no cells)")
    notes = []
    version = data.get("nbformat")
    try:
        notebook = nbformat.reads(text, as_version=4)
    except Exception as err:  # nbformat raises several types for damaged notebooks
        raise SubmissionError(f"{Path(path).name} is not a readable notebook: {err}") from None
    if version != 4:
        notes.append(f"converted from nbformat {version} to nbformat 4")
    return notebook, notes


def realign(student, release):
    """The graded notebook: the student's notebook with the release's instructor cells restored.

    Ordinary cells (Markdown, demo code) stay as the student left them, as in
    plain nbgrader. Cells that nbgrader grades or locks are matched to the
    release by grade id, or by cell id when the grade id was changed.
    """
    notes = []
    release_cells = [c for c in release.cells if _nbgrader(c).get("grade_id")]
    by_grade_id = {_nbgrader(c)["grade_id"]: c for c in release_cells}
    by_cell_id = {c.get("id"): c for c in release_cells if c.get("id")}
    matched = {}          # release grade_id -> position in the output
    cells = []
    for cell in student.cells:
        meta = _nbgrader(cell)
        match = by_grade_id.get(meta.get("grade_id"))
        if match is None and cell.get("id") in by_cell_id:
            match = by_cell_id[cell.get("id")]
            notes.append(f"cell {_nbgrader(match)['grade_id']!r} had its grade id changed to "
                         f"{meta.get('grade_id')!r}; the release's id was restored")
        if match is not None and _nbgrader(match)["grade_id"] in matched:
            notes.append(f"cell {_nbgrader(match)['grade_id']!r} appears twice; the copy was graded as an ordinary cell")
            match = None
        if match is None:
            graded = copy.deepcopy(cell)
            if "nbgrader" in graded.get("metadata", {}):
                if meta.get("grade_id") not in by_grade_id:
                    notes.append(f"a cell the student added carried nbgrader metadata (grade id "
                                 f"{meta.get('grade_id')!r}); it was graded as an ordinary cell")
                del graded.metadata["nbgrader"]
            cells.append(graded)
            continue
        match_meta = _nbgrader(match)
        graded = copy.deepcopy(match)
        if match_meta.get("solution"):
            graded.source = cell.source
        else:
            kind = "test" if match_meta.get("grade") else "read-only"
            if cell.source != match.source:
                notes.append(f"{kind} cell {match_meta['grade_id']!r} was edited; the instructor's version was graded")
            elif meta != match_meta and meta.get("grade_id") == match_meta["grade_id"]:
                notes.append(f"nbgrader metadata of cell {match_meta['grade_id']!r} was changed; restored")
        matched[match_meta["grade_id"]] = len(cells)
        cells.append(graded)

    # Put back what was deleted, after the nearest earlier release cell that is present.
    for index, cell in enumerate(release.cells):
        grade_id = _nbgrader(cell).get("grade_id")
        if not grade_id or grade_id in matched:
            continue
        kind = "answer" if _nbgrader(cell).get("solution") else "test" if _nbgrader(cell).get("grade") else "read-only"
        what = "the release stub was graded" if kind == "answer" else "the instructor's version was graded"
        notes.append(f"{kind} cell {grade_id!r} was deleted; {what}")
        earlier = [matched[_nbgrader(c).get("grade_id")] for c in release.cells[:index]
                   if _nbgrader(c).get("grade_id") in matched]
        position = max(earlier) + 1 if earlier else 0
        cells.insert(position, copy.deepcopy(cell))
        matched = {k: (v + 1 if v >= position else v) for k, v in matched.items()}
        matched[grade_id] = position
    for cell in cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    result = copy.deepcopy(release)
    result.cells = cells
    return result, notes


def prepare_submission(folder, assignment, release):
    """Read a submission folder and return ``(notebook_to_grade, notes)``."""
    path, notes = find_notebook(folder, assignment)
    student, more = read_notebook(path)
    notes += more
    notebook, more = realign(student, release)
    return notebook, notes + more
