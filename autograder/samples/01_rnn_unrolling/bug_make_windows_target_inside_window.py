# make_windows takes the last character of the window as its target (off by one).
# kind: bug
# fails: test_make_windows_small test_make_windows_hidden
# %% make_windows
def make_windows(text, seqlen, step):
    inputs, targets = [], []
    for start in range(0, len(text) - seqlen, step):
        inputs.append(text[start:start + seqlen])
        targets.append(text[start + seqlen - 1])
    return inputs, targets
