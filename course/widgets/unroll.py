"""Step through an unrolled RNN one time step at a time (notebook 01)."""
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from ..plots import draw_unrolled_rnn, plot_states
from .base import Explorer


class UnrollStepper(Explorer):
    """Run the student's ``rnn_step`` over one sequence and step through it with a slider.

    Inputs:
    - step_fn: the student's ``rnn_step(x_t, h_prev, W_x, W_h, b) -> h_t``
    - X: one or more sequences, shape ``(N, T, D)``; the first one is shown
    - h0: initial state, shape ``(N, H)``
    - W_x, W_h, b: weights of shapes ``(D, H)``, ``(H, H)``, ``(H,)``
    - labels: optional ``T`` labels for the inputs (e.g. characters)

    ``data["states"]`` holds the states shown so far, shape ``(t, H)``, and
    ``data["t"]`` the chosen step.
    """

    needs = "rnn_step"

    def __init__(self, step_fn, X, h0, W_x, W_h, b, labels=None):
        self.step_fn = step_fn
        self.X, self.h0 = np.asarray(X), np.asarray(h0)
        self.W_x, self.W_h, self.b = W_x, W_h, b
        self.labels = labels
        T = self.X.shape[1]
        self.slider = widgets.IntSlider(value=1, min=1, max=T, description="step t",
                                        continuous_update=False)
        self._all_states = None
        super().__init__([self.slider])

    def _states(self):
        """All states of the first example, computed once with the student's step."""
        if self._all_states is None:
            h = self.h0
            states = []
            for t in range(self.X.shape[1]):
                h = self.call_student(self.step_fn, self.X[:, t, :], h, self.W_x, self.W_h, self.b)
                states.append(np.asarray(h)[0])
            self._all_states = np.stack(states)
        return self._all_states

    def draw(self):
        t = self.slider.value
        states = self._states()
        self.data = {"t": t, "states": states[:t].copy()}
        figure, (top, bottom) = plt.subplots(2, 1, figsize=(9, 5.2),
                                             gridspec_kw={"height_ratios": [1.2, 1]})
        draw_unrolled_rnn(self.X.shape[1], ax=top, highlight=t, inputs=self.labels,
                          outputs=False, folded=False)
        plot_states(states, ax=bottom, upto=t, labels=self.labels,
                    title=f"h_1 ... h_{t}: each column is one call of your rnn_step")
        figure.tight_layout()
        return figure
