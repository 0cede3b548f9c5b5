"""Exercises of 09_seq2seq_attention: teacher forcing, dot-product attention, greedy decoding, exact match,
a Keras encoder-decoder with attention."""
from . import Exercise, Test

ASSIGNMENT = "09_seq2seq_attention"
#: For the README's notebook map.
LEARN = ("the encoder-decoder topology on dates written by babel in four locales (\"tuesday, march 9, 2021\" -> "
         "\"2021-03-09\"), teacher forcing, greedy decoding, dot-product attention by hand against "
         "keras.layers.Attention, attention heatmaps, a RepeatVector baseline at equal training time, "
         "the padding pitfall and masking")
BUILDS_ON = "07"

#: Layers that only route tensors; a model's summary leaves them out, so a design may use them or not.
PLUMBING = ("InputLayer", "Concatenate")


def translator_summary(model):
    """A Keras encoder-decoder as plain data: its inputs and output, the layers that carry weights or
    decide the computation (with the settings the design depends on), and its parameter count.

    The layers are listed sorted, not in the order a model happens to create
    them, so two builders that wire the same layers differently read the same.
    """
    import json

    import keras

    if not isinstance(model, keras.Model):
        return {"type": type(model).__name__}
    layers = []
    for layer in model.layers:
        kind = type(layer).__name__
        if kind in PLUMBING:
            continue
        entry = {"class": kind}
        inner = getattr(layer, "forward_layer", None)          # Bidirectional: the wrapped recurrent layer
        if inner is not None:
            entry["layer"] = type(inner).__name__
            entry["merge_mode"] = layer.get_config().get("merge_mode")
        config = (inner or layer).get_config()
        for key in ("input_dim", "output_dim", "mask_zero", "units", "return_sequences", "use_scale",
                    "score_mode", "n"):
            if key in config:
                entry[key] = config[key]
        if kind == "Dense":
            entry["activation"] = config.get("activation")
        layers.append(entry)
    layers.sort(key=lambda e: json.dumps(e, sort_keys=True))
    shape = lambda s: [d for d in s]            # noqa: E731
    return {"type": "Model", "input_shapes": [shape(tuple(x.shape)) for x in model.inputs],
            "output_shape": shape(tuple(model.outputs[0].shape)), "layers": layers,
            "parameters": int(model.count_params())}


EXERCISES = (
    Exercise(
        "shift_right", "Y, start_id", "int array `(N, T)`: `start_id`, then `Y[:, :-1]`",
        tests=(Test("test_shift_right", 1, "shift_right puts start_id first and drops the last target "
                                           "(hidden: T=1, N=1, another start id)."),),
        dims={"shift_right's result": "(N, T)"},
        mistakes={
            "keeps_last": "the result has one column too many: the decoder input has as many steps as the target, "
                          "so the last target token is dropped (nothing is predicted after it).",
            "drops_first": "Y[:, 0] is missing: the decoder reads the start token, then every target token but "
                           "the last, so Y[:, 0] is the second input, not dropped.",
            "shifted_left": "the tokens moved left: the decoder input is the target moved one step to the right, "
                            "start_id at the front.",
            "start_ignored": "the first column is not start_id.",
        },
        on_error="Y is an int array (N, T); start_id an int.",
    ),
    Exercise(
        "dot_product_attention", "query, keys, values, mask=None",
        "`(context, weights)`: context `(N, Tq, dv)`, weights `(N, Tq, Tk)`",
        tests=(
            Test("test_dot_product_attention_small", 2, "dot_product_attention on one query and three keys: "
                                                        "weights that sum to 1 over the keys, a masked key gets "
                                                        "weight 0."),
            Test("test_dot_product_attention_keras", 3, "dot_product_attention matches keras.layers.Attention() "
                                                        "with and without a mask (hidden: Tq=1, Tk=1, N=1, dv "
                                                        "different from d)."),
        ),
        parts=("context", "weights"),
        dims={"context": "(N, Tq, dv)", "weights": "(N, Tq, Tk)"},
        mistakes={
            "mask_ignored": "padded keys get weight: where mask is False, a key must get weight 0 (set its score "
                            "to -inf, or a very negative number, before the softmax).",
            "softmax_over_queries": "the weights sum to 1 over the queries: the softmax runs over the keys (the "
                                    "last axis), so each query's weights sum to 1.",
            "scaled": "the scores are divided by sqrt(d): keras.layers.Attention() with its defaults, as the "
                      "contract says, uses the plain (unscaled) dot products.",
            "mask_after_softmax": "the masked keys are zeroed after the softmax, so the weights no longer sum to 1: "
                                  "mask the scores before the softmax.",
            "context_from_keys": "the context is a mix of the keys: it is weights @ values.",
        },
        on_error="query (N, Tq, d), keys (N, Tk, d), values (N, Tk, dv), mask (N, Tk) of bools or None.",
        rtol=1e-4, atol=1e-6,
    ),
    Exercise(
        "greedy_decode", "step, state, start_id, end_id, max_len", "list of int",
        tests=(Test("test_greedy_decode", 3, "greedy_decode with a fixed step function: feeds each argmax back, "
                                             "stops at end_id (not returned) or after max_len tokens (hidden: "
                                             "end first, max_len 1, other start ids)."),),
        uses=("step",),
        mistakes={
            "end_included": "end_id is in the result: stop when it is produced, without adding it.",
            "includes_start": "start_id is in the result: it is only fed to the first step, it is not produced.",
            "ignores_max_len": "the result is longer than max_len: at most max_len tokens are produced.",
        },
        call_hints={"step": {
            "token_id": "Feed back the argmax of the probabilities the previous call returned (start_id only "
                        "at the first call), not the same token every time.",
            "state": "Pass the state the previous call returned, and stop calling step once it has produced "
                     "end_id or max_len tokens.",
        }},
        on_error="step(token_id, state) returns (probs of shape (V,), new state).",
    ),
    Exercise(
        "exact_match_accuracy", "pred_ids, true_ids, end_id", "float: share of rows equal up to the first `end_id`",
        tests=(Test("test_exact_match_accuracy", 2, "exact_match_accuracy on hand-made rows: tokens after end_id "
                                                    "do not count, a row without end_id counts whole (hidden: "
                                                    "rows of different lengths, N=1)."),),
        mistakes={
            "whole_rows": "tokens after the first end_id were compared too: what a decoder writes after it "
                          "stopped does not count.",
            "token_accuracy": "this is the share of equal tokens, not of equal rows: one wrong digit makes the "
                              "whole date wrong.",
            "truth_length_only": "only the first tokens of each prediction, as many as the truth has before its "
                                 "end_id, were compared: a prediction that goes on without stopping there is "
                                 "wrong.",
        },
        on_error="pred_ids and true_ids are int arrays (N, T1) and (N, T2); the lengths may differ.",
        rtol=1e-9, atol=1e-12,
    ),
    Exercise(
        "build_translator", "input_vocab, output_vocab, units=64, embed_dim=32, mask=True",
        "an uncompiled Keras model `[encoder ids (N, Tx), decoder ids (N, Ty)] -> probabilities (N, Ty, V)`",
        tests=(Test("test_build_translator_structure", 2, "build_translator: inputs of any length, a bidirectional "
                                                          "LSTM encoder, unscaled attention, an LSTM decoder, a "
                                                          "softmax over the output vocabulary (hidden: other "
                                                          "sizes, mask=False)."),),
        summary=translator_summary,
        mistakes={
            "mask_ignored": "the encoder's Embedding does not follow `mask`: with mask=True it needs "
                            "mask_zero=True, so the encoder and the attention skip the padding.",
            "unidirectional": "the encoder is a plain LSTM: wrap it in keras.layers.Bidirectional, so each "
                              "encoder state has read the date from both ends.",
            "scaled_attention": "the attention layer learns a scale (use_scale=True): the model's attention is "
                                "the unscaled dot product of your dot_product_attention.",
            "no_softmax": "the output layer has no softmax: the model returns probabilities over the output "
                          "vocabulary.",
            "context_only": "the output layer reads only the context: it reads the decoder state and the "
                            "context, concatenated (decoder first).",
        },
        contract=False,
    ),
)
