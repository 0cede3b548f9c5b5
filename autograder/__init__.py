"""The class grader and the tools around nbgrader."""
from grading.nbgrader_command import leave_out_iri_parser

# Every tool here reads notebooks with nbformat: about 2 s sooner without the IRI parser
# that jsonschema would build at import (grading/nbgrader_command.py says why it is not needed).
leave_out_iri_parser()
