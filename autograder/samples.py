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
- Every answer cell the sample does not mention gets the instructor's solution,
  so a sample isolates the behaviour it is about.
- ``# fails:`` lists the autograded test cells that must score 0; every other
  test cell must score full marks. ``# fails: *`` means all of them.

The expectations are asserted by ``tests/test_grading.py`` through real
``nbgrader autograde``.
"""
import copy
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
    replace: dict = field(default_factory=dict)
    insert_after: dict = field(default_factory=dict)
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
        if text and not re.match(r"(kind|fails)\s*:", text):
            description = text
            break
    meta = {}
    for line in header:
        match = re.match(r"#\s*(kind|fails)\s*:(.*)$", line)
        if match:
            meta[match.group(1)] = match.group(2).strip()
    kind = meta.get("kind")
    if kind not in KINDS:
        raise ValueError(f"{path}: the header needs '# kind: ' with one of {KINDS}, got {kind!r}")
    if "fails" not in meta:
        raise ValueError(f"{path}: the header needs a '# fails:' line (empty when every test passes)")
    fails = meta["fails"].split()
    replace, insert_after = {}, {}
    current, target = None, None
    for line in lines[body_start:]:
        match = re.match(r"# %%\s*(after\s+)?(\S+)\s*$", line)
        if match:
            current = []
            target = match.group(2)
            (insert_after if match.group(1) else replace).setdefault(target, []).append(current)
            continue
        if current is not None:
            current.append(line)
    def joined(blocks):
        return ["\n".join(block).strip("\n") for block in blocks]
    return Sample(
        assignment=path.parent.name,
        name=path.stem.replace("_", "-"),
        description=description,
        kind=kind,
        fails=fails,
        replace={k: joined(v)[-1] for k, v in replace.items()},
        insert_after={k: joined(v) for k, v in insert_after.items()},
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
    for grade_id in list(sample.replace) + list(sample.insert_after):
        if grade_id not in known:
            raise ValueError(f"{sample.path}: no cell with grade_id {grade_id!r} in the release notebook")
    cells = []
    for cell in nb.cells:
        grade_id = _grade_id(cell)
        if grade_id in sample.replace:
            cell.source = sample.replace[grade_id]
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
