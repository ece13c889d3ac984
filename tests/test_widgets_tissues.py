"""Unit 04 widgets, driven like a learner: set each control's value, check the figure data and summary change."""
import numpy as np
import pytest

from course_lib import widgets
from course_lib.models import evidence, gh_axis
from course_lib.figures import tissues as ft


def _ys(fig, i):
    return np.asarray(fig.data[i].y, dtype=float)


def test_evidence_explorer_tissue_and_level_filters():
    w = widgets.evidence_explorer()
    assert "56 claims" in w.summary.value or f"{len(evidence.claims())} claims" in w.summary.value
    before_y, before_summary, before_table = _ys(w.figure, 0).copy(), w.summary.value, w.table.value
    w.controls["tissue"].value = "brain"
    assert not np.array_equal(_ys(w.figure, 0), before_y)
    assert list(_ys(w.figure, 0)) == list(evidence.counts().loc["brain"])
    assert w.summary.value != before_summary and w.table.value != before_table
    colours_before = list(w.figure.data[0].marker.color)
    w.controls["model_system"].value = "rodent"
    assert list(w.figure.data[0].marker.color) != colours_before
    n = len(evidence.claims("brain", "rodent"))
    assert f"<b>{n} claims</b>" in w.summary.value
    assert w.table.value.count("<tr>") == n + 1
    w.controls["model_system"].value = "meta_analysis"
    assert "No claims match" in w.table.value and "<b>0 claims</b>" in w.summary.value
    assert repr(w) == "EvidenceExplorer(tissue='brain', model_system='meta_analysis')"


def test_evidence_explorer_controls_offer_only_valid_values():
    w = widgets.evidence_explorer()
    tissues = [v for _, v in w.controls["tissue"].options]
    systems = [v for _, v in w.controls["model_system"].options]
    assert tissues == ["all", *evidence.TISSUES] and systems == ["all", *evidence.MODEL_SYSTEMS]


def test_exercise_widget_each_control_changes_figure_and_summary():
    w = widgets.exercise_response()
    widths = [w.figure.data[i].line.width for i in range(3)]
    assert widths[0] > widths[1]  # high-intensity cycling selected
    summary = w.summary.value
    assert "+14.9%" in summary
    w.controls["intensity"].value = "low"
    assert w.summary.value != summary and "+7.7%" in w.summary.value
    assert w.figure.data[1].line.width > w.figure.data[0].line.width
    y_before = _ys(w.figure, 0).copy()
    w.controls["duration_min"].value = 20
    assert not np.array_equal(_ys(w.figure, 0), y_before)
    assert "20 min of cycling" in w.summary.value
    assert w.figure.layout.shapes[0].x1 == 20
    w.controls["modality"].value = "resistance"
    assert "no change" in w.summary.value and w.controls["intensity"].disabled
    assert w.figure.data[2].line.width > w.figure.data[0].line.width
    assert np.allclose(_ys(w.figure, 2), 0.0)
    assert "Illustrative" in w.note.value and "West et al. 2010" in w.note.value
    assert repr(w) == "ExerciseResponse(modality='resistance', intensity='low', duration_min=20)"


def test_exercise_widget_slider_range_is_the_model_domain():
    from course_lib.models import acute_exercise

    s = widgets.exercise_response().controls["duration_min"]
    assert (s.min, s.max) == acute_exercise.duration_range()


@pytest.fixture(scope="module")
def loop():
    return widgets.gh_axis_loop()


@pytest.mark.parametrize("control,value,expect", [
    ("pulse_amplitude", 2.0, "IGF-1 12"),  # both GH and IGF-1 rise
    ("hepatic_sensitivity", 0.5, "leans lipolytic"),
    ("feedback_scale", 3.0, "feedback ×3"),
])
def test_gh_loop_each_control_changes_figure_and_summary(loop, control, value, expect):
    for name, c in loop.controls.items():  # reset to defaults first
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
    assert "Illustrative" in loop.note.value
    assert repr(loop).startswith("GHAxisLoop(pulse_amplitude=0.5")


def test_gh_loop_after_a_change_draws_what_a_fresh_figure_of_that_run_draws(loop):
    """The widget sends gh_axis_series instead of rebuilding the figure; the result must be the same picture."""
    loop.controls["pulse_amplitude"].value = 1.6
    loop.controls["hepatic_sensitivity"].value = 0.7
    fresh = ft.gh_axis_figure(gh_axis.simulate(pulse_amplitude=1.6, feedback_scale=loop.controls["feedback_scale"].value,
                                               hepatic_sensitivity=0.7))
    for i in (0, 1):
        assert np.array_equal(np.asarray(loop.figure.data[i].x), np.asarray(fresh.data[i].x))
        assert np.array_equal(np.asarray(loop.figure.data[i].y), np.asarray(fresh.data[i].y))


def test_builders_reject_bad_input():
    with pytest.raises(ValueError, match="tissue must be one of"):
        widgets.evidence_explorer(tissue="skin")
    with pytest.raises(ValueError, match="duration_min must be a number in min between 5.0 and 20.0"):
        widgets.exercise_response(duration_min=45)
    with pytest.raises(ValueError, match="pulse_amplitude must be a number"):
        widgets.gh_axis_loop(pulse_amplitude=10)
