# greedy_decode appends the end token before it stops.
# kind: bug
# fails: test_greedy_decode
# %% greedy_decode
def greedy_decode(step, state, start_id, end_id, max_len):
    tokens, token = [], start_id
    for _ in range(max_len):
        probs, state = step(token, state)
        token = int(np.argmax(probs))
        tokens.append(token)
        if token == end_id:
            break
    return tokens
