# Correct answers, and a cell that starts processes meant to outlive the grading kernel: one in a new session with its output closed, one daemonised by a double fork. None may be alive after the job.
# kind: hostile
# fails:
# %% after rnn_step
import os
import subprocess
import sys

# "course-hostile-daemon" in the command line is how tests/test_autograde.py finds survivors
sleeper = [sys.executable, "-c", "import time; time.sleep(900)", "course-hostile-daemon"]
subprocess.Popen(sleeper, start_new_session=True, stdin=subprocess.DEVNULL,
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
if os.fork() == 0:                      # the classic daemon: fork, new session, fork again, exec
    os.setsid()
    if os.fork() == 0:
        os.execv(sys.executable, sleeper)
    os._exit(0)
os.wait()
