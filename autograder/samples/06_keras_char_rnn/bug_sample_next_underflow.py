# sample_next raises the probabilities to 1/T without care: at a tiny temperature every weight underflows to 0.
# kind: bug
# fails: test_sample_next_frequencies
# %% sample_next
def sample_next(probs, temperature, rng):
    probs = np.asarray(probs, dtype=float)
    if temperature == 0:
        return int(np.argmax(probs))
    weights = probs ** (1.0 / temperature)
    cumulative = np.cumsum(weights / weights.sum())
    return int(np.searchsorted(cumulative, rng.random() * cumulative[-1], side="right"))
