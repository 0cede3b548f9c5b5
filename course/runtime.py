"""Where the course decides how it runs: under grading or not, seeds, plot style.

nbgrader sets ``NBGRADER_EXECUTION`` (``validate`` or ``autograde``) while it
executes a notebook. This module is the one place that reads it, so a
notebook trains on a small budget under grading and on the full one otherwise,
and no student cell can decide which.
"""
import logging
import os
import random
import sys
import warnings

# TensorFlow prints oneDNN and absl notices on stderr at import, and nbgrader
# fails any test cell that writes to stderr. Both variables are needed, and
# they only work if set before TensorFlow is first imported.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
# Keras 3 runs on TensorFlow in this course (the CPU build by default).
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

#: True while nbgrader validates or autogrades the notebook.
GRADING = bool(os.environ.get("NBGRADER_EXECUTION"))
#: True only while nbgrader autogrades it (no one watches the notebook run).
AUTOGRADING = os.environ.get("NBGRADER_EXECUTION") == "autograde"


def budget(full, grading):
    """Return ``grading`` while nbgrader runs the notebook, ``full`` otherwise.

    Use it for anything that only costs time (epochs, sample counts, text
    length), never for anything a graded test depends on.
    """
    return grading if GRADING else full


def quiet():
    """Silence framework chatter that would land on stderr in a notebook."""
    logging.getLogger("tensorflow").setLevel(logging.ERROR)
    logging.getLogger("absl").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", category=UserWarning, module=r"keras(\.|$)")
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    warnings.filterwarnings("ignore", category=FutureWarning)
    warnings.filterwarnings("ignore", message=".*np.object.*")


def seed_everything(seed=0):
    """Seed Python, NumPy and, when it is already imported, Keras/TensorFlow."""
    random.seed(seed)
    import numpy as np

    np.random.seed(seed)
    if "keras" in sys.modules:
        sys.modules["keras"].utils.set_random_seed(seed)


def plot_style():
    """One plot style for every notebook."""
    import matplotlib.pyplot as plt

    plt.rcParams.update({
        "figure.figsize": (7.0, 3.6),
        "figure.dpi": 100,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "font.size": 10,
    })


MIN_VERSIONS = {"numpy": (1, 26), "keras": (3, 0), "matplotlib": (3, 8)}


def _version_tuple(text):
    parts = []
    for piece in text.split(".")[:2]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def check_versions():
    """Raise a clear error when the notebook runs in the wrong environment."""
    if sys.version_info < (3, 10):
        raise RuntimeError(
            f"This course needs Python 3.10 or newer; this kernel runs {sys.version.split()[0]}. "
            "Start JupyterLab with `make lab` so the course's .venv is used."
        )
    for name, minimum in MIN_VERSIONS.items():
        if name not in sys.modules:
            continue
        found = getattr(sys.modules[name], "__version__", "0")
        if _version_tuple(found) < minimum:
            raise RuntimeError(
                f"{name} {found} is too old for this course (needs {'.'.join(map(str, minimum))}+). "
                "Run `make install` and start JupyterLab with `make lab`."
            )


#: What IPython would rasterise a matplotlib figure into.
FIGURE_FORMATS = ("image/png", "image/jpeg", "image/svg+xml", "application/pdf")


def keep_figures_unrendered():
    """Let figures be built but not drawn into images (``setup`` does this under autograding).

    Drawing a figure (text layout, colour bars, a tight bounding box) takes
    0.1 to 2 s and under ``nbgrader autograde`` nobody looks at it: the
    student's feedback lists the tests, and the submitted notebook keeps the
    student's own pictures. Every line of plotting code still runs, so a
    plotting error still shows; the graded copy shows ``<Figure size ... with
    N Axes>`` where the picture would be. ``validate`` keeps its pictures: a
    notebook server may run on the grading budget with students watching.
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:          # outside IPython there is no inline rendering to skip
        for mime in FIGURE_FORMATS:
            shell.display_formatter.formatters[mime].enabled = False


def setup(seed=0):
    """The first code cell of every notebook calls this once.

    Quietens warnings, checks versions of what is imported, seeds every random
    generator and sets the plot style. Returns ``GRADING`` so a notebook can
    say which budget it runs on. Under autograding, figures are not rendered
    (``keep_figures_unrendered``).
    """
    quiet()
    check_versions()
    seed_everything(seed)
    plot_style()
    if AUTOGRADING:
        keep_figures_unrendered()
    return GRADING
