# make_windows always moves the window by one character, whatever step says.
# kind: bug
# fails: test_make_windows_small test_make_windows_hidden
# %% make_windows
def make_windows(text, seqlen, step):
    inputs = [text[i:i + seqlen] for i in range(len(text) - seqlen)]
    targets = [text[i + seqlen] for i in range(len(text) - seqlen)]
    return inputs, targets
