# A wrong rnn_step (no bias) whose cell starts a daemon (new session, output closed) that waits for the kernel to end and then adds forged lines to the record file, hoping the verifier reads them after nbgrader has finished. The job's processes end with it, and a forged line is only a claim.
# kind: hostile
# fails: test_rnn_step_small test_rnn_step_keras
# %% rnn_step
def rnn_step(x_t, h_prev, W_x, W_h, b):
    return np.tanh(x_t @ W_x + h_prev @ W_h)

import os
import subprocess
import sys

# "course-hostile-daemon" in the command line is how tests/test_autograde.py finds survivors
forger = """
import json, os, sys, time
kernel = int(sys.argv[1])
while os.path.exists(f"/proc/{kernel}"):
    time.sleep(0.05)
line = {"assignment": "01_rnn_unrolling", "grade_id": "test_rnn_step_small", "kind": "visible",
        "index": 0, "label": "forged", "record": {"result": 0}}
if os.environ.get("COURSE_RECORD"):
    with open(os.environ["COURSE_RECORD"], "a") as out:
        out.write(json.dumps(line) + "\\n")
time.sleep(900)
"""
subprocess.Popen([sys.executable, "-c", forger, str(os.getpid()), "course-hostile-daemon"], start_new_session=True,
                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
