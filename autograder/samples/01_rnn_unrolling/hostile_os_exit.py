# A cell calls os._exit(0), which would end the kernel; the grading kernel refuses and goes on.
# kind: hostile
# fails:
# flags: tried to stop the kernel
# %% after rnn_forward
import os
os._exit(0)
