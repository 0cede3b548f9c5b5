"""The day-ahead forecast explorer of notebook 08, driven without a browser."""
import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course.widgets import ForecastExplorer  # noqa: E402

TRUTH = np.array([[10.0, 12.0, 14.0, 16.0], [20.0, 22.0, 24.0, 26.0]])
FORECASTS = {"flat": np.array([[10.0] * 4, [20.0] * 4]), "exact": TRUTH.copy()}


def make():
    return ForecastExplorer(TRUTH, FORECASTS, ["Mon", "Tue"], steps_per_hour=2)


def test_it_shows_the_errors_at_the_chosen_lead_time():
    explorer = make()
    assert explorer.ready, explorer.message
    assert explorer.data["lead"] == 1 and explorer.data["errors"] == {"flat": 0.0, "exact": 0.0}
    explorer.lead.value = 4
    assert explorer.data["errors"] == {"flat": 6.0, "exact": 0.0}
    assert explorer.data["day_mae"]["flat"] == pytest.approx(3.0)


def test_changing_the_day_redraws_with_that_day():
    explorer = make()
    explorer.lead.value = 3
    explorer.day.value = 1
    assert explorer.data["label"] == "Tue" and explorer.data["errors"]["flat"] == 4.0


def test_forecasts_of_the_wrong_shape_are_named():
    with pytest.raises(ValueError, match="'flat' have shape"):
        ForecastExplorer(TRUTH, {"flat": np.zeros((2, 3))}, ["Mon", "Tue"])
    with pytest.raises(ValueError, match="3 day labels for 2 days"):
        ForecastExplorer(TRUTH, FORECASTS, ["Mon", "Tue", "Wed"])
