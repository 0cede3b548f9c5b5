"""How a gradient's size changes as it travels back in time (notebook 03).

The explorer runs a small recurrent network forward, asks the student's
``step_jacobian`` for the Jacobian of every step, multiplies those Jacobians
from the last step backwards and plots the size of the product against the
time lag. The package never computes a step Jacobian itself.
"""
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from .base import Explorer

ACTIVATIONS = ("tanh", "relu", "linear")


class GradientFlowExplorer(Explorer):
    """Log gradient norm ``log10 ||d h_T / d h_{T-k}||`` against the lag ``k``.

    Inputs:
    - jacobian_fn: the student's ``step_jacobian(h_t, W_h) -> (H, H)``, the
      Jacobian of a tanh step ``h_t = tanh(x_t W_x + h_prev W_h + b)``
    - hidden: number of units ``H``
    - input_scale: initial size of the input drive ``x_t W_x + b``
    - seed: seeds the recurrent matrix and the inputs

    Controls: ``radius`` (spectral radius of ``W_h``), ``activation`` (tanh,
    relu, linear), ``length`` (the sequence length ``T``) and ``input_scale``
    (a larger input drive pushes tanh units into saturation).

    ``W_h`` is a random orthogonal matrix times the spectral radius, so every
    eigenvalue has modulus exactly ``radius``. For ``tanh`` the Jacobians come
    straight from the student's function at the states of a forward run. A
    linear unit has slope 1, which is tanh's slope at ``h = 0``, so for
    ``linear`` the student's function is called at ``h_t = 0``; a ReLU unit
    has slope 1 or 0, tanh's slope at ``h = 0`` or at ``|h| = 1``, so for
    ``relu`` it is called with ``h_t`` 0 for the units that are on and 1 for
    those that are off. The mean slope shown is tanh's, by central differences.

    ``data`` holds ``lags`` (1..T), ``log10_norm`` (spectral norm of the
    product for each lag), ``slopes`` (mean activation slope per step),
    and the control values.
    """

    needs = "step_jacobian"

    def __init__(self, jacobian_fn, hidden=16, input_scale=0.5, seed=0, max_length=200):
        self.jacobian_fn = jacobian_fn
        self.hidden = hidden
        rng = np.random.default_rng(seed)
        q, r = np.linalg.qr(rng.normal(size=(hidden, hidden)))
        self.orthogonal = q * np.sign(np.diag(r))
        self.noise = rng.normal(size=(max_length, hidden))
        self.radius = widgets.FloatSlider(value=0.9, min=0.5, max=2.0, step=0.05, description="spectral radius",
                                          continuous_update=False, style={"description_width": "initial"})
        self.activation = widgets.Dropdown(options=list(ACTIVATIONS), value="tanh", description="activation")
        self.length = widgets.IntSlider(value=50, min=5, max=max_length, step=5, description="length T",
                                        continuous_update=False)
        self.input_scale = widgets.FloatSlider(value=input_scale, min=0.0, max=3.0, step=0.1,
                                               description="input scale", continuous_update=False)
        super().__init__([self.radius, self.activation, self.length, self.input_scale])

    def _jacobian(self, h_t, W_h):
        J = np.asarray(self.call_student(self.jacobian_fn, h_t, W_h), dtype=float)
        if J.shape != (self.hidden, self.hidden):
            raise ValueError(f"step_jacobian returned shape {J.shape}, expected ({self.hidden}, {self.hidden})")
        return J

    def gradient_norms(self, radius, activation, length, input_scale=0.5):
        """Spectral norms of d h_T / d h_{T-k} for k = 1..length, and the mean slope per step."""
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {ACTIVATIONS}")
        W_h = radius * self.orthogonal
        h = np.zeros(self.hidden)
        linear_part = self._jacobian(np.zeros(self.hidden), W_h)
        eps = 1e-5
        jacobians, slopes = [], []
        for t in range(length):
            a = input_scale * self.noise[t] + h @ W_h
            if activation == "tanh":
                h = np.tanh(a)
                J = self._jacobian(h, W_h)
                slopes.append(float(np.mean((np.tanh(a + eps) - np.tanh(a - eps)) / (2 * eps))))
            elif activation == "relu":
                active = (a > 0).astype(float)
                h = a * active
                J = self._jacobian(1.0 - active, W_h)         # slope 1 where on, 0 where off
                slopes.append(float(active.mean()))
            else:
                h = a
                J = linear_part
                slopes.append(1.0)
            jacobians.append(J)
        norms = []
        product = np.eye(self.hidden)
        for J in reversed(jacobians):       # d h_T / d h_{T-k} = J_T J_{T-1} ... J_{T-k+1}
            product = product @ J
            norms.append(np.linalg.norm(product, 2))
        return np.array(norms), np.array(slopes)

    def draw(self):
        radius, activation, length = float(self.radius.value), self.activation.value, int(self.length.value)
        input_scale = float(self.input_scale.value)
        norms, slopes = self.gradient_norms(radius, activation, length, input_scale)
        lags = np.arange(1, length + 1)
        log_norms = np.log10(np.maximum(norms, 1e-300))
        self.data = {"radius": radius, "activation": activation, "length": length, "input_scale": input_scale,
                     "lags": lags, "log10_norm": log_norms, "slopes": slopes}
        figure, ax = plt.subplots(figsize=(8, 3.8))
        ax.plot(lags, log_norms, lw=2, label=f"{activation}, your step_jacobian")
        theory = lags * np.log10(radius)
        ax.plot(lags, theory, "k--", lw=1, label=r"$\rho^k$ (linear network)")
        ax.axhline(0, color="grey", lw=0.8)
        ax.set_xlabel("time lag k (steps back from the last state)")
        ax.set_ylabel(r"$\log_{10}\, \|\partial h_T / \partial h_{T-k}\|_2$")
        final = log_norms[-1]
        regime = "exploding" if final > 1 else "vanishing" if final < -1 else "roughly preserved"
        ax.set_title(f"spectral radius {radius:.2f}, {activation}, T = {length}: {regime} "
                     f"(mean slope {slopes.mean():.2f})", fontsize=10)
        shown = np.concatenate([log_norms, theory, [0.0]])
        low, high = shown.min() - 1, shown.max() + 1
        ax.set_ylim(max(low, -40), min(high, 40))
        ax.legend(loc="best", fontsize=8)
        figure.tight_layout()
        return figure
