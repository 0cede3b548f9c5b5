# A cell calls sys.exit(): IPython turns it into an error in that cell, and grading goes on.
# kind: hostile
# fails:
# %% after rnn_step
import sys
sys.exit("I am done")
