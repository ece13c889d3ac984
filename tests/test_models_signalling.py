"""The illustrative signalling ODE: analytic limits, published anchors, qualitative shape, bounds and bad input."""

import math

import numpy as np
import pytest
from scipy.integrate import solve_ivp
from scipy.optimize import brentq

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
    # mTORC1 sits where its documented equation dM/dt = k_on N (m0 + A) (1 - M) - k_off M is zero with A = 0,
    # found here with a root finder (not the closed form the model uses for its starting state).
    p = signalling.default_parameters()

    def dm_dt(m):
        return p["k_mtorc1_on_per_min"] * 1.0 * p["mtorc1_nutrient_basal"] * (1 - m) - p["k_mtorc1_off_per_min"] * m

    m0 = brentq(dm_dt, 0.0, 1.0, xtol=1e-14)
    np.testing.assert_allclose(df["mtorc1_s6k"], m0, atol=1e-6)
    # Autophagy sits at its documented target (1 - w)(1 - M) + w F with FOXO all nuclear (F = 1) and no Akt.
    w = p["foxo_autophagy_weight"]
    np.testing.assert_allclose(df["foxo"], 1.0, atol=1e-9)
    np.testing.assert_allclose(df["autophagy"], (1 - w) * (1 - m0) + w, atol=1e-6)


@pytest.mark.parametrize("dose", [0.05, 0.2, 2.0, 50.0])
def test_receptor_activation_follows_occupancy_exactly(dose):
    # The receptor ODE dR/dt = k_rec (theta - R), R(0) = 0, integrated numerically here (the model uses its
    # closed form), with occupancy theta = D / (D + Kd) and the rate from the parameter table.
    df = signalling.simulate(dose, duration_min=10, n_points=101)
    theta = dose / (dose + data.parameter("receptor_parameters", "kd_igf1r_igf1_nM"))
    k = data.parameter("signalling_parameters", "k_receptor_per_min")
    sol = solve_ivp(
        lambda t, r: k * (theta - r),
        (0.0, 10.0),
        [0.0],
        t_eval=df["time_min"].to_numpy(),
        method="DOP853",
        rtol=1e-12,
        atol=1e-14,
    )
    np.testing.assert_allclose(df["receptor"], sol.y[0], rtol=1e-8, atol=1e-12)
    assert df["receptor"].iloc[-1] == pytest.approx(theta, rel=1e-6)  # ten time constants: at occupancy


def test_receptor_phosphorylation_is_maximal_within_one_minute():
    # Hers 2007 (platelets): "maximal phosphorylation reached within 1 minute".
    df = signalling.simulate(100.0, duration_min=5, n_points=51)
    assert at(df, 1.0, "receptor") >= 0.9 * df["receptor"].max()


def test_half_maximal_receptor_activation_sits_at_the_kd():
    # Rubin et al. 1983: ED50 of IGF-I-stimulated phosphorylation ~ Kd of IGF-I binding. In this model that is
    # built in (theta = D / (D + Kd)), so this test guards the EC50 interpolation, not a prediction.
    assert signalling.ec50(readout="receptor") == pytest.approx(KD, rel=0.02)


def test_receptor_ec50_is_janssens_kira_ec50_by_construction():
    # Janssen et al. 2016: IGF-1 EC50 at IGF-1R 0.86 nmol/L (95% CI 0.69-1.07), a receptor-autophosphorylation
    # (KIRA) assay. The model's Kd is that number, so its receptor EC50 must land inside the published CI.
    e = signalling.ec50(readout="receptor")
    assert 0.69 <= e <= 1.07
    assert e == pytest.approx(0.86, rel=0.02)


def test_anchor_table_lists_each_anchor_with_the_models_value():
    t = signalling.anchor_table().set_index("anchor")
    assert {"published", "source", "model", "how"} <= set(t.columns)
    m = t["model"]
    assert m["receptor activity at 1 min, fraction of final"] >= 0.9  # Hers 2007: maximal within 1 min
    assert 0.69 <= m["receptor EC50, nM"] <= 1.07  # Janssen 2016 95% CI
    assert m["receptor EC50 / Kd"] == pytest.approx(1.0, rel=0.02)  # Rubin 1983 (built in)
    assert m["Akt peak without / with the S6K feedback"] > 1.0  # Um 2004: removing the loop raises signalling
    assert m["mTORC1/S6K at 60 min in starved cells"] < 1e-6  # Efeyan & Sabatini 2013
    assert m["autophagy at 60 min / before IGF-1, fed cells"] < 0.9  # Kim 2011: mTORC1 on, autophagy down
    assert t.loc["receptor EC50, nM", "how"].startswith("by construction")


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
    # With the FOXO route switched off, autophagy in starved cells is the pure mirror of mTORC1: it stays at 1.
    no_foxo = signalling.simulate(100.0, nutrients=0.0, n_points=61, parameters={"foxo_autophagy_weight": 0.0})
    np.testing.assert_allclose(no_foxo["autophagy"], 1.0, atol=1e-9)
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


@pytest.mark.parametrize(
    "kw,exc,match",
    [
        (dict(igf1_nM=-1.0), ValueError, "igf1_nM must be a number in nM between 0 and 1000"),
        (dict(igf1_nM=math.nan), ValueError, "igf1_nM.*NaN"),
        (dict(igf1_nM=1e4), ValueError, "igf1_nM.*got 10000"),
        (dict(igf1_nM="1"), TypeError, "igf1_nM must be a number"),
        (
            dict(igf1_nM=1.0, nutrients=1.5),
            ValueError,
            r"nutrients must be a number in fraction \(0 = starved, 1 = fed\) between 0 and 1",
        ),
        (dict(igf1_nM=1.0, balance=-0.1), ValueError, "balance must be a number"),
        (dict(igf1_nM=1.0, duration_min=0), ValueError, "duration_min must be a number in minutes greater than 0"),
        (dict(igf1_nM=1.0, n_points=1), ValueError, "n_points"),
        (dict(igf1_nM=1.0, n_points=2.5), ValueError, "n_points must be a whole number of points between 2 and 2001"),
        (dict(igf1_nM=1.0, n_points=True), TypeError, "n_points must be a whole number"),
        (dict(igf1_nM=1.0, parameters={"k_nonsense": 1.0}), ValueError, "parameters key must be one of"),
        (dict(igf1_nM=1.0, parameters={"k_akt_on_per_min": -1.0}), ValueError, "k_akt_on_per_min must be a number"),
        (dict(igf1_nM=1.0, parameters=[("k_akt_on_per_min", 1.0)]), TypeError, "parameters must be a dict"),
    ],
)
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


def test_s6k_feedback_acts_through_s6k_not_through_akt():
    # Um et al. 2004: S6K1 phosphorylates IRS-1. In starved cells mTORC1/S6K stays at 0 (no amino acids), so the
    # feedback has nothing to act through: its strength must not change Akt or IRS at all. In fed cells it must.
    def run(nutrients, strength):
        return signalling.simulate(
            10.0, nutrients=nutrients, n_points=121, parameters={"s6k_feedback_strength": strength}
        )

    tol = dict(rtol=1e-4, atol=1e-6)  # the ODE solver runs at rtol 1e-5
    starved_fb, starved_none = run(0.0, 8.0), run(0.0, 0.0)
    assert starved_fb["mtorc1_s6k"].max() < 1e-12
    for sp in ("irs_pi3k", "akt"):
        np.testing.assert_allclose(starved_fb[sp], starved_none[sp], **tol)
    fed_fb, fed_none = run(1.0, 8.0), run(1.0, 0.0)
    assert at(fed_fb, 60, "akt") < 0.9 * at(fed_none, 60, "akt")
    # Without the feedback, S6K (moved by nutrients) cannot change Akt: the PI3K branch does not read mTORC1.
    for sp in ("irs_pi3k", "akt"):
        np.testing.assert_allclose(fed_none[sp], starved_none[sp], **tol)
        np.testing.assert_allclose(run(0.5, 0.0)[sp], starved_none[sp], **tol)
    # With it, more S6K (more nutrients) means less Akt.
    levels = [at(run(n, 8.0), 60, "akt") for n in (0.0, 0.5, 1.0)]
    assert levels[0] > levels[1] > levels[2]


def test_irs_inhibition_tracks_the_s6k_time_course():
    # Recover the IRS inhibition factor 1 + f M(t) from the simulated IRS trajectory and the documented IRS
    # equation dI/dt = k_on 2 b R (1 - I) / (1 + f M) - k_off I, then check it follows S6K (M), not Akt.
    p = signalling.default_parameters()
    df = signalling.simulate(10.0, duration_min=120, n_points=2001)
    t, irs, r = df["time_min"].to_numpy(), df["irs_pi3k"].to_numpy(), df["receptor"].to_numpy()
    di = np.gradient(irs, t)
    keep = t > 5  # after the first rise, where the numerical derivative is smooth
    factor = (p["k_irs_on_per_min"] * 2 * 0.5 * r * (1 - irs))[keep] / (di + p["k_irs_off_per_min"] * irs)[keep]
    m, a = df["mtorc1_s6k"].to_numpy()[keep], df["akt"].to_numpy()[keep]
    np.testing.assert_allclose(factor, 1 + p["s6k_feedback_strength"] * m, rtol=0.02)
    assert np.max(np.abs(factor / (1 + p["s6k_feedback_strength"] * a) - 1)) > 0.1


# --- The FOXO route (Akt -> FoxO1/3 out of the nucleus; mammucari2007, sandri2004) ------------------------------
def test_autophagy_still_falls_with_mtorc1_held_off_because_akt_excludes_foxo():
    # Mammucari et al. 2007: Akt blocked FoxO3 and autophagy in mouse muscle, and rapamycin did not prevent it.
    # Here mTORC1 is held at 0 (no amino acids): a rise in Akt must still lower autophagy, through FOXO alone,
    # and by exactly w (1 - F) once both have settled.
    before = signalling.simulate(0.0, nutrients=0.0, duration_min=240, n_points=241)
    after = signalling.simulate(100.0, nutrients=0.0, duration_min=240, n_points=241)
    assert after["mtorc1_s6k"].max() < 1e-9 and after["akt"].iloc[-1] > 0.3
    assert after["autophagy"].iloc[-1] < before["autophagy"].iloc[-1] - 0.1
    w = signalling.default_parameters()["foxo_autophagy_weight"]
    np.testing.assert_allclose(after["autophagy"].iloc[-1], (1 - w) + w * after["foxo"].iloc[-1], atol=2e-3)


def test_foxo_settles_where_import_balances_akt_driven_export():
    # dF/dt = k_in (1 - F) - k_out A F is zero at F = k_in / (k_in + k_out A): checked against the simulated
    # steady state, with Akt read from the same run (a hand calculation, not the model's code).
    p = signalling.default_parameters()
    df = signalling.simulate(100.0, duration_min=240, n_points=241)
    a = df["akt"].iloc[-1]
    expected = p["k_foxo_import_per_min"] / (p["k_foxo_import_per_min"] + p["k_foxo_export_per_min"] * a)
    np.testing.assert_allclose(df["foxo"].iloc[-1], expected, atol=3e-3)
    assert signalling.peak(df, "foxo")[1] == pytest.approx(df["foxo"].min())


def test_removing_the_foxo_route_leaves_autophagy_the_mirror_of_mtorc1():
    df = signalling.simulate(100.0, duration_min=240, n_points=241, parameters={"foxo_autophagy_weight": 0.0})
    np.testing.assert_allclose(df["autophagy"].iloc[-1], 1 - df["mtorc1_s6k"].iloc[-1], atol=2e-3)
    with_foxo = signalling.simulate(100.0, duration_min=240, n_points=241)
    assert with_foxo["autophagy"].iloc[-1] < df["autophagy"].iloc[-1]  # two brakes hold it lower than one


@pytest.mark.parametrize("weight", [-0.1, 1.5])
def test_foxo_weight_outside_0_1_is_refused(weight):
    with pytest.raises(ValueError, match="foxo_autophagy_weight"):
        signalling.simulate(1.0, parameters={"foxo_autophagy_weight": weight})
