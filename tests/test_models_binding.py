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
    clear = {  # intrinsic clearances: free IGF-1's own half-life, and the two fitted rows
        "free": np.log(2) / table["t_half_free_min"],
        "binary": np.log(2) / table["t_half_binary_intrinsic_min"],
        "ternary": np.log(2) / (table["t_half_ternary_intrinsic_h"] * 60),
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
    table = data.parameters("binding_parameters")["value"]
    assert k["clear_binary"] == pytest.approx(np.log(2) / table["t_half_binary_intrinsic_min"], rel=1e-12)
    assert k["clear_ternary"] == pytest.approx(np.log(2) / (table["t_half_ternary_intrinsic_h"] * 60), rel=1e-12)


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
    slower = binding.simulate_pools(t, scenario="production_stops", t_half_ternary_h=15)
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
    with pytest.raises(ValueError, match="t_half_ternary_h must be a number in h between 12.0 and 15.0"):
        binding.simulate_pools([0.0], t_half_ternary_h=24)
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


# -- the three-pool model against Guler 1989's apparent half-lives ---------------------------------------------
# Guler 1989 (tracer in two adults): free 10-12 min, 50 kDa (binary) complexes 20-30 min, 200 kDa (ternary)
# complex 12-15 h. These are apparent half-lives of the tracer; the test measures them on the simulated
# curves the way a tracer study would (log-linear fits and curve peeling), without the model's eigenvalues.
GULER_BINARY_MIN = (20.0, 30.0)
GULER_TERNARY_H = (12.0, 15.0)
GULER_FREE_MIN = (10.0, 12.0)


def _log_linear_half_life(t, y):
    slope = np.polyfit(t, np.log(y), 1)[0]
    return np.log(2) / -slope


def _tracer_curves(**half_lives):
    t = np.arange(0.0, 72 * 60 + 1.0, 1.0)
    return t, binding.simulate_pools(t, scenario="tracer", **half_lives)


def test_tracer_late_phase_lies_in_gulers_12_to_15_h():
    t, r = _tracer_curves()
    late = (t >= 24 * 60) & (t <= 72 * 60)
    for pool in ("ternary", "total"):
        t_half_h = _log_linear_half_life(t[late], r[pool][late]) / 60
        assert GULER_TERNARY_H[0] <= t_half_h <= GULER_TERNARY_H[1], (pool, t_half_h)


def test_tracer_binary_phase_lies_in_gulers_20_to_30_min():
    # Curve peeling: fit the late phase, subtract its extrapolation, fit what is left after the free phase.
    t, r = _tracer_curves()
    late = t >= 24 * 60
    slope, intercept = np.polyfit(t[late], np.log(r["total"][late]), 1)
    residual = r["total"] - np.exp(intercept + slope * t)
    window = (t >= 10) & (t <= 90)
    t_half = _log_linear_half_life(t[window], residual[window])
    assert GULER_BINARY_MIN[0] <= t_half <= GULER_BINARY_MIN[1], t_half


def test_the_model_does_not_resolve_a_free_phase_of_10_to_12_min():
    # Binding at the SPR release rates and the measured steady state (0.38% free, 12.5% binary) takes free
    # tracer into complexes within about a minute, so no 10-12 min free phase appears: the card says so.
    t = np.linspace(0.0, 5.0, 501)
    r = binding.simulate_pools(t, scenario="tracer")
    assert binding.time_to_fraction(t, r["free"], 0.5) < 2.0  # min
    card = binding.pools_anchor_table().set_index("anchor")
    assert not card.loc["free IGF-1 phase (min)", "in_range"]
    assert (card.loc["free IGF-1 phase (min)", "low"], card.loc["free IGF-1 phase (min)", "high"]) == GULER_FREE_MIN


def test_pools_card_reports_the_guler_anchors_in_range():
    card = binding.pools_anchor_table().set_index("anchor")
    lo, hi = GULER_BINARY_MIN
    assert (card.loc["binary-complex phase (min)", "low"], card.loc["binary-complex phase (min)", "high"]) == (lo, hi)
    assert lo <= card.loc["binary-complex phase (min)", "model"] <= hi
    lo, hi = GULER_TERNARY_H
    assert lo <= card.loc["ternary-complex phase (h)", "model"] <= hi
    assert 80 <= card.loc["ternary at steady state (%)", "model"] <= 90  # Kim 2022: 80-90%
    assert 10 <= card.loc["binary at steady state (%)", "model"] <= 15  # Kim 2022: 10-15%
    assert card["in_range"].tolist() == [False, True, True, True, True, True]


def test_stored_intrinsic_clearances_are_the_fit_to_the_guler_midpoints():
    c = binding.fit_intrinsic_clearance(t_half_free_min=12.0, t_half_binary_min=25.0, t_half_ternary_h=13.5)
    table = data.parameters("binding_parameters")["value"]
    assert np.log(2) / c["clear_binary"] == pytest.approx(table["t_half_binary_intrinsic_min"], rel=1e-4)
    assert np.log(2) / c["clear_ternary"] / 60 == pytest.approx(table["t_half_ternary_intrinsic_h"], rel=1e-4)
    # Apparent half-lives include release from the complexes, so each intrinsic one is longer.
    assert table["t_half_binary_intrinsic_min"] > 25.0 and table["t_half_ternary_intrinsic_h"] > 13.5


@pytest.mark.parametrize("tf,tb,tt", [(10.0, 20.0, 12.0), (17.1, 90.0, 15.0), (12.0, 40.0, 14.0), (10.0, 90.0, 12.0)])
def test_refit_reproduces_any_target_on_the_sliders(tf, tb, tt):
    t, r = _tracer_curves(t_half_free_min=tf, t_half_binary_min=tb, t_half_ternary_h=tt)
    late = t >= 36 * 60
    assert _log_linear_half_life(t[late], r["ternary"][late]) / 60 == pytest.approx(tt, rel=0.01)
    phases = binding.tracer_phases_min(t_half_free_min=tf, t_half_binary_min=tb, t_half_ternary_h=tt)
    assert phases[1] == pytest.approx(tb, rel=1e-8) and phases[2] == pytest.approx(tt * 60, rel=1e-8)


def test_old_model_apparent_as_intrinsic_would_fail_the_anchor():
    # The bug this fixes: clearing each pool at its *apparent* half-life and adding release on top counts the
    # same loss twice, and the late phase comes out near 7.8 h, outside Guler's 12-15 h.
    k = binding._rates(np.log(2) / 12.0, np.log(2) / 25.0, np.log(2) / (13.5 * 60))
    assert binding._phases(k)[2] / 60 < GULER_TERNARY_H[0]


# -- the serum model: structure (which IGFBP-3 ALS binds) ---------------------------------------------------------
def test_als_binding_empty_and_loaded_alike_leaves_igf_as_without_als():
    # Linked equilibria: if ALS binds IGFBP-3 whatever it carries, it cannot change how IGF shares out.
    base = binding.default_inputs()
    both = binding.serum_equilibrium(**base, als_binds="both")
    no_als = binding.serum_equilibrium(**{**base, "als_nM": 0.0})
    for ligand in ("igf1", "igf2"):
        assert both.fraction("free", ligand) == pytest.approx(no_als.fraction("free", ligand), rel=1e-9)
        assert both.fraction("binary_other", ligand) == pytest.approx(no_als.fraction("binary_other", ligand), rel=1e-9)
    # ... and ALS then binds IGFBP-3 as one ligand on one site: the exact quadratic, ALS as ligand.
    bound_als = both.empty_igfbp3_als_nM + both.igf1["ternary"] + both.igf2["ternary"]
    expected = base["als_nM"] - _brentq_free(base["als_nM"], base["igfbp3_nM"], base["kd_als_nM"])
    assert bound_als == pytest.approx(expected, rel=1e-8)
    assert max(both.mass_balance_errors().values()) < 1e-9 and both.als_linkage_factor == 1.0


def test_loaded_only_als_multiplies_igf1_affinity_about_18_fold():
    # Review (hand calculation at the defaults): 1 + [ALS]free / K_ALS = 1 + 84.9 / 4.98 = 18.
    s = binding.default_serum()
    assert s.als_linkage_factor == pytest.approx(1 + 84.9 / 4.98, rel=0.01)
    # Mass action in every complex, checked on the species the solver returns.
    i = s.inputs
    assert s.igf1["binary_igfbp3"] == pytest.approx(
        s.igf1["free"] * s.free_igfbp3_nM / i["kd_igf1_igfbp3_nM"], rel=1e-9
    )
    assert s.igf1["ternary"] == pytest.approx(s.igf1["binary_igfbp3"] * s.free_als_nM / i["kd_als_nM"], rel=1e-9)
    assert s.empty_igfbp3_als_nM == 0.0


def test_free_fraction_steps_follow_the_reviewers_decomposition():
    steps = binding.free_fraction_steps().set_index("step")["free_pct"].to_numpy()
    base = binding.default_inputs()
    # IGFBP-3 alone: the exact one-site quadratic, solved here with a root finder.
    assert steps[0] == pytest.approx(
        _brentq_free(base["igf1_nM"], base["igfbp3_nM"], 0.102) / base["igf1_nM"] * 100, rel=1e-8
    )
    assert steps[0] == pytest.approx(0.08, abs=0.005)  # review: ~0.08%
    assert steps[2] == pytest.approx(0.097, abs=0.002)  # review: without ALS linkage ~0.097%
    assert steps[3] == pytest.approx(steps[2], rel=1e-9)  # ALS binding both alike changes nothing
    assert steps[4] == pytest.approx(0.0144, abs=0.0002)  # review: 0.0144%
    assert steps[1] > steps[0] and steps[2] < steps[1] and steps[4] < steps[3]  # each carrier lowers it


def test_both_structures_are_calibrated_to_kims_shares():
    for als_binds in binding.ALS_BINDS:
        s = binding.default_serum(als_binds=als_binds)
        assert 0.80 <= s.fraction("ternary") <= 0.90 and 0.10 <= s.fraction("binary") <= 0.15  # Kim 2022
        assert max(s.mass_balance_errors().values()) < 1e-9
    card = binding.serum_anchor_table().set_index("anchor")
    for col in ("loaded_in_range", "both_in_range"):
        assert card.loc["IGF-1 in ternary complexes (%)", col] and card.loc["IGF-1 in binary complexes (%)", col]
        assert not card.loc["free IGF-1 (% of total)", col]  # neither structure reaches Frystyk's 0.36-0.40%
    assert card.loc["free IGF-1 (% of total)", "loaded"] < card.loc["free IGF-1 (% of total)", "both"] < 0.36


def test_measured_als_affinities_and_sensitivity():
    # Baxter 1989: Ka ~ 5e8 per M -> Kd 2 nM; rhIGFBP-3: Ka 24.3 L/nmol -> Kd 0.0412 nM.
    assert data.parameter("binding_parameters", "kd_als_baxter1989_nM") == pytest.approx(1e9 / 5e8)
    assert data.parameter("binding_parameters", "kd_als_rhigfbp3_nM") == pytest.approx(1 / 24.3, rel=2e-3)
    loaded = binding.kd_als_sensitivity([0.0412, 2.0, 4.98])
    assert np.all(np.diff(loaded["free_pct"]) > 0)  # tighter ALS binding, less free IGF-1 when ALS needs IGF
    both = binding.kd_als_sensitivity([0.0412, 2.0, 4.98], als_binds="both")
    np.testing.assert_allclose(both["free_pct"], both["free_pct"][0], rtol=1e-8)  # no effect when ALS binds both
    assert np.all(np.diff(both["ternary_pct"]) < 0)
    with pytest.raises(ValueError, match="als_binds must be one of 'loaded', 'both'"):
        binding.default_serum(als_binds="neither")


def test_both_structure_conserves_mass_for_random_inputs():
    for _ in range(20):
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
        s = binding.serum_equilibrium(**kw, als_binds="both")
        assert max(s.mass_balance_errors().values()) < 1e-9, kw


# --- ALS deficiency in the two models ----------------------------------------------------------------------


def test_pools_steady_state_is_the_default_and_sums_to_one():
    s = binding.pools_steady_state()
    assert s["total"] == pytest.approx(1.0, rel=1e-12)
    assert s["free"] == pytest.approx(0.0038, rel=1e-9)
    assert s["binary"] == pytest.approx(0.125, rel=1e-9)
    none = binding.pools_steady_state(ternary=False)
    assert none["ternary"] == 0.0
    assert none["total"] == pytest.approx(none["free"] + none["binary"])


def test_pools_steady_state_refuses_a_non_boolean():
    with pytest.raises(TypeError, match="ternary must be True or False"):
        binding.pools_steady_state(ternary="no")


def test_without_als_the_serum_model_frees_a_larger_share_at_the_same_total():
    t = binding.als_deficiency().set_index("state")
    assert t.at["normal", "free_share_pct"] == pytest.approx(binding.default_serum().fraction("free") * 100)
    assert t.at["no ALS", "free_share_pct"] == pytest.approx(binding.default_serum(als_nM=0.0).fraction("free") * 100)
    # with ALS gone the linkage factor (about 18 at the defaults) is gone, so the free share rises several-fold
    assert 4 < t.at["no ALS", "free_share_pct"] / t.at["normal", "free_share_pct"] < 18
