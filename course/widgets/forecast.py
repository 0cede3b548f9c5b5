"""Pick a test day and a lead time; see every model's day-ahead forecast against the truth (notebook 08)."""
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from .base import Explorer


class ForecastExplorer(Explorer):
    """Day-ahead forecasts of several models on one test day, and their errors at one lead time.

    Inputs:
    - truth: the actual values of each test day, shape (n_days, horizon)
    - forecasts: ``{model name: forecasts of shape (n_days, horizon)}``, computed by the notebook
      from the student's own functions
    - day_labels: one label per day (a date)
    - steps_per_hour: values per hour, for the lead-time axis (2 for half-hours)

    ``data`` holds ``day`` (index), ``label``, ``lead`` (steps ahead, 1-based), ``errors``
    (``{name: |forecast - truth|`` at that lead``}``) and ``day_mae`` (``{name: MAE over the day}``).
    """

    needs = "the forecasts above"

    def __init__(self, truth, forecasts, day_labels, steps_per_hour=1):
        self.truth = np.asarray(truth, dtype=float)
        if self.truth.ndim != 2:
            raise ValueError(f"truth should be (n_days, horizon), not of shape {self.truth.shape}")
        self.forecasts = {name: np.asarray(f, dtype=float) for name, f in forecasts.items()}
        for name, f in self.forecasts.items():
            if f.shape != self.truth.shape:
                raise ValueError(f"the forecasts of {name!r} have shape {f.shape}; truth has {self.truth.shape}")
        if len(day_labels) != len(self.truth):
            raise ValueError(f"{len(day_labels)} day labels for {len(self.truth)} days")
        self.day_labels = list(day_labels)
        self.steps_per_hour = steps_per_hour
        horizon = self.truth.shape[1]
        self.day = widgets.Dropdown(options=[(label, i) for i, label in enumerate(self.day_labels)], value=0,
                                    description="test day")
        self.lead = widgets.IntSlider(value=1, min=1, max=horizon, description="steps ahead",
                                      continuous_update=False)
        super().__init__([self.day, self.lead])

    def draw(self):
        day, lead = self.day.value, self.lead.value
        truth = self.truth[day]
        errors = {name: float(abs(f[day, lead - 1] - truth[lead - 1])) for name, f in self.forecasts.items()}
        day_mae = {name: float(np.abs(f[day] - truth).mean()) for name, f in self.forecasts.items()}
        self.data = {"day": day, "label": self.day_labels[day], "lead": lead, "errors": errors, "day_mae": day_mae}
        hours = np.arange(1, len(truth) + 1) / self.steps_per_hour
        fig, (ax, bars) = plt.subplots(1, 2, figsize=(10, 3.2), gridspec_kw={"width_ratios": [2.2, 1]})
        ax.plot(hours, truth, color="k", lw=2, label="truth")
        for name, f in self.forecasts.items():
            ax.plot(hours, f[day], lw=1.2, label=f"{name} (day MAE {day_mae[name]:.0f})")
        ax.axvline(lead / self.steps_per_hour, color="#888", ls=":")
        ax.set_xlabel("hours ahead"); ax.set_title(self.day_labels[day]); ax.legend(fontsize=7)
        names = list(errors)
        bars.barh(names, [errors[n] for n in names], color="#4a7")
        bars.set_title(f"error {lead / self.steps_per_hour:g} h ahead"); bars.invert_yaxis()
        bars.tick_params(axis="y", labelsize=7)
        fig.tight_layout()
        return fig
