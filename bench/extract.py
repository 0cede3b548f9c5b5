"""Definitions taken from a solution notebook, so a benchmark runs the notebook's own code.

The benchmark compares "our notebook's model" with the lecture's recipe. Copying
the model into the benchmark would let the two drift apart; instead the named
top-level functions and constants are lifted out of the source notebook's code
cells (those statements only, none of the cells' other statements) and run, in
notebook order, in a namespace that holds what the notebook imported.
"""
import ast
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent


def _defined_names(node):
    if isinstance(node, (ast.FunctionDef, ast.ClassDef)):      # a class: 09's training clock
        return {node.name}
    if isinstance(node, ast.Assign):
        names = set()
        for target in node.targets:
            for element in (target.elts if isinstance(target, ast.Tuple) else [target]):
                if isinstance(element, ast.Name):
                    names.add(element.id)
        return names
    return set()


def notebook_definitions(assignment, names, namespace):
    """Run the ``def``, ``class`` and ``NAME = ...`` statements of source/<assignment> that define ``names``.

    They run in notebook order in ``namespace`` (so a default argument can read
    a constant defined above it). Returns ``{name: value}``; raises KeyError
    naming what the notebook does not define.
    """
    path = ROOT / "source" / assignment / f"{assignment}.ipynb"
    notebook = nbformat.read(str(path), as_version=4)
    wanted, statements, found = set(names), [], set()
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:              # IPython magics: no definition of ours lives there
            continue
        for node in tree.body:
            defined = _defined_names(node) & wanted
            if defined:
                statements.append(node)
                found |= defined
    missing = sorted(wanted - found)
    if missing:
        raise KeyError(f"{path.relative_to(ROOT)} defines no {', '.join(missing)}")
    exec(compile(ast.Module(body=statements, type_ignores=[]), f"<{assignment}>", "exec"), namespace)
    return {name: namespace[name] for name in names}
