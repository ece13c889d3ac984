"""Binding models: analytic limits, mass balance, monotonicity, root-finder agreement, anchors and bad input."""

import math

import numpy as np
import pytest
from Bio.SeqUtils import molecular_weight
from scipy.integrate import solve_ivp
from scipy.linalg import expm
from scipy.optimize import brentq

from course_lib import data, units
from course_lib.models import binding

RNG = np.random.default_rng(20260301)


def _brentq_free(L, P, K):
    # Mass balance written without the quadratic: L = F + P * F / (K + F).
    return brentq(lambda F: F + P * F / (K + F) - L, 0.0, L, xtol=1e-300, rtol=4 * np.finfo(float).eps, maxiter=500)


# -- one binding protein -------------------------------------------------------
def test_no_binding_protein_leaves_everything_free():
    L = np.array([1e-6, 0.5, 26.0, 500.0])
    np.testing.assert_array_equal(binding.free_fraction(L, igfbp_nM=0.0, kd_nM=0.1), np.ones(4))


@pytest.mark.parametrize("P,K", [(1e4, 0.1), (1e5, 0.05), (1e3, 1e-3)])
def test_large_excess_of_binding_protein_gives_kd_over_igfbp(P, K):
    ff = binding.free_fraction(1e-3, igfbp_nM=P, kd_nM=K)
    assert ff == pytest.approx(K / P, rel=1e-3)
    assert ff == pytest.approx(K / (P + K), rel=1e-6)  # the exact L -> 0 limit


def test_matches_a_root_finder_to_1e_9_across_many_orders_of_magnitude():
    L = 10 ** RNG.uniform(-4, 3, 300)
    P = 10 ** RNG.uniform(-4, 4, 300)
    K = 10 ** RNG.uniform(-3, 2, 300)
    got = binding.free_concentration(L, igfbp_nM=P, kd_nM=K)
    expected = np.array([_brentq_free(*args) for args in zip(L, P, K)])
    np.testing.assert_allclose(got, expected, rtol=1e-9)


def test_mass_balance_and_mass_action_hold():
    L = 10 ** RNG.uniform(-2, 2.5, 200)
    P = 10 ** RNG.uniform(-2, 3, 200)
    K = 10 ** RNG.uniform(-2, 1, 200)
    F = binding.free_concentration(L, igfbp_nM=P, kd_nM=K)
    C = L - F
    assert np.all(F > 0) and np.all(C >= 0) and np.all(C <= np.minimum(L, P) * (1 + 1e-12))
    np.testing.assert_allclose(K * C, F * (P - C), rtol=1e-8, atol=1e-12)
    s = binding.single_site(26.0, igfbp_nM=150.0, kd_nM=0.1)
    assert s.free_igf1_nM + s.bound_nM == pytest.approx(26.0, rel=1e-15)
    assert s.free_igfbp_nM + s.bound_nM == pytest.approx(150.0, rel=1e-15)


def test_fraction_is_strictly_between_0_and_1_and_monotone():
    P = np.linspace(0.5, 300, 400)
    ff = binding.free_fraction(26.0, igfbp_nM=P, kd_nM=0.1)
    assert np.all((ff > 0) & (ff < 1))
    assert np.all(np.diff(ff) < 0)  # falls as IGFBP rises
    kd = np.geomspace(0.01, 100, 200)
    assert np.all(np.diff(binding.free_fraction(26.0, igfbp_nM=150.0, kd_nM=kd)) > 0)  # rises with Kd
    L = np.linspace(1, 140, 200)
    assert np.all(np.diff(binding.free_fraction(L, igfbp_nM=150.0, kd_nM=0.1)) > 0)  # rises as sites fill


def test_kd_equal_to_free_sites_halves_occupancy():
    # With a trace of IGF-1 and P = Kd, half of it is bound.
    assert binding.free_fraction(1e-9, igfbp_nM=0.3, kd_nM=0.3) == pytest.approx(0.5, rel=1e-8)


def test_scalar_in_scalar_out_and_inputs_not_mutated():
    assert isinstance(binding.free_fraction(26, igfbp_nM=150, kd_nM=0.1), float)
    P = np.array([10.0, 100.0])
    out = binding.free_fraction(26.0, igfbp_nM=P, kd_nM=0.1)
    assert out.shape == (2,) and P.tolist() == [10.0, 100.0]


@pytest.mark.parametrize(
    "kwargs,exc,pattern",
    [
        (
            dict(total_igf1_nM=0.0, igfbp_nM=1.0, kd_nM=0.1),
            ValueError,
            r"total_igf1_nM must be a number in nmol/L greater than 0",
        ),
        (dict(total_igf1_nM=-1.0, igfbp_nM=1.0, kd_nM=0.1), ValueError, r"total_igf1_nM"),
        (
            dict(total_igf1_nM=26.0, igfbp_nM=-5.0, kd_nM=0.1),
            ValueError,
            r"igfbp_nM must be a number in nmol/L between 0 and",
        ),
        (
            dict(total_igf1_nM=26.0, igfbp_nM=1.0, kd_nM=0.0),
            ValueError,
            r"kd_nM must be a number in nmol/L greater than 0",
        ),
        (dict(total_igf1_nM=26.0, igfbp_nM=math.nan, kd_nM=0.1), ValueError, r"NaN and infinity are not allowed"),
        (dict(total_igf1_nM="26", igfbp_nM=1.0, kd_nM=0.1), TypeError, r"total_igf1_nM must be a number"),
        (dict(total_igf1_nM=26.0, igfbp_nM=None, kd_nM=0.1), TypeError, r"igfbp_nM must be a number"),
    ],
)
def test_bad_input_is_a_clear_error(kwargs, exc, pattern):
    L = kwargs.pop("total_igf1_nM")
    with pytest.raises(exc, match=pattern):
        binding.free_fraction(L, **kwargs)


# -- molar masses --------------------------------------------------------------
def test_molar_masses_and_conversions():
    assert binding.to_nM(200.0, molecule="igf1") == pytest.approx(units.ng_per_mL_to_nmol_per_L(200.0))
    assert binding.to_nM(4400.0, molecule="igfbp3") == pytest.approx(4400 / 28.7)
    glyco = binding.to_nM(4400.0, molecule="igfbp3_glycosylated")
    assert glyco < binding.to_nM(4400.0, molecule="igfbp3") and glyco == pytest.approx(100.0)
    for m in binding.MOLECULES:
        assert binding.to_ng_per_mL(binding.to_nM(123.0, molecule=m), molecule=m) == pytest.approx(123.0)
    with pytest.raises(ValueError, match="molecule must be one of"):
        binding.molar_mass_g_per_mol("igfbp7")


def test_igf2_molar_mass_recomputed_from_its_sequence():
    # UniProt P01344 residues 25-91 (mature IGF-2), three disulfide bonds.
    seq = "AYRPSETLCGGELVDTLQFVCGDRGFYFSRPASRVSRRSRGIVEECCFRSCDLALLETYCATPAKSE"
    mass = molecular_weight(seq, "protein") - 6 * 1.00794
    assert len(seq) == 67
    assert binding.molar_mass_g_per_mol("igf2") == pytest.approx(mass, abs=0.5)


# -- serum competition model ---------------------------------------------------
def test_default_serum_is_calibrated_and_conserves_mass():
    s = binding.default_serum()
    assert s.fraction("ternary") == pytest.approx(
        data.parameter("binding_parameters", "ternary_fraction_of_igf1"), abs=1e-8
    )
    assert 0.10 <= s.fraction("binary") <= 0.15 + 1e-9  # Kim 2022: 10-15% binary
    assert max(s.mass_balance_errors().values()) < 1e-9
    assert sum(s.fraction(p) for p in ("free", "binary_igfbp3", "ternary", "binary_other")) == pytest.approx(1.0)


def test_igfbp3_is_close_to_saturated_by_igf1_plus_igf2():
    s = binding.default_serum()
    assert s.igfbp3_saturation > 0.7
    i = s.inputs
    assert (i["igf1_nM"] + i["igf2_nM"]) / i["igfbp3_nM"] > 0.7


def test_serum_model_reduces_to_the_exact_one_site_model():
    s = binding.serum_equilibrium(
        igf1_nM=26.0,
        igf2_nM=0.0,
        igfbp3_nM=150.0,
        als_nM=0.0,
        other_igfbp_nM=0.0,
        kd_igf1_igfbp3_nM=0.1,
        kd_igf2_igfbp3_nM=0.05,
        kd_als_nM=1.0,
        kd_other_nM=1.0,
    )
    assert s.fraction("free") == pytest.approx(binding.free_fraction(26.0, igfbp_nM=150.0, kd_nM=0.1), rel=1e-9)
    assert s.igf1["ternary"] == 0.0 and s.igf1["binary_other"] == 0.0


def test_serum_mass_balance_for_random_inputs():
    for _ in range(40):
        kw = dict(
            igf1_nM=10 ** RNG.uniform(0, 2),
            igf2_nM=10 ** RNG.uniform(-1, 2.3),
            igfbp3_nM=10 ** RNG.uniform(1, 2.6),
            als_nM=10 ** RNG.uniform(1, 2.6),
            other_igfbp_nM=10 ** RNG.uniform(0, 2.3),
            kd_igf1_igfbp3_nM=10 ** RNG.uniform(-2, 0),
            kd_igf2_igfbp3_nM=10 ** RNG.uniform(-2, 0),
            kd_als_nM=10 ** RNG.uniform(-1, 1.5),
            kd_other_nM=10 ** RNG.uniform(-2, 1),
        )
        s = binding.serum_equilibrium(**kw)
        assert max(s.mass_balance_errors().values()) < 1e-9, kw
        assert 0 < s.fraction("free") < 1


def test_igf2_competition_raises_free_igf1():
    base = binding.default_inputs()
    free = [
        binding.serum_equilibrium(**{**base, "igf2_nM": x}).fraction("free") for x in (0.0, 25.0, 50.0, 99.0, 150.0)
    ]
    assert np.all(np.diff(free) > 0)


def test_more_igfbp3_or_tighter_binding_lowers_free_igf1():
    base = binding.default_inputs()
    f = [binding.serum_equilibrium(**{**base, "igfbp3_nM": x}).fraction("free") for x in (110.0, 130.0, 153.0, 180.0)]
    assert np.all(np.diff(f) < 0)
    g = [binding.serum_equilibrium(**{**base, "kd_igf1_igfbp3_nM": k}).fraction("free") for k in (0.05, 0.1, 0.2, 0.5)]
    assert np.all(np.diff(g) > 0)


def test_tracer_analogue_and_proteolysis():
    s = binding.default_serum()
    assert binding.tracer_free_fraction(1.0) == pytest.approx(s.fraction("free"), rel=1e-9)
    folds = np.array([1.0, 10.0, 100.0, 1e3, 1e6])
    ff = binding.tracer_free_fraction(folds)
    assert np.all(np.diff(ff) > 0) and ff[-1] > 0.95
    assert binding.proteolysis_free_igf1(0.0) == pytest.approx(1.0)
    rel = [binding.proteolysis_free_igf1(x) for x in (0.05, 0.1, 0.2, 0.4)]
    assert np.all(np.diff(rel) > 0) and rel[0] > 1.0
    with pytest.raises(ValueError, match="lost_fraction must be a number in fraction of IGFBP-3 between 0 and 0.9"):
        binding.proteolysis_free_igf1(1.0)


def test_kd_fold_that_reproduces_the_measured_free_fraction():
    fold = binding.kd_fold_for_free_fraction(0.38)
    assert binding.tracer_free_fraction(fold) * 100 == pytest.approx(0.38, rel=1e-9)
    assert fold > 1
    with pytest.raises(ValueError, match="target_pct must be a number in percent"):
        binding.kd_fold_for_free_fraction(100.0)


def test_serum_bad_input():
    base = binding.default_inputs()
    with pytest.raises(ValueError, match="igf1_nM must be a number in nmol/L greater than 0"):
        binding.serum_equilibrium(**{**base, "igf1_nM": 0.0})
    with pytest.raises(ValueError, match="kd_als_nM must be a number in nmol/L greater than 0"):
        binding.serum_equilibrium(**{**base, "kd_als_nM": -1.0})
    with pytest.raises(ValueError, match="override must be one of"):
        binding.default_inputs(igf3_nM=1.0)


# -- the ratio across life -----------------------------------------------------
def test_ratio_of_medians_agrees_with_the_published_ratio_table():
    ages = np.arange(5.0, 90.0, 5.0)
    for sex in ("male", "female"):
        mine = binding.molar_ratio_by_age(ages, sex=sex)
        published = binding.published_ratio_by_age(ages, sex=sex)
        np.testing.assert_allclose(mine, published, rtol=0.15)  # two independent tables, different statistics


def test_ratio_peaks_in_puberty_and_halves_by_60():
    for sex in ("male", "female"):
        r = binding.molar_ratio_by_age(np.arange(0.0, 90.5, 0.5), sex=sex)
        peak_age = np.arange(0.0, 90.5, 0.5)[int(np.argmax(r))]
        assert 12 <= peak_age <= 17
        assert binding.molar_ratio_by_age(60, sex=sex) < 0.6 * binding.molar_ratio_by_age(20, sex=sex)


# -- three pools over time -----------------------------------------------------
def test_no_binding_comparison_is_the_free_half_life():
    for t_half in (10.0, 12.0, 17.1):
        r = binding.simulate_pools([0.0, t_half, 2 * t_half], t_half_free_min=t_half)
        np.testing.assert_allclose(r["no_binding_free"], [100.0, 50.0, 25.0], rtol=1e-12)


# Wong 1999 (surface plasmon resonance): IGF-1 leaves an IGFBP at 1.5e-5 to 2e-4 per second; the course uses
# 1e-4 per second for the binary pool and the slowest rate, 1.5e-5 per second, for the ternary complex.
WONG_KOFF_BINARY_PER_S = 1e-4
WONG_KOFF_SLOWEST_PER_S = 1.5e-5
POOLS = ("free", "binary", "ternary")


def _rate_matrix_from_the_table(k):
    """The three-pool rate matrix (per min) written out here from the model's description, not from binding._matrix.

    Free IGF-1 (index 0) binds to binary (1) and ternary (2) carriers and is cleared; each bound pool releases
    back to free and is cleared with its own half-life. Clearance and release rates come from the table.
    """
    table = data.parameters("binding_parameters")["value"]
    clear = {
        "free": np.log(2) / table["t_half_free_min"],
        "binary": np.log(2) / table["t_half_binary_min"],
        "ternary": np.log(2) / (table["t_half_ternary_h"] * 60),
    }
    release = {"binary": table["koff_binary_per_s"] * 60, "ternary": table["koff_ternary_per_s"] * 60}
    A = np.zeros((3, 3))
    A[0, 0] = -clear["free"]
    for j, pool in ((1, "binary"), (2, "ternary")):
        bind = k[f"bind_{pool}"]  # solved by the model from the measured split; checked below at steady state
        A[0, 0] -= bind
        A[j, 0] += bind
        A[0, j] += release[pool]
        A[j, j] -= release[pool] + clear[pool]
    return A, clear


def test_pool_rates_are_the_table_values_in_per_minute():
    assert data.parameter("binding_parameters", "koff_binary_per_s") == WONG_KOFF_BINARY_PER_S
    assert data.parameter("binding_parameters", "koff_ternary_per_s") == WONG_KOFF_SLOWEST_PER_S
    k = binding.pool_rates()
    assert k["release_binary"] == pytest.approx(WONG_KOFF_BINARY_PER_S * 60, rel=1e-12)  # 0.006 per min
    assert k["release_ternary"] == pytest.approx(WONG_KOFF_SLOWEST_PER_S * 60, rel=1e-12)
    assert np.log(2) / k["release_binary"] / 60 == pytest.approx(2.0, rel=0.05)  # the table's "half-time about 2 h"
    assert k["clear_free"] == pytest.approx(np.log(2) / 12.0)  # Guler 1989 / Frystyk 1999: 12 min
    assert k["clear_binary"] == pytest.approx(np.log(2) / 25.0)
    assert k["clear_ternary"] == pytest.approx(np.log(2) / (13.5 * 60))


def test_steady_state_reproduces_the_measured_split():
    k = binding.pool_rates()
    A, clear = _rate_matrix_from_the_table(k)
    ss = k["steady_state"]
    assert ss[0] == pytest.approx(0.0038) and ss[1] == pytest.approx(0.125) and ss.sum() == pytest.approx(1.0)
    # At steady state each bound pool gains by binding what it loses by release and clearance ...
    np.testing.assert_allclose(A @ ss + np.array([k["production"], 0.0, 0.0]), 0.0, atol=1e-15)
    # ... and production replaces exactly what all three pools clear (mass balance, no matrix needed).
    assert k["production"] == pytest.approx(sum(clear[p] * ss[i] for i, p in enumerate(POOLS)), rel=1e-12)


def test_simulation_matches_an_independent_ode_solution():
    k = binding.pool_rates()
    A, _ = _rate_matrix_from_the_table(k)
    t = np.array([0.0, 1.0, 7.0, 60.0, 600.0, 3000.0])
    for scenario, x0 in (("tracer", np.array([1.0, 0.0, 0.0])), ("production_stops", k["steady_state"])):
        r = binding.simulate_pools(t, scenario=scenario)
        sol = solve_ivp(lambda _t, x: A @ x, (0.0, t[-1]), x0, t_eval=t, method="Radau", rtol=1e-11, atol=1e-14)
        np.testing.assert_allclose(np.c_[r["free"], r["binary"], r["ternary"]], sol.y.T * 100, rtol=1e-6, atol=1e-9)
        # expm of the same hand-built matrix agrees too
        expected = np.array([expm(A * ti) @ x0 for ti in t]) * 100
        np.testing.assert_allclose(np.c_[r["free"], r["binary"], r["ternary"]], expected, rtol=1e-9, atol=1e-12)


def test_tracer_is_lost_only_by_clearance():
    # Exchange between pools moves IGF-1 but creates or destroys none: the fall of the total equals the
    # time integral of what each pool clears (trapezoid on a dense grid), with no rate matrix involved.
    k = binding.pool_rates()
    t = np.concatenate([np.linspace(0, 20, 20001), np.linspace(20, 3000, 29801)[1:]])  # fine where free falls fast
    r = binding.simulate_pools(t, scenario="tracer")
    cleared = k["clear_free"] * r["free"] + k["clear_binary"] * r["binary"] + k["clear_ternary"] * r["ternary"]
    lost = r["total"][0] - r["total"]
    integral = np.concatenate([[0.0], np.cumsum((cleared[1:] + cleared[:-1]) / 2 * np.diff(t))])
    np.testing.assert_allclose(lost, integral, rtol=1e-4, atol=1e-6)
    assert np.all(np.diff(r["total"]) < 0) and r["total"][0] == pytest.approx(100.0) and r["total"][-1] > 0


def test_bound_pool_is_a_reservoir():
    t = np.linspace(0, 72 * 60, 4321)
    tracer = binding.simulate_pools(t, scenario="tracer")
    assert binding.time_to_fraction(t, tracer["total"]) > 2 * binding.time_to_fraction(t, tracer["no_binding_free"])
    stop = binding.simulate_pools(t, scenario="production_stops")
    half_total_h = binding.time_to_fraction(t, stop["total"]) / 60
    assert 5.0 < half_total_h < data.parameter("binding_parameters", "t_half_ternary_h")
    i2h = int(np.searchsorted(t, 120))  # ten free half-lives
    assert stop["no_binding_free"][i2h] < 0.1  # percent: without carriers free IGF-1 is all but gone
    assert stop["free"][i2h] / stop["free"][0] > 0.05  # with them, release from the complexes still feeds it
    slower = binding.simulate_pools(t, scenario="production_stops", t_half_ternary_h=20)
    assert binding.time_to_fraction(t, slower["total"]) > binding.time_to_fraction(t, stop["total"])


def test_tracer_moves_from_binary_to_ternary():
    # Guler 1989: the tracer appeared first in the 50-kDa complex, later in the 200-kDa complex.
    r = binding.simulate_pools([10.0, 600.0], scenario="tracer")
    assert r["binary"][0] > r["ternary"][0] and r["ternary"][1] > r["binary"][1]


def test_time_to_fraction():
    t = np.linspace(0, 100, 10001)
    assert binding.time_to_fraction(t, np.exp(-np.log(2) * t / 12.0)) == pytest.approx(12.0, abs=1e-3)
    assert math.isnan(binding.time_to_fraction(t, np.ones_like(t)))


def test_pool_bad_input():
    with pytest.raises(ValueError, match="scenario must be one of 'tracer', 'production_stops'"):
        binding.simulate_pools([0.0], scenario="injection")
    with pytest.raises(ValueError, match="t_half_free_min must be a number in min between 10.0 and 17.1"):
        binding.simulate_pools([0.0], t_half_free_min=60)
    with pytest.raises(ValueError, match="t_min must be a number in min between 0 and"):
        binding.simulate_pools([-1.0])


def test_binary_fraction_is_both_binary_pools_and_all_pools_sum_to_one():
    s = binding.default_serum()
    for ligand, pools in (("igf1", s.igf1), ("igf2", s.igf2)):
        assert set(pools) == {"free", "binary_igfbp3", "ternary", "binary_other"}
        total = sum(pools.values())
        assert s.fraction("binary", ligand) == pytest.approx(
            (pools["binary_igfbp3"] + pools["binary_other"]) / total, rel=1e-12
        )
        assert s.fraction("binary", ligand) == pytest.approx(
            s.fraction("binary_igfbp3", ligand) + s.fraction("binary_other", ligand), rel=1e-12
        )
        assert s.fraction("binary_igfbp3", ligand) > 0
        assert sum(s.fraction(p, ligand) for p in pools) == pytest.approx(1.0, rel=1e-12)
    # Calibrated: 85% ternary and 10% on the binary carriers, so IGFBP-3 without ALS holds the rest of "binary".
    free = s.fraction("free")
    assert s.fraction("binary") == pytest.approx(1 - 0.85 - free, rel=1e-6)
    assert s.fraction("binary") > 0.10 + 1e-6


# --------------------------------------------------------------------------- SerumState.fraction checks its inputs


def test_fraction_of_igf2_is_not_what_any_other_ligand_label_returns():
    state = binding.default_serum()
    assert state.fraction("free", ligand="igf2") == state.igf2["free"] / sum(state.igf2.values())
    with pytest.raises(ValueError, match=r"ligand must be one of 'igf1', 'igf2'; got 'IGF-1'"):
        state.fraction("free", ligand="IGF-1")  # used to return IGF-2's share


def test_fraction_of_an_unknown_pool_names_the_pools():
    state = binding.default_serum()
    with pytest.raises(ValueError, match=r"pool must be one of 'free', .*'binary'; got 'bound'"):
        state.fraction("bound")  # used to be a bare KeyError
    with pytest.raises(TypeError, match="pool must be one of"):
        state.fraction(3)


def test_max_conc_lives_in_units_and_binding_and_receptors_share_it():
    from course_lib.models import receptors

    assert binding.MAX_CONC_nM is units.MAX_CONC_nM and receptors.MAX_CONC_nM is units.MAX_CONC_nM
    assert units.MAX_CONC_nM == 1e6  # 1 mM
