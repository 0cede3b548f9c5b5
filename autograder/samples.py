"""Sample submissions: small files that say how a student's notebook differs.

A sample lives in ``autograder/samples/<assignment>/<name>.py`` and is turned
into a full submission by filling the *release* notebook, as a student would:

    # A correct rnn_step written with einsum.       <- first comment line: what it is
    # kind: correct                                 <- correct | bug | hostile | broken
    # fails: test_rnn_step_keras test_rnn_forward_keras
    # %% rnn_step
    def rnn_step(x_t, h_prev, W_x, W_h, b):
        return np.tanh(np.einsum("nd,dh->nh", x_t, W_x) + h_prev @ W_h + b)
    # %% after rnn_step
    print("a new cell the student added below rnn_step")

- ``# %% <grade_id>`` replaces the source of the cell with that grade id (an
  answer cell normally; a hostile sample may target a test cell).
- ``# %% after <grade_id>`` inserts a new code cell after that cell.
- ``# %% delete <grade_id>`` removes that cell; ``# %% metadata <grade_id>``
  replaces its nbgrader metadata by the JSON that follows (hostile samples).
- Every answer cell the sample does not mention gets the instructor's solution,
  so a sample isolates the behaviour it is about.
- ``# fails:`` lists the autograded test cells that must score 0; every other
  test cell must score full marks. ``# fails: *`` means all of them.
- ``# flags:`` (hostile and broken samples) lists words that must appear in
  the grading report's notes for the submission, separated by ``;``.
- ``# beats-kernel: yes`` (hostile samples) says the attack works on checks that
  run inside the student's kernel: under plain ``nbgrader autograde`` it earns
  marks on a ``fails:`` cell, which the class grader's verifier takes away
  (``tests/test_autograde.py`` proves both, so the sample is a real attack).

Samples of kind ``correct`` and ``bug`` are graded by plain ``nbgrader
autograde`` (``tests/test_grading.py``); ``hostile`` ones through the class
grader ``autograder.autograde`` (``tests/test_autograde.py``).

The expectations are asserted by ``tests/test_grading.py`` through real
``nbgrader autograde``.
"""
import copy
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = ROOT / "autograder" / "samples"
KINDS = ("correct", "bug", "hostile", "broken")

_SOLUTION_BLOCK = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?", re.MULTILINE)


@dataclass
class Sample:
    assignment: str
    name: str
    description: str
    kind: str
    fails: list
    flags: list = field(default_factory=list)
    beats_kernel: bool = False
    replace: dict = field(default_factory=dict)
    insert_after: dict = field(default_factory=dict)
    delete: list = field(default_factory=list)
    metadata: dict = field(default_factory=dict)
    path: Path = None

    @property
    def student_id(self):
        return f"sample-{self.name}"


def parse_sample(path):
    """Read a sample file into a ``Sample``; raise ``ValueError`` naming the problem."""
    path = Path(path)
    lines = path.read_text(encoding="utf-8").split("\n")
    header, body_start = [], len(lines)
    for i, line in enumerate(lines):
        if line.startswith("# %%"):
            body_start = i
            break
        header.append(line)
    description = ""
    for line in header:
        text = line.lstrip("#").strip()
        if text and not re.match(r"(kind|fails|flags|beats-kernel)\s*:", text):
            description = text
            break
    meta = {}
    for line in header:
        match = re.match(r"#\s*(kind|fails|flags|beats-kernel)\s*:(.*)$", line)
        if match:
            meta[match.group(1)] = match.group(2).strip()
    kind = meta.get("kind")
    if kind not in KINDS:
        raise ValueError(f"{path}: the header needs '# kind: ' with one of {KINDS}, got {kind!r}")
    if "fails" not in meta:
        raise ValueError(f"{path}: the header needs a '# fails:' line (empty when every test passes)")
    fails = meta["fails"].split()
    blocks = {"": {}, "after": {}, "delete": {}, "metadata": {}}
    current = None
    for line in lines[body_start:]:
        match = re.match(r"# %%\s*(?:(after|delete|metadata)\s+)?(\S+)\s*$", line)
        if match:
            current = []
            blocks[match.group(1) or ""].setdefault(match.group(2), []).append(current)
            continue
        if current is not None:
            current.append(line)
    def joined(chunks):
        return ["\n".join(chunk).strip("\n") for chunk in chunks]
    return Sample(
        assignment=path.parent.name,
        name=path.stem.replace("_", "-"),
        description=description,
        kind=kind,
        fails=fails,
        flags=[f.strip() for f in meta.get("flags", "").split(";") if f.strip()],
        beats_kernel=meta.get("beats-kernel", "").lower() == "yes",
        replace={k: joined(v)[-1] for k, v in blocks[""].items()},
        insert_after={k: joined(v) for k, v in blocks["after"].items()},
        delete=list(blocks["delete"]),
        metadata={k: json.loads(joined(v)[-1]) for k, v in blocks["metadata"].items()},
        path=path,
    )


def list_samples(assignment):
    """All samples of an assignment, sorted by file name."""
    folder = SAMPLES_DIR / assignment
    return [parse_sample(p) for p in sorted(folder.glob("*.py"))] if folder.is_dir() else []


def _grade_id(cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def strip_solution_markers(text):
    """The instructor's solution as a student would type it (markers removed)."""
    return _SOLUTION_BLOCK.sub("", text)


def solved_notebook(release_nb, source_nb):
    """The release notebook with every answer cell filled with the instructor's solution."""
    solutions = {
        _grade_id(c): strip_solution_markers(c.source)
        for c in source_nb.cells
        if c.get("metadata", {}).get("nbgrader", {}).get("solution")
    }
    nb = copy.deepcopy(release_nb)
    for cell in nb.cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("solution") and _grade_id(cell) in solutions:
            cell.source = solutions[_grade_id(cell)]
    return nb


def build_submission(sample, release_nb, source_nb):
    """The notebook a student would hand in for ``sample``."""
    nb = solved_notebook(release_nb, source_nb)
    known = {_grade_id(c) for c in nb.cells}
    for grade_id in list(sample.replace) + list(sample.insert_after) + sample.delete + list(sample.metadata):
        if grade_id not in known:
            raise ValueError(f"{sample.path}: no cell with grade_id {grade_id!r} in the release notebook")
    cells = []
    for cell in nb.cells:
        grade_id = _grade_id(cell)
        if grade_id in sample.replace:
            cell.source = sample.replace[grade_id]
        if grade_id in sample.metadata:
            cell.metadata["nbgrader"] = sample.metadata[grade_id]
        if grade_id not in sample.delete:
            cells.append(cell)
        for text in sample.insert_after.get(grade_id, []):
            cells.append(nbformat.v4.new_code_cell(text))
    nb.cells = cells
    return nb


def autograded_cells(notebook):
    """``{grade_id: points}`` of the autograded test cells of a notebook."""
    return {
        _grade_id(c): float(c.metadata["nbgrader"].get("points", 0))
        for c in notebook.cells
        if c.get("metadata", {}).get("nbgrader", {}).get("grade")
        and not c.metadata["nbgrader"].get("solution")
    }


def broken_submissions(assignment, solved_nb):
    """Submissions that are broken as files, with what the class grader must report.

    ``{student: (files, expected)}`` where ``files`` maps file names to bytes
    and ``expected`` has ``status`` (``graded`` with full marks, or ``error``)
    and ``flag`` (words that must appear in the report's notes).
    """
    good = nbformat.writes(solved_nb).encode("utf-8")
    old = nbformat.writes(nbformat.convert(copy.deepcopy(solved_nb), 3), version=3).encode("utf-8")
    name = f"{assignment}.ipynb"
    return {
        "broken-not-json": ({name: good[: len(good) // 2]}, {"status": "error", "flag": "not valid JSON"}),
        "broken-empty": ({name: b""}, {"status": "error", "flag": "is empty"}),
        "broken-not-a-notebook": ({name: b'{"hello": "world"}'}, {"status": "error", "flag": "not a Jupyter notebook"}),
        "broken-nbformat3": ({name: old}, {"status": "graded", "flag": "converted from nbformat 3"}),
        "broken-wrong-name": ({f"{assignment} (1).ipynb": good}, {"status": "graded", "flag": "instead of"}),
        "broken-missing": ({"answers.txt": b"I forgot the notebook\n"}, {"status": "error", "flag": "missing notebook"}),
        "broken-several": ({"draft.ipynb": good, "final.ipynb": good}, {"status": "error", "flag": "several notebooks"}),
    }
