# sample_next divides by the temperature without treating temperature 0 as argmax.
# kind: bug
# fails: test_sample_next_basics
# %% sample_next
def sample_next(probs, temperature, rng):
    logits = np.log(np.asarray(probs, dtype=float)) / float(temperature)
    weights = np.exp(logits - logits.max())
    return int(rng.choice(len(weights), p=weights / weights.sum()))
