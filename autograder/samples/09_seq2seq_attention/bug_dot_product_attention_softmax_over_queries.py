# dot_product_attention takes the softmax over the queries (axis 1) instead of over the keys.
# kind: bug
# fails: test_dot_product_attention_small test_dot_product_attention_keras
# %% dot_product_attention
def dot_product_attention(query, keys, values, mask=None):
    scores = query @ np.swapaxes(keys, 1, 2)
    if mask is not None:
        scores = np.where(mask[:, None, :], scores, -1e9)
    weights = np.exp(scores - scores.max(axis=1, keepdims=True))
    weights = weights / weights.sum(axis=1, keepdims=True)
    return weights @ values, weights
