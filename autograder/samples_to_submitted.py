"""Copy the sample submissions into ``autograder/submitted/`` for ``make autograde``.

Each sample becomes a student ``sample-<name>``; the instructor solution and the
untouched release become students ``solution`` and ``release``. Existing
submissions of real students are left alone; a sample's folder is rewritten.
"""
import sys

import nbformat

from . import runner
from .samples import build_submission, list_samples, solved_notebook


def main():
    root = runner.ROOT
    count = 0
    for source in sorted((root / "source").glob("*/*.ipynb")):
        assignment = source.parent.name
        release = root / "release" / assignment / source.name
        if not release.is_file():
            sys.exit(f"{release} is missing: run `make release` first")
        release_nb = nbformat.read(str(release), 4)
        source_nb = nbformat.read(str(source), 4)
        runner.submit(root, assignment, "solution", solved_notebook(release_nb, source_nb))
        runner.submit(root, assignment, "release", release_nb)
        count += 2
        for sample in list_samples(assignment):
            runner.submit(root, assignment, sample.student_id, build_submission(sample, release_nb, source_nb))
            count += 1
        print(f"{assignment}: {2 + len(list_samples(assignment))} submissions")
    print(f"{count} submissions written under autograder/submitted/")


if __name__ == "__main__":
    main()
