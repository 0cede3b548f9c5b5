# A cell overwrites the course's check helpers and a data file wherever it can find them: the checks read stored cases, so it changes no mark.
# kind: hostile
# fails:
# flags:
# %% after make_windows
import sys
from pathlib import Path
import course, course.checks, course.data
targets = {Path(course.checks.__file__), Path(sys.executable).resolve().parents[2] / "course" / "checks.py",
           Path(sys.executable).parents[2] / "course" / "checks.py"}
for path in targets:
    try:
        path.write_text("def assert_close(*args, **kwargs):\n    pass\n")
        print("overwrote", path)
    except OSError as err:
        print("could not write", path, err)
for folder in {Path(course.data.DATA_DIR), Path(sys.executable).resolve().parents[2] / "data",
               Path(sys.executable).parents[2] / "data"}:
    try:
        with open(folder / "shakespeare" / "macbeth.txt", "a") as out:
            out.write("tampered")
        print("appended to", folder)
    except OSError as err:
        print("could not write", folder, err)
