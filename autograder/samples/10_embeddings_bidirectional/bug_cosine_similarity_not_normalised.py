# cosine_similarity returns the dot product: the division by the lengths is missing.
# kind: bug
# fails: test_cosine_similarity_small test_cosine_similarity_hidden
# %% cosine_similarity
def cosine_similarity(u, v):
    return float(np.dot(u, v))
