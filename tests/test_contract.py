"""The graded-function contract of COURSE.md: names, signatures, one function per cell."""
import ast

import nbformat
import pytest

from conftest import ASSIGNMENTS, ROOT

#: assignment -> {function: parameter list}, exactly as COURSE.md fixes them.
CONTRACT = {
    "01_rnn_unrolling": {
        "rnn_step": "x_t, h_prev, W_x, W_h, b",
        "rnn_forward": "X, h0, W_x, W_h, b",
        "make_windows": "text, seqlen, step",
    },
    "02_bptt": {
        "softmax_cross_entropy": "logits, y",
        "rnn_step_backward": "dh, x_t, h_prev, h_t, W_x, W_h",
        "rnn_backward": "dH, X, h0, H, W_x, W_h",
    },
    "03_vanishing_gradients": {
        "step_jacobian": "h_t, W_h",
        "clip_by_global_norm": "grads, max_norm",
    },
    "04_lstm_gates": {
        "lstm_step": "x_t, h_prev, c_prev, kernel, recurrent_kernel, bias",
        "lstm_forward": "X, h0, c0, kernel, recurrent_kernel, bias",
    },
    "05_gru": {
        "gru_step": "x_t, h_prev, kernel, recurrent_kernel, bias",
        "gru_forward": "X, h0, kernel, recurrent_kernel, bias",
    },
    "06_keras_char_rnn": {
        "build_vocab": "text",
        "sample_next": "probs, temperature, rng",
    },
    "07_sentiment_lstm": {
        "build_word_index": "tokenized, max_features",
        "pad_sequences_np": 'seqs, maxlen, padding="pre", truncating="pre", value=0',
    },
}


def _signature(func):
    args = func.args
    names = [a.arg for a in args.args]
    defaults = [None] * (len(names) - len(args.defaults)) + [ast.unparse(d) for d in args.defaults]
    # ast.unparse writes strings with single quotes; the contract uses double ones
    return ", ".join(n if d is None else f"{n}={d}" for n, d in zip(names, defaults)).replace("'", '"')


def _answer_cells(path):
    nb = nbformat.read(str(path), as_version=4)
    return {
        c.metadata["nbgrader"]["grade_id"]: c
        for c in nb.cells
        if c.get("metadata", {}).get("nbgrader", {}).get("solution") and c.cell_type == "code"
    }


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
@pytest.mark.parametrize("folder", ["source", "release"])
def test_graded_functions_follow_the_contract(assignment, folder):
    """Each contract function sits alone in an answer cell whose grade_id is its name."""
    cells = _answer_cells(ROOT / folder / assignment / f"{assignment}.ipynb")
    for name, params in CONTRACT[assignment].items():
        assert name in cells, f"{folder}/{assignment}: no autograded-answer cell with grade_id {name!r}"
        tree = ast.parse(cells[name].source)
        functions = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
        assert [f.name for f in functions] == [name], (
            f"{folder}/{assignment}: the cell {name!r} must define exactly the function {name}, "
            f"found {[f.name for f in functions]}"
        )
        assert _signature(functions[0]) == params, (
            f"{folder}/{assignment}: {name}({_signature(functions[0])}) should be {name}({params})"
        )


def test_every_existing_assignment_is_in_the_contract():
    assert set(ASSIGNMENTS) <= set(CONTRACT)
    assert ASSIGNMENTS, "no assignment found in source/"
