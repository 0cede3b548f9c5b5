# bucket_by_length cuts the batches from the indices in their original order, without sorting by length.
# kind: bug
# fails: test_bucket_by_length_small test_bucket_by_length_hidden
# %% bucket_by_length
def bucket_by_length(lengths, batch_size):
    order = np.arange(len(lengths))
    return [order[s:s + batch_size] for s in range(0, len(order), batch_size)]
