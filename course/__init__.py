"""Helper package for the course *Recurrent Neural Networks and LSTMs, hands-on*.

Import it first in every notebook: importing it quietens TensorFlow's start-up
logging before TensorFlow itself is imported (nbgrader fails a test cell that
writes anything to stderr).

Modules, one job each:

- ``course.runtime``   grading detection, training budgets, seeding, setup
- ``course.data``      loaders for the datasets shipped in ``data/``
- ``course.checks``    assertions with messages that tell a student what is wrong
- ``course.gradcheck`` numerical gradients by central differences
- ``course.plots``     figures drawn with matplotlib (unrolled RNN, topologies)
- ``course.widgets``   ipywidgets explorers; each takes the student's function
- ``course.training``  ``course.fit``: ``model.fit`` with the grading budget applied
- ``course.exercises`` each assignment's graded functions and their visible checks
- ``course.keras_layers`` earlier notebooks' graded contracts computed by Keras, for later notebooks

The package never contains an answer to a graded exercise.
"""
from . import runtime  # noqa: F401  (sets the TensorFlow logging variables first)
from .runtime import GRADING, budget, setup  # noqa: F401
from .training import fit  # noqa: F401
from .keras_layers import keras_lstm_forward, keras_rnn_forward  # noqa: F401
from . import exercises  # noqa: F401

__version__ = "0.1.0"
