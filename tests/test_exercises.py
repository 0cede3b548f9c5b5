"""The exercise machinery: stored values, comparisons, stand-ins, leaks, fresh fixtures."""
import numpy as np
import pytest

from conftest import ASSIGNMENTS
from course import exercises
from course.exercises import standins, values
from tools import leaks


def test_values_round_trip_keeps_types():
    value = {"a": (np.arange(6.0).reshape(2, 3), np.array([1, 2], dtype=np.int64)), "b": ["x", 3, 2.5, None],
             1: {"nested": True}}
    back = values.loads(values.dumps({"cell": [value]}))["cell"][0]
    assert isinstance(back["a"], tuple) and back["a"][0].dtype == np.float64 and back["a"][1].dtype == np.int64
    assert back[1] == {"nested": True} and back["b"] == ["x", 3, 2.5, None]
    assert values.matches(back, value, rtol=0, atol=0)


@pytest.mark.parametrize("got, expected, says", [
    (np.zeros((3, 2)), np.zeros((2, 3)), "wrong order"),
    (np.zeros((2, 3, 1)), np.zeros((2, 3)), "3 axes instead of 2"),
    (None, np.zeros(2), "forget to `return`"),
    ([1.0, 2.0], np.array([1.0, 2.5]), "at index (1,)"),
    (np.array([1.0, np.nan]), np.array([1.0, 2.0]), "nan at index (1,)"),
    ((np.zeros(2),), (np.zeros(2), np.zeros(2)), "1 values, but it should have 2"),
    ({"i": 1}, {"i": 1, "f": 2}, "missing the key 'f'"),
    (3.0, 3, "should be an int"),
    (["a", "b"], ["a", "c"], "[1] is 'b', but it should be 'c'"),
])
def test_differences_say_what_and_where(got, expected, says):
    found = values.differences(got, expected, "x")
    assert found is not None and says in found[1], found


def test_differences_accept_equal_values_written_differently():
    assert values.differences(np.float32(0.5), 0.5, "x") is None
    assert values.differences(np.int64(4), 4, "x") is None
    assert values.differences((["a"], ["b"]), (["a"], ["b"]), "x") is None
    assert values.differences(np.array([1.0, 2.0]) + 1e-9, np.array([1.0, 2.0]), "x") is None


def _registry():
    return exercises.load("01_rnn_unrolling")


def test_a_stub_is_told_to_write_its_code():
    def rnn_step(x_t, h_prev, W_x, W_h, b):
        raise NotImplementedError()

    with pytest.raises(NotImplementedError, match="not written yet"):
        _registry().run("test_rnn_step_small", rnn_step)


def test_an_exception_is_reported_with_its_case():
    def rnn_step(x_t, h_prev, W_x, W_h, b):
        return x_t @ W_h

    with pytest.raises(exercises.CheckFailed, match=r"raised ValueError.*on the case N=3, D=2, H=3.*x_t of shape"):
        _registry().run("test_rnn_step_small", rnn_step)


def test_a_function_that_changes_its_input_is_told():
    def rnn_step(x_t, h_prev, W_x, W_h, b):
        h_prev += 0
        b *= 1.0000001
        return np.tanh(x_t @ W_x + h_prev @ W_h + b)

    with pytest.raises(exercises.CheckFailed, match="changed its input b in place"):
        _registry().run("test_rnn_step_small", rnn_step)


def test_a_stand_in_isolates_the_fault_and_says_so(capsys):
    """A correct rnn_forward over a wrong rnn_step passes, with a note that rnn_step is the cause."""
    namespace = {"np": np}
    exec("def rnn_step(x_t, h_prev, W_x, W_h, b):\n    return x_t @ W_x\n"
         "def rnn_forward(X, h0, W_x, W_h, b):\n"
         "    h, out = h0, []\n"
         "    for t in range(X.shape[1]):\n"
         "        h = rnn_step(X[:, t], h, W_x, W_h, b)\n"
         "        out.append(h)\n"
         "    return np.stack(out, axis=1)\n", namespace)
    _registry().run("test_rnn_forward_small", namespace["rnn_forward"])
    assert "rnn_step fails its own checks" in capsys.readouterr().out
    assert namespace["rnn_step"].__code__.co_name == "rnn_step", "the student's rnn_step was not put back"


def test_a_wrong_call_to_the_stand_in_is_the_diagnosis():
    namespace = {"np": np}
    exec("def rnn_forward(X, h0, W_x, W_h, b):\n"
         "    return np.stack([rnn_step(X[:, t], h0, W_x, W_h, b) for t in range(X.shape[1])], axis=1)\n", namespace)
    namespace["rnn_step"] = None
    with pytest.raises(exercises.CheckFailed, match=r"call number 2\) with the right x_t, .* but a h_prev"):
        _registry().run("test_rnn_forward_small", namespace["rnn_forward"])
    assert namespace["rnn_step"] is None


def test_a_stand_in_answers_keyword_calls():
    stand_in = standins.StandIn("f", "g", ["a", "b"], [{"args": {"a": np.ones(2), "b": 2}, "result": np.zeros(2)}])
    assert values.matches(stand_in(b=2, a=np.ones(2)), np.zeros(2))
    with pytest.raises(standins.StandInCallError, match="wrong arguments"):
        stand_in(np.ones(2))


def test_the_leak_finder_sees_renamed_solutions(tmp_path):
    answer = "def f(x_t, h, W, U, b):\n    ### BEGIN SOLUTION\n    return np.tanh(x_t @ W + h @ U + b)\n    ### END SOLUTION\n"
    solution = leaks.fingerprints(leaks.solution_blocks(answer)[0])
    renamed = leaks.fingerprints("y = np.tanh(a @ B + c @ D + e)")
    unrelated = leaks.fingerprints("y = np.sin(a @ B - c * D)")
    assert set(solution) & set(renamed)
    assert not set(solution) & set(unrelated)


def test_no_solution_is_readable_by_students():
    """No expression of an instructor solution (3+ operations) in a release's non-answer cell or in course/."""
    found = leaks.leaks()
    assert not found, "\n".join(f"{w}: `{t}` (solution of {a}/{g})" for w, t, a, g in found)


@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_stored_fixtures_are_what_the_references_give(assignment):
    from grading import build

    assert not build.stale(assignment), f"run `python -m grading.build {assignment}`"
