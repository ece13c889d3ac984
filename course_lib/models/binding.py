"""Binding proteins: how much IGF-1 is free, where the rest is, and how long it stays.

Three models, each with its parameters in ``course_lib/data/binding_parameters.csv``:

1. **One binding protein, exact.** IGF-1 (total ``L``) and one binding protein
   (total binding sites ``P``) at equilibrium with dissociation constant ``Kd``.
   Mass action, ``Kd = F * (P - C) / C`` with free IGF-1 ``F`` and complex
   ``C = L - F``, gives a quadratic in ``F``:

       F**2 + (P + Kd - L) * F - Kd * L = 0

   Its positive root is computed in the form that never subtracts two nearly
   equal numbers (with ``b = P + Kd - L`` and ``d = sqrt(b**2 + 4*Kd*L)``):

       F = 2*Kd*L / (b + d)      when b >= 0
       F = (d - b) / 2           when b < 0

   Limits: no binding protein (``P = 0``) gives ``F = L``; a large excess of
   binding protein gives ``F / L -> Kd / (P + Kd) ~ Kd / P``.

2. **Serum competition (richer, illustrative).** IGF-1 and IGF-2 compete for
   IGFBP-3 (in-vitro Kd 0.102 and 0.044 nM) and for a lumped pool of binary
   carriers (IGFBP-1, -2, -4, -6); the acid-labile subunit (ALS) joins only
   IGF-loaded IGFBP-3, the order of assembly described by Kim et al. 2022.
   The equilibrium (five mass balances) is solved with :func:`scipy.optimize.root`
   on log concentrations. Two unmeasured parameters, the ALS affinity and the
   capacity of the binary carriers, are calibrated so that 85% of IGF-1 is
   ternary and 10% is on the binary carriers (Kim 2022: 80-90% and 10-15%).
   The free fraction that results is a *prediction* to compare with the 0.38%
   measured by ultrafiltration (Frystyk 1994).

3. **Three pools over time (mechanism only).** Free, binary and ternary IGF-1
   are cleared with their apparent half-lives (Guler 1989, Frystyk 1999) and
   exchange through the free pool. Dissociation rates come from surface plasmon
   resonance (Wong 1999); association rates are solved so that, at steady state,
   0.38% is free and 12.5% binary. The linear system is solved exactly with a
   matrix exponential.

Molar concentrations use stated molar masses: IGF-1 7,649 g/mol
(``course_lib/data/constants.csv``), IGF-2 7,469 g/mol, and for IGFBP-3 the **core
polypeptide, 28,700 g/mol**: one polypeptide carries one IGF site whatever its
sugars, so counting molecules needs the polypeptide mass, while the glycosylated
protein runs at 43-45 kDa on gels (Spratt 1990). :func:`molar_mass_g_per_mol`
offers both so the difference can be seen.

>>> round(free_fraction(26.0, igfbp_nM=0.0, kd_nM=0.1), 12)
1.0
>>> round(free_fraction(1e-3, igfbp_nM=1e4, kd_nM=0.1) / (0.1 / 1e4), 4)
1.0
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from scipy.linalg import expm
from scipy.optimize import brentq, least_squares, root

from .. import data, units
from .._validate import choice, instance, real
from ..units import MAX_CONC_nM  # re-exported: binding.MAX_CONC_nM is part of this module's API
from . import reference_ranges

__all__ = [
    "MAX_CONC_nM",
    "MOLECULES",
    "SCENARIOS",
    "free_fraction",
    "free_concentration",
    "single_site",
    "molar_mass_g_per_mol",
    "to_nM",
    "to_ng_per_mL",
    "SerumState",
    "serum_equilibrium",
    "calibration",
    "default_inputs",
    "default_serum",
    "tracer_free_fraction",
    "kd_fold_for_free_fraction",
    "proteolysis_free_igf1",
    "molar_ratio_by_age",
    "published_ratio_by_age",
    "pool_rates",
    "simulate_pools",
    "time_to_fraction",
]

_TABLE = "binding_parameters"
#: Molecules with a stated molar mass.
MOLECULES = ("igf1", "igf2", "igfbp3", "igfbp3_glycosylated", "als")
#: Perturbations the three-pool simulation knows.
SCENARIOS = ("tracer", "production_stops")


def _p(name: str) -> float:
    return data.parameter(_TABLE, name)


# ---------------------------------------------------------------------------
# 1. One binding protein, exact
# ---------------------------------------------------------------------------
def _out(x):
    return float(x) if np.ndim(x) == 0 else x


def _single_free(L, P, K):
    b = P + K - L
    d = np.sqrt(b * b + 4.0 * K * L)
    with np.errstate(invalid="ignore", divide="ignore"):
        pos = 2.0 * K * L / (b + d)
    return np.where(b >= 0, pos, (d - b) / 2.0)


def _single_inputs(total_igf1_nM, igfbp_nM, kd_nM):
    L = real(total_igf1_nM, name="total_igf1_nM", unit="nmol/L", low=0, low_open=True, high=MAX_CONC_nM)
    P = real(igfbp_nM, name="igfbp_nM", unit="nmol/L", low=0, high=MAX_CONC_nM)
    K = real(kd_nM, name="kd_nM", unit="nmol/L", low=0, low_open=True, high=MAX_CONC_nM)
    return np.broadcast_arrays(np.asarray(L, float), np.asarray(P, float), np.asarray(K, float))


def free_concentration(total_igf1_nM, *, igfbp_nM, kd_nM):
    """Free IGF-1 (nmol/L) at equilibrium with one binding protein (exact quadratic root).

    Parameters
    ----------
    total_igf1_nM : float or array-like
        Total IGF-1, nmol/L, greater than 0.
    igfbp_nM : float or array-like
        Total IGF binding sites of the binding protein, nmol/L, 0 or more.
    kd_nM : float or array-like
        Dissociation constant, nmol/L, greater than 0.

    Examples
    --------
    >>> round(free_concentration(26.0, igfbp_nM=100.0, kd_nM=0.1), 5)
    0.03507
    """
    L, P, K = _single_inputs(total_igf1_nM, igfbp_nM, kd_nM)
    return _out(_single_free(L, P, K))


def free_fraction(total_igf1_nM, *, igfbp_nM, kd_nM):
    """Fraction of IGF-1 that is free (0 to 1) with one binding protein, from the exact quadratic.

    Falls as ``igfbp_nM`` rises and rises with ``kd_nM``; equals 1 with no
    binding protein and tends to ``kd_nM / igfbp_nM`` in a large excess of it.
    Same parameters as :func:`free_concentration`.

    >>> round(free_fraction(26.0, igfbp_nM=100.0, kd_nM=0.1) * 100, 4)
    0.1349
    """
    L, P, K = _single_inputs(total_igf1_nM, igfbp_nM, kd_nM)
    return _out(_single_free(L, P, K) / L)


@dataclass(frozen=True)
class SingleSite:
    """The equilibrium of one IGF and one binding protein, all in nmol/L."""

    free_igf1_nM: float
    bound_nM: float
    free_igfbp_nM: float
    free_fraction: float


def single_site(total_igf1_nM: float, *, igfbp_nM: float, kd_nM: float) -> SingleSite:
    """Free and bound IGF-1 and free binding protein for scalar inputs (see :func:`free_fraction`)."""
    for v, n in ((total_igf1_nM, "total_igf1_nM"), (igfbp_nM, "igfbp_nM"), (kd_nM, "kd_nM")):
        real(v, name=n, unit="nmol/L", allow_array=False)
    F = free_concentration(total_igf1_nM, igfbp_nM=igfbp_nM, kd_nM=kd_nM)
    C = total_igf1_nM - F
    return SingleSite(F, C, igfbp_nM - C, F / total_igf1_nM)


# ---------------------------------------------------------------------------
# Molar masses and conversions
# ---------------------------------------------------------------------------
def molar_mass_g_per_mol(molecule: str) -> float:
    """Molar mass used by the course for ``molecule`` (g/mol); see the module docstring.

    >>> molar_mass_g_per_mol("igfbp3")
    28700.0
    """
    choice(molecule, name="molecule", choices=MOLECULES)
    if molecule == "igf1":
        return data.parameter("constants", "igf1_molar_mass_g_per_mol")
    name = {
        "igf2": "igf2_molar_mass_g_per_mol",
        "igfbp3": "igfbp3_core_molar_mass_g_per_mol",
        "igfbp3_glycosylated": "igfbp3_glycosylated_molar_mass_g_per_mol",
        "als": "als_molar_mass_g_per_mol",
    }
    return _p(name[molecule])


def to_nM(conc_ng_per_mL, *, molecule: str):
    """Convert ng/mL (= ug/L) to nmol/L with the course's molar mass for ``molecule``.

    ``conc_ng_per_mL`` is 0 to 1,000,000 ng/mL (1 mg/mL, :data:`course_lib.units.MAX_NG_PER_ML`,
    thousands of times above any serum level of these proteins); ``molecule`` is one of
    :data:`MOLECULES`.

    >>> round(to_nM(4400, molecule="igfbp3"), 1)
    153.3
    """
    choice(molecule, name="molecule", choices=MOLECULES)
    x = real(conc_ng_per_mL, name="conc_ng_per_mL", unit="ng/mL", low=0, high=units.MAX_NG_PER_ML)
    if molecule == "igf1":
        return units.ng_per_mL_to_nmol_per_L(x)
    m = molar_mass_g_per_mol(molecule)
    return _out(np.asarray(x) / m * 1000.0)


def to_ng_per_mL(conc_nM, *, molecule: str):
    """Convert nmol/L to ng/mL with the course's molar mass for ``molecule``.

    ``conc_nM`` is 0 to 100,000 nmol/L (:data:`course_lib.units.MAX_NMOL_PER_L`, thousands
    of times above any serum level); ``molecule`` is one of :data:`MOLECULES`.
    """
    choice(molecule, name="molecule", choices=MOLECULES)
    x = real(conc_nM, name="conc_nM", unit="nmol/L", low=0, high=units.MAX_NMOL_PER_L)
    if molecule == "igf1":
        return units.nmol_per_L_to_ng_per_mL(x)
    m = molar_mass_g_per_mol(molecule)
    return _out(np.asarray(x) * m / 1000.0)


# ---------------------------------------------------------------------------
# 2. Serum competition: IGF-1 and IGF-2, IGFBP-3 + ALS, binary carriers
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class SerumState:
    """Equilibrium of the serum model; every concentration in nmol/L.

    ``igf1`` and ``igf2`` map each pool ("free", "binary_igfbp3", "ternary",
    "binary_other") to its concentration. ``inputs`` holds the totals and
    constants that produced the state.
    """

    igf1: dict
    igf2: dict
    free_igfbp3_nM: float
    free_als_nM: float
    free_other_nM: float
    inputs: dict

    def fraction(self, pool: str, ligand: str = "igf1") -> float:
        """Share of a ligand's total in one pool, or in "binary" (both binary pools together).

        ``pool`` is one of "free", "binary_igfbp3", "ternary", "binary_other" or "binary";
        ``ligand`` is "igf1" or "igf2".
        """
        choice(pool, name="pool", choices=(*self.igf1, "binary"))
        d = {"igf1": self.igf1, "igf2": self.igf2}[choice(ligand, name="ligand", choices=("igf1", "igf2"))]
        total = sum(d.values())
        if pool == "binary":
            return (d["binary_igfbp3"] + d["binary_other"]) / total
        return d[pool] / total

    @property
    def igfbp3_saturation(self) -> float:
        """Share of IGFBP-3 sites carrying an IGF (binary or ternary)."""
        occupied = sum(self.igf1[k] + self.igf2[k] for k in ("binary_igfbp3", "ternary"))
        return occupied / self.inputs["igfbp3_nM"] if self.inputs["igfbp3_nM"] > 0 else 0.0

    def mass_balance_errors(self) -> dict:
        """Relative error of each mass balance (all should be ~1e-12)."""
        i = self.inputs
        bp3 = self.free_igfbp3_nM + sum(self.igf1[k] + self.igf2[k] for k in ("binary_igfbp3", "ternary"))
        als = self.free_als_nM + self.igf1["ternary"] + self.igf2["ternary"]
        oth = self.free_other_nM + self.igf1["binary_other"] + self.igf2["binary_other"]
        pairs = {
            "igf1": (sum(self.igf1.values()), i["igf1_nM"]),
            "igf2": (sum(self.igf2.values()), i["igf2_nM"]),
            "igfbp3": (bp3, i["igfbp3_nM"]),
            "als": (als, i["als_nM"]),
            "other": (oth, i["other_igfbp_nM"]),
        }
        return {k: (abs(a - b) / b if b > 0 else abs(a)) for k, (a, b) in pairs.items()}


_SERUM_ARGS = (
    "igf1_nM",
    "igf2_nM",
    "igfbp3_nM",
    "als_nM",
    "other_igfbp_nM",
    "kd_igf1_igfbp3_nM",
    "kd_igf2_igfbp3_nM",
    "kd_als_nM",
    "kd_other_nM",
)


def serum_equilibrium(
    *, igf1_nM, igf2_nM, igfbp3_nM, als_nM, other_igfbp_nM, kd_igf1_igfbp3_nM, kd_igf2_igfbp3_nM, kd_als_nM, kd_other_nM
) -> SerumState:
    """Solve the competitive equilibrium of the serum model (all arguments scalar, nmol/L).

    Complexes: IGF-x.IGFBP-3 (``kd_igfx_igfbp3_nM``), IGF-x.IGFBP-3.ALS (ALS joins
    only IGF-loaded IGFBP-3, ``kd_als_nM``), IGF-x.other (``kd_other_nM`` for both
    IGFs). ``igf1_nM`` must be positive; the other totals may be 0.

    Raises RuntimeError if the solver does not converge (it has not been seen to).
    """
    args = dict(
        igf1_nM=igf1_nM,
        igf2_nM=igf2_nM,
        igfbp3_nM=igfbp3_nM,
        als_nM=als_nM,
        other_igfbp_nM=other_igfbp_nM,
        kd_igf1_igfbp3_nM=kd_igf1_igfbp3_nM,
        kd_igf2_igfbp3_nM=kd_igf2_igfbp3_nM,
        kd_als_nM=kd_als_nM,
        kd_other_nM=kd_other_nM,
    )
    v = {}
    for name in _SERUM_ARGS:
        is_kd = name.startswith("kd_")
        low_open = is_kd or name == "igf1_nM"
        v[name] = real(
            args[name], name=name, unit="nmol/L", low=0, low_open=low_open, high=MAX_CONC_nM, allow_array=False
        )
    I1T, I2T, B3T, AT, BoT = (v[k] for k in _SERUM_ARGS[:5])
    K13, K23, KA, Ko = v["kd_igf1_igfbp3_nM"], v["kd_igf2_igfbp3_nM"], v["kd_als_nM"], v["kd_other_nM"]
    active = [k for k, t in (("b3", B3T), ("a", AT if B3T > 0 else 0.0), ("bo", BoT)) if t > 0]
    totals = {"b3": B3T, "a": AT, "bo": BoT}

    def species(x):
        f = {"b3": 0.0, "a": 0.0, "bo": 0.0}
        f.update({k: float(np.exp(xi)) for k, xi in zip(active, x)})
        stab = 1.0 + f["a"] / KA
        I1 = I1T / (1.0 + f["b3"] / K13 * stab + f["bo"] / Ko)
        I2 = I2T / (1.0 + f["b3"] / K23 * stab + f["bo"] / Ko)
        c = {"c13": I1 * f["b3"] / K13, "c23": I2 * f["b3"] / K23, "c1o": I1 * f["bo"] / Ko, "c2o": I2 * f["bo"] / Ko}
        c["t1"], c["t2"] = c["c13"] * f["a"] / KA, c["c23"] * f["a"] / KA
        return f, I1, I2, c

    def residual(x):
        f, _, _, c = species(x)
        got = {
            "b3": f["b3"] + c["c13"] + c["c23"] + c["t1"] + c["t2"],
            "a": f["a"] + c["t1"] + c["t2"],
            "bo": f["bo"] + c["c1o"] + c["c2o"],
        }
        return np.array([np.log(got[k]) - np.log(totals[k]) for k in active])

    x = np.array([], dtype=float)
    if active:
        guess = {"b3": max(B3T - I1T - I2T, 0.05 * B3T), "a": 0.5 * AT, "bo": 0.5 * BoT}
        x0 = np.log([guess[k] for k in active])
        best = None
        for method in ("hybr", "lm"):
            sol = root(
                residual,
                x0,
                method=method,
                options={"xtol": 1e-15} if method == "hybr" else {"xtol": 1e-15, "ftol": 1e-15},
            )
            err = float(np.max(np.abs(residual(sol.x))))
            if best is None or err < best[1]:
                best = (sol.x, err)
            if err < 1e-11:
                break
        assert best is not None  # the loop above runs at least once
        x, err = best
        if err >= 1e-9:
            raise RuntimeError(f"serum_equilibrium did not converge (largest mass-balance error {err:.2g}).")
    f, I1, I2, c = species(x)
    return SerumState(
        igf1={"free": I1, "binary_igfbp3": c["c13"], "ternary": c["t1"], "binary_other": c["c1o"]},
        igf2={"free": I2, "binary_igfbp3": c["c23"], "ternary": c["t2"], "binary_other": c["c2o"]},
        free_igfbp3_nM=f["b3"],
        free_als_nM=f["a"],
        free_other_nM=f["bo"],
        inputs=v,
    )


def _measured_inputs() -> dict:
    """Totals and constants from the parameter table (nmol/L), before calibration."""
    return dict(
        igf1_nM=to_nM(_p("igf1_total_ng_per_mL"), molecule="igf1"),
        igf2_nM=to_nM(_p("igf2_total_ng_per_mL"), molecule="igf2"),
        igfbp3_nM=to_nM(_p("igfbp3_ng_per_mL"), molecule="igfbp3"),
        als_nM=_p("als_total_mg_per_L") * 1000.0 / molar_mass_g_per_mol("als") * 1000.0,
        kd_igf1_igfbp3_nM=_p("kd_igf1_igfbp3_nM"),
        kd_igf2_igfbp3_nM=_p("kd_igf2_igfbp3_nM"),
        kd_other_nM=_p("kd_other_igfbps_nM"),
    )


@functools.cache
def calibration() -> tuple[float, float]:
    """The calibrated ``(kd_als_nM, other_igfbp_nM)``.

    Solved (:func:`scipy.optimize.least_squares`, bounded in log space) so that, with the table's totals, 85% of
    IGF-1 is ternary and 10% is on the binary carriers (Kim 2022: 80-90% ternary,
    10-15% binary; the rest of the binary share is IGF-IGFBP-3 without ALS).
    """
    base = _measured_inputs()
    target_t = _p("ternary_fraction_of_igf1")
    target_o = _p("binary_fraction_of_igf1") - 0.025  # 0.10: lower end of Kim's 10-15% for the binary carriers

    def mismatch(x):
        s = serum_equilibrium(**base, kd_als_nM=float(np.exp(x[0])), other_igfbp_nM=float(np.exp(x[1])))
        return [s.fraction("ternary") - target_t, s.fraction("binary_other") - target_o]

    sol = least_squares(
        mismatch,
        np.log([5.0, 30.0]),
        bounds=(np.log([1e-4, 1e-2]), np.log([1e4, 1e4])),
        xtol=1e-15,
        ftol=1e-15,
        gtol=1e-15,
    )
    if max(abs(m) for m in mismatch(sol.x)) > 1e-8:
        raise RuntimeError("calibration of the serum model did not converge.")
    return float(np.exp(sol.x[0])), float(np.exp(sol.x[1]))


def default_inputs(**overrides) -> dict:
    """The serum model's inputs: table values plus the calibrated pair, with any overrides (nmol/L)."""
    kd_als, other = calibration()
    out = dict(_measured_inputs(), kd_als_nM=kd_als, other_igfbp_nM=other)
    for k in overrides:
        choice(k, name="override", choices=_SERUM_ARGS)
    out.update(overrides)
    return out


def default_serum(**overrides) -> SerumState:
    """:func:`serum_equilibrium` at the default inputs (see :func:`default_inputs`).

    >>> s = default_serum()
    >>> round(s.fraction("ternary"), 6), round(s.fraction("binary_other"), 6)
    (0.85, 0.1)
    """
    return serum_equilibrium(**default_inputs(**overrides))


def tracer_free_fraction(kd_fold, *, state: SerumState | None = None):
    """Free fraction of a trace amount of an IGF-1 analogue whose binding-protein Kds are ``kd_fold`` times IGF-1's.

    A trace amount does not change the free binding proteins of ``state`` (default:
    :func:`default_serum`), so the fraction is exact:
    ``1 / (1 + B3/(fold*K13) * (1 + A/K_ALS) + Bo/(fold*Ko))``. With ``kd_fold = 1``
    it equals IGF-1's own free fraction. Receptor binding is not part of this.
    ``state`` is ``None`` or a :class:`SerumState` from :func:`serum_equilibrium` or :func:`default_serum`.
    """
    fold = real(kd_fold, name="kd_fold", unit="times IGF-1's Kd", low=1e-3, high=1e6)
    if state is not None:
        instance(
            state,
            name="state",
            types=SerumState,
            what="None or the SerumState that binding.serum_equilibrium(...) or binding.default_serum() returns",
        )
    s = state if state is not None else default_serum()
    i = s.inputs
    stab = 1.0 + s.free_als_nM / i["kd_als_nM"]
    out = 1.0 / (
        1.0
        + s.free_igfbp3_nM / (np.asarray(fold) * i["kd_igf1_igfbp3_nM"]) * stab
        + s.free_other_nM / (np.asarray(fold) * i["kd_other_nM"])
    )
    return _out(out)


def kd_fold_for_free_fraction(target_pct: float) -> float:
    """How many times weaker IGF-1's binding would have to be for the serum model to give ``target_pct`` free.

    Solved with :func:`scipy.optimize.brentq` on :func:`tracer_free_fraction`; for
    example the fold that turns the model's prediction into the 0.38% measured by
    ultrafiltration. ``target_pct`` must lie between the model's own free fraction and 99%.
    """
    low = tracer_free_fraction(1.0) * 100.0
    t = real(target_pct, name="target_pct", unit="percent", low=low, high=99.0, allow_array=False)
    return float(brentq(lambda f: tracer_free_fraction(f) * 100.0 - t, 1.0, 1e6, xtol=1e-12, rtol=1e-12))


def proteolysis_free_igf1(lost_fraction) -> float:
    """Free IGF-1 relative to baseline when a share of IGFBP-3 can no longer bind IGF (illustrative).

    ``lost_fraction`` (0 to 0.9) of IGFBP-3 is removed from the serum model;
    everything else is kept. Returns free IGF-1 / baseline free IGF-1.
    """
    lost = real(lost_fraction, name="lost_fraction", unit="fraction of IGFBP-3", low=0, high=0.9, allow_array=False)
    base = default_serum()
    after = default_serum(igfbp3_nM=base.inputs["igfbp3_nM"] * (1.0 - lost))
    return after.igf1["free"] / base.igf1["free"]


# ---------------------------------------------------------------------------
# Age: the IGF-1 / IGFBP-3 molar ratio from the reference tables
# ---------------------------------------------------------------------------
def molar_ratio_by_age(age_y, *, sex: str):
    """IGF-1 median (nmol/L) / IGFBP-3 median (nmol/L, core mass) at each age, from the iSYS LMS tables.

    A ratio of medians, not the median of individual ratios.
    """
    igf1 = to_nM(reference_ranges.lms_percentile(age_y, dataset="igf1_lms_isys2014", sex=sex, p=50), molecule="igf1")
    bp3 = to_nM(reference_ranges.lms_percentile(age_y, dataset="igfbp3_lms_isys2014", sex=sex, p=50), molecule="igfbp3")
    return _out(np.asarray(igf1) / np.asarray(bp3))


def published_ratio_by_age(age_y, *, sex: str):
    """Median of the published IGF-1/IGFBP-3 ratio table (Friedrich 2014), divided by 100.

    The stored values appear to be the molar ratio x 100; that scaling is inferred,
    not read in the paper (``course_lib/data/igf1_igfbp3_ratio_lms_isys2014.yaml``).
    """
    return _out(
        np.asarray(reference_ranges.lms_percentile(age_y, dataset="igf1_igfbp3_ratio_lms_isys2014", sex=sex, p=50))
        / 100.0
    )


# ---------------------------------------------------------------------------
# 3. Three pools over time
# ---------------------------------------------------------------------------
_MIN_PER_H = 60.0


def _half_lives(t_half_free_min, t_half_binary_min, t_half_ternary_h):
    given = (
        ("t_half_free_min", t_half_free_min, "min"),
        ("t_half_binary_min", t_half_binary_min, "min"),
        ("t_half_ternary_h", t_half_ternary_h, "h"),
    )
    checked = []
    for name, value, unit in given:
        _default, low, high = data.parameter_range(_TABLE, name)
        checked.append(real(value, name=name, unit=unit, low=low, high=high, allow_array=False))
    return tuple(checked)


def pool_rates(*, t_half_free_min=None, t_half_binary_min=None, t_half_ternary_h=None) -> dict:
    """Rate constants (per minute) of the three-pool model and its steady-state shares.

    Clearance ``k = ln 2 / t_half`` for each pool; release from the binary and
    ternary pools at the table's dissociation rates; binding (free -> binary,
    free -> ternary) solved so that the steady state has 0.38% free (Frystyk
    1994) and 12.5% binary (Kim 2022), the rest ternary. Defaults come from
    ``course_lib/data/binding_parameters.csv``; the valid range of each half-life is its
    row's low-high range.
    """
    tf, tb, tt = _half_lives(
        _p("t_half_free_min") if t_half_free_min is None else t_half_free_min,
        _p("t_half_binary_min") if t_half_binary_min is None else t_half_binary_min,
        _p("t_half_ternary_h") if t_half_ternary_h is None else t_half_ternary_h,
    )
    share_f = _p("free_fraction_frystyk_pct") / 100.0
    share_b = _p("binary_fraction_of_igf1")
    share_t = 1.0 - share_f - share_b
    k = {
        "clear_free": np.log(2) / tf,
        "clear_binary": np.log(2) / tb,
        "clear_ternary": np.log(2) / (tt * _MIN_PER_H),
        "release_binary": _p("koff_binary_per_s") * 60.0,
        "release_ternary": _p("koff_ternary_per_s") * 60.0,
    }
    k["bind_binary"] = (k["release_binary"] + k["clear_binary"]) * share_b / share_f
    k["bind_ternary"] = (k["release_ternary"] + k["clear_ternary"]) * share_t / share_f
    k["production"] = k["clear_free"] * share_f + k["clear_binary"] * share_b + k["clear_ternary"] * share_t
    k["steady_state"] = np.array([share_f, share_b, share_t])
    return k


def _matrix(k: dict, *, binding: bool) -> np.ndarray:
    if not binding:
        return np.diag([-k["clear_free"], 0.0, 0.0])
    return np.array(
        [
            [-(k["clear_free"] + k["bind_binary"] + k["bind_ternary"]), k["release_binary"], k["release_ternary"]],
            [k["bind_binary"], -(k["release_binary"] + k["clear_binary"]), 0.0],
            [k["bind_ternary"], 0.0, -(k["release_ternary"] + k["clear_ternary"])],
        ]
    )


def _propagate(A: np.ndarray, x0: np.ndarray, t: np.ndarray) -> np.ndarray:
    """``expm(A t) @ x0`` for every ``t``, via the eigen-decomposition of ``A`` (expm when that is ill-conditioned)."""
    lam, V = np.linalg.eig(A)
    if np.linalg.cond(V) > 1e8:
        return np.array([expm(A * ti) @ x0 for ti in t])
    c = np.linalg.solve(V, x0)
    return np.real((V[None, :, :] * (c * np.exp(np.outer(t, lam)))[:, None, :]).sum(axis=2))


def simulate_pools(
    t_min, *, scenario: str = "tracer", t_half_free_min=None, t_half_binary_min=None, t_half_ternary_h=None
) -> dict:
    """Free, binary and ternary IGF-1 over time after a perturbation (percent; mechanism only).

    Scenarios
    ---------
    ``"tracer"``
        A trace of labelled free IGF-1 enters the free pool at time 0 (as in the
        tracer studies of Guler 1989). Pools are percent of the tracer given.
        ``"no_binding_free"`` is the same tracer with no binding proteins.
    ``"production_stops"``
        The system starts at steady state and new IGF-1 stops entering at time
        0. Pools are percent of the starting total. ``"no_binding_free"`` is
        free IGF-1 if there were no binding proteins (it would start at 100%).

    ``t_min`` are times in minutes (0 to 7 days). The linear system
    ``x' = A x (+ production)`` is solved exactly (matrix exponential, via the
    eigen-decomposition of the rate matrix). Returns a dict of arrays: ``t_min``, ``free``, ``binary``, ``ternary``,
    ``total``, ``no_binding_free``.
    """
    choice(scenario, name="scenario", choices=SCENARIOS)
    t = np.atleast_1d(real(t_min, name="t_min", unit="min", low=0, high=7 * 24 * 60.0))
    k = pool_rates(
        t_half_free_min=t_half_free_min, t_half_binary_min=t_half_binary_min, t_half_ternary_h=t_half_ternary_h
    )
    A = _matrix(k, binding=True)
    x0 = np.array([1.0, 0.0, 0.0]) if scenario == "tracer" else k["steady_state"].copy()
    xs = _propagate(A, x0, t) * 100.0
    no_binding = 100.0 * np.exp(-k["clear_free"] * t)
    return {
        "t_min": t,
        "free": xs[:, 0],
        "binary": xs[:, 1],
        "ternary": xs[:, 2],
        "total": xs.sum(axis=1),
        "no_binding_free": no_binding,
    }


def time_to_fraction(t_min, values, fraction: float = 0.5) -> float:
    """First time (same unit as ``t_min``) at which ``values`` fall to ``fraction`` of their first value.

    Linear interpolation between samples; ``nan`` if they never fall that far.

    Parameters
    ----------
    t_min : array-like
        Sample times, minutes, in increasing order (1-D, at least 2), such as the
        ``t_min`` of :func:`simulate_pools`.
    values : array-like
        The curve at those times (same length); its first value must be above 0.
    fraction : float
        Between 0 and 1 (exclusive).
    """
    t = real(t_min, name="t_min", unit="min")
    y = real(values, name="values", unit="the curve's unit")
    if np.ndim(t) != 1 or np.size(t) < 2:
        raise ValueError(
            f"t_min must be a 1-D array of at least 2 times in min, in increasing order; got shape {np.shape(t)}."
        )
    if np.any(np.diff(t) < 0):
        raise ValueError(
            "t_min must be a 1-D array of at least 2 times in min, in increasing order; its times go backwards."
        )
    if np.shape(y) != np.shape(t):
        raise ValueError(
            f"values must be a 1-D array with one value per time in t_min ({np.size(t)}); got shape {np.shape(y)}."
        )
    real(y[0], name="values[0]", unit="the curve's unit", low=0, low_open=True)
    target = y[0] * real(
        fraction, name="fraction", unit="fraction", low=0, high=1, low_open=True, high_open=True, allow_array=False
    )
    below = np.nonzero(y <= target)[0]
    if below.size == 0:
        return float("nan")
    i = int(below[0])
    if i == 0:
        return float(t[0])
    return float(np.interp(target, [y[i], y[i - 1]], [t[i], t[i - 1]]))
