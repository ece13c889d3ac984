"""GH-IGF-1 loop widget (widgets.gh_axis), driven like a learner: set each control, check the figure data and summary."""

import numpy as np
import pytest

from course_lib import widgets
from course_lib.figures import gh_axis as fig_gh_axis
from course_lib.models import gh_axis


def _ys(fig, i):
    return np.asarray(fig.data[i].y, dtype=float)


@pytest.fixture(scope="module")
def loop():
    return widgets.gh_axis_loop()


@pytest.mark.parametrize(
    "control,value,expect",
    [
        ("pulse_amplitude", 2.0, "IGF-1 12"),  # both GH and IGF-1 rise
        ("hepatic_sensitivity", 0.5, "leans lipolytic"),
        ("feedback_scale", 3.0, "feedback ×3"),
    ],
)
def test_gh_loop_each_control_changes_figure_and_summary(loop, control, value, expect):
    for _name, c in loop.controls.items():  # reset to defaults first
        c.value = 1.0
    gh_before, igf_before, summary = _ys(loop.figure, 0).copy(), _ys(loop.figure, 1).copy(), loop.summary.value
    loop.controls[control].value = value
    assert loop.summary.value != summary and expect in loop.summary.value
    changed_gh = not np.allclose(_ys(loop.figure, 0), gh_before)
    changed_igf = not np.allclose(_ys(loop.figure, 1), igf_before, atol=1e-3)
    if control == "feedback_scale":
        # at the default drive the feedback strength does not move the steady state; only the summary says so
        assert "IGF-1 100%" in loop.summary.value
    else:
        assert changed_gh and changed_igf


def test_gh_loop_reference_trace_stays_the_default(loop):
    ref = _ys(loop.figure, 2).copy()
    loop.controls["pulse_amplitude"].value = 0.5
    assert np.array_equal(_ys(loop.figure, 2), ref)
    assert "Illustrative" in loop.note.value and "acts at once" in loop.note.value
    assert "balance index" not in loop.summary.value  # an invented ratio: the summary gives a direction only
    assert repr(loop).startswith("GHAxisLoop(pulse_amplitude=0.5")


def test_gh_loop_after_a_change_draws_what_a_fresh_figure_of_that_run_draws(loop):
    """The widget sends gh_axis_series instead of rebuilding the figure; the result must be the same picture."""
    loop.controls["pulse_amplitude"].value = 1.6
    loop.controls["hepatic_sensitivity"].value = 0.7
    fresh = fig_gh_axis.gh_axis_figure(
        gh_axis.simulate(
            pulse_amplitude=1.6, feedback_scale=loop.controls["feedback_scale"].value, hepatic_sensitivity=0.7
        )
    )
    for i in (0, 1):
        assert np.array_equal(np.asarray(loop.figure.data[i].x), np.asarray(fresh.data[i].x))
        assert np.array_equal(np.asarray(loop.figure.data[i].y), np.asarray(fresh.data[i].y))


def test_builder_rejects_bad_input():
    with pytest.raises(ValueError, match="pulse_amplitude must be a number"):
        widgets.gh_axis_loop(pulse_amplitude=10)


def test_fasting_figure_overlays_the_published_data():
    fig = fig_gh_axis.fasting_figure()
    names = [d.name for d in fig.data]
    assert names == ["GH (model)", "GH 24-h mean (model)", "GH: published", "IGF-1 (model)", "IGF-1: published"]
    gh_data, igf_data = fig.data[2], fig.data[4]
    # Ho 1988 day 5 (3.1x GH; IGF-1 59% of day 1) and Hartman 1992 (GH 4.8x on day 2; IGF-1 unchanged at 56 h)
    assert sorted(np.round(np.asarray(gh_data.y, dtype=float), 2)) == [3.10, 4.76]
    assert sorted(np.round(np.asarray(igf_data.y, dtype=float))) == [59.0, 100.0]
    assert "Ho 1988" in "".join(gh_data.text) and "Hartman 1992" in "".join(igf_data.text)
    text = fig_gh_axis.fasting_summary()
    assert "Hartman 1992: unchanged" in text and "Ho 1988: -41%" in text and "Ho 1988: 3.1×" in text
