"""The README's notebook map, written from the exercise registries.

    .venv/bin/python -m tools.readme_map            # rewrite the table between the map markers
    .venv/bin/python -m tools.readme_map --check    # fail if the README's table differs

Each registry module (``course/exercises/<topic>.py``) gives ``LEARN`` and
``BUILDS_ON``; the graded functions and the number of written answers come
from the registry and the source notebook.
"""
import argparse
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from course import exercises  # noqa: E402

START, END = "<!-- map:start -->", "<!-- map:end -->"
NUMBERS = {1: "one", 2: "two", 3: "three", 4: "four"}


def _written_answers(assignment):
    notebook = nbformat.read(str(ROOT / "source" / assignment / f"{assignment}.ipynb"), as_version=4)
    return sum(1 for c in notebook.cells
               if c.cell_type == "markdown" and c.get("metadata", {}).get("nbgrader", {}).get("grade"))


def table():
    rows = ["| # | notebook | what you learn | you write (graded) | builds on |", "|---|---|---|---|---|"]
    for assignment in exercises.assignments():
        registry = exercises.load(assignment)
        graded = [f"`{e.name}`" for e in registry.exercises]
        written = _written_answers(assignment)
        if written:
            graded.append(f"{NUMBERS.get(written, written)} written answer{'s' if written > 1 else ''}")
        rows.append(f"| {assignment[:2]} | `{assignment}` | {registry.module.LEARN} | {', '.join(graded)} "
                    f"| {registry.module.BUILDS_ON} |")
    return "\n".join(rows)


def rewrite(text):
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    if not rest:
        raise ValueError(f"README.md has no {START} ... {END} markers")
    return f"{head}{START}\n{table()}\n{END}{tail}"


def main(argv=None):
    parser = argparse.ArgumentParser(description="Write the README's notebook map from the registries.")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    path = ROOT / "README.md"
    text = path.read_text(encoding="utf-8")
    new = rewrite(text)
    if args.check:
        if new != text:
            print("README.md's notebook map differs from the registries: run `python -m tools.readme_map`")
            return 1
        return 0
    path.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
