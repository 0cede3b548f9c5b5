# sample_next draws with np.random.choice instead of the rng it is given (the right distribution, not reproducible).
# kind: bug
# fails: test_sample_next_basics
# %% sample_next
def sample_next(probs, temperature, rng):
    probs = np.asarray(probs, dtype=float)
    if temperature == 0:
        return int(np.argmax(probs))
    weights = np.exp(np.log(probs) / temperature - np.log(probs).max() / temperature)
    return int(np.random.choice(len(probs), p=weights / weights.sum()))
