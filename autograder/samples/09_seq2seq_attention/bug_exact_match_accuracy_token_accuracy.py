# exact_match_accuracy returns the share of equal tokens, not of equal rows.
# kind: bug
# fails: test_exact_match_accuracy
# %% exact_match_accuracy
def exact_match_accuracy(pred_ids, true_ids, end_id):
    pred, true = np.asarray(pred_ids), np.asarray(true_ids)
    T = min(pred.shape[1], true.shape[1])
    return float(np.mean(pred[:, :T] == true[:, :T]))
