# A cell ends the kernel through libc's _exit (no Python guard can stop that): the grader finds the cell, skips it and grades again.
# kind: hostile
# fails:
# flags: stopped the kernel
# %% after make_windows
import ctypes
ctypes.CDLL(None)._exit(3)
