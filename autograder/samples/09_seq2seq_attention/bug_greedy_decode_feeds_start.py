# greedy_decode feeds start_id at every step instead of the previous argmax.
# kind: bug
# fails: test_greedy_decode
# %% greedy_decode
def greedy_decode(step, state, start_id, end_id, max_len):
    tokens = []
    for _ in range(max_len):
        probs, state = step(start_id, state)
        token = int(np.argmax(probs))
        if token == end_id:
            break
        tokens.append(token)
    return tokens
