"""Drive the lifespan explorer as a learner would: set each control, check figure and summary."""

import numpy as np
import pytest

from course_lib.figures import lifestyle as fig_lifestyle
from course_lib.figures import reference_ranges as fig_ranges
from course_lib.models import lifestyle, reference_ranges
from course_lib.widgets import lifespan_explorer

IDX = {name: i for i, name in enumerate(fig_lifestyle.TRACES)}


@pytest.fixture
def explorer():
    return lifespan_explorer(age_y=40, sex="female", protein_g_per_kg_day=1.2, training="untrained")


def ys(e, name):
    return np.asarray(e.figure.data[IDX[name]].y, dtype=float)


def test_controls_are_exposed(explorer):
    assert set(explorer.controls) >= {"age_y", "sex", "protein_g_per_kg_day", "training", "reference"}
    assert "reference median 130 ng/mL" in explorer.summary.value


def test_age_moves_marker_and_summary(explorer):
    before = explorer.summary.value
    explorer.controls["age_y"].value = 70
    marker = explorer.figure.data[IDX["chosen age"]]
    assert list(marker.x) == [70]
    assert marker.y[0] == pytest.approx(reference_ranges.percentile(70, sex="female", p=50), abs=0.05)
    assert explorer.summary.value != before and "70 y" in explorer.summary.value


def test_protein_moves_curve_not_bands(explorer):
    median_before, curve_before = ys(explorer, "median"), ys(explorer, "illustrative")
    explorer.controls["protein_g_per_kg_day"].value = 0.95
    np.testing.assert_array_equal(ys(explorer, "median"), median_before)
    ratio = ys(explorer, "illustrative")[1:] / curve_before[1:]
    assert np.allclose(ratio, lifestyle.protein_factor(0.95), atol=0.01)
    assert "0.95 g/kg/day" in explorer.summary.value


def test_training_raises_curve(explorer):
    before = ys(explorer, "illustrative")
    explorer.controls["training"].value = "trained"
    assert np.all(ys(explorer, "illustrative")[1:] > before[1:])
    assert "'trained'" in explorer.summary.value


def test_sex_changes_bands(explorer):
    before = ys(explorer, "median")
    explorer.controls["sex"].value = "male"
    after = ys(explorer, "median")
    assert after[fig_ranges.age_grid("isys2014") == 15.0][0] == pytest.approx(318.8, abs=0.05)
    assert not np.array_equal(before, after) and explorer.summary.value.startswith("Male")


def test_reference_changes_bands_and_slider_range(explorer):
    explorer.controls["age_y"].value = 90
    explorer.controls["reference"].value = "japan2012"
    slider = explorer.controls["age_y"]
    assert (slider.min, slider.max) == reference_ranges.age_range("japan2012")
    assert slider.value == 77  # clamped into the new reference's range, not extrapolated
    assert max(explorer.figure.data[IDX["median"]].x) == 77
    assert "(japan2012)" in explorer.summary.value and "77 y" in explorer.summary.value
    explorer.controls["reference"].value = "isys2014"
    assert slider.max == 94


def test_measured_value_field(explorer):
    explorer.controls["measured_ng_per_mL"].value = "218"
    assert list(explorer.figure.data[IDX["measured"]].y) == [218.0]
    assert "SDS +1.9" in explorer.summary.value and "not a clinical interpretation" in explorer.summary.value
    explorer.controls["measured_ng_per_mL"].value = "lots"
    assert "not a usable value" in explorer.summary.value
    assert len(explorer.figure.data[IDX["measured"]].y) == 0
    explorer.controls["measured_ng_per_mL"].value = ""
    assert "Your value" not in explorer.summary.value


def test_controls_cannot_leave_the_model_domain(explorer):
    c = explorer.controls
    p_lo, p_hi = lifestyle.protein_range()
    assert (c["protein_g_per_kg_day"].min, c["protein_g_per_kg_day"].max) == (p_lo, p_hi)
    c["protein_g_per_kg_day"].value = 99  # ipywidgets clamps to max
    assert c["protein_g_per_kg_day"].value == p_hi
    assert set(c["training"].options) == set(lifestyle.TRAINING_STATUSES)
    assert set(c["sex"].options) == set(reference_ranges.SEXES)


def test_builder_rejects_bad_start_values():
    with pytest.raises(ValueError, match="age_y"):
        lifespan_explorer(age_y=80, reference="japan2012")
    with pytest.raises(ValueError, match="training must be one of"):
        lifespan_explorer(training="elite")
    with pytest.raises(TypeError, match="protein_g_per_kg_day"):
        lifespan_explorer(protein_g_per_kg_day="lots")


def test_repr_is_short(explorer):
    assert len(repr(explorer)) < 200
