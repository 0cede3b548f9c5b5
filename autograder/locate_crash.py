"""Find the cell during which a notebook's kernel dies: ``python locate_crash.py NOTEBOOK TIMEOUT``.

Prints the index of that cell as JSON (``null`` when the kernel survives).
Run by the grading worker under the same limits and environment as the
grading itself, in a process of its own.
"""
import json
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError


def main(path, timeout):
    notebook = nbformat.read(path, as_version=4)
    started = {"index": None}

    def on_cell_start(cell=None, cell_index=None, **kwargs):
        started["index"] = cell_index

    client = NotebookClient(
        notebook, timeout=timeout, kernel_name="python3", allow_errors=True, interrupt_on_timeout=True,
        extra_arguments=["--HistoryManager.hist_file=:memory:", "--InteractiveShellApp.extensions=course.integrity"],
        on_cell_start=on_cell_start,
    )
    try:
        client.execute()
        print(json.dumps(None))
    except DeadKernelError:
        print(json.dumps(started["index"]))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
