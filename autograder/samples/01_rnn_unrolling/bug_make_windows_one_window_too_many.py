# make_windows lets the last window run to the end of the text and pads its missing target with a space.
# kind: bug
# fails: test_make_windows_small test_make_windows_hidden
# %% make_windows
def make_windows(text, seqlen, step):
    inputs, targets = [], []
    for start in range(0, len(text) - seqlen + 1, step):
        inputs.append(text[start:start + seqlen])
        targets.append(text[start + seqlen] if start + seqlen < len(text) else " ")
    return inputs, targets
