"""Write what students receive: ``build/student/``, ready to publish as the students' repository.

    .venv/bin/python -m tools.student_repo [--out build/student]     # or: make student-repo

It holds the release notebooks, the helper package, the data, the install
and lab scripts, the pins students need, a student README and Makefile. It
never holds ``source/`` (solutions, hidden tests), ``grading/`` (hidden cases
and references), ``autograder/`` (samples, the class grader) or the tests.
Everything is copied or derived from the course repository, so the folder
is rebuilt from scratch each time.
"""
import argparse
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: Copied as they are (folders without caches).
COPIED = ("release", "course", "data", "tools/install.py", "tools/lab.py", "nbgrader_config.py")
#: requirements.txt: the pins above this line are the students'; below are the instructors' and developers'.
STUDENT_PINS_END = "# ---- instructors and developers only below this line ----"
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", "*.egg-info")

README = """\
# Recurrent Neural Networks and LSTMs, hands-on

Jupyter notebooks that take you from the Elman cell to a sentiment LSTM, a
forecaster, an encoder-decoder with attention and word embeddings with
bidirectional RNNs. Each exercise gives instant feedback from the test cell below it,
and is graded later against hidden cases. Everything runs on a laptop CPU;
nothing is downloaded while you work.

## Two commands

```bash
make install   # creates .venv with the pinned packages (a few minutes, about 2.5 GB)
make lab       # opens JupyterLab on release/
```

Without `make` (Windows, or any machine), with Python 3.10 or newer:

```bash
python tools/install.py   # the same as make install
python tools/lab.py       # the same as make lab
```

Open `release/01_rnn_unrolling/01_rnn_unrolling.ipynb` and work in order.
Each exercise cell says `raise NotImplementedError()` until you answer it;
the test cell below it tells you what is wrong, by name. The *Validate*
button (nbgrader's toolbar) runs every test in the notebook.

{map}

Graded functions follow one contract (batch-major arrays, Keras weight
layout, gate orders LSTM `[i, f, g, o]` and GRU `[z, r, h]`), so the weights
of any Keras layer load straight into your own functions.
"""

MAKEFILE = """\
# Recurrent Neural Networks and LSTMs, hands-on (students)
#   make install && make lab      (without make: python tools/install.py, python tools/lab.py)
PYTHON ?= python3
PORT ?= 8888

.PHONY: help install lab

help:
\t@echo "make install   create .venv with the pinned packages and the course package"
\t@echo "make lab       JupyterLab on release/"

install:
\t$(PYTHON) tools/install.py

lab:
\t$(PYTHON) tools/lab.py --port=$(PORT) $(LAB_ARGS)
"""

GITIGNORE = ".venv/\n__pycache__/\n*.egg-info/\n.ipynb_checkpoints/\n"


def student_requirements(text):
    """The lines of requirements.txt above the instructors-only marker."""
    head, marker, _ = text.partition(STUDENT_PINS_END)
    if not marker:
        raise ValueError(f"requirements.txt has no line {STUDENT_PINS_END!r}")
    return head.rstrip() + "\n"


def student_environment(requirements):
    """environment.yml for conda/mamba users with the same pins."""
    pins = [line.split("#")[0].strip() for line in requirements.splitlines()]
    lines = ["# The same pins as requirements.txt, for conda/mamba users:",
             "#   mamba env create -f environment.yml && mamba activate rnn-course && pip install -e .",
             "name: rnn-course", "channels:", "  - conda-forge", "dependencies:", "  - python=3.11", "  - pip",
             "  - pip:"]
    lines += [f"      - {pin}" for pin in pins if pin]
    return "\n".join(lines) + "\n"


def student_pyproject(text):
    """The course's pyproject.toml without the instructors' ``grading`` package."""
    text = re.sub(r'packages = \[(.*?)\]', lambda m: "packages = [" + ", ".join(
        p for p in (x.strip() for x in m.group(1).split(",")) if p.strip('"') != "grading") + "]", text, count=1)
    text = re.sub(r'^"grading" = .*\n', "", text, flags=re.MULTILINE)
    text = text.split("[tool.pytest.ini_options]")[0].rstrip() + "\n"          # the course's tests stay behind
    return re.sub(r"^# `course` is what students receive.*?\n(#.*\n)*", "", text, flags=re.MULTILINE)


def build(out):
    from tools import readme_map

    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name in COPIED:
        source = ROOT / name
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=IGNORED)
        else:
            shutil.copy(source, target)
    requirements = student_requirements((ROOT / "requirements.txt").read_text(encoding="utf-8"))
    (out / "requirements.txt").write_text(requirements, encoding="utf-8")
    (out / "environment.yml").write_text(student_environment(requirements), encoding="utf-8")
    (out / "pyproject.toml").write_text(student_pyproject((ROOT / "pyproject.toml").read_text(encoding="utf-8")),
                                        encoding="utf-8")
    (out / "README.md").write_text(README.format(map=readme_map.table()), encoding="utf-8")
    (out / "Makefile").write_text(MAKEFILE, encoding="utf-8")
    (out / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description="Write build/student/, what students receive.")
    parser.add_argument("--out", default=str(ROOT / "build" / "student"))
    args = parser.parse_args(argv)
    out = build(args.out)
    files = [p for p in out.rglob("*") if p.is_file()]
    print(f"wrote {out}: {len(files)} files, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
