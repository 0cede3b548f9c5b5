"""Source notebooks: stored clean, well-formed for nbgrader, and run top to bottom."""
import json
import re
import time

import nbformat
import pytest

from conftest import ASSIGNMENTS, ROOT, per_assignment


def _source(assignment):
    return ROOT / "source" / assignment / f"{assignment}.ipynb"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_source_is_stored_without_outputs(assignment):
    nb = json.loads(_source(assignment).read_text(encoding="utf-8"))
    for index, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            assert not cell["outputs"], f"{assignment} cell {index} is stored with outputs"
            assert cell["execution_count"] is None, f"{assignment} cell {index} has an execution count"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_source_is_valid_and_grade_ids_are_unique(assignment):
    nb = nbformat.read(str(_source(assignment)), as_version=4)
    nbformat.validate(nb)
    ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if "nbgrader" in c.get("metadata", {})]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"{assignment}: duplicate grade ids {duplicates} (copied cells keep their grade_id)"
    kernelspec = nb.metadata.get("kernelspec", {})
    assert kernelspec.get("name") == "python3", f"{assignment}: kernelspec should be python3, got {kernelspec}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_answer_has_tests_and_every_test_has_points(assignment):
    nb = nbformat.read(str(_source(assignment)), as_version=4)
    meta = [c.metadata["nbgrader"] for c in nb.cells if "nbgrader" in c.get("metadata", {})]
    tests = [m for m in meta if m.get("grade") and not m.get("solution")]
    assert tests, f"{assignment} has no autograded test cell"
    for m in tests:
        assert m.get("points", 0) > 0, f"{assignment}: test cell {m['grade_id']} carries no points"
        assert m.get("locked"), f"{assignment}: test cell {m['grade_id']} should be read-only"
    written = [m for m in meta if m.get("grade") and m.get("solution")]
    assert written, f"{assignment} has no manually graded written answer"


def test_nothing_downloads_at_run_time():
    pattern = re.compile(r"nltk\.download\(|get_file\(|urlretrieve|urlopen\(|requests\.get\(|\.load_data\(")
    for path in list((ROOT / "course").rglob("*.py")) + list((ROOT / "source").rglob("*.ipynb")):
        match = pattern.search(path.read_text(encoding="utf-8"))
        assert not match, f"{path} downloads at run time ({match.group(0)}); ship data in data/"


@pytest.mark.slow
@per_assignment()
def test_source_notebook_runs_top_to_bottom(assignment, tmp_path):
    """The instructor notebook runs with the full (student) budget: no error, nothing on stderr."""
    from nbclient import NotebookClient

    nb = nbformat.read(str(_source(assignment)), as_version=4)
    start = time.time()
    NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    problems = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                problems.append(f"cell {index}: {output.ename}: {output.evalue[:200]}")
            elif output.output_type == "stream" and output.name == "stderr":
                problems.append(f"cell {index} wrote to stderr: {output.text[:200]!r}")
    assert not problems, f"{assignment} ({time.time() - start:.0f} s):\n" + "\n".join(problems)
