"""Receptor occupancy when IGF-1 and insulin compete for the same receptors.

Four receptor types are modelled: the IGF-1 receptor (IGF-1R), the two insulin
receptor isoforms IR-A and IR-B (IR-B carries insulin's classic metabolic
actions, ``blyth2020``) and IGF-1R/IR hybrid receptors. Each binds one ligand at
a time at its high-affinity site, and IGF-1 and insulin compete for that site.
With free ligand concentrations ``A`` and ``B`` (not depleted by binding) and
dissociation constants ``K_A`` and ``K_B``, the fraction of receptors occupied by
``A`` is the competitive Langmuir isotherm

    theta_A = (A / K_A) / (1 + A / K_A + B / K_B)

With no competitor it reduces to the Langmuir (Hill coefficient 1) curve
``A / (A + K_A)``, half-maximal at ``A = K_A``.

Where the numbers come from (``course_lib/data/receptor_parameters.csv``):

* **Absolute anchors** are EC50s from kinase receptor activation (KIRA) assays
  (Janssen et al. 2016, ``janssen2016``): IGF-1 at IGF-1R 0.86 nM, insulin at
  IR-A 1.13 nM and at IR-B 1.28 nM. They are *functional* constants
  (half-maximal autophosphorylation), used here in place of binding Kds. The
  real receptor shows negative cooperativity (``demeyts1994``), so any single
  Kd is a simplification; :func:`kd_sensitivity` shows how much that matters.
* **Relative affinities** are published (JBC 2018;293(43):16818, Table 2,
  radioligand binding, ``jbc2018kinetics``): IGF-1 binds IR-A 88-fold more
  weakly than insulin; insulin binds IGF-1R 1,217-fold more weakly than IGF-1.
  No IGF-1 ratio at IR-B was checked, so the IR-A ratio is reused (illustrative).
* **Hybrids** bind IGF-1 like IGF-1R and insulin with an affinity *between* IR
  and IGF-1R (Benyoucef et al. 2007, ``benyoucef2007``). The course places it at
  the geometric mean of insulin's IR-A and IGF-1R Kds, a teaching assumption
  that keeps IGF-1 more than 20-fold more potent than insulin on hybrids, as
  Slaaby 2015 (``slaaby2015``) measured.

:func:`anchor_table` lists each anchor beside the model's value (unit 02's model card).

The model is pure: no plotting, no printing, no file access except through
:mod:`course_lib.data`.

>>> occ = occupancy(igf1_nM=0.86, insulin_nM=0.0)
>>> round(float(occ.loc["IGF-1R", "igf1"]), 3)
0.5
>>> round(float(bound_fraction(1.0, kd_nM=1.0, competitor_nM=1.0, competitor_kd_nM=1.0)), 4)
0.3333
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import data
from .._validate import real
from ..units import MAX_CONC_nM

__all__ = [
    "RECEPTORS",
    "LIGANDS",
    "MAX_CONC_nM",
    "MIN_KD_nM",
    "dissociation_constants",
    "bound_fraction",
    "occupancy",
    "concentration_ranges",
    "kd_sensitivity",
    "anchor_table",
]

_TABLE = "receptor_parameters"

#: The receptor types, in the order every table and figure uses.
RECEPTORS: tuple[str, ...] = ("IGF-1R", "IR-A", "IR-B", "hybrid")
#: The two competing ligands.
LIGANDS: tuple[str, ...] = ("IGF-1", "insulin")
# MAX_CONC_nM (from course_lib.units, 1 mM) is also the largest ligand concentration here: about 10,000 times
# total serum IGF-1 (at most ~72 nM) and 1,000 times the course's slider maximum (1,000 nM), so it refuses only
# typos, and it keeps ``concentration / Kd`` finite, where inf/inf would make the occupancy NaN.
#: Smallest dissociation constant :func:`bound_fraction` accepts, nM: 1 fM, below any hormone-receptor
#: Kd in this course (the smallest is 0.86 nM). With :data:`MAX_CONC_nM` it keeps ``L/Kd`` at most 1e12.
MIN_KD_nM = 1e-6


def _p(name: str) -> float:
    return data.parameter(_TABLE, name)


def dissociation_constants() -> pd.DataFrame:
    """Kd (nM) of each ligand at each receptor, built from the anchors and the published ratios.

    Hybrids: IGF-1 at ``hybrid_igf1_kd_factor`` times its IGF-1R Kd; insulin at
    ``Kd_IR-A ** (1 - p) * Kd_IGF-1R ** p`` with ``p = hybrid_insulin_log_position`` (0.5: the geometric mean).

    Returns
    -------
    pandas.DataFrame
        Index ``RECEPTORS``, columns ``LIGANDS``; values in nM.

    >>> kd = dissociation_constants()
    >>> round(kd.loc["IR-A", "IGF-1"] / kd.loc["IR-A", "insulin"])
    88
    >>> round(kd.loc["IGF-1R", "insulin"] / kd.loc["IGF-1R", "IGF-1"])
    1217
    >>> bool(kd.loc["IR-A", "insulin"] < kd.loc["hybrid", "insulin"] < kd.loc["IGF-1R", "insulin"])
    True
    """
    k_igf1r = _p("kd_igf1r_igf1_nM")
    k_ira = _p("kd_ira_insulin_nM")
    k_irb = _p("kd_irb_insulin_nM")
    k_ins_igf1r = k_igf1r * _p("ratio_igf1r_insulin_to_igf1")
    position = _p("hybrid_insulin_log_position")
    table = {
        "IGF-1R": (k_igf1r, k_ins_igf1r),
        "IR-A": (k_ira * _p("ratio_ira_igf1_to_insulin"), k_ira),
        "IR-B": (k_irb * _p("ratio_irb_igf1_to_insulin"), k_irb),
        "hybrid": (k_igf1r * _p("hybrid_igf1_kd_factor"), k_ira ** (1.0 - position) * k_ins_igf1r**position),
    }
    return pd.DataFrame.from_dict(table, orient="index", columns=list(LIGANDS)).rename_axis("receptor")


def bound_fraction(ligand_nM, *, kd_nM: float, competitor_nM=0.0, competitor_kd_nM: float = 1.0):
    """Fraction of receptors occupied by a ligand in the presence of a competitor.

    ``theta = (L/Kd) / (1 + L/Kd + C/Kc)``; with ``competitor_nM = 0`` this is the
    Langmuir curve ``L / (L + Kd)``.

    Parameters
    ----------
    ligand_nM : float or array-like
        Free ligand concentration, nM (0 to :data:`MAX_CONC_nM`).
    kd_nM : float
        The ligand's dissociation constant, nM (:data:`MIN_KD_nM` to :data:`MAX_CONC_nM`).
    competitor_nM : float or array-like
        Free competitor concentration, nM (0 to :data:`MAX_CONC_nM`); broadcasts with ``ligand_nM``.
    competitor_kd_nM : float
        The competitor's dissociation constant, nM (:data:`MIN_KD_nM` to :data:`MAX_CONC_nM`).

    Returns
    -------
    float or numpy.ndarray
        Occupancy between 0 and 1 (scalar in, scalar out).

    >>> bound_fraction(0.5, kd_nM=0.5)
    0.5
    >>> bound_fraction([0.0, 1e6], kd_nM=1.0).round(5).tolist()
    [0.0, 1.0]
    """
    lig = real(ligand_nM, name="ligand_nM", unit="nM", low=0, high=MAX_CONC_nM)
    kd = real(kd_nM, name="kd_nM", unit="nM", low=MIN_KD_nM, high=MAX_CONC_nM, allow_array=False)
    comp = real(competitor_nM, name="competitor_nM", unit="nM", low=0, high=MAX_CONC_nM)
    kc = real(competitor_kd_nM, name="competitor_kd_nM", unit="nM", low=MIN_KD_nM, high=MAX_CONC_nM, allow_array=False)
    a = np.asarray(lig) / kd
    b = np.asarray(comp) / kc
    theta = a / (1.0 + a + b)
    if np.ndim(theta) == 0:
        return float(theta)
    return theta


def occupancy(*, igf1_nM: float, insulin_nM: float) -> pd.DataFrame:
    """Fractional occupancy of IGF-1R, IR-A, IR-B and hybrid receptors by IGF-1 and insulin.

    Parameters
    ----------
    igf1_nM : float
        Free IGF-1 at the receptor, nM (0 to :data:`MAX_CONC_nM`, 1,000,000). Serum *total* IGF-1 is
        mostly bound to binding proteins; free IGF-1 in adults is about
        0.05-0.12 nM (``frystyk1994``; unit 03 explains why), and stayed below about 0.85 nM even
        during a supraphysiological infusion (``frystyk1999``).
    insulin_nM : float
        Insulin, nM (0 to :data:`MAX_CONC_nM`). 1 nM = 1,000 pmol/L.

    Returns
    -------
    pandas.DataFrame
        Index ``RECEPTORS``; columns ``igf1`` and ``insulin`` (fraction of
        receptors occupied by each ligand) and ``total`` (their sum, at most 1).

    Raises
    ------
    TypeError, ValueError
        For non-numbers, negative, NaN or infinite concentrations, or ones above :data:`MAX_CONC_nM`.

    >>> occ = occupancy(igf1_nM=1.0, insulin_nM=1.0)
    >>> bool((occ["total"] <= 1).all())
    True
    """
    igf1 = real(igf1_nM, name="igf1_nM", unit="nM", low=0, high=MAX_CONC_nM, allow_array=False)
    ins = real(insulin_nM, name="insulin_nM", unit="nM", low=0, high=MAX_CONC_nM, allow_array=False)
    kd = dissociation_constants()
    rows = {}
    for receptor in RECEPTORS:
        k_i, k_n = kd.loc[receptor, "IGF-1"], kd.loc[receptor, "insulin"]
        by_igf1 = bound_fraction(igf1, kd_nM=k_i, competitor_nM=ins, competitor_kd_nM=k_n)
        by_ins = bound_fraction(ins, kd_nM=k_n, competitor_nM=igf1, competitor_kd_nM=k_i)
        rows[receptor] = (by_igf1, by_ins, by_igf1 + by_ins)
    return pd.DataFrame.from_dict(rows, orient="index", columns=["igf1", "insulin", "total"]).rename_axis("receptor")


def concentration_ranges() -> pd.DataFrame:
    """The cited concentration ranges (nM) that the course's sliders are drawn against.

    Returns
    -------
    pandas.DataFrame
        One row per range: ``label``, ``ligand``, ``low_nM``, ``high_nM``, ``citation_key``.

    >>> r = concentration_ranges()
    >>> r.loc[r["label"] == "free IGF-1 (adults)", "high_nM"].item()
    0.124
    """
    p = data.parameters(_TABLE)
    spec = [
        ("free IGF-1 (adults)", "IGF-1", "free_igf1_nM"),
        ("total IGF-1 (serum)", "IGF-1", "total_igf1_nM"),
        ("fasting insulin", "insulin", "insulin_fasting_upper_nM"),
        ("insulin 30 min after glucose", "insulin", "insulin_post_glucose_nM"),
    ]
    rows = [
        {
            "label": label,
            "ligand": ligand,
            "low_nM": float(p.loc[name, "low"]),
            "high_nM": float(p.loc[name, "high"]),
            "citation_key": str(p.loc[name, "citation_key"]),
        }
        for label, ligand, name in spec
    ]
    return pd.DataFrame(rows)


def kd_sensitivity(igf1_nM: float) -> pd.DataFrame:
    """IGF-1R occupancy by IGF-1 alone across the plausible range of its Kd (no insulin).

    The rows are the low end, the model's value and the high end of ``kd_igf1r_igf1_nM`` in the parameter
    table, so a headline occupancy is never read off one Kd.

    Parameters
    ----------
    igf1_nM : float
        Free IGF-1, nM (0 to :data:`MAX_CONC_nM`).

    Returns
    -------
    pandas.DataFrame
        Columns ``kd_label`` (low, model, high), ``kd_nM`` and ``igf1r_occupancy`` (0-1).

    >>> float(kd_sensitivity(0.86).set_index("kd_label").loc["model", "igf1r_occupancy"])
    0.5
    """
    igf1 = real(igf1_nM, name="igf1_nM", unit="nM", low=0, high=MAX_CONC_nM, allow_array=False)
    value, low, high = data.parameter_range(_TABLE, "kd_igf1r_igf1_nM")
    rows = [
        {"kd_label": label, "kd_nM": k, "igf1r_occupancy": bound_fraction(igf1, kd_nM=k)}
        for label, k in (("low", low), ("model", value), ("high", high))
    ]
    return pd.DataFrame(rows)


def anchor_table() -> pd.DataFrame:
    """Each published anchor of the occupancy model beside the value the model gives (unit 02's model card).

    Returns
    -------
    pandas.DataFrame
        One row per anchor: ``anchor``, ``published`` (as the source states it), ``source``, ``model`` (the
        model's number, computed here) and ``how`` (measured, by construction, or a course assumption).

    >>> t = anchor_table().set_index("anchor")
    >>> round(t.loc["IR-A: Kd(IGF-1) / Kd(insulin)", "model"])
    88
    """
    kd = dissociation_constants()
    k = kd.loc["IGF-1R", "IGF-1"]
    rows = [
        (
            "IGF-1R occupied by IGF-1 at a free IGF-1 equal to Kd",
            "0.5 (definition of Kd)",
            "analytic",
            occupancy(igf1_nM=k, insulin_nM=0.0).loc["IGF-1R", "igf1"],
            "follows from the Langmuir equation",
        ),
        (
            "IGF-1R: IGF-1 half-maximal concentration, nM",
            "EC50 0.86 (95% CI 0.69-1.07)",
            "Janssen et al. 2016 (KIRA)",
            k,
            "by construction: the EC50 is used as the Kd",
        ),
        (
            "IR-A: insulin half-maximal concentration, nM",
            "EC50 1.13 (95% CI 0.69-1.84)",
            "Janssen et al. 2016 (KIRA)",
            kd.loc["IR-A", "insulin"],
            "by construction: the EC50 is used as the Kd",
        ),
        (
            "IR-B: insulin half-maximal concentration, nM",
            "EC50 1.28 (95% CI 0.64-2.57)",
            "Janssen et al. 2016 (KIRA)",
            kd.loc["IR-B", "insulin"],
            "by construction: the EC50 is used as the Kd",
        ),
        (
            "IR-A: Kd(IGF-1) / Kd(insulin)",
            "88 (relative SD 10-50%)",
            "JBC 2018, Table 2",
            kd.loc["IR-A", "IGF-1"] / kd.loc["IR-A", "insulin"],
            "taken from the source",
        ),
        (
            "IGF-1R: Kd(insulin) / Kd(IGF-1)",
            "1217 (relative SD 10-50%)",
            "JBC 2018, Table 2",
            kd.loc["IGF-1R", "insulin"] / kd.loc["IGF-1R", "IGF-1"],
            "taken from the source",
        ),
        (
            "hybrid: Kd(IGF-1) / IGF-1R Kd(IGF-1)",
            "comparable (about 1)",
            "Benyoucef et al. 2007",
            kd.loc["hybrid", "IGF-1"] / k,
            "taken from the source",
        ),
        (
            "hybrid: insulin Kd, nM, between IR-A and IGF-1R",
            f"intermediate (between {kd.loc['IR-A', 'insulin']:.2f} and {kd.loc['IGF-1R', 'insulin']:.0f})",
            "Benyoucef et al. 2007",
            kd.loc["hybrid", "insulin"],
            "course assumption: geometric mean",
        ),
        (
            "hybrid: IGF-1 potency over insulin, fold",
            "more than 20",
            "Slaaby 2015",
            kd.loc["hybrid", "insulin"] / kd.loc["hybrid", "IGF-1"],
            "consequence of the assumption above",
        ),
    ]
    return pd.DataFrame(rows, columns=["anchor", "published", "source", "model", "how"])
