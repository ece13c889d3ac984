"""Assay explorer (widgets.assays), driven like a learner: set each control's value, read the figure and the summary."""

import numpy as np
import pytest

from course_lib import widgets
from course_lib.figures import assays as fig_assays
from course_lib.models import assays


def trace(fig, name, traces):
    return fig.data[traces.index(name)]


def test_assay_explorer_starts_from_the_table_defaults_and_matches_the_library():
    w = widgets.assay_explorer()
    cfg = assays.settings()
    assert w.controls["bias_b_pct"].value == cfg["bias_b_pct"][0]
    assert (w.controls["bias_b_pct"].min, w.controls["bias_b_pct"].max) == cfg["bias_b_pct"][1:]
    assert (w.controls["cv_b_pct"].min, w.controls["cv_b_pct"].max) == cfg["cv_b_pct"][1:]
    assert (w.controls["n"].min, w.controls["n"].max) == tuple(int(v) for v in cfg["n"][1:])
    study = assays.inter_assay_study(w.controls["n"].value, rng=np.random.default_rng(w.controls["seed"].value))
    assert w.study.bland_altman.bias == pytest.approx(study.bland_altman.bias)
    bias_y = trace(w.figure, "bias", fig_assays.BA_TRACES).y
    assert bias_y[0] == pytest.approx(study.bland_altman.bias, abs=0.05)
    assert repr(w).startswith("AssayExplorer(bias_b_pct=")


@pytest.mark.parametrize(
    "control,value",
    [
        ("bias_b_pct", -35.0),
        ("cv_b_pct", 20.0),
        ("n", 1000),
        ("read_b_against", "own"),
        ("scale", "percent"),
        ("seed", 7),
    ],
)
def test_every_assay_control_changes_the_figure_and_the_summary(control, value):
    w = widgets.assay_explorer()
    before_summary = w.summary.value
    before = {
        name: (tuple(w.figure.data[i].x), tuple(w.figure.data[i].y)) for i, name in enumerate(fig_assays.BA_TRACES)
    }
    before_title = w.figure.layout.title.text
    w.controls[control].value = value
    after = {
        name: (tuple(w.figure.data[i].x), tuple(w.figure.data[i].y)) for i, name in enumerate(fig_assays.BA_TRACES)
    }
    assert w.summary.value != before_summary
    if control == "read_b_against":  # only the classification changes: the colouring of the points and the title
        assert after["same class"] != before["same class"] and after["bias"] == before["bias"]
        assert "own reference" in w.figure.layout.title.text and w.figure.layout.title.text != before_title
    else:
        assert after != before


def test_bias_slider_moves_the_bias_line_to_the_library_value():
    w = widgets.assay_explorer()
    w.controls["bias_b_pct"].value = -20.0
    expected = assays.inter_assay_study(
        w.controls["n"].value, rng=np.random.default_rng(w.controls["seed"].value), bias_b_pct=-20.0
    ).bland_altman.bias
    assert trace(w.figure, "bias", fig_assays.BA_TRACES).y[0] == pytest.approx(expected, abs=0.05)
    assert f"bias {expected:+.1f} ng/mL" in w.summary.value


def test_own_reference_with_no_imprecision_agrees_perfectly_in_the_widget():
    w = widgets.assay_explorer(bias_b_pct=30, cv_b_pct=0)
    w.controls["read_b_against"].value = "own"
    # assay A still has its own imprecision, so agreement is high but not necessarily perfect; the kappa must rise
    kappa_own = w.study.agreement.kappa
    w.controls["read_b_against"].value = "A"
    assert kappa_own > w.study.agreement.kappa


def test_percent_scale_relabels_the_axis():
    w = widgets.assay_explorer()
    w.controls["scale"].value = "percent"
    assert "% of the pair's mean" in w.figure.layout.yaxis.title.text
    assert "% of the mean" in w.summary.value


def test_assay_explorer_rejects_bad_start_values():
    with pytest.raises(ValueError, match="bias_b_pct must be a number in percent between -50.0 and 50.0"):
        widgets.assay_explorer(bias_b_pct=90)
    with pytest.raises(ValueError, match="read_b_against must be one of"):
        widgets.assay_explorer(read_b_against="B")
    with pytest.raises(ValueError, match="seed must be a whole number between 0 and 10000"):
        widgets.assay_explorer(seed=-1)
