"""The class grader and the tools around nbgrader."""
import sys

# Every tool here reads notebooks with nbformat: about 2 s sooner without the IRI parser that
# jsonschema would build at import (grading/nbgrader_command.py, which does the same for nbgrader,
# says why it is not needed). Not imported from there: a Dask worker imports this package before
# the bundle's copy of grading/ is on its path, and its own environment need not have one.
sys.modules.setdefault("rfc3987_syntax", None)
