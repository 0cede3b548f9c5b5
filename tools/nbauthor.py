"""Write an nbgrader source notebook from a short Python description.

Authoring aid for course developers (instructors can equally edit the
notebooks in JupyterLab with nbgrader's "Create Assignment" toolbar). A
description script calls the functions below in order and then ``save(path)``:

    from tools.nbauthor import Notebook
    nb = Notebook()
    nb.md("# Title")
    nb.setup("import course\\ncourse.setup()")          # locked, read-only
    nb.code("x = 1")                                    # ordinary cell
    nb.answer("rnn_step", "def rnn_step(...):\\n    ### BEGIN SOLUTION ...")
    nb.tests("test_rnn_step_shape", 1, "...")          # locked autograder tests
    nb.written("q_weight_sharing", 2, "### BEGIN SOLUTION\\n...")  # manual
    nb.save("source/01_rnn_unrolling/01_rnn_unrolling.ipynb")

Cell ids are derived from the cell's position and grade id, so rebuilding the
same description gives the same file byte for byte.
"""
import re

import nbformat

SCHEMA = 3


def _meta(grade, solution, locked, grade_id, points=None):
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked,
            "schema_version": SCHEMA, "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


class Notebook:
    def __init__(self):
        self.cells = []
        self._grade_ids = set()

    def _add(self, cell, slug):
        slug = re.sub(r"[^a-zA-Z0-9_-]", "-", slug)[:40]
        cell["id"] = f"c{len(self.cells):03d}-{slug}"
        self.cells.append(cell)
        return cell

    def _grade_id(self, grade_id):
        if grade_id in self._grade_ids:
            raise ValueError(f"duplicate grade_id {grade_id!r}")
        self._grade_ids.add(grade_id)
        return grade_id

    def md(self, text):
        return self._add(nbformat.v4.new_markdown_cell(text.strip("\n")), "md")

    def code(self, text):
        return self._add(nbformat.v4.new_code_cell(text.strip("\n")), "code")

    def setup(self, text, grade_id="setup"):
        cell = nbformat.v4.new_code_cell(text.strip("\n"))
        cell.metadata.update(_meta(False, False, True, self._grade_id(grade_id)))
        return self._add(cell, grade_id)

    def answer(self, grade_id, text):
        cell = nbformat.v4.new_code_cell(text.strip("\n"))
        cell.metadata.update(_meta(False, True, False, self._grade_id(grade_id)))
        return self._add(cell, grade_id)

    def tests(self, grade_id, points, text):
        cell = nbformat.v4.new_code_cell(text.strip("\n"))
        cell.metadata.update(_meta(True, False, True, self._grade_id(grade_id), points))
        return self._add(cell, grade_id)

    def written(self, grade_id, points, text):
        cell = nbformat.v4.new_markdown_cell(text.strip("\n"))
        cell.metadata.update(_meta(True, True, False, self._grade_id(grade_id), points))
        return self._add(cell, grade_id)

    def save(self, path):
        nb = nbformat.v4.new_notebook()
        nb.cells = self.cells
        nb.metadata = {
            "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        }
        nbformat.validate(nb)
        with open(path, "w", encoding="utf-8") as f:
            nbformat.write(nb, f)
            
