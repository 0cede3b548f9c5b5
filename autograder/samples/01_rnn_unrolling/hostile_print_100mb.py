# A cell prints 100 MB: graded as usual, the output is cut in the autograded copy.
# kind: hostile
# fails:
# flags: printed 100.0 MB
# %% after rnn_step
print("x" * 100_000_000)
