"""Confounding explorer (widgets.confounding), driven like a learner: set each control, read the figure and the summary."""

import numpy as np
import pytest

from course_lib import widgets
from course_lib.figures import confounding as fig_confounding
from course_lib.models import confounding


def trace(fig, name, traces):
    return fig.data[traces.index(name)]


@pytest.mark.parametrize("control,value", [("age_strength", 0.0), ("direct_effect", 0.4), ("n", 2000), ("seed", 11)])
def test_every_confounding_control_changes_the_figure_and_the_summary(control, value):
    w = widgets.confounding_explorer()
    before_summary = w.summary.value
    before = [tuple(d.y) for d in w.figure.data]
    w.controls[control].value = value
    assert w.summary.value != before_summary
    assert [tuple(d.y) for d in w.figure.data] != before


def test_removing_the_confounder_flattens_the_crude_line():
    w = widgets.confounding_explorer(age_strength=0.6, direct_effect=0.0, n=2000)
    crude = trace(w.figure, "crude", fig_confounding.CONFOUNDING_TRACES).y
    steep = crude[1] - crude[0]
    w.controls["age_strength"].value = 0.0
    crude = trace(w.figure, "crude", fig_confounding.CONFOUNDING_TRACES).y
    assert abs(crude[1] - crude[0]) < abs(steep) / 3
    fit = confounding.fit(
        confounding.simulate(
            2000, rng=np.random.default_rng(w.controls["seed"].value), age_strength=0.0, direct_effect=0.0
        )
    )
    assert f"{fit.crude.estimate:+.2f} SD per 100 ng/mL" in w.summary.value


def test_confounding_explorer_colours_points_by_age_and_rejects_bad_values():
    w = widgets.confounding_explorer()
    ages = np.asarray(w.figure.data[0].marker.color)
    np.testing.assert_allclose(ages, np.round(w.people["age_y"], 1))
    assert (w.controls["age_strength"].min, w.controls["age_strength"].max) == confounding.settings()["age_strength"][
        1:
    ]
    with pytest.raises(ValueError, match="age_strength must be a number in SD per decade"):
        widgets.confounding_explorer(age_strength=2)
