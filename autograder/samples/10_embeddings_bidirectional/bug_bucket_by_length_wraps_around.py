# bucket_by_length fills the last batch up with the shortest sequences again, so they appear twice.
# kind: bug
# fails: test_bucket_by_length_small test_bucket_by_length_hidden
# %% bucket_by_length
def bucket_by_length(lengths, batch_size):
    order = np.argsort(lengths, kind="stable")
    n_batches = -(-len(order) // batch_size)
    return [np.take(order, np.arange(b * batch_size, (b + 1) * batch_size), mode="wrap")
            if (b + 1) * batch_size > len(order) else order[b * batch_size:(b + 1) * batch_size]
            for b in range(n_batches)]
