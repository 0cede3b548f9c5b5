"""Marks from outside the student's kernel: judge a grading job's record file against the stored cases.

Under the class grader each test cell's checks only *record* in the kernel what
the student's function gave on every visible and hidden case
(``course.exercises.recording``); the kernel's copy of the hidden cases has no
expected values. This module runs in the grader's own process, after
``nbgrader autograde``: it never imports or calls anything of the submission,
reads the record file as JSON (no pickle, a size limit), and judges each
record with the registry's ``Check.judge`` against the instructor's stored
cases (``course/exercises/<assignment>.json``, ``grading/<assignment>.json``,
read once per run). A test cell's verified score is its points when every one
of its cases verifies, else 0.

    verdicts = verify(assignment, record_file, Trusted.load(root))
    grades, notes = apply(grades, verdicts)

A cell that nbgrader passed but the verifier does not is never a silent
difference: the note says which cell and why. When the kernel's own checks
passed a case the verifier rejects (a visible case judged by the same code in
both places, or records that are missing, malformed or inconsistent), the note
says "possible tampering".
"""
import json
import threading
from dataclasses import dataclass, field
from pathlib import Path

from course import exercises
from course.exercises import values

#: A record file larger than this is not read (a submission could write without end).
MAX_RECORD_BYTES = 64 * 1024 * 1024
TAMPERING = "possible tampering"


@dataclass
class Trusted:
    """The instructor's stored cases of every assignment, read once per run from a course root."""
    root: Path
    _cases: dict = field(default_factory=dict)
    # jobs that finish together verify in threads of one process: one of them reads the files
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def cases(self, assignment):
        """``(visible, hidden)``: ``{grade_id: [case, ...]}`` each, hidden labels marked "(hidden)"."""
        with self._lock:
            if assignment not in self._cases:
                visible = self.root / "course" / "exercises" / f"{assignment}.json"
                hidden = self.root / "grading" / f"{assignment}.json"
                stored = values.loads(hidden.read_text(encoding="utf-8")) if hidden.is_file() else {}
                self._cases[assignment] = (
                    values.loads(visible.read_text(encoding="utf-8")) if visible.is_file() else {},
                    {grade_id: [dict(case, label=case["label"] + " (hidden)") for case in cases]
                     for grade_id, cases in stored.items()})
            return self._cases[assignment]


@dataclass
class Verdict:
    """One test cell: whether every case verified, and if not the first reason (``problem``: a kind)."""
    grade_id: str
    passed: bool
    reason: str = ""
    problem: str = ""          # "" | "failed" (a wrong result) | "missing" | "malformed" | "inconsistent"


def read_records(path):
    """``({(grade_id, kind, index): entry}, problems)``; the last line for a case wins, bad lines are counted."""
    path = Path(path)
    if not path.is_file():
        return {}, ["the record file is missing"]
    if path.stat().st_size > MAX_RECORD_BYTES:
        return {}, [f"the record file is larger than {MAX_RECORD_BYTES // 2 ** 20} MiB"]
    records, bad = {}, 0
    with open(path, "rb") as handle:
        for raw in handle:
            try:
                entry = json.loads(raw)
                key = (entry["grade_id"], entry["kind"], int(entry["index"]))
                if not isinstance(entry["grade_id"], str) or entry["kind"] not in ("visible", "hidden"):
                    raise ValueError
                if ("record" in entry) == ("error" in entry):
                    raise ValueError
            except (ValueError, KeyError, TypeError, RecursionError):
                bad += 1
                continue
            records[key] = entry
    return records, ([f"{bad} line{'s' if bad != 1 else ''} of the record file could not be read"] if bad else [])


def _judge_one(assignment, check, exercise, entry, case):
    """``(problem, reason)`` for one case's record; ``("", "")`` when it verifies."""
    if entry is None:
        return "missing", f"no record of the case {case['label']}"
    if entry.get("assignment") != assignment or entry.get("label") != case["label"]:
        return "inconsistent", (f"the record of the case {case['label']} is labelled "
                                f"{entry.get('assignment')!r} / {entry.get('label')!r}")
    if "error" in entry:
        return "failed", str(entry["error"])[:500]
    try:
        recorded = values.decode(entry["record"])
    except (ValueError, TypeError, KeyError, RecursionError, MemoryError) as err:
        return "malformed", f"the record of the case {case['label']} cannot be read ({type(err).__name__})"
    try:
        check.judge(recorded, case, exercise)
    except exercises.CheckFailed as err:
        return "failed", str(err)[:500]
    except Exception as err:              # a record of the wrong shape: the judge could not read it
        return "malformed", (f"the record of the case {case['label']} is not what the check reads "
                             f"({type(err).__name__}: {str(err)[:200]})")
    return "", ""


def verify(assignment, record_path, trusted):
    """``({grade_id: Verdict}, problems)`` for every test cell of the assignment's registry."""
    import grading

    registry = exercises.load(assignment)
    visible, hidden = trusted.cases(assignment)
    records, problems = read_records(record_path)
    verdicts = {}
    for exercise, test in registry.tests():
        grade_id = test.grade_id
        checks = {"visible": registry.check(grade_id), "hidden": grading.hidden_check(assignment, grade_id)}
        stored = {"visible": visible.get(grade_id, []), "hidden": hidden.get(grade_id, []) if test.hidden else []}
        verdict = Verdict(grade_id, passed=bool(stored["visible"] or stored["hidden"]),
                          reason="" if stored["visible"] or stored["hidden"] else "no stored cases",
                          problem="" if stored["visible"] or stored["hidden"] else "missing")
        for kind in ("visible", "hidden"):
            for index, case in enumerate(stored[kind]):
                problem, reason = _judge_one(assignment, checks[kind], exercise, records.get((grade_id, kind, index)), case)
                if problem:
                    verdict = Verdict(grade_id, False, reason, problem if kind == "hidden" or problem != "failed"
                                      else "failed-visible")
                    break
            if not verdict.passed:
                break
        verdicts[grade_id] = verdict
    return verdicts, problems


def apply(grades, verdicts, problems=()):
    """Replace the autograded scores of the registry's test cells by the verified ones.

    ``grades``: ``runner.grade_rows`` of one submission (``{cell: {"score", "max_score",
    "auto_score", ...}}``), changed in place. Returns ``(notes, changed)``: a sentence for each
    cell whose score the verifier changed, "possible tampering" where the kernel's own checks
    could not have passed honestly, and the cells changed as ``{cell: (kernel score, verified)}``.
    """
    notes, changed = [], {}
    for grade_id, verdict in verdicts.items():
        row = grades.get(grade_id)
        if row is None:
            continue
        kernel = float(row["auto_score"] or 0)
        verified = float(row["max_score"]) if verdict.passed else 0.0
        if kernel == verified:
            continue
        row["auto_score"] = row["score"] = verified
        changed[grade_id] = (kernel, verified)
        if verified > kernel:
            # the kernel failed the cell (stderr output, a later statement) but every case's result is right
            notes.append(f"{grade_id}: every case verified outside the kernel, though the cell failed in it; "
                         f"scored {verified:g}")
        elif verdict.problem == "failed":
            notes.append(f"{grade_id}: a hidden case failed when checked outside the kernel, scored 0 "
                         f"({verdict.reason[:200]})")
        else:
            row["tampering"] = True
            notes.append(f"{grade_id}: {TAMPERING}: the cell passed in the kernel, but {verdict.reason[:200]}; "
                         "scored 0 by the verifier")
    if problems and changed:
        notes.append(f"{TAMPERING}: " + "; ".join(problems))
    return notes, changed
