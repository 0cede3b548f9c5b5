"""course.runtime: one place decides the grading budget; TensorFlow stays quiet."""
import os
import subprocess
import sys

import pytest


def _run(code, **env):
    environment = {k: v for k, v in os.environ.items() if k != "NBGRADER_EXECUTION"}
    environment.update(env)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment, timeout=300)


@pytest.mark.parametrize("value, expected", [(None, "False 100"), ("autograde", "True 2"), ("validate", "True 2")])
def test_budget_follows_nbgrader_execution(value, expected):
    env = {} if value is None else {"NBGRADER_EXECUTION": value}
    result = _run("import course; print(course.GRADING, course.budget(100, 2))", **env)
    assert result.stdout.strip() == expected, result.stderr


def test_importing_course_first_keeps_tensorflow_off_stderr():
    """nbgrader fails test cells that write to stderr; TensorFlow's start-up notices must not appear."""
    code = ("import course; course.setup(); import keras, numpy as np\n"
            "layer = keras.layers.SimpleRNN(3); y = layer(np.zeros((1, 2, 4), 'float32'))\n"
            "import tensorflow as tf; tf.clip_by_global_norm([tf.ones(3)], 1.0)\nprint('ok')")
    result = _run(code)
    assert result.stdout.strip().endswith("ok"), result.stderr
    assert result.stderr == "", f"stderr was not empty:\n{result.stderr}"


def test_setup_seeds_numpy_and_keras():
    result = _run("import keras, course, numpy as np; course.setup(3); a = np.random.rand();"
                  "b = float(keras.random.uniform(()));"
                  "course.setup(3); print(a == np.random.rand(), b == float(keras.random.uniform(())))")
    assert result.stdout.split() == ["True", "True"], result.stderr


@pytest.mark.parametrize("value", [None, "validate", "autograde"])
def test_figures_are_rendered_except_under_autograding(value):
    """Under autograde a figure's plotting code runs but it is not drawn into an image (that costs seconds)."""
    code = ("from IPython.core.interactiveshell import InteractiveShell\n"
            "from IPython.core.pylabtools import select_figure_formats\n"
            "import matplotlib; matplotlib.use('agg')\n"
            "shell = InteractiveShell.instance(); select_figure_formats(shell, {'png'})\n"
            "import course; course.setup()\n"
            "import matplotlib.pyplot as plt\n"
            "fig, ax = plt.subplots(); ax.plot([0, 1], [1, 0])\n"
            "data, _ = shell.display_formatter.format(fig)\n"
            "print(sorted(data))")
    result = _run(code, **({} if value is None else {"NBGRADER_EXECUTION": value}))
    expected = "['text/plain']" if value == "autograde" else "['image/png', 'text/plain']"
    assert result.stdout.strip().splitlines()[-1:] == [expected], result.stdout + result.stderr
