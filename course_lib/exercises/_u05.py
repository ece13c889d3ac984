"""Unit 05 exercises: reading a value against an LMS reference table.

* ``05-sds-67y`` (numeric): the SDS of one man's value, with L, M and S interpolated by hand between the two
  tabulated ages around his age.
* ``05-lms-sds`` (function): the same calculation for any value, age, sex and LMS table, including the rows
  where L is 0 or negative (the Japan 2012 table has both) and the first and last tabulated ages.
* ``05-reference-interval`` (function): the inverse, the 2.5th-97.5th percentile interval at an age, which is
  not symmetric around the median (L removes the skew) and differs between two references (population and
  assay).

Expected values come from the library or from the small reference functions below, never from the learner's
cells. The reference functions take the LMS table itself, as the learner's functions do; the tests check them
against :mod:`course_lib.models.reference_ranges` and against hand calculations.
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtri

from .. import data
from ..models import reference_ranges
from . import Case, FunctionExercise, Mistake, NumericExercise, register

ISYS = data.load("igf1_lms_isys2014")
JAPAN = data.load("igf1_lms_japan2012")
#: |L| below this is treated as 0 (the log limit), as in :mod:`course_lib.models.reference_ranges`.
L_ZERO = 1e-6
#: The standard-normal quantile of the 97.5th percentile (1.959964...).
Z_975 = float(ndtri(0.975))


# --------------------------------------------------------------------------------------------------------------
# 05-sds-67y: one SDS by hand
# --------------------------------------------------------------------------------------------------------------
def _row(age_y: float):
    return ISYS[(ISYS.sex == "male") & (ISYS.age_y == age_y)].iloc[0]


def _sds_with(weight: float, *, drop_L: bool = False) -> float:
    """The SDS of 150 ng/mL with L, M and S taken ``weight`` of the way from the 63-year to the 68-year row."""
    lo, hi = _row(63.0), _row(68.0)
    L, M, S = ((1 - weight) * lo[c] + weight * hi[c] for c in ("L_nu", "M_mu", "S_sigma"))
    if drop_L:  # (y/M - 1) / S: the formula with L = 1, as if IGF-1 were normally distributed
        return (150 / M - 1) / S
    return ((150 / M) ** L - 1) / (L * S)


register(
    NumericExercise(
        id="05-sds-67y",
        name="the SDS of 150 ng/mL at 67 y",
        expected=lambda: reference_ranges.sds(150, age_y=67, sex="male"),
        rel_tol=0.005,  # the 68-year row alone lands within 1% of the answer, so 1% could not tell them apart
        hints=(
            "find the two male rows that bracket 67 years, interpolate L, M and S linearly between them, then "
            "apply z = ((y/M)**L - 1) / (L*S).",
            "67 years is 4/5 of the way from the lower tabulated age to the upper one; interpolate each of L, M "
            "and S with that weight before computing z.",
        ),
        mistakes=(
            Mistake(
                value=lambda: _sds_with(0.0),
                hint="you used the row below 67 years without interpolating to 67.",
            ),
            Mistake(
                value=lambda: _sds_with(0.2),
                hint="your weights are the wrong way round: 67 years is much nearer the upper row than the lower "
                "one, so the upper row must get the larger weight.",
            ),
            Mistake(
                value=lambda: _sds_with(0.8, drop_L=True),
                hint="you left out L, as if IGF-1 were normally distributed. Raise y/M to the power L and divide "
                "by L*S.",
            ),
        ),
        objectives=(2,),
    )
)


# --------------------------------------------------------------------------------------------------------------
# 05-lms-sds: the SDS against any LMS table, at any age inside it
# --------------------------------------------------------------------------------------------------------------
def _lms_at(age_y, *, sex, table):
    """L, M and S at ``age_y``, linearly interpolated between the table's rows for ``sex``."""
    rows = table[table.sex == sex].sort_values("age_y")
    ages = rows.age_y.to_numpy(float)
    return tuple(float(np.interp(age_y, ages, rows[c].to_numpy(float))) for c in ("L_nu", "M_mu", "S_sigma"))


def sds_from_table(value_ng_per_mL, *, age_y, sex, table):
    """SDS of ``value_ng_per_mL`` against an LMS table (columns sex, age_y, L_nu, M_mu, S_sigma).

    L, M and S are interpolated linearly between the tabulated ages; where |L| is below 1e-6 the log limit
    ``ln(y/M) / S`` is used. A numpy array of values gives an array of SDS.
    """
    L, M, S = _lms_at(age_y, sex=sex, table=table)
    y = np.asarray(value_ng_per_mL, dtype=float)
    z = np.log(y / M) / S if abs(L) < L_ZERO else ((y / M) ** L - 1) / (L * S)
    return float(z) if z.ndim == 0 else z


register(
    FunctionExercise(
        id="05-lms-sds",
        name="sds_from_table",
        reference=sds_from_table,
        cases=(
            Case("a woman at a tabulated age", (180.0,), {"age_y": 43.0, "sex": "female", "table": ISYS}),
            Case("a man at an age between two tabulated rows", (150.0,), {"age_y": 50.5, "sex": "male", "table": ISYS}),
            Case("a value below the median (a negative SDS)", (90.0,), {"age_y": 30.0, "sex": "female", "table": ISYS}),
            Case("the youngest tabulated age (a newborn)", (60.0,), {"age_y": 0.0, "sex": "male", "table": ISYS}),
            Case("the oldest tabulated age", (110.0,), {"age_y": 94.0, "sex": "female", "table": ISYS}),
            Case(
                "a tabulated row where L is exactly 0 (another reference's table)",
                (250.0,),
                {"age_y": 10.0, "sex": "female", "table": JAPAN},
            ),
            Case(
                "a negative L, between two rows of another reference's table",
                (400.0,),
                {"age_y": 16.5, "sex": "female", "table": JAPAN},
            ),
            Case(
                "several values at once (a numpy array)",
                (np.array([80.0, 130.0, 220.0]),),
                {"age_y": 40.0, "sex": "female", "table": ISYS},
            ),
        ),
        hints=(
            "keep only the rows for the person's sex, interpolate each of L, M and S linearly at the person's age "
            "(at a tabulated age that is the row itself), then apply the LMS formula, with its log form when L is "
            "0.",
            "rows = table[table.sex == sex]; np.interp(age_y, rows.age_y, rows.L_nu) interpolates L (the same for "
            "M_mu and S_sigma) and works at the first and last tabulated ages too. Then z = ((y/M)**L - 1) / (L*S), "
            "but z = np.log(y/M) / S when abs(L) < 1e-6. Use numpy operations, not math.log, so an array of values "
            "works.",
        ),
        rel_tol=1e-6,
        objectives=(2,),
    )
)


# --------------------------------------------------------------------------------------------------------------
# 05-reference-interval: the 2.5th and 97.5th percentiles at an age, from the table
# --------------------------------------------------------------------------------------------------------------
def reference_interval_from_table(age_y, *, sex, table):
    """The 2.5th-97.5th percentile interval (low, high) in ng/mL at ``age_y`` from an LMS table.

    ``y = M * (1 + L*S*z) ** (1/L)`` with z = -1.96 and +1.96, or ``M * exp(S*z)`` where |L| < 1e-6.
    """
    L, M, S = _lms_at(age_y, sex=sex, table=table)
    z = np.array([-Z_975, Z_975])
    y = M * np.exp(S * z) if abs(L) < L_ZERO else M * (1 + L * S * z) ** (1 / L)
    return float(y[0]), float(y[1])


register(
    FunctionExercise(
        id="05-reference-interval",
        name="reference_interval",
        reference=reference_interval_from_table,
        cases=(
            Case("a woman at a tabulated age", (38.0,), {"sex": "female", "table": ISYS}),
            Case("a man at an age between two tabulated rows", (52.0,), {"sex": "male", "table": ISYS}),
            Case("a man of the same age on another reference's table", (52.0,), {"sex": "male", "table": JAPAN}),
            Case("a child before puberty", (7.0,), {"sex": "female", "table": ISYS}),
            Case("the oldest tabulated age", (94.0,), {"sex": "male", "table": ISYS}),
            Case("a tabulated row where L is exactly 0", (10.0,), {"sex": "female", "table": JAPAN}),
            Case("a negative L, between two tabulated rows", (20.5,), {"sex": "female", "table": JAPAN}),
        ),
        hints=(
            "the interval is the 2.5th and 97.5th percentiles, z = -1.96 and +1.96, put through the INVERSE of the "
            "SDS formula with L, M and S interpolated at the age. It is not the median plus or minus a fixed amount, "
            "because L makes the upper tail longer than the lower one.",
            "with L, M, S interpolated as in sds_from_table: low = M * (1 + L*S*(-1.96)) ** (1/L) and high = M * "
            "(1 + L*S*1.96) ** (1/L); when abs(L) < 1e-6 use M * np.exp(S * z) instead. Return the pair "
            "(low, high).",
        ),
        rel_tol=1e-4,  # accepts z = 1.96 as well as norm.ppf(0.975) = 1.95996...
        objectives=(2, 3),
    )
)
