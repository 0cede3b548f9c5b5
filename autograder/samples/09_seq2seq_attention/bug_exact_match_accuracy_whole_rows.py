# exact_match_accuracy compares whole rows, so tokens written after <end> count.
# kind: bug
# fails: test_exact_match_accuracy
# %% exact_match_accuracy
def exact_match_accuracy(pred_ids, true_ids, end_id):
    return float(np.mean(np.all(np.asarray(pred_ids) == np.asarray(true_ids), axis=1)))
