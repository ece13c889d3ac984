"""Receptor occupancy: analytic limits, published ratios, monotonicity, conservation and bad input."""

import math

import numpy as np
import pytest

from course_lib import data, units
from course_lib.models import receptors

KD = receptors.dissociation_constants()


def test_published_affinity_ratios_are_used():
    # JBC 2018;293(43):16818, Table 2: IR-A Kd insulin:IGF-1 = 1:88; IGF-1R Kd insulin:IGF-1 = 1217:1.
    assert KD.loc["IR-A", "IGF-1"] / KD.loc["IR-A", "insulin"] == pytest.approx(88)
    assert KD.loc["IGF-1R", "insulin"] / KD.loc["IGF-1R", "IGF-1"] == pytest.approx(1217)


def test_textbook_anchors_are_labelled_and_in_the_quoted_range():
    p = data.parameters("receptor_parameters")
    for name in ("kd_igf1r_igf1_nM", "kd_ira_insulin_nM"):
        assert p.loc[name, "evidence_level"] == "textbook"
        assert 0.1 <= p.loc[name, "value"] <= 1.0
    assert KD.loc["IGF-1R", "IGF-1"] == p.loc["kd_igf1r_igf1_nM", "value"]
    assert KD.loc["IR-A", "insulin"] == p.loc["kd_ira_insulin_nM", "value"]


def test_hybrids_bind_igf1_but_not_insulin_with_high_affinity():
    # Federici et al. 1997: hybrids bind IGF-I, but not insulin, with high affinity.
    assert KD.loc["hybrid", "IGF-1"] <= KD.loc["IGF-1R", "IGF-1"]
    assert KD.loc["hybrid", "insulin"] > 100 * KD.loc["IR-A", "insulin"]


@pytest.mark.parametrize("receptor,ligand", [(r, lig) for r in receptors.RECEPTORS for lig in receptors.LIGANDS])
def test_single_ligand_is_the_langmuir_curve(receptor, ligand):
    kd = KD.loc[receptor, ligand]
    conc = np.array([0.0, kd / 10, kd, 3 * kd, 100 * kd])
    expected = conc / (conc + kd)
    for c, e in zip(conc, expected):
        occ = receptors.occupancy(igf1_nM=c if ligand == "IGF-1" else 0.0, insulin_nM=c if ligand == "insulin" else 0.0)
        col = "igf1" if ligand == "IGF-1" else "insulin"
        assert occ.loc[receptor, col] == pytest.approx(e, rel=1e-12, abs=1e-15)
    # half-maximal exactly at Kd
    assert receptors.bound_fraction(kd, kd_nM=kd) == pytest.approx(0.5)


def test_bound_fraction_is_vectorised_and_scalar_in_scalar_out():
    assert isinstance(receptors.bound_fraction(1.0, kd_nM=2.0), float)
    out = receptors.bound_fraction([0.0, 1.0, 3.0], kd_nM=1.0)
    np.testing.assert_allclose(out, [0.0, 0.5, 0.75])


@pytest.mark.parametrize("conc_a,conc_b", [(1.0, 1.0), (0.3, 2.0), (5.0, 0.01)])
def test_equal_kd_gives_symmetric_competition(conc_a, conc_b):
    k = 0.7
    a = receptors.bound_fraction(conc_a, kd_nM=k, competitor_nM=conc_b, competitor_kd_nM=k)
    b = receptors.bound_fraction(conc_b, kd_nM=k, competitor_nM=conc_a, competitor_kd_nM=k)
    # analytic: theta_A = A / (K + A + B), and swapping the ligands swaps the shares
    assert a == pytest.approx(conc_a / (k + conc_a + conc_b))
    assert b == pytest.approx(conc_b / (k + conc_a + conc_b))
    if conc_a == conc_b:
        assert a == pytest.approx(b) == pytest.approx(conc_a / (k + 2 * conc_a))


def test_competitor_shifts_the_curve_like_a_higher_apparent_kd():
    # With competitor C (Kc), theta_A = A / (A + K (1 + C/Kc)): the Cheng-Prusoff shift.
    k, kc, c = 0.2, 1.0, 3.0
    apparent = k * (1 + c / kc)
    assert receptors.bound_fraction(apparent, kd_nM=k, competitor_nM=c, competitor_kd_nM=kc) == pytest.approx(0.5)


GRID = np.logspace(-3, 3, 13)


@pytest.mark.parametrize("insulin", [0.0, 0.174, 100.0])
def test_occupancy_rises_with_own_ligand_and_falls_with_competitor(insulin):
    igf1_occ = np.array([receptors.occupancy(igf1_nM=c, insulin_nM=insulin)["igf1"].to_numpy() for c in GRID])
    ins_occ = np.array([receptors.occupancy(igf1_nM=c, insulin_nM=insulin)["insulin"].to_numpy() for c in GRID])
    assert (np.diff(igf1_occ, axis=0) > 0).all()  # every receptor, more IGF-1 -> more bound IGF-1
    if insulin > 0:
        assert (np.diff(ins_occ, axis=0) < 0).all()  # ... and less bound insulin


def test_insulin_displaces_igf1():
    values = [receptors.occupancy(igf1_nM=1.0, insulin_nM=c)["igf1"].to_numpy() for c in GRID]
    assert (np.diff(np.array(values), axis=0) < 0).all()


def test_conservation_no_occupancy_above_one_or_below_zero():
    for igf1 in (0.0, 1e-3, 1.0, 1e3, 1e6):
        for ins in (0.0, 1e-3, 1.0, 1e3, 1e6):
            occ = receptors.occupancy(igf1_nM=igf1, insulin_nM=ins)
            assert (occ[["igf1", "insulin"]] >= 0).all().all()
            assert (occ["total"] <= 1).all()
            np.testing.assert_allclose(occ["total"], occ["igf1"] + occ["insulin"])
    empty = receptors.occupancy(igf1_nM=0.0, insulin_nM=0.0)
    assert (empty["total"] == 0).all()


def test_cross_activation_small_at_physiological_levels_large_at_high_levels():
    p = data.parameters("receptor_parameters")
    free = p.loc["free_igf1_nM", "value"]
    post_meal_insulin = p.loc["insulin_post_glucose_nM", "high"]
    physiological = receptors.occupancy(igf1_nM=free, insulin_nM=post_meal_insulin)
    assert physiological.loc["IR-A", "igf1"] < 0.05
    assert physiological.loc["IGF-1R", "insulin"] < 0.01
    high = receptors.occupancy(
        igf1_nM=p.loc["total_igf1_nM", "high"], insulin_nM=p.loc["insulin_fasting_upper_nM", "value"]
    )
    assert high.loc["IR-A", "igf1"] > 0.5


def test_concentration_ranges_match_their_sources():
    r = receptors.concentration_ranges().set_index("label")
    # Frystyk 1994: free IGF-1 950 ng/L (20-30 y) and 410 ng/L (>60 y); 1 ng/L = 0.001 ng/mL.
    assert r.loc["free IGF-1 (adults)", "high_nM"] == pytest.approx(units.ng_per_mL_to_nmol_per_L(0.950), abs=5e-4)
    assert r.loc["free IGF-1 (adults)", "low_nM"] == pytest.approx(units.ng_per_mL_to_nmol_per_L(0.410), abs=5e-4)
    # iSYS range 44-554 ng/mL
    assert r.loc["total IGF-1 (serum)", "low_nM"] == pytest.approx(units.ng_per_mL_to_nmol_per_L(44), abs=0.05)
    assert r.loc["total IGF-1 (serum)", "high_nM"] == pytest.approx(units.ng_per_mL_to_nmol_per_L(554), abs=0.05)
    # Insulin: 174 pmol/L fasting upper limit; 208-1597 pmol/L 30 min after glucose (1 nM = 1000 pmol/L)
    assert r.loc["fasting insulin", "high_nM"] == pytest.approx(0.174)
    assert (r.loc["insulin 30 min after glucose", ["low_nM", "high_nM"]].tolist()) == pytest.approx([0.208, 1.597])
    # free IGF-1 is about 0.38% of a typical total (Frystyk 1994: 0.38 +/- 0.02 %) - same order as the table's values
    assert (
        0.1
        < 100 * r.loc["free IGF-1 (adults)", "high_nM"] / data.parameter("receptor_parameters", "total_igf1_nM")
        < 1.0
    )


@pytest.mark.parametrize(
    "kw,exc,match",
    [
        (
            dict(igf1_nM=-1.0, insulin_nM=0.0),
            ValueError,
            r"igf1_nM must be a number in nM between 0 and 1000000.0; got -1",
        ),
        (dict(igf1_nM=math.nan, insulin_nM=0.0), ValueError, "igf1_nM.*NaN"),
        (dict(igf1_nM=1.0, insulin_nM=math.inf), ValueError, "insulin_nM.*infinity"),
        (dict(igf1_nM=1e308, insulin_nM=0.0), ValueError, "igf1_nM must be a number in nM between 0 and 1000000.0"),
        (dict(igf1_nM="0.1", insulin_nM=0.0), TypeError, "igf1_nM must be a number"),
        (dict(igf1_nM=0.1, insulin_nM=None), TypeError, "insulin_nM must be a number"),
        (dict(igf1_nM=[0.1, 0.2], insulin_nM=0.0), TypeError, "igf1_nM must be a number"),
    ],
)
def test_bad_input_to_occupancy(kw, exc, match):
    with pytest.raises(exc, match=match):
        receptors.occupancy(**kw)


def test_bad_input_to_bound_fraction():
    with pytest.raises(ValueError, match="kd_nM must be a number in nM between 1e-06 and 1000000.0"):
        receptors.bound_fraction(1.0, kd_nM=0.0)
    with pytest.raises(ValueError, match="ligand_nM"):
        receptors.bound_fraction([1.0, -2.0], kd_nM=1.0)
    with pytest.raises(ValueError, match="competitor_nM"):
        receptors.bound_fraction(1.0, kd_nM=1.0, competitor_nM=-0.5)
    with pytest.raises(TypeError):
        receptors.occupancy(0.1, 0.1)  # keyword-only


def test_bound_fraction_stays_finite_at_the_corners_of_its_domain():
    """The largest concentrations with the smallest Kd used to overflow L/Kd to inf and give inf/inf = NaN."""
    top, tight = receptors.MAX_CONC_nM, receptors.MIN_KD_nM
    theta = receptors.bound_fraction(top, kd_nM=tight, competitor_nM=top, competitor_kd_nM=tight)
    assert theta == pytest.approx(0.5)
    assert receptors.bound_fraction(top, kd_nM=tight) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="kd_nM must be a number in nM between 1e-06"):
        receptors.bound_fraction(1.0, kd_nM=1e-320)
