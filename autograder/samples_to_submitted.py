"""Copy the sample submissions into ``autograder/submitted/`` for ``make autograde``.

Each sample becomes a student ``sample-<name>``; the instructor solution and the
untouched release become students ``solution`` and ``release``; the broken
files of ``samples.broken_submissions`` (not JSON, empty, nbformat 3, wrong
name, missing, several notebooks) become students ``broken-*``. Existing
submissions of real students are left alone; these folders are rewritten.
"""
import sys

import nbformat

from . import runner
import shutil

from .samples import broken_submissions, build_submission, list_samples, solved_notebook


def write_files(root, assignment, student, files):
    """A submission folder holding exactly ``files`` (name -> bytes)."""
    folder = root / "autograder" / "submitted" / student / assignment
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, content in files.items():
        (folder / name).write_bytes(content)
    return folder


def main():
    root = runner.ROOT
    count = 0
    sources = sorted((root / "source").glob("*/*.ipynb"))
    for source in sources:
        assignment = source.parent.name
        release = root / "release" / assignment / source.name
        if not release.is_file():
            sys.exit(f"{release} is missing: run `make release` first")
        release_nb = nbformat.read(str(release), 4)
        source_nb = nbformat.read(str(source), 4)
        solved = solved_notebook(release_nb, source_nb)
        runner.submit(root, assignment, "solution", solved)
        runner.submit(root, assignment, "release", release_nb)
        samples = list_samples(assignment)
        for sample in samples:
            runner.submit(root, assignment, sample.student_id, build_submission(sample, release_nb, source_nb))
        # broken files test the grader, not the notebook: one assignment is enough
        broken = broken_submissions(assignment, solved) if assignment == sources[0].parent.name else {}
        for student, (files, _expected) in broken.items():
            write_files(root, assignment, student, files)
        count += 2 + len(samples) + len(broken)
        print(f"{assignment}: {2 + len(samples) + len(broken)} submissions")
    print(f"{count} submissions written under autograder/submitted/")


if __name__ == "__main__":
    main()
