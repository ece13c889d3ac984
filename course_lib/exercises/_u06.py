"""Unit 06 exercises: agreement between two assays, by hand and as functions.

* ``06-bland-altman-upper`` (numeric): the upper 95% limit of agreement of eight pairs, by hand.
* ``06-limits-of-agreement`` (function): bias and limits of agreement for any paired samples, in ng/mL or in
  percent of each pair's mean (the remedy when the differences fan out).
* ``06-kappa`` (function): Cohen's kappa from a square count table (2x2 or 3x3), the chance-corrected agreement
  on classes.

Expected values come from the library (:func:`course_lib.models.assays.bland_altman`) or from statsmodels'
``cohens_kappa``, the function the library itself uses, never from the learner's cells. The tests in
``tests/test_exercises_u06.py`` check them against hand calculations.
"""

from __future__ import annotations

import functools

import numpy as np
from statsmodels.stats.inter_rater import cohens_kappa

from .. import data
from ..models import assays
from . import Case, FunctionExercise, Mistake, NumericExercise, register


@functools.cache
def _study() -> assays.InterAssayStudy:
    """Unit 06's simulated inter-assay study, from the seed the notebook uses."""
    seed = int(data.parameter("assay_parameters", "sim_seed"))
    return assays.inter_assay_study(rng=np.random.default_rng(seed))


# --------------------------------------------------------------------------------------------------------------
# 06-bland-altman-upper: one limit of agreement by hand
# --------------------------------------------------------------------------------------------------------------
def _pairs():
    """The first eight people of unit 06's simulated study, rounded as the notebook shows them."""
    p = _study().people.loc[:7, ["assay_a_ng_per_mL", "assay_b_ng_per_mL"]].round(0)
    return p["assay_a_ng_per_mL"], p["assay_b_ng_per_mL"]


def _diffs(sign: int = 1) -> np.ndarray:
    a, b = _pairs()
    return sign * (np.asarray(b) - np.asarray(a))


def _upper(ddof: int) -> float:
    d = _diffs()
    return float(d.mean() + 1.96 * d.std(ddof=ddof))


register(
    NumericExercise(
        id="06-bland-altman-upper",
        name="the upper limit of agreement",
        unit="ng/mL",
        expected=lambda: assays.bland_altman(*_pairs()).upper,
        hints=(
            "take the differences B - A, their mean (the bias) and their sample SD, then bias + 1.96 SD.",
            "the sample SD divides the sum of squared deviations from the bias by n - 1 (here 7), not by n; "
            "then add 1.96 times that SD to the bias, not to zero.",
        ),
        mistakes=(
            Mistake(
                value=lambda: _upper(0), hint="you used the population SD (divided by n); use the sample SD (n - 1)."
            ),
            Mistake(
                value=lambda: float(_diffs(-1).mean() + 1.96 * _diffs(-1).std(ddof=1)),
                hint="check the sign of the differences: the limits here are for B - A, not A - B.",
            ),
            Mistake(
                value=lambda: float(1.96 * _diffs().std(ddof=1)),
                hint="you have 1.96 SD on its own. The limits are centred on the bias: add the mean difference.",
            ),
        ),
        objectives=(3,),
    )
)


# --------------------------------------------------------------------------------------------------------------
# 06-limits-of-agreement: bias and limits for any paired samples
# --------------------------------------------------------------------------------------------------------------
def limits_of_agreement(a_ng_per_mL, b_ng_per_mL, *, scale="absolute"):
    """(bias, lower, upper) of method B against method A: the library's :func:`assays.bland_altman`."""
    ba = assays.bland_altman(a_ng_per_mL, b_ng_per_mL, scale=scale)
    return ba.bias, ba.lower, ba.upper


def _study_columns():
    people = _study().people
    return people["assay_a_ng_per_mL"].to_numpy(), people["assay_b_ng_per_mL"].to_numpy()


register(
    FunctionExercise(
        id="06-limits-of-agreement",
        name="limits_of_agreement",
        reference=limits_of_agreement,
        cases=(
            Case(
                "a few pairs where assay B reads higher",
                (np.array([132.0, 127.0, 235.0, 107.0, 115.0]), np.array([154.0, 154.0, 248.0, 132.0, 153.0])),
            ),
            Case(
                "pairs where assay B reads lower (a negative bias)",
                (
                    np.array([210.0, 95.0, 160.0, 310.0, 128.0, 175.0]),
                    np.array([188.0, 90.0, 139.0, 270.0, 121.0, 160.0]),
                ),
            ),
            Case(
                "the smallest sample, three pairs", (np.array([100.0, 110.0, 120.0]), np.array([102.0, 114.0, 121.0]))
            ),
            Case(
                "a constant offset (every difference the same)",
                (np.array([80.0, 150.0, 240.0, 300.0]), np.array([92.0, 162.0, 252.0, 312.0])),
            ),
            Case(
                "plain Python lists instead of numpy arrays",
                ([140.0, 95.0, 260.0, 180.0], [150.0, 101.0, 290.0, 183.0]),
            ),
            Case(
                "differences in percent of each pair's mean",
                (np.array([60.0, 120.0, 200.0, 320.0, 150.0]), np.array([70.0, 150.0, 236.0, 390.0, 171.0])),
                {"scale": "percent"},
            ),
            Case(
                "percent differences where assay B reads lower",
                (np.array([180.0, 90.0, 250.0, 130.0]), np.array([150.0, 81.0, 200.0, 117.0])),
                {"scale": "percent"},
            ),
            Case("the 400 pairs of the simulated study", _study_columns()),
        ),
        hints=(
            "take the differences B - A (or, for scale='percent', 100 * (B - A) divided by each pair's MEAN, "
            "(A + B) / 2), then the bias is their mean and the limits are bias - 1.96 SD and bias + 1.96 SD, with "
            "the sample SD.",
            "a = np.asarray(a_ng_per_mL, dtype=float) and the same for b make lists work; d = b - a; for "
            "percent, d = 100 * d / ((a + b) / 2). Then bias = d.mean(), sd = d.std(ddof=1) (np.std divides by n "
            "unless you pass ddof=1) and return bias, bias - 1.96 * sd, bias + 1.96 * sd.",
        ),
        rel_tol=1e-6,
        abs_tol=1e-9,
        objectives=(3,),
    )
)


# --------------------------------------------------------------------------------------------------------------
# 06-kappa: Cohen's kappa from a count table
# --------------------------------------------------------------------------------------------------------------
def kappa_from_table(table):
    """Cohen's kappa of a square count table (rows: one rater's classes, columns: the other's), statsmodels."""
    return float(cohens_kappa(np.asarray(table, dtype=float), return_results=False))


register(
    FunctionExercise(
        id="06-kappa",
        name="kappa_from_table",
        reference=kappa_from_table,
        cases=(
            Case("a 2x2 table (high / not high on two assays)", (np.array([[9, 3], [6, 182]]),)),
            Case(
                "a 2x2 table where most of the agreement is expected by chance",
                (np.array([[4, 7], [5, 184]]),),
            ),
            Case("a 3x3 table (low / normal / high)", (np.array([[6, 4, 0], [5, 150, 9], [0, 3, 23]]),)),
            Case("perfect agreement", (np.array([[20, 0], [0, 80]]),)),
            Case("agreement no better than chance", (np.array([[25, 25], [25, 25]]),)),
            Case("agreement worse than chance (a negative kappa)", (np.array([[2, 18], [18, 2]]),)),
            Case(
                "a class that one assay never used (a row of zeros)",
                (np.array([[5, 2, 0], [3, 40, 4], [0, 0, 0]]),),
            ),
            Case("a table given as a nested Python list", ([[30, 5], [10, 55]],)),
            Case("a pandas DataFrame, like study.agreement.table", (_study().agreement.table,)),
        ),
        hints=(
            "kappa = (p_o - p_e) / (1 - p_e): p_o is the share of people on the diagonal; p_e, the agreement "
            "expected by chance, is the sum over classes of (row total / n) * (column total / n), from the "
            "table's own totals, not 1 / (number of classes).",
            "t = np.asarray(table, dtype=float) makes lists and DataFrames behave alike (a DataFrame's .sum() "
            "gives one total per column, not the grand total). Then n = t.sum(); p_o = np.trace(t) / n; "
            "p_e = (t.sum(axis=1) * t.sum(axis=0)).sum() / n**2; return (p_o - p_e) / (1 - p_e).",
        ),
        rel_tol=1e-6,
        abs_tol=1e-9,
        objectives=(3,),
    )
)
