"""Exercises of 06_keras_char_rnn: the vocabulary, sampling with a temperature, the Keras model.

Three checks here are written out rather than stored value by value:

- ``build_vocab`` may return ``idx2char`` as a list or as a dict from index to
  character, so the check reads it either way before it compares;
- ``sample_next`` draws at random: its checks count many seeded draws and
  compare the frequencies with stored ones (any correct sampler passes, none
  is compared with one fixed sequence of draws);
- ``build_char_model`` returns a Keras model: its check compares the model's
  layers, their settings and parameter counts, and what it outputs, with the
  facts stored from the reference model (``model_facts``, also used by 07).
"""
import numpy as _np

from . import Check, CheckFailed, Exercise, Test, call, pass_through, values

ASSIGNMENT = "06_keras_char_rnn"
#: For the README's notebook map.
LEARN = ("a character language model on Shakespeare in Keras, temperature sampling, bits per character; the same "
         "model on Cervantes' Spanish")
BUILDS_ON = "01"


# ---------------------------------------------------------------- build_vocab
def _as_list(idx2char, size):
    """``idx2char`` read as a list of ``size`` characters (it may be a list, a tuple, a str or a dict)."""
    if isinstance(idx2char, dict):
        return [idx2char.get(i, idx2char.get(str(i))) for i in range(size)]
    if isinstance(idx2char, (list, tuple, str)):
        return list(idx2char)
    return None


def _key_hint(key, got):
    if key.isspace():
        return " Every character counts, spaces, tabs and newlines too."
    if key.isupper() and key.lower() in got:
        return " Upper and lower case are different characters: do not change the text."
    return ""


def _judge_vocab(recorded, case, exercise):
    label = case["label"]
    result = recorded["result"]
    want_c2i, want_i2c = case["expected"]
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        raise CheckFailed(f"build_vocab should return the pair (char2idx, idx2char), but it returned "
                          f"{type(result).__name__} on the case {label}.")
    char2idx, idx2char = result
    if not isinstance(char2idx, dict):
        raise CheckFailed(f"char2idx should be a dict, but it is {type(char2idx).__name__} (case {label}).")
    found = values.differences(char2idx, want_c2i, "char2idx")
    if found:
        for mistake, output in case.get("mistakes", {}).items():
            if values.matches(char2idx, output[0]):
                raise CheckFailed(f"{exercise.mistakes[mistake]} (case {label}: {found[1]})")
        missing = [k for k in want_c2i if k not in char2idx]
        hint = _key_hint(missing[0], char2idx) if missing else (
            " The indices follow the sorted characters, starting at 0 (each index once).")
        raise CheckFailed(f"On the case {label}: {found[1]}{hint}")
    listed = _as_list(idx2char, len(want_i2c))
    if listed is None:
        raise CheckFailed(f"idx2char should be a list of characters (or a dict from index to character), "
                          f"but it is {type(idx2char).__name__} (case {label}).")
    for index, char in enumerate(want_i2c):
        got = listed[index] if index < len(listed) else None
        if got != char:
            raise CheckFailed(f"idx2char does not invert char2idx on the case {label}: "
                              f"idx2char[char2idx[{char!r}]] = idx2char[{index}] is {got!r}, "
                              f"but it should be {char!r}.")
    if len(listed) != len(want_i2c):
        raise CheckFailed(f"idx2char has {len(listed)} entries, but the text has {len(want_i2c)} distinct "
                          f"characters (case {label}).")


_check_vocab = Check(judge=_judge_vocab)


# ---------------------------------------------------------------- sample_next
_TINY = 0.01        # below this temperature, weights computed without care underflow


def _case_text(probs, temperature):
    shown = _np.round(_np.asarray(probs, dtype=float), 3).tolist()
    where = f"probs={shown}" if len(shown) <= 6 else f"probs of {len(shown)} characters"
    return f"temperature={temperature!r}, {where} (V={len(shown)})"


def _hint(temperature):
    if temperature == 0:
        return (" Temperature 0 means argmax: return the index of the largest probability before "
                "dividing by the temperature.")
    if 0 < temperature < _TINY:
        return (f" At temperature {temperature} this is the sign of an underflow: the weight of every "
                f"character, p ** (1 / {temperature}), is smaller than the smallest float (about 1e-308), "
                "so all the weights are 0, their sum is 0 and dividing by it gives NaN. Work with "
                "log(p) / T and subtract its largest value before np.exp: then the largest weight is exactly 1.")
    return ""


def _drawer(exercise, func, probs, temperature):
    """A function ``draw(rng)`` that calls the student's sampler once and checks what it returns."""
    if not callable(func):
        raise CheckFailed(f"{exercise.name} should be a function, but it is {type(func).__name__}.")
    given = _np.array(probs, copy=True)
    size = len(given)
    text = _case_text(probs, temperature)

    def draw(rng):
        try:
            with _np.errstate(all="ignore"):
                index = func(given, temperature, rng)
        except Exception as err:
            pass_through(exercise, err)
            raise CheckFailed(f"{exercise.name} raised {type(err).__name__}: {err} on the case {text}."
                              f"{_hint(temperature) or ' ' + exercise.on_error}") from err
        if isinstance(index, bool) or not isinstance(index, (int, _np.integer)):
            raise CheckFailed(f"{exercise.name} should return an int, but it returned "
                              f"{type(index).__name__} ({index!r}) on the case {text}.{_hint(temperature)}")
        if not 0 <= int(index) < size:
            raise CheckFailed(f"{exercise.name} returned {int(index)}, outside 0..{size - 1}, on the case "
                              f"{text}.{_hint(temperature)}")
        if not values.matches(given, _np.asarray(probs), rtol=0, atol=0):
            raise CheckFailed(f"{exercise.name} changed its input probs in place on the case {text}. "
                              "Work on a copy instead.")
        return int(index)

    return draw


def _record_sampler_basics(func, case, exercise):
    """The draws of the student's sampler with the rngs the case names (each draw checked as it is made)."""
    inputs = case["inputs"]
    probs, temperature, kind = inputs["probs"], inputs["temperature"], inputs["kind"]
    draw = _drawer(exercise, func, probs, temperature)
    if kind == "range":
        return {"draws": [draw(_np.random.default_rng(inputs["seed"]))]}
    if kind == "argmax":
        return {"draws": [draw(_np.random.default_rng(seed)) for seed in inputs["seeds"]]}
    runs = {}
    for name in ("seed", "seed", "other_seed"):
        rng = _np.random.default_rng(inputs[name])
        runs.setdefault(name, []).append([draw(rng) for _ in range(inputs["draws"])])
    return {"runs": runs}


def _judge_draws(draws, size, text):
    """A record is a claim: every draw is an int index in range, whatever the kernel said."""
    for index in draws:
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < size:
            raise CheckFailed(f"sample_next returned {index!r}, not an index in 0..{size - 1}, on the case {text}.")


def _judge_sampler_basics(recorded, case, exercise):
    inputs = case["inputs"]
    probs, temperature, kind = inputs["probs"], inputs["temperature"], inputs["kind"]
    text, size = _case_text(probs, temperature), len(probs)
    if kind in ("range", "argmax"):
        draws = recorded["draws"]
        expected = 1 if kind == "range" else len(inputs["seeds"])
        if len(draws) != expected:
            raise CheckFailed(f"the grader recorded {len(draws)} draws of sample_next on the case {text}, "
                              f"not {expected}.")
        _judge_draws(draws, size, text)
        for index in draws if kind == "argmax" else ():
            if index != case["expected"]:
                raise CheckFailed(f"sample_next(probs, {temperature!r}, rng) returned {index} on the case "
                                  f"{text}, but temperature 0 means argmax: it should return {case['expected']} "
                                  "whatever the rng.")
        return
    runs = recorded["runs"]
    first, again = runs["seed"]
    other = runs["other_seed"][0]
    for draws in (first, again, other):
        if len(draws) != inputs["draws"]:
            raise CheckFailed(f"the grader recorded {len(draws)} draws of sample_next on the case {text}, "
                              f"not {inputs['draws']}.")
        _judge_draws(draws, size, text)
    if first != again:
        raise CheckFailed("two generators with the same seed gave different draws: draw with the rng "
                          "argument, not with np.random.* or random.*, so that a seed gives the same text.")
    if first == other:
        raise CheckFailed(f"generators with different seeds gave the same {inputs['draws']} draws at "
                          "temperature 1: does sample_next draw with rng?")


_check_sampler_basics = Check(judge=_judge_sampler_basics, record=_record_sampler_basics)


def _frequencies(draw, seed, n, size):
    rng = _np.random.default_rng(seed)
    counts = _np.zeros(size)
    for _ in range(n):
        counts[draw(rng)] += 1
    return counts / n


def _record_frequencies(func, case, exercise):
    """How often each index came up in the case's draws: ``{"frequencies": (V,)}``."""
    inputs = case["inputs"]
    draw = _drawer(exercise, func, inputs["probs"], inputs["temperature"])
    return {"frequencies": _frequencies(draw, inputs["seed"], inputs["draws"], len(inputs["probs"]))}


def _judge_frequencies(recorded, case, exercise):
    inputs = case["inputs"]
    probs, temperature, n = inputs["probs"], inputs["temperature"], inputs["draws"]
    want = _np.asarray(case["expected"], dtype=float)
    got = _np.asarray(recorded["frequencies"], dtype=float)
    if got.shape != want.shape or not _np.isfinite(got).all() or abs(got.sum() - 1) > 1e-6 or (got < 0).any():
        raise CheckFailed(f"the recorded frequencies of sample_next are not {len(want)} shares that sum to 1 "
                          f"(case {_case_text(probs, temperature)}).")
    gaps = _np.abs(got - want)
    worst = int(_np.argmax(gaps))
    if gaps[worst] <= inputs["tolerance"]:
        return
    for mistake, other in case.get("mistakes", {}).items():
        if _np.abs(got - _np.asarray(other)).max() <= inputs["tolerance"]:
            raise CheckFailed(f"{exercise.mistakes[mistake]} (at {_case_text(probs, temperature)}, index "
                              f"{worst} came up in {got[worst]:.1%} of {n} draws instead of {want[worst]:.1%}.)")
    if len(want) == 1:
        raise CheckFailed(f"with a single character (V=1) sample_next must always return 0 "
                          f"(case {_case_text(probs, temperature)}).")
    if 0 < temperature < _TINY:
        raise CheckFailed(f"at temperature {temperature} sample_next should practically always give the most "
                          f"probable index {int(_np.argmax(want))}, but it gave it in {got[int(_np.argmax(want))]:.0%} "
                          f"of {n} draws (case {_case_text(probs, temperature)}).{_hint(temperature)}")
    raise CheckFailed(f"at temperature {temperature}, index {worst} came up in {got[worst]:.1%} of {n} draws, "
                      f"but softmax(log(probs) / T) gives it {want[worst]:.1%} (case "
                      f"{_case_text(probs, temperature)}). Divide the log-probabilities by the temperature, "
                      "then normalise.")


_check_frequencies = Check(judge=_judge_frequencies, record=_record_frequencies)


# ---------------------------------------------------------------- Keras models (06 and 07)
_FACTS = ("return_sequences", "units", "rate", "dropout", "mask_zero", "input_dim", "output_dim")
_RECURRENT = ("SimpleRNN", "GRU", "LSTM")


def model_layers(model):
    """The layers of a model without its input layer."""
    import keras

    return [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]


def layer_facts(layer):
    """``{"type": ..., "params": ..., "units": ..., "rate": ...}``: what a check compares of one layer."""
    facts = {"type": type(layer).__name__, "params": int(layer.count_params())}
    for name in _FACTS:
        value = getattr(layer, name, None)
        if isinstance(value, (bool, int, float)) and not callable(value):
            facts[name] = value if isinstance(value, bool) else float(value)
    return facts


def model_facts(model, probes=()):
    """The facts a model check compares, with the output shape of each probe input."""
    import keras

    outputs = [list(_np.shape(keras.ops.convert_to_numpy(model(_np.asarray(p, dtype="int32"))))) for p in probes]
    return {"layers": [layer_facts(layer) for layer in model_layers(model)], "total": int(model.count_params()),
            "probes": [{"input": _np.asarray(p, dtype="int32"), "shape": shape} for p, shape in zip(probes, outputs)]}


def _a(name):
    return ("an " if name == "LSTM" or name[0] in "AEIOU" else "a ") + name


def _shape_text(shape):
    return "(" + ", ".join(str(int(d)) for d in shape) + ("," if len(shape) == 1 else "") + ")"


_PARAM_HINTS = {
    "Embedding": "it holds one vector of embed_dim numbers for each of the vocab_size indices",
    "Dense": "check its number of units and what it reads",
    "recurrent": "check its number of units and that it reads the embedding vectors",
}
_RATE_NAMES = {("Dropout", "rate"): "the Dropout rate", ("SpatialDropout1D", "rate"): "the SpatialDropout1D rate",
               ("LSTM", "dropout"): "the LSTM's dropout", ("GRU", "dropout"): "the GRU's dropout"}


def _what(exercise, inputs):
    return f"{exercise.name}({', '.join(f'{k}={inputs[k]!r}' for k in exercise.parameters() if k in inputs)})"


def _model_given(case):
    """The probe batches a model check runs through the student's model (inputs, not answers)."""
    want = case["expected"]
    given = {"probes": [probe["input"] for probe in want.get("probes", [])]}
    if "mask" in want:
        given["mask"] = {key: want["mask"][key] for key in ("padded", "unpadded")}
    if "sigmoid" in want:
        given["sigmoid"] = {key: want["sigmoid"][key] for key in ("bias", "input")}
    return given


def record_model(exercise, func, case, aspects):
    """Build the student's model on one case and keep what the aspects look at, as plain data.

    ``{"type": ..., "layers": [layer_facts], "total": ..., "outputs": [(N, T, V) per probe],
    "mask": {"padded": ..., "unpadded": ...}, "sigmoid": ...}``; a result that is not a Keras
    model is ``{"type": <its type>}``.
    """
    import keras

    inputs, given = case["inputs"], case["given"]
    keras.utils.set_random_seed(1)
    model = call(exercise, func, inputs, case["label"])
    if not isinstance(model, keras.Model):
        return {"type": "None" if model is None else type(model).__name__}
    layers = model_layers(model)

    def run(batch):
        return keras.ops.convert_to_numpy(model(_np.asarray(batch, dtype="int32")))

    recorded = {"type": "Model", "layers": [layer_facts(layer) for layer in layers],
                "total": int(model.count_params())}
    if {"outputs", "softmax", "probability"} & set(aspects):
        recorded["outputs"] = [run(probe) for probe in given["probes"]]
    if "mask" in aspects:
        recorded["mask"] = {key: run(given["mask"][key]) for key in ("padded", "unpadded")}
    if "sigmoid" in aspects:
        kernel, bias = layers[-1].get_weights()
        layers[-1].set_weights([_np.zeros_like(kernel), _np.full_like(bias, given["sigmoid"]["bias"])])
        recorded["sigmoid"] = run(given["sigmoid"]["input"])
    return recorded


def judge_model(exercise, recorded, case, aspects, dims="(N, T, V)"):
    """Compare a recorded model with the stored facts, aspect by aspect.

    ``aspects``: ``types``, ``return_sequences``, ``outputs`` (shape of each probe), ``softmax``
    (each position sums to 1), ``probability`` (outputs in (0, 1)), ``mask`` (padding changes
    nothing), ``sigmoid`` (a known last layer gives a stored value), ``params``, ``rates``, ``mask_zero``.
    """
    inputs, want = case["inputs"], case["expected"]
    what = _what(exercise, inputs)
    if recorded.get("type") != "Model":
        extra = " Did the function forget to `return` it?" if recorded.get("type") == "None" else ""
        raise CheckFailed(f"{what} should return a keras Model (e.g. keras.Sequential([...])), but it returned "
                          f"{recorded.get('type')}.{extra}")
    layers = recorded["layers"]
    types = [facts["type"] for facts in layers]
    want_types = [facts["type"] for facts in want["layers"]]
    if "types" in aspects and types != want_types:
        for got_type, want_type in zip(types, want_types):
            if got_type != want_type and got_type in _RECURRENT and want_type in _RECURRENT:
                raise CheckFailed(f"the recurrent layer of {what} is {_a(got_type)}, but it should be {_a(want_type)}: "
                                  "the `cell` argument picks the layer.")
        raise CheckFailed(f"the layers of {what} are {types} (in this order, without the input), but they should "
                          f"be {want_types}.")
    pairs = list(zip(layers, want["layers"]))

    if "return_sequences" in aspects:
        for layer, facts in pairs:
            if "return_sequences" in facts and bool(layer.get("return_sequences")) != facts["return_sequences"]:
                raise CheckFailed(
                    f"the {facts['type']}'s return_sequences is {not facts['return_sequences']} in {what}: "
                    + ("it must give an output at every position (return_sequences=True)."
                       if facts["return_sequences"] else
                       "a many-to-one classifier reads only the last state (leave return_sequences False)."))

    outputs = []
    if "outputs" in aspects or "softmax" in aspects or "probability" in aspects:
        recorded_outputs = recorded.get("outputs") or []
        if len(recorded_outputs) != len(want["probes"]):
            raise CheckFailed(f"the grader recorded {len(recorded_outputs)} outputs of {what}, not "
                              f"{len(want['probes'])}.")
        for probe, out in zip(want["probes"], recorded_outputs):
            out = _np.asarray(out, dtype=float)
            outputs.append(out)
            batch = probe["input"].shape
            if list(out.shape) != list(probe["shape"]):
                raise CheckFailed(f"the output of {what} for a batch of {batch[0]} sequence{'s' if batch[0] != 1 else ''} of length {batch[1]} "
                                  f"has shape {_shape_text(out.shape)}, but it should be "
                                  f"{_shape_text(probe['shape'])} = {dims}.")
    if "softmax" in aspects:
        for out in outputs:
            sums = out.sum(axis=-1)
            if not _np.allclose(sums, 1.0, rtol=1e-4, atol=1e-4):
                raise CheckFailed(f"the outputs of {what} at one position sum to {float(sums.ravel()[0]):.4g}, "
                                  "but they are probabilities of the characters and should sum to 1: is the last "
                                  "layer's activation a softmax?")
    if "probability" in aspects:
        for out in outputs:
            if not ((out > 0) & (out < 1)).all():
                raise CheckFailed(f"the outputs {_np.round(out.ravel(), 4).tolist()} of {what} should be "
                                  "probabilities between 0 and 1: is the last layer's activation a sigmoid?")
    if "params" in aspects:
        for layer, facts in pairs:
            got = int(layer["params"])
            if got != facts["params"]:
                kind = "recurrent" if facts["type"] in _RECURRENT else facts["type"]
                hint = _PARAM_HINTS.get(kind, "check its sizes")
                raise CheckFailed(f"the {facts['type']} layer of {what} has {got} parameters, but it should have "
                                  f"{facts['params']}: {hint}.")
        if int(recorded["total"]) != want["total"]:
            raise CheckFailed(f"{what} has {int(recorded['total'])} parameters, but it should have {want['total']}.")
    if "mask" in aspects:
        probe = want["mask"]
        padded = _np.asarray(recorded["mask"]["padded"], dtype=float)
        unpadded = _np.asarray(recorded["mask"]["unpadded"], dtype=float)
        if (padded.ndim < 1 or unpadded.ndim < 1 or len(padded) <= probe["row"] or len(unpadded) < 1
                or not _np.allclose(padded[probe["row"]], unpadded[0], rtol=1e-4, atol=1e-5)):
            raise CheckFailed(f"P(positive) of {probe['padded'][probe['row']].tolist()} is "
                              f"{float(padded[probe['row']].ravel()[0]):.4f}, but of {probe['unpadded'][0].tolist()} it is "
                              f"{float(unpadded[0].ravel()[0]):.4f}: the padding (index 0) must be masked, "
                              "Embedding(..., mask_zero=True).")
    if "sigmoid" in aspects:
        probe = want["sigmoid"]
        out = _np.asarray(recorded["sigmoid"], dtype=float)
        if out.size == 0 or not _np.allclose(out, probe["expected"], rtol=1e-4, atol=1e-5):
            raise CheckFailed(f"with the last layer's kernel set to 0 and its bias to {probe['bias']}, {what} "
                              f"outputs {float(out.ravel()[0]):.4f}, but a sigmoid gives {probe['expected']:.4f}.")
    if "rates" in aspects:
        for layer, facts in pairs:
            for name in ("rate", "dropout"):
                if name in facts and (facts["type"], name) in _RATE_NAMES:
                    got = float(layer.get(name, float("nan")))
                    if not got == facts[name]:
                        raise CheckFailed(f"{_RATE_NAMES[(facts['type'], name)]} of {what} is {got}, but it "
                                          f"should be {facts[name]}: use the dropout argument.")
    if "mask_zero" in aspects:
        for layer, facts in pairs:
            if "mask_zero" in facts and bool(layer.get("mask_zero", False)) != facts["mask_zero"]:
                raise CheckFailed(f"the Embedding's mask_zero is {bool(layer.get('mask_zero', False))} in "
                                  f"{what}: the padding index 0 must be masked (Embedding(..., mask_zero=True)).")


def model_check(aspects, dims="(N, T, V)"):
    """A test cell's check of a Keras model builder: ``record_model``, then ``judge_model``, with these aspects."""
    return Check(judge=lambda recorded, case, exercise: judge_model(exercise, recorded, case, aspects, dims),
                 record=lambda func, case, exercise: record_model(exercise, func, case, aspects),
                 given=_model_given)


EXERCISES = (
    Exercise(
        "build_vocab", "text", "`(char2idx, idx2char)`, characters sorted",
        tests=(
            Test("test_build_vocab_small", 1, "build_vocab on short strings: types, sorted indices, the inverse "
                                              "mapping.", check=_check_vocab, hidden=False),
            Test("test_build_vocab_hidden", 1, "build_vocab against an independent reference (hidden: upper case, "
                                               "punctuation, one character, Macbeth).", check=_check_vocab),
        ),
        mistakes={
            "order_of_appearance": "char2idx numbers the characters in the order they first appear; they should "
                                   "be numbered in sorted order (the smallest character gets 0).",
            "starts_at_one": "char2idx starts at 1: the V characters get the indices 0..V-1 (there is no padding "
                             "index in a character vocabulary).",
            "lowercases": "char2idx merges upper and lower case: every distinct character of the text counts.",
            "no_whitespace": "char2idx leaves out spaces, tabs or newlines: every character counts.",
        },
    ),
    Exercise(
        "sample_next", "probs, temperature, rng", "an int index",
        tests=(
            Test("test_sample_next_basics", 1, "sample_next: an int in range, argmax at temperature 0, draws made "
                                               "with the rng it is given.", check=_check_sampler_basics,
                 hidden=False),
            Test("test_sample_next_frequencies", 2, "sample_next: frequencies over many seeded draws match "
                                                    "softmax(log(p)/T) (hidden: more T, V=1, tiny T).",
                 check=_check_frequencies),
        ),
        mistakes={
            "multiplies": "the frequencies are those of softmax(log(p) * T): the log-probabilities are multiplied "
                          "by the temperature, but they should be divided by it.",
            "ignores_temperature": "the frequencies are those of p itself: the temperature is not used.",
            "inverse": "the frequencies are those of softmax(-log(p) / T): the sign of the log-probabilities is "
                       "flipped, so unlikely characters come up most.",
        },
        on_error="probs is a NumPy array of shape (V,); draw with rng.choice(V, p=...), rng.random() or rng.gumbel().",
    ),
    Exercise(
        "build_char_model", 'vocab_size, embed_dim=32, units=128, cell="gru", dropout=0.2',
        "an uncompiled `keras.Sequential` mapping int inputs `(N, T)` to probabilities `(N, T, V)`",
        tests=(
            Test("test_build_char_model_structure", 2, "build_char_model: layer types, output shape for any length, "
                                                       "softmax outputs, parameter count.",
                 check=model_check(("types", "return_sequences", "outputs", "softmax", "params", "rates")),
                 hidden=False),
            Test("test_build_char_model_cells", 2, "build_char_model with each cell type and other sizes (hidden: "
                                                   "LSTM, SimpleRNN, no dropout, V=2).",
                 check=model_check(("types", "return_sequences", "params", "rates", "outputs"))),
        ),
        contract=False,
    ),
)
