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
   carriers (IGFBP-1, -2, -4, -6); the acid-labile subunit (ALS) joins IGFBP-3.
   Which IGFBP-3 it joins is a structural choice, ``als_binds``: only IGF-loaded
   IGFBP-3 (``"loaded"``, the default: the order of assembly in Kim 2022), or empty
   and loaded alike (``"both"``). With ``"loaded"``, linked equilibria multiply
   IGF's effective affinity for IGFBP-3 by ``1 + [ALS]free / K_ALS`` (about 18 at
   the defaults); with ``"both"`` ALS leaves the IGF distribution unchanged. The
   equilibrium (five mass balances) is solved with :func:`scipy.optimize.root` on
   log concentrations. Two parameters, the ALS affinity and the capacity of the
   binary carriers, are calibrated for each structure so that 85% of IGF-1 is
   ternary and 10% is on the binary carriers (Kim 2022: 80-90% and 10-15%); the
   calibrated ALS affinity is compared with the measured ones (Baxter 1989: Kd
   about 2 nM). The free fraction that results is a *prediction* to compare with
   the 0.38% measured by ultrafiltration (Frystyk 1994): 0.014% with ``"loaded"``,
   0.26% with ``"both"`` (:func:`serum_anchor_table`, :func:`free_fraction_steps`).

3. **Three pools over time (mechanism only).** Free, binary and ternary IGF-1
   exchange through the free pool and are each cleared at an *intrinsic* rate.
   Dissociation rates come from surface plasmon resonance (Wong 1999); association
   rates are solved so that, at steady state, 0.38% is free and 12.5% binary. The
   intrinsic clearances of the two complexes are fitted
   (:func:`fit_intrinsic_clearance`) so that a simulated tracer shows the
   *apparent* half-lives measured by Guler 1989 (25 min binary, 13.5 h ternary),
   which already include release and re-binding. The linear system is solved
   exactly with a matrix exponential.

Molar concentrations use the mass per mole the assay's calibration refers to:
IGF-1 7,649 g/mol (``course_lib/data/constants.csv``), IGF-2 7,469 g/mol, and for
IGFBP-3 **28,700 g/mol**, the core polypeptide, because the maker of the iSYS assay
whose reference values the course uses states 28.7 kDa (the glycosylated protein
runs at 43-45 kDa on gels, Spratt 1990). For ALS the course did not find which mass
its ELISA refers to and uses the apparent 85 kDa of purified serum ALS (Baxter
1989). :func:`molar_mass_g_per_mol` offers both IGFBP-3 masses so the difference
can be seen.

>>> round(free_fraction(26.0, igfbp_nM=0.0, kd_nM=0.1), 12)
1.0
>>> round(free_fraction(1e-3, igfbp_nM=1e4, kd_nM=0.1) / (0.1 / 1e4), 4)
1.0
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd
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
    "ALS_BINDS",
    "DECOMPOSITION_STEPS",
    "MEASURED_KD_ALS",
    "free_fraction_steps",
    "kd_als_sensitivity",
    "serum_anchor_table",
    "pool_rates",
    "fit_intrinsic_clearance",
    "tracer_phases_min",
    "pools_anchor_table",
    "pools_steady_state",
    "als_deficiency",
    "simulate_pools",
    "time_to_fraction",
]

_TABLE = "binding_parameters"
#: Molecules with a stated molar mass.
MOLECULES = ("igf1", "igf2", "igfbp3", "igfbp3_glycosylated", "als")
#: Perturbations the three-pool simulation knows.
SCENARIOS = ("tracer", "production_stops")
#: Structures of the serum model: which IGFBP-3 the acid-labile subunit binds (see :func:`serum_equilibrium`).
ALS_BINDS = ("loaded", "both")


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
    #: ALS bound to IGFBP-3 that carries no IGF (nmol/L); 0 unless ``als_binds == "both"``.
    empty_igfbp3_als_nM: float = 0.0
    #: Which IGFBP-3 ALS binds: "loaded" (IGF-loaded only) or "both" (empty and loaded alike).
    als_binds: str = "loaded"

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
    def als_uncomplexed_fraction(self) -> float:
        """Share of total ALS not bound to IGFBP-3 (Khosravi 1997 measured about half)."""
        return self.free_als_nM / self.inputs["als_nM"] if self.inputs["als_nM"] > 0 else 0.0

    @property
    def als_linkage_factor(self) -> float:
        """How many times ALS multiplies IGF's effective affinity for empty IGFBP-3 sites (linked equilibria).

        When ALS joins only IGF-loaded IGFBP-3, every IGF.IGFBP-3 complex can be pulled on into a ternary
        complex, so the effective association constant for an empty site is multiplied by
        ``1 + [ALS]free / K_ALS``. When ALS binds empty and loaded IGFBP-3 alike, the factor is 1: ALS then
        binds IGFBP-3 whatever it carries and does not change how IGF shares out.
        """
        if self.als_binds == "both":
            return 1.0
        return 1.0 + self.free_als_nM / self.inputs["kd_als_nM"]

    @property
    def igfbp3_saturation(self) -> float:
        """Share of IGFBP-3 sites carrying an IGF (binary or ternary)."""
        occupied = sum(self.igf1[k] + self.igf2[k] for k in ("binary_igfbp3", "ternary"))
        return occupied / self.inputs["igfbp3_nM"] if self.inputs["igfbp3_nM"] > 0 else 0.0

    def mass_balance_errors(self) -> dict:
        """Relative error of each mass balance (all should be ~1e-12)."""
        i = self.inputs
        bp3 = (
            self.free_igfbp3_nM
            + self.empty_igfbp3_als_nM
            + sum(self.igf1[k] + self.igf2[k] for k in ("binary_igfbp3", "ternary"))
        )
        als = self.free_als_nM + self.empty_igfbp3_als_nM + self.igf1["ternary"] + self.igf2["ternary"]
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
    *,
    igf1_nM,
    igf2_nM,
    igfbp3_nM,
    als_nM,
    other_igfbp_nM,
    kd_igf1_igfbp3_nM,
    kd_igf2_igfbp3_nM,
    kd_als_nM,
    kd_other_nM,
    als_binds: str = "loaded",
) -> SerumState:
    """Solve the competitive equilibrium of the serum model (all arguments scalar, nmol/L).

    Complexes: IGF-x.IGFBP-3 (``kd_igfx_igfbp3_nM``), IGF-x.IGFBP-3.ALS (``kd_als_nM``),
    IGF-x.other (``kd_other_nM`` for both IGFs). ``igf1_nM`` must be positive; the
    other totals may be 0.

    ``als_binds`` is the model's structure, one of :data:`ALS_BINDS`:

    ``"loaded"`` (default)
        ALS joins only IGF-loaded IGFBP-3 (the order of assembly in Kim 2022; Baxter
        1989 saw the complex form "only in the presence of IGF-I or IGF-II"). By
        linked equilibria this multiplies IGF's effective affinity for IGFBP-3 by
        ``1 + [ALS]free / kd_als_nM`` (:attr:`SerumState.als_linkage_factor`).
    ``"both"``
        ALS binds empty and IGF-loaded IGFBP-3 with the same ``kd_als_nM``. Then
        ALS does not change how IGF shares out between its carriers (Baxter 1989:
        pure ALS had "no effect on the binding of IGF-I or IGF-II" to IGFBP-3).

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
    both = choice(als_binds, name="als_binds", choices=ALS_BINDS) == "both"
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
        # Mass action: IGF + IGFBP-3 <-> IGF.IGFBP-3 (K1x3), IGF.IGFBP-3 + ALS <-> ternary (KA), and with
        # als_binds="both" also IGFBP-3 + ALS <-> IGFBP-3.ALS (KA), which binds IGF like free IGFBP-3.
        stab = 1.0 + f["a"] / KA
        I1 = I1T / (1.0 + f["b3"] / K13 * stab + f["bo"] / Ko)
        I2 = I2T / (1.0 + f["b3"] / K23 * stab + f["bo"] / Ko)
        c = {"c13": I1 * f["b3"] / K13, "c23": I2 * f["b3"] / K23, "c1o": I1 * f["bo"] / Ko, "c2o": I2 * f["bo"] / Ko}
        c["t1"], c["t2"] = c["c13"] * f["a"] / KA, c["c23"] * f["a"] / KA
        c["b3a"] = f["b3"] * f["a"] / KA if both else 0.0
        return f, I1, I2, c

    def residual(x):
        f, _, _, c = species(x)
        got = {
            "b3": f["b3"] + c["b3a"] + c["c13"] + c["c23"] + c["t1"] + c["t2"],
            "a": f["a"] + c["b3a"] + c["t1"] + c["t2"],
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
        empty_igfbp3_als_nM=c["b3a"],
        als_binds="both" if both else "loaded",
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
def _calibration(als_binds: str) -> tuple[float, float]:
    base = _measured_inputs()
    target_t = _p("ternary_fraction_of_igf1")
    target_o = _p("binary_fraction_of_igf1") - 0.025  # 0.10: lower end of Kim's 10-15% for the binary carriers

    def mismatch(x):
        s = serum_equilibrium(
            **base, kd_als_nM=float(np.exp(x[0])), other_igfbp_nM=float(np.exp(x[1])), als_binds=als_binds
        )
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


def calibration(*, als_binds: str = "loaded") -> tuple[float, float]:
    """The calibrated ``(kd_als_nM, other_igfbp_nM)`` of one structure of the serum model (:data:`ALS_BINDS`).

    Solved (:func:`scipy.optimize.least_squares`, bounded in log space) so that, with the table's totals, 85% of
    IGF-1 is ternary and 10% is on the binary carriers (Kim 2022: 80-90% ternary,
    10-15% binary; the rest of the binary share is IGF-IGFBP-3 without ALS).
    """
    return _calibration(choice(als_binds, name="als_binds", choices=ALS_BINDS))


def default_inputs(*, als_binds: str = "loaded", **overrides) -> dict:
    """The serum model's inputs: table values plus the pair calibrated for ``als_binds``, with any overrides (nmol/L)."""
    kd_als, other = calibration(als_binds=als_binds)
    out = dict(_measured_inputs(), kd_als_nM=kd_als, other_igfbp_nM=other)
    for k in overrides:
        choice(k, name="override", choices=_SERUM_ARGS)
    out.update(overrides)
    return out


def default_serum(*, als_binds: str = "loaded", **overrides) -> SerumState:
    """:func:`serum_equilibrium` at the default inputs of one structure (see :func:`default_inputs`).

    >>> s = default_serum()
    >>> round(s.fraction("ternary"), 6), round(s.fraction("binary_other"), 6)
    (0.85, 0.1)
    >>> round(default_serum(als_binds="both").fraction("ternary"), 6)
    0.85
    """
    return serum_equilibrium(**default_inputs(als_binds=als_binds, **overrides), als_binds=als_binds)


#: The steps of :func:`free_fraction_steps`: label and what each step adds to the one before.
DECOMPOSITION_STEPS: tuple[tuple[str, dict[str, float], str], ...] = (
    ("IGF-1 and IGFBP-3 only", dict(igf2_nM=0.0, als_nM=0.0, other_igfbp_nM=0.0), "loaded"),
    ("+ IGF-2 competing for IGFBP-3", dict(als_nM=0.0, other_igfbp_nM=0.0), "loaded"),
    ("+ binary carriers (IGFBP-1, -2, -4, -6)", dict(als_nM=0.0), "loaded"),
    ("+ ALS binding empty and loaded IGFBP-3 alike", {}, "both"),
    ("+ ALS binding only IGF-loaded IGFBP-3 (the default)", {}, "loaded"),
)


def free_fraction_steps() -> pd.DataFrame:
    """Free IGF-1 in the serum model built up one piece at a time, against the 0.38% measured (Frystyk 1994).

    Every step uses the table's totals and the default calibration (``als_binds="loaded"``: ALS Kd and
    binary-carrier capacity); each adds one piece to the step before. Columns: ``step``, ``free_pct``,
    ``times_below_measured`` (0.38% / the model's free %) and ``als_linkage_factor``.
    """
    base = default_inputs()
    measured = _p("free_fraction_frystyk_pct")
    rows = []
    for label, change, structure in DECOMPOSITION_STEPS:
        s = serum_equilibrium(**{**base, **change}, als_binds=structure)
        free = s.fraction("free") * 100.0
        linkage = s.als_linkage_factor if s.inputs["als_nM"] > 0 else 1.0
        rows.append((label, free, measured / free, linkage))
    return pd.DataFrame(rows, columns=["step", "free_pct", "times_below_measured", "als_linkage_factor"])


#: Rows of ``binding_parameters`` with a measured ALS affinity, shown by :func:`kd_als_sensitivity`.
MEASURED_KD_ALS = ("kd_als_baxter1989_nM", "kd_als_rhigfbp3_nM")


def kd_als_sensitivity(kd_als_nM=None, *, als_binds: str = "loaded") -> pd.DataFrame:
    """Free IGF-1, ternary share and uncomplexed ALS when the ALS dissociation constant changes.

    ``kd_als_nM`` (nmol/L, each 1e-4 to 1e4) defaults to the calibrated value followed by the measured ones
    (:data:`MEASURED_KD_ALS`). Everything else stays at the default inputs of ``als_binds`` (so the
    binary-carrier capacity keeps its calibrated value). Columns: ``kd_als_nM``, ``free_pct``,
    ``ternary_pct``, ``als_uncomplexed_pct``.
    """
    choice(als_binds, name="als_binds", choices=ALS_BINDS)
    if kd_als_nM is None:
        kd_als_nM = [calibration(als_binds=als_binds)[0], *(_p(n) for n in MEASURED_KD_ALS)]
    kds = np.atleast_1d(real(kd_als_nM, name="kd_als_nM", unit="nmol/L", low=1e-4, high=1e4))
    rows = []
    for kd in kds:
        s = default_serum(als_binds=als_binds, kd_als_nM=float(kd))
        rows.append(
            (float(kd), s.fraction("free") * 100.0, s.fraction("ternary") * 100.0, s.als_uncomplexed_fraction * 100)
        )
    return pd.DataFrame(rows, columns=["kd_als_nM", "free_pct", "ternary_pct", "als_uncomplexed_pct"])


def serum_anchor_table() -> pd.DataFrame:
    """The serum model's anchors: published value and source beside the value of each structure.

    ``status`` says what the model does with the anchor: "calibrated" (the model is fitted to it),
    "prediction" (computed, compared) or "comparison" (shown, not claimed). Columns: ``anchor``,
    ``published``, ``low``, ``high`` (the published range, blank where the source gives none), ``source``,
    ``status``, ``loaded``, ``both`` (model values, in the anchor's unit) and ``loaded_in_range``,
    ``both_in_range`` (whether each lies inside the published range; False where there is no range).
    """
    table = data.parameters(_TABLE)
    states = {b: default_serum(als_binds=b) for b in ALS_BINDS}

    def row(anchor, name, scale, status, value):
        r = table.loc[name]
        low = r["low"] * scale if not np.isnan(r["low"]) else np.nan
        high = r["high"] * scale if not np.isnan(r["high"]) else np.nan
        return dict(
            anchor=anchor,
            published=r["value"] * scale,
            low=low,
            high=high,
            source=str(r["citation_key"]),
            status=status,
            **{b: value(s) for b, s in states.items()},
        )

    out = pd.DataFrame(
        [
            row(
                "IGF-1 in ternary complexes (%)",
                "ternary_fraction_of_igf1",
                100,
                "calibrated",
                lambda s: s.fraction("ternary") * 100,
            ),
            row(
                "IGF-1 in binary complexes (%)",
                "binary_fraction_of_igf1",
                100,
                "calibrated",
                lambda s: s.fraction("binary") * 100,
            ),
            row(
                "free IGF-1 (% of total)",
                "free_fraction_frystyk_pct",
                1,
                "prediction",
                lambda s: s.fraction("free") * 100,
            ),
            row(
                "ALS not bound to IGFBP-3 (%)",
                "als_uncomplexed_pct",
                1,
                "comparison",
                lambda s: s.als_uncomplexed_fraction * 100,
            ),
            row(
                "ALS dissociation constant (nM)",
                "kd_als_baxter1989_nM",
                1,
                "comparison",
                lambda s: s.inputs["kd_als_nM"],
            ),
        ]
    )
    for b in ALS_BINDS:
        out[f"{b}_in_range"] = (out[b] >= out["low"]) & (out[b] <= out["high"])
    return out


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


def kd_fold_for_free_fraction(target_pct: float, *, als_binds: str = "loaded") -> float:
    """How many times weaker IGF-1's binding would have to be for the serum model to give ``target_pct`` free.

    Solved with :func:`scipy.optimize.brentq` on :func:`tracer_free_fraction` for the default state of the
    structure ``als_binds`` (:data:`ALS_BINDS`); for example the fold that turns the model's prediction into
    the 0.38% measured by ultrafiltration. ``target_pct`` must lie between the model's own free fraction and 99%.
    """
    state = default_serum(als_binds=choice(als_binds, name="als_binds", choices=ALS_BINDS))
    low = tracer_free_fraction(1.0, state=state) * 100.0
    t = real(target_pct, name="target_pct", unit="percent", low=low, high=99.0, allow_array=False)
    return float(brentq(lambda f: tracer_free_fraction(f, state=state) * 100.0 - t, 1.0, 1e6, xtol=1e-12, rtol=1e-12))


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


def _steady_shares() -> tuple[float, float, float]:
    share_f = _p("free_fraction_frystyk_pct") / 100.0
    share_b = _p("binary_fraction_of_igf1")
    return share_f, share_b, 1.0 - share_f - share_b


def _rates(clear_free: float, clear_binary: float, clear_ternary: float) -> dict:
    """The rate constants (per minute) for given intrinsic clearances, with binding solved from the steady state."""
    share_f, share_b, share_t = _steady_shares()
    k: dict = {
        "clear_free": clear_free,
        "clear_binary": clear_binary,
        "clear_ternary": clear_ternary,
        "release_binary": _p("koff_binary_per_s") * 60.0,
        "release_ternary": _p("koff_ternary_per_s") * 60.0,
    }
    k["bind_binary"] = (k["release_binary"] + k["clear_binary"]) * share_b / share_f
    k["bind_ternary"] = (k["release_ternary"] + k["clear_ternary"]) * share_t / share_f
    k["production"] = k["clear_free"] * share_f + k["clear_binary"] * share_b + k["clear_ternary"] * share_t
    k["steady_state"] = np.array([share_f, share_b, share_t])
    return k


def _phases(k: dict) -> np.ndarray:
    lam = np.linalg.eigvals(_matrix(k, binding=True))
    return np.sort(np.log(2.0) / -np.real(lam))


def tracer_phases_min(*, t_half_free_min=None, t_half_binary_min=None, t_half_ternary_h=None) -> np.ndarray:
    """Half-lives (min) of the three phases of a tracer in the three-pool model, fastest first.

    A tracer in a linear three-pool system is a sum of three exponentials whose rates are the
    eigenvalues of the rate matrix: a fast phase (free IGF-1 binding to its carriers), a middle phase
    (the binary complexes) and a slow phase (the ternary complex). These are the model's *apparent*
    half-lives, the quantities a tracer study such as Guler 1989 measures. Arguments as for
    :func:`pool_rates`.

    >>> [round(float(x), 1) for x in tracer_phases_min()]
    [0.5, 25.0, 810.0]
    """
    return _phases(
        pool_rates(
            t_half_free_min=t_half_free_min, t_half_binary_min=t_half_binary_min, t_half_ternary_h=t_half_ternary_h
        )
    )


def fit_intrinsic_clearance(*, t_half_free_min, t_half_binary_min, t_half_ternary_h) -> dict:
    """Intrinsic clearances (per minute) that make the simulated tracer show the given apparent half-lives.

    ``t_half_free_min`` (min) is the intrinsic half-life of free IGF-1 (it is used as given);
    ``t_half_binary_min`` (min) and ``t_half_ternary_h`` (h) are the *apparent* half-lives of the
    middle and slow tracer phases (:func:`tracer_phases_min`), which already include release from the
    complexes and re-binding. The two intrinsic clearances are solved with
    :func:`scipy.optimize.least_squares` in log space (so both stay positive); each range is its row's
    low-high range in ``binding_parameters``. Returns ``{"clear_free", "clear_binary", "clear_ternary"}``.

    Raises ValueError if no positive clearance gives the targets (the model's release rates set a ceiling
    on the apparent ternary half-life, about 15.6 h at the defaults).
    """
    tf, tb, tt = _half_lives(t_half_free_min, t_half_binary_min, t_half_ternary_h)
    return dict(zip(("clear_free", "clear_binary", "clear_ternary"), _fit_clearance(tf, tb, tt)))


#: Smallest intrinsic clearance (per minute) the fit tries; the largest is ln 2 / the apparent half-life,
#: because release from a complex can only add to the loss the tracer shows.
_CLEAR_MIN = 1e-12


@functools.lru_cache(maxsize=512)
def _fit_clearance(tf: float, tb: float, tt: float) -> tuple[float, float, float]:
    # Nested one-dimensional roots (each phase falls monotonically as its own clearance rises): for a trial
    # ternary clearance, the binary clearance that gives the middle phase; then the ternary clearance that
    # gives the slow phase. Both in log space, with scipy.optimize.brentq.
    cf = float(np.log(2.0) / tf)
    lo = np.log(_CLEAR_MIN)

    def binary_for(ct: float) -> float:
        def gap(x):
            return np.log(_phases(_rates(cf, float(np.exp(x)), ct))[1] / tb)

        hi_b = np.log(np.log(2.0) / tb)
        if gap(lo) < 0:
            raise ValueError(
                f"t_half_binary_min = {tb:g} min cannot be reached by the three-pool model: release from the "
                "binary complexes alone makes that phase shorter. Choose a shorter half-life."
            )
        return float(np.exp(brentq(gap, lo, hi_b, xtol=1e-13, rtol=1e-13)))

    def slow_gap(y):
        ct = float(np.exp(y))
        return np.log(_phases(_rates(cf, binary_for(ct), ct))[2] / (tt * _MIN_PER_H))

    if slow_gap(lo) < 0:
        ceiling = _phases(_rates(cf, binary_for(_CLEAR_MIN), _CLEAR_MIN))[2] / _MIN_PER_H
        raise ValueError(
            f"t_half_ternary_h = {tt:g} h with t_half_binary_min = {tb:g} min cannot be reached by the three-pool "
            f"model: release from the ternary complex alone limits its apparent half-life to about {ceiling:.1f} h. "
            "Choose a shorter half-life."
        )
    ct = float(np.exp(brentq(slow_gap, lo, np.log(np.log(2.0) / (tt * _MIN_PER_H)), xtol=1e-13, rtol=1e-13)))
    return cf, binary_for(ct), ct


def pool_rates(*, t_half_free_min=None, t_half_binary_min=None, t_half_ternary_h=None) -> dict:
    """Rate constants (per minute) of the three-pool model and its steady-state shares.

    ``t_half_free_min`` is the intrinsic half-life of free IGF-1 (clearance ``ln 2 / t_half``);
    ``t_half_binary_min`` and ``t_half_ternary_h`` are the *apparent* half-lives the simulated tracer
    should show (Guler 1989 measured apparent half-lives, which include release and re-binding). With
    all three left at ``None`` the model uses the intrinsic clearances stored in
    ``course_lib/data/binding_parameters.csv`` (``t_half_binary_intrinsic_min``,
    ``t_half_ternary_intrinsic_h``, fitted to the Guler midpoints); otherwise they are refitted with
    :func:`fit_intrinsic_clearance`. Release from the binary and ternary pools is at the table's
    dissociation rates; binding (free -> binary, free -> ternary) is solved so that the steady state has
    0.38% free (Frystyk 1994) and 12.5% binary (Kim 2022), the rest ternary. The valid range of each
    half-life is its row's low-high range.
    """
    if t_half_free_min is None and t_half_binary_min is None and t_half_ternary_h is None:
        cf = np.log(2.0) / _p("t_half_free_min")
        cb = np.log(2.0) / _p("t_half_binary_intrinsic_min")
        ct = np.log(2.0) / (_p("t_half_ternary_intrinsic_h") * _MIN_PER_H)
        return _rates(float(cf), float(cb), float(ct))
    c = fit_intrinsic_clearance(
        t_half_free_min=_p("t_half_free_min") if t_half_free_min is None else t_half_free_min,
        t_half_binary_min=_p("t_half_binary_min") if t_half_binary_min is None else t_half_binary_min,
        t_half_ternary_h=_p("t_half_ternary_h") if t_half_ternary_h is None else t_half_ternary_h,
    )
    return _rates(c["clear_free"], c["clear_binary"], c["clear_ternary"])


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


def pools_anchor_table(*, t_half_free_min=None, t_half_binary_min=None, t_half_ternary_h=None) -> pd.DataFrame:
    """The three-pool model's anchors: Guler 1989's apparent half-lives and the steady-state shares.

    The model's half-lives are its tracer phases (:func:`tracer_phases_min`); the shares are its steady
    state. Arguments as for :func:`pool_rates`. Columns: ``anchor``, ``published``, ``low``, ``high``,
    ``source``, ``status`` ("fitted", "by construction" or "not fitted"), ``model``, ``in_range``.
    """
    table = data.parameters(_TABLE)
    k = pool_rates(
        t_half_free_min=t_half_free_min, t_half_binary_min=t_half_binary_min, t_half_ternary_h=t_half_ternary_h
    )
    phases = _phases(k)
    ss = k["steady_state"]
    rows = [
        ("free IGF-1 phase (min)", "guler_t_half_free_min", 1, "not fitted", phases[0]),
        ("binary-complex phase (min)", "guler_t_half_binary_min", 1, "fitted", phases[1]),
        ("ternary-complex phase (h)", "guler_t_half_ternary_h", 1, "fitted", phases[2] / _MIN_PER_H),
        ("free at steady state (% of total)", "free_fraction_frystyk_pct", 1, "by construction", ss[0] * 100),
        ("binary at steady state (%)", "binary_fraction_of_igf1", 100, "by construction", ss[1] * 100),
        ("ternary at steady state (%)", "ternary_fraction_of_igf1", 100, "by construction", ss[2] * 100),
    ]
    out = pd.DataFrame(
        [
            dict(
                anchor=a,
                published=table.loc[n, "value"] * f,
                low=table.loc[n, "low"] * f,
                high=table.loc[n, "high"] * f,
                source=str(table.loc[n, "citation_key"]),
                status=st,
                model=float(v),
            )
            for a, n, f, st, v in rows
        ]
    )
    out["in_range"] = (out["model"] >= out["low"]) & (out["model"] <= out["high"])
    return out


def pools_steady_state(*, ternary: bool = True) -> dict:
    """Steady state of the three-pool model for the default rates, with or without the ternary complex.

    New IGF-1 enters the free pool at the default production rate (the one that holds 0.38% free and
    12.5% binary, :func:`pool_rates`). With ``ternary=False`` free IGF-1 can no longer enter the ternary
    complex (its binding rate is set to 0): the model's picture of a person without ALS. Every other rate
    stays the same, so the comparison leaves out any change in production (feedback through GH).

    Returns ``{"free", "binary", "ternary", "total"}`` as fractions of the *normal* total (the default
    steady state sums to 1). Solved exactly: ``A x = -production * e_free``.

    >>> s = pools_steady_state(ternary=False)
    >>> round(s["total"], 3), round(s["free"] / pools_steady_state()["free"], 3)
    (0.133, 1.035)
    """
    if not isinstance(ternary, bool):
        raise TypeError(f"ternary must be True or False; got {ternary!r} (a {type(ternary).__name__}).")
    k = dict(pool_rates())
    if not ternary:
        k["bind_ternary"] = 0.0
    x = np.linalg.solve(_matrix(k, binding=True), -np.array([k["production"], 0.0, 0.0]))
    return {"free": float(x[0]), "binary": float(x[1]), "ternary": float(x[2]), "total": float(x.sum())}


def als_deficiency() -> pd.DataFrame:
    """What the unit's two models say happens to total and free IGF-1 when there is no ALS.

    Two rows, ``"normal"`` and ``"no ALS"``. From the three-pool model (:func:`pools_steady_state`, same
    production, no ternary complex): ``total_pct_of_normal`` and ``free_pct_of_normal``, the steady-state
    total and free IGF-1 as percent of normal. From the serum equilibrium (:func:`default_serum` with
    ``als_nM=0``, the total held fixed): ``free_share_pct``, free IGF-1 as percent of total. Mechanism only:
    both models are illustrative, and neither is fitted to patients.
    """
    normal, none = pools_steady_state(), pools_steady_state(ternary=False)
    rows = []
    for label, pools, serum in (
        ("normal", normal, default_serum()),
        ("no ALS", none, default_serum(als_nM=0.0)),
    ):
        rows.append(
            dict(
                state=label,
                total_pct_of_normal=100.0 * pools["total"] / normal["total"],
                free_pct_of_normal=100.0 * pools["free"] / normal["free"],
                free_share_pct=100.0 * serum.fraction("free"),
            )
        )
    return pd.DataFrame(rows)


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
