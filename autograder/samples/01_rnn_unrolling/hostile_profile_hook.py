# A wrong rnn_forward (it returns h0 with the states) whose cell installs a profile hook (sys.setprofile, threading.setprofile) that, whenever the checks compare, rewrites the compared value in the comparison's frame to the expected one.
# kind: hostile
# beats-kernel: yes
# fails: test_rnn_forward_small test_rnn_forward_keras
# flags: possible tampering
# %% rnn_forward
def rnn_forward(X, h0, W_x, W_h, b):
    states, h = [h0], h0
    for t in range(X.shape[1] - 1):
        h = rnn_step(X[:, t], h, W_x, W_h, b)
        states.append(h)
    return np.stack(states, axis=1)

import ctypes
import sys
import threading

from course.exercises import values


def _agree(frame, event, arg):
    if event == "call" and frame.f_code is values.differences.__code__:
        frame.f_locals["got"] = frame.f_locals["expected"]
        ctypes.pythonapi.PyFrame_LocalsToFast(ctypes.py_object(frame), ctypes.c_int(0))


sys.setprofile(_agree)
threading.setprofile(_agree)
