# dot_product_attention divides the scores by sqrt(d), as a Transformer does; the contract (and Keras' default) is unscaled.
# kind: bug
# fails: test_dot_product_attention_small test_dot_product_attention_keras
# %% dot_product_attention
def dot_product_attention(query, keys, values, mask=None):
    scores = query @ np.swapaxes(keys, 1, 2) / np.sqrt(query.shape[-1])
    if mask is not None:
        scores = np.where(mask[:, None, :], scores, -np.inf)
    weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights = weights / weights.sum(axis=-1, keepdims=True)
    return weights @ values, weights
