# bucket_by_length keeps only full batches, so the last sequences are never trained on.
# kind: bug
# fails: test_bucket_by_length_small test_bucket_by_length_hidden
# %% bucket_by_length
def bucket_by_length(lengths, batch_size):
    order = np.argsort(lengths, kind="stable")
    return [order[s:s + batch_size] for s in range(0, len(order) - batch_size + 1, batch_size)]
