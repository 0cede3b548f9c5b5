# cosine_similarity divides by the length of u only.
# kind: bug
# fails: test_cosine_similarity_small test_cosine_similarity_hidden
# %% cosine_similarity
def cosine_similarity(u, v):
    return float(np.dot(u, v) / np.linalg.norm(u))
