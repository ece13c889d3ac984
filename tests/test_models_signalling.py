"""The illustrative signalling ODE: analytic limits, published anchors, qualitative shape, bounds and bad input."""
import math

import numpy as np
import pytest

from course_lib import data
from course_lib.models import signalling

KD = signalling.default_parameters()["kd_nM"]


def at(df, minute, col):
    return float(df.loc[(df["time_min"] - minute).abs().idxmin(), col])


def test_output_shape_and_columns():
    df = signalling.simulate(1.0, duration_min=30, n_points=31)
    assert list(df.columns) == ["time_min", *signalling.SPECIES]
    assert len(df) == 31 and df["time_min"].iloc[0] == 0 and df["time_min"].iloc[-1] == 30
    assert set(signalling.READOUTS) <= set(signalling.SPECIES)


def test_every_rate_comes_from_the_parameter_table():
    table = data.parameters("signalling_parameters")
    p = signalling.default_parameters()
    for key, value in p.items():
        if key == "kd_nM":
            assert value == data.parameter("receptor_parameters", "kd_igf1r_igf1_nM")
        else:
            assert value == table.loc[key, "value"]


@pytest.mark.parametrize("dose", [0.0, 0.01, 0.2, 5.0, 1000.0])
@pytest.mark.parametrize("nutrients,balance", [(1.0, 0.5), (0.0, 0.5), (0.5, 0.0), (1.0, 1.0), (0.2, 0.8)])
def test_species_stay_between_zero_and_one(dose, nutrients, balance):
    df = signalling.simulate(dose, nutrients=nutrients, balance=balance, n_points=61)
    values = df[list(signalling.SPECIES)].to_numpy()
    assert values.min() >= 0 and values.max() <= 1
    assert np.isfinite(values).all()


def test_without_igf1_nothing_moves():
    df = signalling.simulate(0.0, n_points=41)
    for sp in ("receptor", "irs_pi3k", "akt", "shc_ras", "erk", "erk_feedback"):
        assert df[sp].abs().max() < 1e-9
    # mTORC1 sits at its nutrient-only steady state: k_on N m0 / (k_on N m0 + k_off)
    p = signalling.default_parameters()
    drive = p["k_mtorc1_on_per_min"] * 1.0 * p["mtorc1_nutrient_basal"]
    m0 = drive / (drive + p["k_mtorc1_off_per_min"])
    np.testing.assert_allclose(df["mtorc1_s6k"], m0, atol=1e-6)
    np.testing.assert_allclose(df["autophagy"], 1 - m0, atol=1e-6)


@pytest.mark.parametrize("dose", [0.05, 0.2, 2.0, 50.0])
def test_receptor_activation_follows_occupancy_exactly(dose):
    df = signalling.simulate(dose, duration_min=10, n_points=101)
    theta = dose / (dose + KD)
    k = signalling.default_parameters()["k_receptor_per_min"]
    np.testing.assert_allclose(df["receptor"], theta * (1 - np.exp(-k * df["time_min"])), rtol=1e-9, atol=1e-12)


def test_receptor_phosphorylation_is_maximal_within_one_minute():
    # Hers 2007 (platelets): "maximal phosphorylation reached within 1 minute".
    df = signalling.simulate(100.0, duration_min=5, n_points=51)
    assert at(df, 1.0, "receptor") >= 0.9 * df["receptor"].max()


def test_half_maximal_receptor_activation_sits_at_the_kd():
    # Rubin et al. 1983: ED50 of IGF-I-stimulated phosphorylation ~ Kd of IGF-I binding.
    assert signalling.ec50(readout="receptor") == pytest.approx(KD, rel=0.02)


@pytest.mark.parametrize("readout", ["akt", "erk", "mtorc1_s6k", "autophagy"])
def test_downstream_ec50_is_near_the_kd(readout):
    # Downstream steps saturate, so their EC50 may sit below the Kd, but within a tenfold step of it.
    e = signalling.ec50(readout=readout)
    assert KD / 10 < e <= KD * 1.05


def test_akt_peaks_within_5_to_15_min_and_stays_up():
    df = signalling.simulate(100.0, n_points=241)
    t_peak, v_peak = signalling.peak(df, "akt")
    assert 5 <= t_peak <= 15
    assert at(df, 60, "akt") > 0.7 * v_peak  # sustained


def test_erk_peaks_within_5_to_10_min_then_adapts():
    df = signalling.simulate(100.0, n_points=241)
    t_peak, v_peak = signalling.peak(df, "erk")
    assert 5 <= t_peak <= 10
    assert at(df, 60, "erk") < 0.5 * v_peak


def test_erk_does_not_adapt_without_its_feedback():
    df = signalling.simulate(100.0, n_points=121, parameters={"erk_feedback_strength": 0.0})
    _, v_peak = signalling.peak(df, "erk")
    assert at(df, 60, "erk") > 0.95 * v_peak


def test_s6k_feedback_lowers_akt():
    # Um et al. 2004: without S6K1 the feedback on IRS-1 is lost and insulin signalling is stronger.
    with_fb = signalling.simulate(10.0, n_points=61)
    without = signalling.simulate(10.0, n_points=61, parameters={"s6k_feedback_strength": 0.0})
    assert at(without, 60, "akt") > at(with_fb, 60, "akt")
    assert at(without, 60, "irs_pi3k") > at(with_fb, 60, "irs_pi3k")


def test_mtorc1_needs_amino_acids():
    starved = signalling.simulate(100.0, nutrients=0.0, n_points=61)
    assert starved["mtorc1_s6k"].max() < 1e-9
    np.testing.assert_allclose(starved["autophagy"], 1.0, atol=1e-9)
    levels = [at(signalling.simulate(100.0, nutrients=n, n_points=61), 60, "mtorc1_s6k") for n in (0.25, 0.5, 1.0)]
    assert levels[0] < levels[1] < levels[2]


def test_igf1_suppresses_autophagy_when_fed_and_more_with_more_igf1():
    base = signalling.simulate(0.0, n_points=61)
    vals = [at(signalling.simulate(d, n_points=61), 120, "autophagy") for d in (0.02, 0.2, 2.0, 20.0)]
    assert all(v < at(base, 120, "autophagy") for v in vals)
    assert all(b <= a for a, b in zip(vals, vals[1:]))


@pytest.mark.parametrize("readout", ["receptor", "akt", "erk", "mtorc1_s6k", "autophagy"])
def test_dose_response_is_monotone_and_normalised(readout):
    dr = signalling.dose_response(signalling.dose_grid(), readout=readout)
    f = dr["fraction_of_max"].to_numpy()
    assert (np.diff(f) >= -1e-6).all()
    assert f.min() >= 0 and f.max() <= 1 + 1e-6
    assert f[0] < 0.1 and f[-1] > 0.99


def test_balance_routes_output_between_the_branches():
    all_pi3k = signalling.simulate(10.0, balance=1.0, n_points=61)
    all_ras = signalling.simulate(10.0, balance=0.0, n_points=61)
    assert all_pi3k["erk"].max() == 0 and all_pi3k["akt"].max() > 0
    assert all_ras["akt"].max() == 0 and all_ras["erk"].max() > 0
    assert math.isnan(signalling.ec50(readout="erk", balance=1.0))
    assert signalling.dose_response([1.0], readout="erk", balance=1.0)["fraction_of_max"].isna().all()


def test_solver_failure_is_reported_readably(monkeypatch):
    class Failed:
        success = False
        message = "step size became too small"

    monkeypatch.setattr(signalling, "solve_ivp", lambda *a, **k: Failed())
    with pytest.raises(RuntimeError, match="ODE solver did not finish .*step size"):
        signalling.simulate(1.0)


@pytest.mark.parametrize("kw,exc,match", [
    (dict(igf1_nM=-1.0), ValueError, "igf1_nM must be a number in nM between 0 and 1000"),
    (dict(igf1_nM=math.nan), ValueError, "igf1_nM.*NaN"),
    (dict(igf1_nM=1e4), ValueError, "igf1_nM.*got 10000"),
    (dict(igf1_nM="1"), TypeError, "igf1_nM must be a number"),
    (dict(igf1_nM=1.0, nutrients=1.5), ValueError, r"nutrients must be a number in fraction \(0 = starved, 1 = fed\) between 0 and 1"),
    (dict(igf1_nM=1.0, balance=-0.1), ValueError, "balance must be a number"),
    (dict(igf1_nM=1.0, duration_min=0), ValueError, "duration_min must be a number in minutes greater than 0"),
    (dict(igf1_nM=1.0, n_points=1), ValueError, "n_points"),
    (dict(igf1_nM=1.0, n_points=2.5), TypeError, "n_points must be a whole number"),
    (dict(igf1_nM=1.0, n_points=True), TypeError, "n_points must be a whole number"),
    (dict(igf1_nM=1.0, parameters={"k_nonsense": 1.0}), ValueError, "parameters key must be one of"),
    (dict(igf1_nM=1.0, parameters={"k_akt_on_per_min": -1.0}), ValueError, "k_akt_on_per_min must be a number"),
    (dict(igf1_nM=1.0, parameters=[("k_akt_on_per_min", 1.0)]), TypeError, "parameters must be a dict"),
])
def test_bad_input_to_simulate(kw, exc, match):
    with pytest.raises(exc, match=match):
        signalling.simulate(**kw)


def test_bad_input_to_dose_response_ec50_and_peak():
    with pytest.raises(ValueError, match="readout must be one of"):
        signalling.dose_response([1.0], readout="mtor")
    with pytest.raises(ValueError, match="readout must be one of"):
        signalling.ec50(readout="glucose")
    with pytest.raises(ValueError, match="igf1_nM"):
        signalling.dose_response([1.0, -1.0])
    with pytest.raises(ValueError, match="species must be one of"):
        signalling.peak(signalling.simulate(1.0, n_points=11), "S6")
