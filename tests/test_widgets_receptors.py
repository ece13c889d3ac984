"""Occupancy explorer (widgets.receptors), driven like a learner: every control moves the bars and the summary."""

import numpy as np
import pytest

from course_lib import data, widgets
from course_lib.models import receptors
from course_lib.widgets.receptors import UNPHYSIOLOGICAL_PRESET, OccupancyExplorer

LO = data.parameter("receptor_parameters", "slider_min_nM")
HI = data.parameter("receptor_parameters", "slider_max_nM")


@pytest.fixture
def occ():
    return widgets.occupancy_explorer()


def test_builder_is_exported_and_returns_the_widget(occ):
    assert isinstance(occ, OccupancyExplorer)
    assert repr(occ).startswith("OccupancyExplorer(")
    assert set(occ.controls) == {"igf1_nM", "insulin_nM", "preset"}


def test_slider_ranges_come_from_the_data_tables(occ):
    for slider in (occ.controls["igf1_nM"], occ.controls["insulin_nM"]):
        assert 10**slider.min == pytest.approx(LO) and 10**slider.max == pytest.approx(HI)


def test_occupancy_defaults_are_the_cited_fasting_values(occ):
    p = data.parameters("receptor_parameters")
    assert occ.controls["igf1_nM"].value == pytest.approx(p.loc["free_igf1_nM", "value"])
    assert occ.controls["insulin_nM"].value == pytest.approx(p.loc["insulin_fasting_upper_nM", "value"])


def _bars_match_model(w):
    expected = receptors.occupancy(igf1_nM=w.controls["igf1_nM"].value, insulin_nM=w.controls["insulin_nM"].value)
    np.testing.assert_allclose(w.figure.data[0].y, expected["igf1"])
    np.testing.assert_allclose(w.figure.data[1].y, expected["insulin"])


def test_igf1_slider_moves_the_bars_and_summary(occ):
    before_y, before_s = np.array(occ.figure.data[0].y), occ.summary.value
    occ.controls["igf1_nM"].value = 50.0
    assert not np.allclose(occ.figure.data[0].y, before_y)
    assert occ.summary.value != before_s and "50 nM" in occ.summary.value
    _bars_match_model(occ)
    assert "substantial" in occ.summary.value


def test_insulin_slider_moves_the_bars_and_summary(occ):
    before_y, before_s = np.array(occ.figure.data[1].y), occ.summary.value
    occ.controls["insulin_nM"].value = 5.0
    assert not np.allclose(occ.figure.data[1].y, before_y)
    assert occ.summary.value != before_s and "5,000 pmol/L" in occ.summary.value
    _bars_match_model(occ)


def test_preset_sets_sliders_and_moving_a_slider_returns_to_custom(occ):
    p = data.parameters("receptor_parameters")
    label = UNPHYSIOLOGICAL_PRESET
    assert "unphysiological" in label  # the 72 nM preset says what it is
    occ.controls["preset"].value = label
    assert occ.controls["igf1_nM"].value == pytest.approx(p.loc["total_igf1_nM", "high"], rel=0.01)
    assert occ.controls["preset"].value == label
    _bars_match_model(occ)
    assert "unphysiological" in occ.summary.value and "over 85 times" in occ.summary.value  # 72.4 / 0.845
    occ.controls["preset"].value = "30 min after a glucose load"
    assert occ.controls["insulin_nM"].value == pytest.approx(p.loc["insulin_post_glucose_nM", "value"], rel=0.01)
    assert "small" in occ.summary.value
    occ.controls["insulin_nM"].value = 0.01
    assert occ.controls["preset"].value == "custom"
    _bars_match_model(occ)


def test_occupancy_builder_rejects_out_of_range_values():
    with pytest.raises(ValueError, match="igf1_nM"):
        widgets.occupancy_explorer(igf1_nM=0.0)
    with pytest.raises(ValueError, match="insulin_nM"):
        widgets.occupancy_explorer(insulin_nM=HI * 10)


def test_infusion_preset_is_frystyk_1999_and_cross_binding_stays_small(occ):
    # Frystyk 1999: free IGF-1 6.46 ug/L at the end of the higher infusion = 6.46 / 7.649 = 0.845 nM.
    occ.controls["preset"].value = "highest free IGF-1 measured during an infusion (Frystyk 1999)"
    assert occ.controls["igf1_nM"].value == pytest.approx(6.46 / 7.649, rel=0.01)
    _bars_match_model(occ)
    assert "small" in occ.summary.value and "unphysiological" not in occ.summary.value


def test_bars_cover_all_four_receptor_types(occ):
    assert list(occ.figure.data[0].x) == ["IGF-1R", "IR-A", "IR-B", "hybrid"]
