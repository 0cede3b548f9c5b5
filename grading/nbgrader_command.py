"""``python -m grading.nbgrader_command ARGS`` is ``nbgrader ARGS``, seconds sooner.

The course's tools (``autograder.runner``, the class grader's jobs, the hub test)
start nbgrader this way; what it does differently changes nothing in what nbgrader
computes:

- nbgrader imports nbformat, nbformat imports jsonschema, and jsonschema, when
  the optional ``rfc3987_syntax`` package is installed (JupyterLab's
  dependencies install it), builds an Earley parser for IRIs at import time:
  1.9 to 2.7 s of every nbgrader start here. Notebooks hold no IRIs, so that one
  import is made to fail; jsonschema then leaves out its two IRI format checks,
  which nothing in nbgrader asks for. (The class grader's own process, which
  reads notebooks too, does the same: ``autograder/__init__.py``.)
- For ``autograde``, the kernel starts, with the assignment's imports, while
  nbgrader imports (``grading.early_kernel``).
- When nbgrader is done, the exit handlers run and the process ends without
  tearing its modules down one by one (about 0.4 s here, for nothing; the
  class grader's own process ends the same way).
"""
import atexit
import os
import sys


def leave_out_iri_parser():
    """Make ``import rfc3987_syntax`` fail, before nbformat is first imported (see above)."""
    sys.modules.setdefault("rfc3987_syntax", None)


def main(argv):
    leave_out_iri_parser()
    from grading import early_kernel

    early_kernel.start(argv)
    try:
        from nbgrader.apps.nbgraderapp import main as nbgrader_main

        sys.argv = ["nbgrader", *argv]
        try:
            code = nbgrader_main()
        except SystemExit as exit:
            code = exit.code
    finally:
        early_kernel.end_unclaimed()
    exit_without_teardown(code)


def exit_without_teardown(code):
    """End the process as ``sys.exit(code)`` would, without tearing its modules down one by one.

    The exit handlers run (logging's flush among them) and the output is flushed; what is
    skipped is only freeing memory that the process gives back by ending.
    """
    if code is not None and not isinstance(code, int):      # sys.exit("message"), as Python itself reports it
        print(code, file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)


if __name__ == "__main__":
    main(sys.argv[1:])
