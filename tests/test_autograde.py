"""The class grader (``make autograde``): hostile and broken submissions, idempotence, crashes.

A throw-away course root holds assignment 01 and, as submissions, the
instructor solution (graded in the same run as everything else, so it shows
that no submission affects another), every ``hostile`` sample of
``autograder/samples/01_rnn_unrolling/`` and the broken files of
``samples.broken_submissions``. Each must get the score its sample declares
and the problem named in the report; the run must never stop, never change a
submission, and never show hidden test code in the feedback.
"""
import csv
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import nbformat
import pytest

from autograder import runner
from autograder.samples import autograded_cells, broken_submissions, build_submission, list_samples, solved_notebook
from autograder.samples_to_submitted import write_files
from conftest import ROOT

ASSIGNMENT = "01_rnn_unrolling"


def make_root(folder):
    runner.copy_course_packages(folder)
    for kind in ("source", "release"):
        shutil.copytree(ROOT / kind / ASSIGNMENT, folder / kind / ASSIGNMENT)
    return folder


def notebooks():
    release_nb = nbformat.read(str(ROOT / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"), 4)
    source_nb = nbformat.read(str(ROOT / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"), 4)
    return release_nb, source_nb


def grade_class(root, *extra, timeout=1500):
    result = subprocess.run(
        [sys.executable, "-m", "autograder.autograde", "--root", str(root), "--jobs", "2",
         "--cell-timeout", "40", "--memory-gb", "4", "--no-progress", *extra],
        cwd=ROOT, env=runner.tool_env(), capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    report = json.loads((root / "autograder" / "report.json").read_text())
    return result.stdout, {e["student"]: e for e in report["submissions"]}, report


def tree_hash(folder):
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    root = make_root(tmp_path_factory.mktemp("class"))
    release_nb, source_nb = notebooks()
    solved = solved_notebook(release_nb, source_nb)
    runner.submit(root, ASSIGNMENT, "solution", solved)
    hostile = [s for s in list_samples(ASSIGNMENT) if s.kind == "hostile"]
    for sample in hostile:
        runner.submit(root, ASSIGNMENT, sample.student_id, build_submission(sample, release_nb, source_nb))
    broken = broken_submissions(ASSIGNMENT, solved)
    for student, (files, _) in broken.items():
        write_files(root, ASSIGNMENT, student, files)
    submitted = root / "autograder" / "submitted"
    before = tree_hash(submitted)
    repo_before = tree_hash(ROOT / "course") + tree_hash(ROOT / "data")
    start = time.time()
    stdout, entries, report = grade_class(root)
    return {"root": root, "stdout": stdout, "entries": entries, "report": report, "hostile": hostile,
            "broken": broken, "submitted_before": before, "repo_before": repo_before,
            "seconds": time.time() - start, "tests": autograded_cells(source_nb)}


def test_every_submission_is_reported(graded_class):
    students = {"solution"} | {s.student_id for s in graded_class["hostile"]} | set(graded_class["broken"])
    assert set(graded_class["entries"]) == students
    assert "Problems:" in graded_class["stdout"]


def test_the_solution_graded_beside_hostile_submissions_keeps_full_marks(graded_class):
    entry = graded_class["entries"]["solution"]
    assert entry["status"] == "graded" and entry["notes"] == []
    assert entry["autograded_score"] == entry["autograded_max"] == sum(graded_class["tests"].values())


def test_hostile_submissions_score_as_declared_and_are_flagged(graded_class):
    problems = []
    for sample in graded_class["hostile"]:
        entry = graded_class["entries"][sample.student_id]
        if entry["status"] != "graded":
            problems.append(f"{sample.name}: status {entry['status']} ({entry['notes']})")
            continue
        for grade_id, points in graded_class["tests"].items():
            score = entry["tests"].get(grade_id, [None])[0]
            expected = 0 if grade_id in sample.fails else points
            if score != expected:
                problems.append(f"{sample.name}: {grade_id} scored {score}, expected {expected}")
        notes = " | ".join(entry["notes"])
        for flag in sample.flags:
            if flag not in notes:
                problems.append(f"{sample.name}: the report should say {flag!r}; it says {notes!r}")
    assert not problems, "\n".join(problems)


def _processes_with(marker):
    found = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                if marker.encode() in cmdline.read():
                    found.append(int(entry))
        except (OSError, ValueError):
            continue
    return found


def test_no_process_a_submission_started_outlives_its_job(graded_class):
    """hostile_daemon_outlives_kernel starts a new-session child and a double-forked daemon."""
    assert "hostile-daemon-outlives-kernel" in " ".join(graded_class["entries"]), "the daemon sample was not graded"
    survivors = _processes_with("course-hostile-daemon")
    for pid in survivors:           # do not leave them to the next test either
        os.kill(pid, signal.SIGKILL)
    assert not survivors, f"processes started by a submission are still running after grading: {survivors}"
    assert graded_class["report"]["containment"] in ("pid-namespace", "subreaper")


def test_broken_files_get_a_named_error_or_are_graded(graded_class):
    problems = []
    full = sum(graded_class["tests"].values())
    for student, (_, expected) in graded_class["broken"].items():
        entry = graded_class["entries"][student]
        notes = " | ".join(entry["notes"])
        if entry["status"] != expected["status"] or expected["flag"] not in notes:
            problems.append(f"{student}: {entry['status']} {notes!r}, expected {expected}")
        if expected["status"] == "graded" and entry["autograded_score"] != full:
            problems.append(f"{student}: scored {entry['autograded_score']}, expected {full}")
    assert not problems, "\n".join(problems)


def test_submissions_and_the_course_are_never_changed(graded_class):
    assert tree_hash(graded_class["root"] / "autograder" / "submitted") == graded_class["submitted_before"]
    assert tree_hash(ROOT / "course") + tree_hash(ROOT / "data") == graded_class["repo_before"]
    root = graded_class["root"]
    for name in ("course", "data"):
        for path in (root / name).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                assert path.read_bytes() == (ROOT / name / path.relative_to(root / name)).read_bytes(), path


def test_feedback_shows_results_but_never_hidden_tests(graded_class):
    root = graded_class["root"]
    source = (ROOT / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text()
    hidden_lines = [line.strip() for cell in nbformat.reads(source, 4).cells
                    if "### BEGIN HIDDEN TESTS" in cell.source
                    for line in cell.source.split("### BEGIN HIDDEN TESTS")[1].split("### END HIDDEN TESTS")[0].splitlines()
                    if len(line.strip()) > 25]
    assert hidden_lines
    pages = sorted((root / "autograder" / "feedback").rglob("*.html"))
    assert len(pages) == len(graded_class["entries"])
    for page in pages:
        text = page.read_text()
        assert "HIDDEN TESTS" not in text and "Traceback" not in text, page
        leaked = [line for line in hidden_lines if line in text]
        assert not leaked, f"{page} shows hidden test code: {leaked[:2]}"
    reader = (root / "autograder" / "feedback" / "sample-hostile-read-hidden-tests" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert "NotImplementedError" in reader and "failed" in reader


def test_grades_csv_and_gradebook_flag_problems(graded_class):
    root = graded_class["root"]
    with open(root / "autograder" / "grades.csv", newline="") as f:
        rows = {r["student"]: r for r in csv.DictReader(f)}
    assert set(rows) == set(graded_class["entries"])
    assert rows["broken-empty"]["status"] == "error" and "is empty" in rows["broken-empty"]["problems"]
    grades = runner.grade_rows(root, ASSIGNMENT)
    assert set(grades) == set(graded_class["entries"])
    empty = grades["broken-empty"]
    assert all(g["needs_manual_grade"] and g["score"] == 0 for g in empty.values()), (
        "an ungradable submission must be flagged for the instructor in the gradebook, not a silent 0")
    solution = grades["solution"]
    assert sum(g["score"] for g in solution.values() if g["cell_type"] == "code") == sum(graded_class["tests"].values())
    assert (root / "autograder" / "autograded" / "solution" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file()


def test_tampering_is_said_in_the_report_the_csv_and_the_gradebook(graded_class):
    """A cell the kernel passed and the verifier did not: flagged everywhere an instructor looks."""
    from nbgrader.api import Gradebook

    root = graded_class["root"]
    student = "sample-hostile-rewrite-code-objects"
    entry = graded_class["entries"][student]
    flagged = ["test_rnn_forward_keras", "test_rnn_forward_small", "test_rnn_step_keras", "test_rnn_step_small"]
    assert entry["possible_tampering"] == flagged, entry
    with open(root / "autograder" / "grades.csv", newline="") as f:
        rows = {r["student"]: r for r in csv.DictReader(f)}
    assert rows[student]["possible_tampering"] == " ".join(flagged)
    assert rows["solution"]["possible_tampering"] == ""
    grades = runner.grade_rows(root, ASSIGNMENT)[student]
    assert grades["test_rnn_step_small"]["needs_manual_grade"] and grades["test_rnn_step_small"]["score"] == 0
    assert not grades["test_make_windows_small"]["needs_manual_grade"]
    with Gradebook("sqlite:///" + str(root / "autograder" / "gradebook.db")) as gradebook:
        comment = gradebook.find_comment("rnn_step", ASSIGNMENT, ASSIGNMENT, student).auto_comment
    assert "possible tampering" in comment and "test_rnn_step_small" in comment


def test_grading_kernels_never_hold_the_hidden_answers(graded_class):
    """The jobs' copy of grading/ has the hidden inputs only; as root the course root is hidden from them."""
    root = graded_class["root"]
    from course.exercises import values

    stripped = sorted((root / "autograder" / ".work" / "pristine" / "pkgs" / "grading").glob("*.json"))
    graded = {entry["assignment"] for entry in graded_class["report"]["submissions"]}
    assert [p.name for p in stripped] == sorted(f"{a}.json" for a in graded)
    for path in stripped:
        cases = values.loads(path.read_text())
        assert cases and all(set(case) <= {"label", "inputs", "calls", "given"}
                             for found in cases.values() for case in found), path.name
    if os.geteuid() == 0:
        assert graded_class["report"]["hidden_from_jobs"] is True
    # the hostile sample that reads the hidden tests found nothing to read
    reader = graded_class["entries"]["sample-hostile-read-hidden-tests"]
    assert reader["autograded_score"] < reader["autograded_max"]


@pytest.fixture(scope="module")
def graded_in_the_kernel(tmp_path_factory):
    """The samples that say they beat checks run in the kernel, graded by plain nbgrader autograde."""
    root = runner.make_course(tmp_path_factory.mktemp("plain"), [ASSIGNMENT])
    runner.copy_course_packages(root)
    runner.generate(root, ASSIGNMENT)
    release_nb, source_nb = notebooks()
    samples = [s for s in list_samples(ASSIGNMENT) if s.beats_kernel]
    for sample in samples:
        runner.submit(root, ASSIGNMENT, sample.student_id, build_submission(sample, release_nb, source_nb))
    runner.autograde(root, ASSIGNMENT)
    return samples, runner.scores(root, ASSIGNMENT)


def test_attacks_on_the_kernel_are_real(graded_in_the_kernel, graded_class):
    """Each beats-kernel sample earns marks it should not where the checks run in the kernel,
    and none under the class grader (the samples' declared scores): the verifier is what stops them."""
    samples, scores = graded_in_the_kernel
    assert len(samples) >= 6
    unbeaten = [s.name for s in samples if not any(scores[s.student_id].get(g, (0,))[0] > 0 for g in s.fails)]
    assert not unbeaten, f"these samples earn nothing even in the kernel, so they prove nothing: {unbeaten}"
    for sample in samples:
        assert all(graded_class["entries"][sample.student_id]["tests"][g][0] == 0 for g in sample.fails)


def test_a_second_run_grades_only_what_changed(graded_class):
    root = graded_class["root"]
    stdout, entries, report = grade_class(root)
    assert report["graded_now"] == 0, stdout
    assert entries == graded_class["entries"]
    # a student hands in again: only that submission is graded
    release_nb, source_nb = notebooks()
    runner.submit(root, ASSIGNMENT, "broken-empty", solved_notebook(release_nb, source_nb))
    stdout, entries, report = grade_class(root)
    assert report["graded_now"] == 1, stdout
    assert entries["broken-empty"]["status"] == "graded"
    assert entries["broken-empty"]["autograded_score"] == sum(graded_class["tests"].values())


def test_a_killed_run_is_finished_by_the_next(tmp_path):
    root = make_root(tmp_path / "course")
    release_nb, source_nb = notebooks()
    bug = [s for s in list_samples(ASSIGNMENT) if s.name == "bug-rnn-step-no-tanh"][0]
    students = {"ann": solved_notebook(release_nb, source_nb), "ben": release_nb,
                "cat": build_submission(bug, release_nb, source_nb)}
    for student, notebook in students.items():
        runner.submit(root, ASSIGNMENT, student, notebook)
    state = root / "autograder" / "state.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "autograder.autograde", "--root", str(root), "--jobs", "1", "--no-progress"],
        cwd=ROOT, env=runner.tool_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    deadline = time.time() + 600
    while time.time() < deadline:
        done = json.loads(state.read_text()).get("submissions", {}) if state.is_file() else {}
        if len(done) >= 1:
            break
        time.sleep(0.5)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert 1 <= len(done) < 3, "the run should have been killed half-way"
    stdout, entries, report = grade_class(root)
    assert report["graded_now"] == 3 - len(done), stdout
    scores = {s: entries[s]["autograded_score"] for s in students}
    tests = autograded_cells(source_nb)
    full = sum(tests.values())
    assert scores == {"ann": full, "ben": 0.0, "cat": full - sum(tests[g] for g in bug.fails)}
    assert set(runner.grade_rows(root, ASSIGNMENT)) == set(students)


def test_parallel_and_serial_runs_agree(tmp_path):
    release_nb, source_nb = notebooks()
    samples = {s.name: s for s in list_samples(ASSIGNMENT)}
    reports = []
    for jobs in ("1", "2"):
        root = make_root(tmp_path / f"jobs{jobs}")
        for name in ("correct-written-differently", "bug-make-windows-ignores-step", "bug-rnn-forward-includes-h0"):
            runner.submit(root, ASSIGNMENT, name, build_submission(samples[name], release_nb, source_nb))
        result = subprocess.run(
            [sys.executable, "-m", "autograder.autograde", "--root", str(root), "--jobs", jobs, "--no-progress"],
            cwd=ROOT, env=runner.tool_env(), capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, result.stderr[-2000:]
        report = json.loads((root / "autograder" / "report.json").read_text())
        reports.append({e["student"]: (e["status"], e["tests"], e["notes"]) for e in report["submissions"]})
    assert reports[0] == reports[1]


def test_help_describes_the_command():
    result = subprocess.run([sys.executable, "-m", "autograder.autograde", "--help"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0
    for option in ("--assignment", "--student", "--jobs", "--force", "--cell-timeout"):
        assert option in result.stdout
