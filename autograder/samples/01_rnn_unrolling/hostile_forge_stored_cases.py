# A wrong make_windows (it ignores step) whose cell then rewrites the stored cases of its copy of the course, visible and hidden, so that they expect what it returns. The class grader's kernel holds the hidden inputs without their answers, and the verifier judges the records against the instructor's own stored cases: no mark changes.
# kind: hostile
# fails: test_make_windows_small test_make_windows_hidden
# %% make_windows
def make_windows(text, seqlen, step):
    starts = range(len(text) - seqlen)
    return [text[i:i + seqlen] for i in starts], [text[i + seqlen] for i in starts]
# %% after make_windows
from pathlib import Path
import course.exercises
from course.exercises import values
try:
    import grading
    stores = [Path(grading.__file__).with_name("01_rnn_unrolling.json")]
except ImportError:
    stores = []
stores.append(Path(course.exercises.__file__).with_name("01_rnn_unrolling.json"))
for store in stores:
    cases = values.loads(store.read_text())
    for grade_id in ("test_make_windows_small", "test_make_windows_hidden"):
        for case in cases.get(grade_id, []):
            case["expected"] = make_windows(**case["inputs"])
            case.pop("mistakes", None)
    store.write_text(values.dumps(cases))
    print("rewrote", store)
