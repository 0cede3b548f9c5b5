"""The browser test's reading of cell outputs, checked on hand-made cells (no browser needed)."""
from cellchecks import answers_and_their_tests, bound_names, classify_release_errors, expected_type


def _cell(index, source, *errors, solution=False, grade=False, grade_id=None):
    outputs = [{"output_type": "error", "ename": name, "evalue": value} for name, value in errors]
    return {"index": index, "type": "code", "grade_id": grade_id, "solution": solution, "grade": grade,
            "execution_count": index + 1, "source_head": source[:120], "source": source, "outputs": outputs}


def test_bound_names_sees_top_level_bindings_only():
    source = ("%matplotlib inline\nimport a.b as c\nfrom x import y\nimport os.path\n"
              "def f(z):\n    inner = 1\nclass K:\n    attr = 2\n"
              "for i, (j, k) in []:\n    pass\nwith open('f') as fh:\n    pass\nm: int = 3\nn += 1\n")
    assert bound_names(source) == {"c", "y", "os", "f", "K", "i", "j", "k", "fh", "m", "n"}


def test_knock_on_name_errors_are_told_apart_from_real_ones():
    cells = [
        _cell(0, "C_val, H = lstm_forward(X)", ("NotImplementedError", "")),
        _cell(1, "depth = C_val.sum()", ("NameError", "name 'C_val' is not defined")),
        _cell(2, "print(depth)", ("NameError", "name 'depth' is not defined")),   # a knock-on of a knock-on
        _cell(3, "print(typo)", ("NameError", "name 'typo' is not defined")),     # never bound anywhere
        _cell(4, "plot(step_jacobian)", ("NotAnsweredYet", "step_jacobian")),
        _cell(5, "x = 1 / 0", ("ZeroDivisionError", "division by zero")),
        _cell(6, "print(x)", ("NameError", "name 'x' is not defined")),           # x's cell failed for real
    ]
    allowed, knock_on, wrong = classify_release_errors(cells)
    assert [c["index"] for c, _ in allowed] == [0, 4]
    assert [c["index"] for c, _ in knock_on] == [1, 2]
    assert [c["index"] for c, _ in wrong] == [3, 5, 6]


def test_answers_are_grouped_with_the_tests_below_them():
    cells = [
        _cell(0, "import course"),
        _cell(1, "def f(): ...", solution=True, grade_id="f"),
        _cell(2, "test f", grade=True, grade_id="test_f"),
        _cell(3, "plot"),
        _cell(4, "test f again", grade=True, grade_id="test_f_hidden"),
        _cell(5, "written", solution=True, grade=True, grade_id="written"),   # manually graded: not an answer group
        _cell(6, "def g(): ...", solution=True, grade_id="g"),
        _cell(7, "test g", grade=True, grade_id="test_g"),
    ]
    groups = answers_and_their_tests(cells)
    assert {k: [t["grade_id"] for t in v] for k, v in groups.items()} == {1: ["test_f", "test_f_hidden"],
                                                                         6: ["test_g"]}


def test_expected_type_follows_nbgrader_metadata():
    assert expected_type({"solution": True, "grade": True}) == "manual"
    assert expected_type({"solution": True, "grade": False}) == "solution"
    assert expected_type({"solution": False, "grade": True}) == "tests"
    assert expected_type({"task": True}) == "task"
    assert expected_type({"locked": True}) == "readonly"
