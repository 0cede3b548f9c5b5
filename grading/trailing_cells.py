"""``nbgrader autograde`` leaves out the code cells after a notebook's last graded cell.

Every mark of a notebook comes from its test cells, which call the functions its
answer cells define; the experiments that close a lecture (training models,
plotting, comparing) come after the last of them and change no mark, yet they
were most of the seconds of grading a submission. ``nbgrader_config.py`` puts
these two preprocessors around nbgrader's ``Execute``:

- ``LeaveOutTrailingCells`` empties each code cell after the last graded code
  cell (a test or an answer; written answers are Markdown), keeping its source
  in the cell's metadata; nbclient does not send an empty cell to the kernel.
- ``PutBackTrailingCells`` puts each source back, with one line of output
  saying that it did not run while grading, so the formgrader and the graded
  copy show the whole notebook.

``nbgrader validate`` and a notebook run in JupyterLab run every cell.
"""
from nbgrader.preprocessors import NbGraderPreprocessor

KEPT = "course_source_left_out_while_grading"
NOTE = "(not run while grading: no mark depends on the cells after the last graded one)\n"


def _graded(cell):
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.cell_type == "code" and bool(meta.get("grade") or meta.get("solution"))


class LeaveOutTrailingCells(NbGraderPreprocessor):
    """Empty the code cells after the last graded one (their source kept in the metadata)."""

    def preprocess(self, nb, resources):
        graded = [index for index, cell in enumerate(nb.cells) if _graded(cell)]
        if not graded:
            return nb, resources
        for cell in nb.cells[graded[-1] + 1:]:
            if cell.cell_type == "code" and cell.source.strip():
                cell.metadata[KEPT] = cell.source
                cell.source = ""
        return nb, resources


class PutBackTrailingCells(NbGraderPreprocessor):
    """Put back the sources ``LeaveOutTrailingCells`` kept, each with a one-line note as its output."""

    def preprocess(self, nb, resources):
        from nbformat.v4 import new_output

        for cell in nb.cells:
            if KEPT in cell.get("metadata", {}):
                cell.source = cell.metadata.pop(KEPT)
                cell.outputs = [new_output("stream", name="stdout", text=NOTE)]
        return nb, resources
