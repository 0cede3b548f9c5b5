"""The verifier outside the kernel: records of the references verify, records of the mistakes do not,
and records that are missing, forged or malformed never earn a mark (in process, no nbgrader)."""
import contextlib
import io
import json

import numpy as np
import pytest

import grading
from autograder import verifier
from conftest import ASSIGNMENTS, ROOT
from course import exercises
from course.exercises import recording

TRUSTED = verifier.Trusted(ROOT)


def record_all(assignment, functions, path, monkeypatch):
    """Run every test cell's visible and hidden checks on ``functions`` in record mode, as a grading kernel does."""
    monkeypatch.setattr(recording, "PATH", str(path))
    registry = exercises.load(assignment)
    with contextlib.redirect_stdout(io.StringIO()):
        for exercise, test in registry.tests():
            for run in (lambda: registry.run(test.grade_id, functions[exercise.name], quiet=True),
                        lambda: grading.run(assignment, test.grade_id, functions[exercise.name])):
                try:
                    run()
                except Exception:         # a failing check still leaves its records
                    pass
    monkeypatch.setattr(recording, "PATH", None)
    return verifier.verify(assignment, path, TRUSTED)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_references_verify_and_mistakes_do_not(assignment, tmp_path, monkeypatch):
    module = grading.module(assignment)
    verdicts, problems = record_all(assignment, module.REFERENCES, tmp_path / "reference.jsonl", monkeypatch)
    assert not problems
    failed = {k: v.reason for k, v in verdicts.items() if not v.passed}
    assert not failed, f"the references of {assignment} fail verification: {failed}"
    caught = []
    for name, mistakes in getattr(module, "MISTAKES", {}).items():
        for mistake, function in mistakes.items():
            if not callable(function):
                continue
            functions = dict(module.REFERENCES, **{name: function})
            verdicts, _ = record_all(assignment, functions, tmp_path / f"{name}-{mistake}.jsonl", monkeypatch)
            caught.append(any(not v.passed for v in verdicts.values()))
    assert caught and sum(caught) >= 0.9 * len(caught), f"{assignment}: {caught.count(False)} mistakes verify"


def test_the_kernels_copy_of_the_hidden_cases_has_no_answers():
    for assignment in ASSIGNMENTS:
        stripped = grading.strip_fixture(assignment)
        assert stripped, assignment
        for cases in stripped.values():
            for case in cases:
                assert set(case) <= {"label", "inputs", "calls", "given"}, (assignment, sorted(case))
                assert "expected" not in case.get("given", {}), assignment


def _lines(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_forged_missing_and_malformed_records_earn_nothing(tmp_path, monkeypatch):
    assignment = "01_rnn_unrolling"
    module = grading.module(assignment)
    record_all(assignment, module.REFERENCES, tmp_path / "honest.jsonl", monkeypatch)
    honest = _lines(tmp_path / "honest.jsonl")

    def verdicts_of(lines, name, extra=""):
        path = tmp_path / name
        path.write_text("".join(json.dumps(line) + "\n" for line in lines) + extra)
        return verifier.verify(assignment, path, TRUSTED)

    verdicts, problems = verdicts_of(honest, "same.jsonl")
    assert all(v.passed for v in verdicts.values()) and not problems
    # a claimed result that is not the answer
    forged = [dict(line, record={"result": np.zeros((1, 1)).tolist(), "notes": []})
              if line["grade_id"] == "test_rnn_step_small" and line["kind"] == "hidden" else line for line in honest]
    verdicts, _ = verdicts_of(forged, "forged.jsonl")
    assert verdicts["test_rnn_step_small"].problem == "failed" and verdicts["test_rnn_step_keras"].passed
    # a case without a record, a record of another case's label, a line that is not a record
    missing = [line for line in honest if not (line["grade_id"] == "test_rnn_forward_small" and line["index"] == 0)]
    relabelled = [dict(line, label="another case") if line["grade_id"] == "test_make_windows_small" else line
                  for line in missing]
    verdicts, problems = verdicts_of(relabelled, "bad.jsonl", extra="{not json\n[1, 2]\n")
    assert verdicts["test_rnn_forward_small"].problem == "missing"
    assert verdicts["test_make_windows_small"].problem == "inconsistent"
    assert problems == ["2 lines of the record file could not be read"]
    # a record the check cannot read, an error the kernel recorded
    malformed = [dict(line, record={"nothing": 1}) if line["grade_id"] == "test_rnn_param_count" else line
                 for line in honest]
    verdicts, _ = verdicts_of(malformed, "malformed.jsonl")
    assert verdicts["test_rnn_param_count"].problem == "malformed"
    verdicts, problems = verifier.verify(assignment, tmp_path / "absent.jsonl", TRUSTED)
    assert not any(v.passed for v in verdicts.values()) and problems == ["the record file is missing"]


def test_a_changed_score_is_never_silent():
    grades = {"test_a": {"score": 2.0, "max_score": 2.0, "auto_score": 2.0},
              "test_b": {"score": 3.0, "max_score": 3.0, "auto_score": 3.0},
              "test_c": {"score": 0.0, "max_score": 1.0, "auto_score": 0.0},
              "test_d": {"score": 1.0, "max_score": 1.0, "auto_score": 1.0}}
    verdicts = {"test_a": verifier.Verdict("test_a", False, "On the case x (hidden): wrong", "failed"),
                "test_b": verifier.Verdict("test_b", False, "no record of the case y", "missing"),
                "test_c": verifier.Verdict("test_c", True),
                "test_d": verifier.Verdict("test_d", True)}
    notes, changed = verifier.apply(grades, verdicts)
    assert changed == {"test_a": (2.0, 0.0), "test_b": (3.0, 0.0), "test_c": (0.0, 1.0)}
    assert [g["score"] for g in grades.values()] == [0.0, 0.0, 1.0, 1.0]
    assert grades["test_b"].get("tampering") and not grades["test_a"].get("tampering")
    assert any(n.startswith("test_a: a hidden case failed") for n in notes)
    assert any(n.startswith("test_b: possible tampering") for n in notes)
    assert any(n.startswith("test_c: every case verified") for n in notes)


def test_a_record_file_too_large_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr(verifier, "MAX_RECORD_BYTES", 10)
    path = tmp_path / "big.jsonl"
    path.write_text("x" * 11)
    records, problems = verifier.read_records(path)
    assert records == {} and "larger than" in problems[0]


def test_jobs_that_finish_together_read_the_stored_cases_once(monkeypatch):
    """Two grading threads ask for an assignment's cases while the first is still reading them from disk."""
    import threading
    import time

    reads, loads = [], verifier.values.loads

    def slow_loads(text):
        reads.append(text[:20])
        time.sleep(0.05)              # the other thread asks in the meantime
        return loads(text)

    monkeypatch.setattr(verifier.values, "loads", slow_loads)
    trusted, results, errors = verifier.Trusted(ROOT), [], []

    def ask():
        try:
            results.append(trusted.cases(ASSIGNMENTS[0]))
        except Exception as err:      # noqa: BLE001 -- the failure this test is about
            errors.append(err)

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert len(results) == 2 and results[0] is results[1]
    assert len(reads) == 2, "the stored cases were read more than once (visible and hidden files: 2 reads)"
