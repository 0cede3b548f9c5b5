"""Find instructor solutions in what students read.

    .venv/bin/python -m tools.leaks          # list every leak in release/ and course/

Every expression of three or more operations in a solution block of any
source notebook is a fingerprint, taken twice: as written, and with every
name replaced by ``_`` (so renaming the variables hides nothing). A leak is a
fingerprint found in a cell of a release notebook that is not an answer cell
(a test cell, a demo, the setup) or in the helper package students receive.
"""
import ast
import copy
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
MIN_OPERATIONS = 3
OPERATIONS = (ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare, ast.Call, ast.Subscript)


class _Anonymous(ast.NodeTransformer):
    def visit_Name(self, node):
        return ast.copy_location(ast.Name(id="_", ctx=ast.Load()), node)

    def visit_arg(self, node):
        node.arg = "_"
        return node



def _is_operation(node):
    # a negative number is a constant, not an operation
    if isinstance(node, ast.UnaryOp) and isinstance(node.operand, ast.Constant):
        return False
    return isinstance(node, OPERATIONS)


def _operations(node):
    return sum(_is_operation(n) for n in ast.walk(node))


def fingerprints(source):
    """``{fingerprint: text}`` of every expression with at least three operations in ``source``."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return {}
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.expr) and _operations(node) >= MIN_OPERATIONS:
            text = ast.unparse(node)
            found[("named", ast.dump(node, annotate_fields=False))] = text
            anonymous = _Anonymous().visit(copy.deepcopy(node))
            found[("anonymous", ast.dump(anonymous, annotate_fields=False))] = text
    return found


def solution_blocks(cell_source):
    """The lines between ``### BEGIN SOLUTION`` and ``### END SOLUTION``, dedented."""
    import textwrap

    blocks, current = [], None
    for line in cell_source.splitlines():
        if line.strip() == "### BEGIN SOLUTION":
            current = []
        elif line.strip() == "### END SOLUTION":
            if current is not None:
                blocks.append(textwrap.dedent("\n".join(current)))
            current = None
        elif current is not None:
            current.append(line)
    return blocks


def _nbgrader(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def solution_fingerprints(root=ROOT):
    """``{fingerprint: (assignment, answer cell, text)}`` over every source notebook."""
    found = {}
    for path in sorted((root / "source").glob("*/*.ipynb")):
        notebook = nbformat.read(str(path), as_version=4)
        for cell in notebook.cells:
            if cell.cell_type != "code" or not _nbgrader(cell).get("solution"):
                continue
            for block in solution_blocks(cell.source):
                for key, text in fingerprints(block).items():
                    found.setdefault(key, (path.parent.name, _nbgrader(cell).get("grade_id"), text))
    return found


def student_readable(root=ROOT):
    """``(where, source)`` for every non-answer code cell of the releases and every module of ``course/``."""
    for path in sorted((root / "release").glob("*/*.ipynb")):
        notebook = nbformat.read(str(path), as_version=4)
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type == "code" and not _nbgrader(cell).get("solution"):
                yield f"release/{path.parent.name} cell {index} ({_nbgrader(cell).get('grade_id', 'unmarked')})", cell.source
    for path in sorted((root / "course").rglob("*.py")):
        yield str(path.relative_to(root)), path.read_text(encoding="utf-8")


def leaks(root=ROOT):
    """``[(where, text found, assignment, answer cell), ...]``."""
    solutions = solution_fingerprints(root)
    found = []
    for where, source in student_readable(root):
        for key, text in fingerprints(source).items():
            if key in solutions:
                assignment, answer, _ = solutions[key]
                found.append((where, text, assignment, answer, key[0]))
    # one row per place and text (a named match is also an anonymous one)
    return sorted({(w, t, a, g) for w, t, a, g, _ in found})


def main():
    rows = leaks()
    for where, text, assignment, answer in rows:
        print(f"{where}: `{text}` is in the solution of {assignment}/{answer}")
    print(f"{len(rows)} leaks")
    return 1 if rows else 0


if __name__ == "__main__":
    sys.exit(main())
