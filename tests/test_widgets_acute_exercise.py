"""Exercise-response widget (widgets.acute_exercise), driven like a learner: set each control, check the figure and summary."""

import numpy as np
import pytest

from course_lib import widgets


def _ys(fig, i):
    return np.asarray(fig.data[i].y, dtype=float)


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
    assert "no detectable change" in w.summary.value and "±6.1%" in w.summary.value
    assert w.controls["intensity"].disabled
    assert w.figure.data[2].line.width > w.figure.data[0].line.width
    assert np.allclose(_ys(w.figure, 2), 0.0)
    assert "Illustrative" in w.note.value and "West et al. 2010" in w.note.value
    assert "plasma volume" in w.note.value and "McCall" in w.note.value
    assert repr(w) == "ExerciseResponse(modality='resistance', intensity='low', duration_min=20)"


def test_exercise_widget_slider_range_is_the_model_domain():
    from course_lib.models import acute_exercise

    s = widgets.exercise_response().controls["duration_min"]
    assert (s.min, s.max) == acute_exercise.duration_range()


def test_builder_rejects_bad_input():
    with pytest.raises(ValueError, match="duration_min must be a number in min between 5.0 and 20.0"):
        widgets.exercise_response(duration_min=45)


def test_exercise_figure_draws_the_detection_band_and_cappons_recovery_anchor():
    from course_lib.figures import acute_exercise as fig_exercise

    fig = fig_exercise.exercise_figure()
    band = [s for s in fig.layout.shapes if s.yref == "y"]
    assert len(band) == 1 and band[0].y0 == pytest.approx(-6.1) and band[0].y1 == pytest.approx(6.1)
    recovery = fig.data[4]
    assert list(recovery.x) == [30.0] and list(recovery.y) == [pytest.approx(6.1)]
    t, x = np.asarray(fig.data[0].x, dtype=float), np.asarray(fig.data[0].y, dtype=float)
    assert np.interp(30.0, t, x) > 6.1  # the high-intensity curve passes above Cappon's anchor
