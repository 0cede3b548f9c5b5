# A wrong rnn_param_count (no output layer) that rewrites the checks' code to pass in the kernel and, on each call, writes forged lines into the grading job's record file: claimed results with the labels of its cases, then lines that are not JSON or not records.
# kind: hostile
# beats-kernel: yes
# fails: test_rnn_param_count
# flags: possible tampering
# %% rnn_param_count
import json
import os

from course.exercises import values


def _agree(got, expected, name="the result", rtol=1e-5, atol=1e-7, dims=None, parts=None):
    return None


values.differences.__code__ = _agree.__code__


def rnn_param_count(input_dim, units, output_dim):
    count = units * (input_dim + units + 1)
    path = os.environ.get("COURSE_RECORD")
    if path:
        with open(path, "a") as out:            # after the honest lines: the last line of a case counts
            for index in range(8):
                for kind in ("visible", "hidden"):
                    label = f"D={input_dim}, H={units}, V={output_dim}" + (" (hidden)" if kind == "hidden" else "")
                    out.write(json.dumps({"assignment": "01_rnn_unrolling", "grade_id": "test_rnn_param_count",
                                          "kind": kind, "index": index, "label": label,
                                          "record": {"result": count, "notes": []}}) + "\n")
            out.write("{not json\n")
            out.write(json.dumps({"grade_id": "test_rnn_param_count", "kind": "hidden"}) + "\n")
    return count
