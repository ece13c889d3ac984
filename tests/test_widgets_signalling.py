"""Pathway explorer (widgets.signalling), driven like a learner: every control moves the figure and the summary."""

import math

import numpy as np
import pytest

from course_lib import data, widgets
from course_lib.models import signalling
from course_lib.widgets.signalling import PathwayExplorer

LO = data.parameter("receptor_parameters", "slider_min_nM")
HI = data.parameter("receptor_parameters", "slider_max_nM")


@pytest.fixture
def path():
    return widgets.pathway_explorer(1.0)


def test_builder_is_exported_and_returns_the_widget(path):
    assert isinstance(path, PathwayExplorer)
    assert repr(path).startswith("PathwayExplorer(")
    assert set(path.controls) == {"igf1_nM", "nutrients", "balance", "readout"}


def test_slider_ranges_come_from_the_data_tables(path):
    slider = path.controls["igf1_nM"]  # the occupancy explorer's concentration range
    assert 10**slider.min == pytest.approx(LO) and 10**slider.max == pytest.approx(HI)
    assert (path.controls["nutrients"].min, path.controls["nutrients"].max) == (0.0, 1.0)
    assert (path.controls["balance"].min, path.controls["balance"].max) == (0.0, 1.0)
    assert set(path.controls["readout"].options) == {(v, k) for k, v in signalling.READOUTS.items()}


def _time_course_matches_model(w):
    c = w.controls
    tc = signalling.simulate(
        c["igf1_nM"].value, nutrients=c["nutrients"].value, balance=c["balance"].value, duration_min=120, n_points=121
    )
    for i, key in enumerate(signalling.READOUTS):
        np.testing.assert_allclose(w.figure.data[i].y, tc[key], atol=1e-12)
    e = signalling.ec50(readout=c["readout"].value, nutrients=c["nutrients"].value, balance=c["balance"].value)
    if math.isfinite(e):
        assert w.figure.data[5].x == pytest.approx((e, e))
    else:
        assert len(w.figure.data[5].x) == 0


def test_dose_slider_changes_time_course_and_summary(path):
    before_y, before_s = np.array(path.figure.data[0].y), path.summary.value
    path.controls["igf1_nM"].value = 0.02
    assert not np.allclose(path.figure.data[0].y, before_y)
    assert path.summary.value != before_s and "Dose 0.02 nM" in path.summary.value
    assert path.figure.data[7].x == pytest.approx((0.02,))
    _time_course_matches_model(path)


def test_nutrient_slider_changes_mtorc1_and_autophagy(path):
    m_before = np.array(path.figure.data[2].y)
    path.controls["nutrients"].value = 0.0
    assert not np.allclose(path.figure.data[2].y, m_before)
    assert max(path.figure.data[2].y) == 0  # no amino acids, no mTORC1
    # Starved: mTORC1 stays off, so autophagy starts at 1 and falls only through Akt's exclusion of FOXO.
    tc = signalling.simulate(path.controls["igf1_nM"].value, nutrients=0.0, duration_min=120, n_points=121)
    at60 = tc.loc[tc["time_min"] == 60].iloc[0]
    assert f"nuclear FOXO {at60['foxo']:.2f}, autophagy {at60['autophagy']:.2f} (before IGF-1: 1.00)" in (
        path.summary.value
    )
    assert at60["autophagy"] < 1.0
    _time_course_matches_model(path)


def test_balance_slider_changes_branches_and_ec50(path):
    erk_before, ec50_before = np.array(path.figure.data[1].y), tuple(path.figure.data[5].x)
    path.controls["balance"].value = 0.9
    assert max(path.figure.data[1].y) < erk_before.max()
    assert tuple(path.figure.data[5].x) != ec50_before
    _time_course_matches_model(path)


def test_readout_dropdown_changes_dose_response_and_ec50(path):
    curve_before, summary_before = np.array(path.figure.data[4].y), path.summary.value
    path.controls["readout"].value = "erk"
    assert not np.allclose(path.figure.data[4].y, curve_before)
    expected = signalling.dose_response(signalling.dose_grid(), readout="erk")["fraction_of_max"]
    np.testing.assert_allclose(path.figure.data[4].y, expected)
    assert "EC50 of ERK" in path.summary.value and path.summary.value != summary_before
    _time_course_matches_model(path)


def test_no_response_means_no_ec50(path):
    # All output to PI3K/Akt (balance 1): ERK never moves, so it has no EC50. (Starved autophagy is no longer such
    # a case: with mTORC1 off it still falls through Akt's exclusion of FOXO.)
    path.controls["balance"].value = 1.0
    path.controls["readout"].value = "erk"
    assert len(path.figure.data[5].x) == 0
    assert "no EC50" in path.summary.value


def test_starved_autophagy_has_an_ec50_through_foxo(path):
    path.controls["nutrients"].value = 0.0
    path.controls["readout"].value = "autophagy"
    assert len(path.figure.data[5].x) == 2
    assert "EC50 of autophagy" in path.summary.value


def test_pathway_builder_rejects_bad_values():
    with pytest.raises(ValueError, match="igf1_nM"):
        widgets.pathway_explorer(igf1_nM=-1)
    with pytest.raises(ValueError, match="readout must be one of"):
        widgets.pathway_explorer(readout="S6")
