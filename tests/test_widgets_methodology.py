"""Unit 06 widgets, driven like a learner: set each control's value, read the figure and the summary."""
import numpy as np
import pytest

from course_lib import widgets
from course_lib.models import appraisal, assays, confounding
from course_lib.figures import methodology as fm


def trace(fig, name, traces):
    return fig.data[traces.index(name)]


# -- assay explorer ----------------------------------------------------------------------
def test_assay_explorer_starts_from_the_table_defaults_and_matches_the_library():
    w = widgets.assay_explorer()
    cfg = assays.settings()
    assert w.controls["bias_b_pct"].value == cfg["bias_b_pct"][0]
    assert (w.controls["bias_b_pct"].min, w.controls["bias_b_pct"].max) == cfg["bias_b_pct"][1:]
    assert (w.controls["cv_b_pct"].min, w.controls["cv_b_pct"].max) == cfg["cv_b_pct"][1:]
    assert (w.controls["n"].min, w.controls["n"].max) == tuple(int(v) for v in cfg["n"][1:])
    study = assays.inter_assay_study(w.controls["n"].value, rng=np.random.default_rng(w.controls["seed"].value))
    assert w.study.bland_altman.bias == pytest.approx(study.bland_altman.bias)
    bias_y = trace(w.figure, "bias", fm.BA_TRACES).y
    assert bias_y[0] == pytest.approx(study.bland_altman.bias, abs=0.05)
    assert repr(w).startswith("AssayExplorer(bias_b_pct=")


@pytest.mark.parametrize("control,value", [("bias_b_pct", -35.0), ("cv_b_pct", 20.0), ("n", 1000),
                                           ("read_b_against", "own"), ("scale", "percent"), ("seed", 7)])
def test_every_assay_control_changes_the_figure_and_the_summary(control, value):
    w = widgets.assay_explorer()
    before_summary = w.summary.value
    before = {name: (tuple(w.figure.data[i].x), tuple(w.figure.data[i].y)) for i, name in enumerate(fm.BA_TRACES)}
    before_title = w.figure.layout.title.text
    w.controls[control].value = value
    after = {name: (tuple(w.figure.data[i].x), tuple(w.figure.data[i].y)) for i, name in enumerate(fm.BA_TRACES)}
    assert w.summary.value != before_summary
    if control == "read_b_against":  # only the classification changes: the colouring of the points and the title
        assert after["same class"] != before["same class"] and after["bias"] == before["bias"]
        assert "own reference" in w.figure.layout.title.text and w.figure.layout.title.text != before_title
    else:
        assert after != before


def test_bias_slider_moves_the_bias_line_to_the_library_value():
    w = widgets.assay_explorer()
    w.controls["bias_b_pct"].value = -20.0
    expected = assays.inter_assay_study(w.controls["n"].value, rng=np.random.default_rng(w.controls["seed"].value),
                                        bias_b_pct=-20.0).bland_altman.bias
    assert trace(w.figure, "bias", fm.BA_TRACES).y[0] == pytest.approx(expected, abs=0.05)
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
    with pytest.raises(ValueError, match="seed must be a number"):
        widgets.assay_explorer(seed=-1)


# -- confounding explorer ----------------------------------------------------------------------
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
    crude = trace(w.figure, "crude", fm.CONFOUNDING_TRACES).y
    steep = crude[1] - crude[0]
    w.controls["age_strength"].value = 0.0
    crude = trace(w.figure, "crude", fm.CONFOUNDING_TRACES).y
    assert abs(crude[1] - crude[0]) < abs(steep) / 3
    fit = confounding.fit(confounding.simulate(2000, rng=np.random.default_rng(w.controls["seed"].value),
                                               age_strength=0.0, direct_effect=0.0))
    assert f"{fit.crude.estimate:+.2f} SD per 100 ng/mL" in w.summary.value


def test_confounding_explorer_colours_points_by_age_and_rejects_bad_values():
    w = widgets.confounding_explorer()
    ages = np.asarray(w.figure.data[0].marker.color)
    np.testing.assert_allclose(ages, np.round(w.people["age_y"], 1))
    assert (w.controls["age_strength"].min, w.controls["age_strength"].max) == confounding.settings()["age_strength"][1:]
    with pytest.raises(ValueError, match="age_strength must be a number in SD per decade"):
        widgets.confounding_explorer(age_strength=2)


# -- appraisal checklist -------------------------------------------------------------------------
def test_checklist_feedback_on_check_then_live():
    w = widgets.appraisal_checklist("fictional-clinic-audit")
    assert w.figure is None
    assert "Tick the flaws" in w.summary.value
    w.controls["assay_mismatch"].value = True
    assert "1 item ticked" in w.summary.value and "Missed" not in w.summary.value  # no verdict before Check
    w.controls["check"].click()
    assert "Found 1 of 2 flaws" in w.summary.value and "Missed" in w.summary.value
    w.controls["single_measurement"].value = True  # live after the first Check
    assert "All flaws found" in w.summary.value
    w.controls["animal_to_human"].value = True
    assert "1 false alarm" in w.summary.value and "Not a main flaw here" in w.summary.value


def test_changing_case_resets_ticks_and_shows_the_new_summary():
    w = widgets.appraisal_checklist()
    w.controls["confounding"].value = True
    w.controls["check"].click()
    new = appraisal.cases()[3]
    w.controls["case"].value = new.id
    assert not any(w.controls[k].value for k in appraisal.checklist())
    assert new.title in w.case_text.value.replace("&#x27;", "'")
    assert "Tick the flaws" in w.summary.value


@pytest.mark.parametrize("c", appraisal.cases(), ids=lambda c: c.id)
def test_each_case_can_be_solved_in_the_widget(c):
    w = widgets.appraisal_checklist(c.id)
    for k in c.flaws:
        w.controls[k].value = True
    w.controls["check"].click()
    assert "All flaws found, no false alarms" in w.summary.value


def test_checklist_static_fallback_and_bad_case():
    w = widgets.appraisal_checklist()
    bundle = w._repr_mimebundle_()
    assert bundle["text/plain"].startswith("AppraisalChecklist(") and "<details>" in bundle["text/html"]
    with pytest.raises(ValueError, match="case_id must be one of"):
        widgets.appraisal_checklist("fictional-unknown")
