"""Drive the lifespan explorer as a learner would: set each control, check figure and summary."""

from pathlib import Path

import nbformat
import numpy as np
import pytest

from course_lib.figures import lifestyle as fig_lifestyle
from course_lib.figures import reference_ranges as fig_ranges
from course_lib.models import lifestyle, reference_ranges
from course_lib.widgets import lifespan_explorer
from course_lib.widgets.lifestyle import LifespanExplorer

ROOT = Path(__file__).resolve().parent.parent
IDX = {name: i for i, name in enumerate(fig_lifestyle.TRACES)}


@pytest.fixture
def explorer():
    return lifespan_explorer(age_y=40, sex="female", protein_g_per_kg_day=1.2, training="untrained")


def ys(e, name):
    return np.asarray(e.figure.data[IDX[name]].y, dtype=float)


def lifestyle_controls(e):
    return [e.controls["protein_g_per_kg_day"], e.controls["training"]]


def test_controls_are_exposed(explorer):
    assert set(explorer.controls) >= {"age_y", "sex", "protein_g_per_kg_day", "training", "reference"}
    assert "reference median 130 ng/mL" in explorer.summary.value


@pytest.mark.parametrize("age,adult", [(5, False), (19, False), (20, True), (80, True)])
def test_lifestyle_controls_only_for_adults(age, adult):
    # Built at that age, and reached by moving the slider from 40 y: the same state either way.
    for e in (lifespan_explorer(age_y=age), lifespan_explorer(age_y=40)):
        e.controls["age_y"].value = age
        assert [c.disabled for c in lifestyle_controls(e)] == [not adult, not adult]
        if adult:
            assert e.adult_note.value == "" and "Illustrative band" in e.summary.value
            marker = e.figure.data[IDX["chosen age"]]
            assert list(marker.x) == [age, age]  # the band's two ends at the chosen age
        else:
            assert "off below 20 years" in e.adult_note.value and "adults" in e.adult_note.value
            assert e.adult_note in e.children  # the reason is shown in the widget itself
            assert "No lifestyle band below 20 years" in e.summary.value and "Illustrative band" not in e.summary.value
            marker = e.figure.data[IDX["chosen age"]]
            assert list(marker.y) == [pytest.approx(reference_ranges.percentile(age, sex="female", p=50), abs=0.05)]


def test_band_is_drawn_for_adults_only(explorer):
    for name in ("band low", "band high"):
        assert min(explorer.figure.data[IDX[name]].x) == 20.0
    explorer.controls["age_y"].value = 5
    assert min(explorer.figure.data[IDX["band high"]].x) == 20.0


def test_age_moves_marker_and_summary(explorer):
    before = explorer.summary.value
    explorer.controls["age_y"].value = 70
    marker = explorer.figure.data[IDX["chosen age"]]
    assert list(marker.x) == [70, 70]
    assert marker.y[0] == pytest.approx(reference_ranges.percentile(70, sex="female", p=50), abs=0.05)
    assert explorer.summary.value != before and "70 y" in explorer.summary.value


def test_protein_widens_the_band_not_the_reference(explorer):
    median_before = ys(explorer, "median")
    np.testing.assert_allclose(ys(explorer, "band low"), ys(explorer, "band high"))  # zero width at 1.2
    explorer.controls["protein_g_per_kg_day"].value = 1.5
    np.testing.assert_array_equal(ys(explorer, "median"), median_before)
    adult_median = median_before[fig_ranges.age_grid("isys2014") >= 20]
    # EPIC edge +2.5% and trial edge 18.67% x 0.3 = +5.6%, by hand
    np.testing.assert_allclose(ys(explorer, "band low") / adult_median, 1.025, atol=0.002)
    np.testing.assert_allclose(ys(explorer, "band high") / adult_median, 1 + 8 / (30 / 70) * 0.3 / 100, atol=0.002)
    assert "1.50 g/kg/day" in explorer.summary.value


def test_protein_slider_bounds(explorer):
    slider = explorer.controls["protein_g_per_kg_day"]
    assert (slider.min, slider.max) == (0.8, 1.7) == lifestyle.protein_range()
    slider.value = 3.0  # ipywidgets clamps to max
    assert slider.value == 1.7
    slider.value = 0.3
    assert slider.value == 0.8


def test_training_cannot_produce_a_one_way_increase(explorer):
    for protein in (0.8, 1.2, 1.7):
        explorer.controls["training"].value = "untrained"
        explorer.controls["protein_g_per_kg_day"].value = protein
        low, high = ys(explorer, "band low"), ys(explorer, "band high")
        explorer.controls["training"].value = "trained"
        assert np.all(ys(explorer, "band low") < low) and np.all(ys(explorer, "band high") > high)
        assert "training evidence range" in explorer.summary.value
    assert set(explorer.controls["training"].options) == {
        ("untrained", "untrained"),
        ("trained: evidence range", "trained"),
    }


def test_not_a_target_text_is_beside_the_explorer(explorer):
    note = explorer.note.value
    assert explorer.note in explorer.children
    for phrase in ("not a target", "raising IGF-1", "cancer", "older ages", "Zhang"):
        assert phrase in note, phrase
    assert "88 to 94" in note  # E4: the table's last parameters are held constant


def test_notebooks_state_not_a_target_beside_the_explorer():
    # In units 05 and 07 and in the app, the markdown cell just before the explorer cell says the band is not a target.
    for path in (
        "notebooks/05_lifespan_trajectory.ipynb",
        "notebooks/07_capstone.ipynb",
        "app/lifespan_explorer.ipynb",
    ):
        cells = nbformat.read(ROOT / path, as_version=4).cells
        i = next(i for i, c in enumerate(cells) if c.cell_type == "code" and "lifespan_explorer(" in c.source)
        before = "\n".join(c.source for c in cells[max(0, i - 2) : i] if c.cell_type == "markdown")
        assert "not a target" in before and "cancer" in before, path


def test_app_notebook_still_builds_the_explorer():
    nb = nbformat.read(ROOT / "app" / "lifespan_explorer.ipynb", as_version=4)
    (code,) = [c.source for c in nb.cells if c.cell_type == "code"]
    *setup, last = code.strip().splitlines()
    namespace: dict = {}
    exec("\n".join(setup), namespace)
    built = eval(last, namespace)
    assert isinstance(built, LifespanExplorer) and "Illustrative band" in built.summary.value


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
    assert max(explorer.figure.data[IDX["band high"]].x) == 77
    assert "(japan2012)" in explorer.summary.value and "77 y" in explorer.summary.value
    assert "Isojima 2012 IRMA" in explorer.example_note.value
    explorer.controls["reference"].value = "isys2014"
    assert slider.max == 94 and "IDS-iSYS" in explorer.example_note.value


def test_example_value_field(explorer):
    field = explorer.controls["measured_ng_per_mL"]
    assert field.description == "Example value (ng/mL)"
    assert "same assay (IDS-iSYS here)" in explorer.example_note.value
    assert "not for interpreting anyone's own result" in explorer.example_note.value
    field.value = "218"
    assert list(explorer.figure.data[IDX["example value"]].y) == [218.0]
    assert "Example value 218 ng/mL: SDS +1.9" in explorer.summary.value
    assert "same assay (IDS-iSYS here)" in explorer.summary.value
    assert "Your value" not in explorer.summary.value and "My value" not in explorer.summary.value
    field.value = "lots"
    assert "not a usable value" in explorer.summary.value
    assert len(explorer.figure.data[IDX["example value"]].y) == 0
    field.value = ""
    assert "Example value" not in explorer.summary.value


def test_controls_cannot_leave_the_model_domain(explorer):
    c = explorer.controls
    assert {v for _, v in c["training"].options} == set(lifestyle.TRAINING_STATUSES)
    assert set(c["sex"].options) == set(reference_ranges.SEXES)


def test_builder_rejects_bad_start_values():
    with pytest.raises(ValueError, match="age_y"):
        lifespan_explorer(age_y=80, reference="japan2012")
    with pytest.raises(ValueError, match="training must be one of"):
        lifespan_explorer(training="recreational")
    with pytest.raises(TypeError, match="protein_g_per_kg_day"):
        lifespan_explorer(protein_g_per_kg_day="lots")
    with pytest.raises(ValueError, match="between 0.8 and 1.7"):
        lifespan_explorer(protein_g_per_kg_day=3.0)


def test_repr_is_short(explorer):
    assert len(repr(explorer)) < 200
