# sample_next multiplies the log-probabilities by the temperature instead of dividing.
# kind: bug
# fails: test_sample_next_frequencies
# %% sample_next
def sample_next(probs, temperature, rng):
    probs = np.asarray(probs, dtype=float)
    if temperature == 0:
        return int(np.argmax(probs))
    logits = np.log(probs) * temperature
    weights = np.exp(logits - logits.max())
    return int(rng.choice(len(probs), p=weights / weights.sum()))
