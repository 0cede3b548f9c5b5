"""What the browser tests read from a notebook's cells (plain data, no browser needed).

``cells`` are the dicts ``NotebookPage.cells()`` returns: index, type,
grade_id, solution, grade, execution_count, source_head, source, outputs.
"""
import ast
import re


def where(cell):
    name = f" ({cell['grade_id']})" if cell["grade_id"] else ""
    return f"cell {cell['index']}{name} `{cell['source_head'].splitlines()[0] if cell['source_head'] else ''}`"


def errors(cells):
    return [(cell, out) for cell in cells for out in cell["outputs"] if out["output_type"] == "error"]


def stderr(cells):
    return [(cell, out) for cell in cells for out in cell["outputs"]
            if out["output_type"] == "stream" and out.get("name") == "stderr"]


def not_run(cells):
    return [cell for cell in cells if cell["type"] == "code" and cell["execution_count"] is None]


def answers_and_their_tests(cells):
    """``{answer cell index: [test cells below it, up to the next answer]}`` for autograded answers."""
    groups, current = {}, None
    for cell in cells:
        if cell["type"] == "code" and cell["solution"] and not cell["grade"]:
            current = cell["index"]
            groups[current] = []
        elif cell["grade"] and not cell["solution"] and current is not None:
            groups[current].append(cell)
    return groups


#: What an unanswered exercise raises: the stub's NotImplementedError, or the course's
#: NotAnsweredYet (course.widgets.base) that names the function still to write.
UNANSWERED = {"NotImplementedError", "NotAnsweredYet"}
_MISSING_NAME = re.compile(r"name '([^']+)' is not defined")


def bound_names(source):
    """Names a cell binds at its top level (assignments, loops, imports, defs, classes)."""
    try:
        tree = ast.parse("\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))))
    except SyntaxError:
        return set(re.findall(r"^([A-Za-z_][A-Za-z_0-9]*)\s*=", source, re.MULTILINE))
    names = set()

    def visit(node):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(child.name)  # their bodies bind nothing at the top level
            elif isinstance(child, (ast.Import, ast.ImportFrom)):
                names.update((a.asname or a.name).split(".")[0] for a in child.names)
            elif isinstance(child, ast.Lambda):
                continue
            else:
                if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Store):
                    names.add(child.id)
                visit(child)

    visit(tree)
    return names


def classify_release_errors(cells):
    """Split the release's errors into what an unanswered notebook must show and the rest.

    Allowed: ``NotImplementedError`` / ``NotAnsweredYet``, and a ``NameError``
    for a name that an earlier cell would have bound had it not stopped at an
    allowed error (a knock-on of an unanswered exercise). Returns
    ``(allowed, knock_on, wrong)`` lists of ``(cell, output)``.
    """
    allowed, knock_on, wrong = [], [], []
    unbound = set()  # names that failed cells did not get to bind
    for cell in cells:
        errors = [o for o in cell["outputs"] if o["output_type"] == "error"]
        if not errors:
            continue
        ok = True
        for out in errors:
            missing = _MISSING_NAME.search(out["evalue"]) if out["ename"] == "NameError" else None
            if out["ename"] in UNANSWERED:
                allowed.append((cell, out))
            elif missing and missing.group(1) in unbound:
                knock_on.append((cell, out))
            else:
                wrong.append((cell, out))
                ok = False
        if ok:
            unbound |= bound_names(cell["source"])
    return allowed, knock_on, wrong


def expected_type(meta):
    if meta.get("solution") and meta.get("grade"):
        return "manual"
    if meta.get("solution"):
        return "solution"
    if meta.get("grade"):
        return "tests"
    if meta.get("task"):
        return "task"
    if meta.get("locked"):
        return "readonly"
    return ""
