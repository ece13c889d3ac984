"""Age- and sex-specific reference values for serum IGF-1, from published LMS tables.

A reference population's distribution at each age is summarised by three
numbers (Cole & Green 1992, ``cole1992``): the Box-Cox power **L**, the median
**M** and the coefficient of variation **S**. For a standard-normal quantile
``z`` the percentile value is

    y = M * (1 + L*S*z) ** (1/L)            (L != 0)
    y = M * exp(S*z)                         (L -> 0, the limit used when |L| < 1e-6)

and the standard deviation score (SDS, z-score) of a measured value ``y`` is

    z = ((y/M) ** L - 1) / (L*S)             (L != 0)
    z = ln(y/M) / S                          (L -> 0)

Between tabulated ages, L, M and S are **interpolated linearly**; ages outside
the table are refused (no extrapolation). Two IGF-1 references are bundled:

* ``"isys2014"``: Bidlingmaier et al. 2014, IDS-iSYS assay, 15,014 people, 0-94 y;
* ``"japan2012"``: Isojima et al. 2012, IRMA, 1,685 healthy Japanese, 0-77 y.

The generic functions :func:`lms_percentile` and :func:`lms_sds` work on any
bundled LMS table (for example ``"igfbp3_lms_isys2014"``).

>>> round(percentile(15, sex="male", p=50), 1)
318.8
>>> round(float(sds(percentile(40, sex="female", p=97.5), age_y=40, sex="female")), 6)
1.959964
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
from scipy.special import ndtr, ndtri

from .. import citations, data
from .._validate import choice, real, text

__all__ = [
    "REFERENCES",
    "SEXES",
    "age_range",
    "lms",
    "lms_percentile",
    "lms_sds",
    "percentile",
    "sds",
    "percentile_rank",
    "interval",
    "peak",
    "annual_decline_pct",
    "sex_ratio_pct",
    "anchor_table",
]

#: Bundled IGF-1 references: short name -> dataset name in ``course_lib/data/``.
REFERENCES: dict[str, str] = {"isys2014": "igf1_lms_isys2014", "japan2012": "igf1_lms_japan2012"}
#: Labels for figures and summaries.
REFERENCE_LABELS: dict[str, str] = {
    "isys2014": "IDS-iSYS 2014 (Europe/N. America, n=15,014)",
    "japan2012": "Japan 2012 (IRMA, n=1,685)",
}
#: The assay each reference was measured with: a value is comparable with a reference only if it was
#: measured with the same assay (unit 06).
REFERENCE_ASSAYS: dict[str, str] = {"isys2014": "IDS-iSYS", "japan2012": "the Isojima 2012 IRMA"}
SEXES = ("male", "female")
#: Percentiles accepted, in percent. Further into the tails the LMS curves are
#: not supported by data and, for some ages, not even defined.
P_RANGE = (0.1, 99.9)
#: Largest value accepted by :func:`sds`, far above any reported serum level.
MAX_VALUE_NG_PER_ML = 5000.0
#: Largest ``high`` :func:`lms_sds` accepts, in the table's unit: 1,000,000 is 200 times the
#: largest IGFBP-3 median in the bundled tables (about 4,650 ng/mL), so it limits no real value,
#: and it keeps ``(value / M) ** L`` finite for every bundled table.
MAX_LMS_HIGH = 1e6
_L_ZERO = 1e-6
_LMS_DATASETS = ("igf1_lms_isys2014", "igf1_lms_japan2012", "igfbp3_lms_isys2014", "igf1_igfbp3_ratio_lms_isys2014")


@functools.cache
def _table(dataset: str, sex: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    df = data.load(dataset)
    df = df[df["sex"] == sex].sort_values("age_y")
    return tuple(df[c].to_numpy(float) for c in ("age_y", "L_nu", "M_mu", "S_sigma"))


def _dataset(reference: str) -> str:
    return REFERENCES[choice(reference, name="reference", choices=REFERENCES)]


def _lms_dataset(dataset: str) -> str:
    return choice(dataset, name="dataset", choices=_LMS_DATASETS)


def age_range(reference: str = "isys2014") -> tuple[float, float]:
    """The youngest and oldest tabulated ages (years) of an IGF-1 reference.

    >>> age_range("japan2012")
    (0.0, 77.0)
    """
    ages = _table(_dataset(reference), "male")[0]
    return float(ages[0]), float(ages[-1])


def _ages(age_y, dataset: str, sex: str):
    ages = _table(dataset, sex)[0]
    return real(age_y, name="age_y", unit="years", low=float(ages[0]), high=float(ages[-1]))


def lms(age_y, *, dataset: str, sex: str):
    """L, M and S at the given age(s), linearly interpolated between tabulated ages."""
    dataset = _lms_dataset(dataset)
    choice(sex, name="sex", choices=SEXES)
    a = _ages(age_y, dataset, sex)
    ages, L, M, S = _table(dataset, sex)
    return tuple(np.interp(a, ages, col) for col in (L, M, S))


def _from_z(z, L, M, S):
    small = np.abs(L) < _L_ZERO
    safe_L = np.where(small, 1.0, L)
    base = 1.0 + safe_L * S * z
    if np.any(~small & (base <= 0)):
        raise ValueError(
            "p is too far into the tail for this LMS curve at this age (the formula is undefined there); "
            f"choose p between {P_RANGE[0]} and {P_RANGE[1]} percent, nearer 50."
        )
    with np.errstate(invalid="ignore", divide="ignore"):
        power = M * np.power(np.where(small, 1.0, base), 1.0 / safe_L)
    return np.where(small, M * np.exp(S * z), power)


def _to_z(y, L, M, S):
    small = np.abs(L) < _L_ZERO
    safe_L = np.where(small, 1.0, L)
    ratio = y / M
    return np.where(small, np.log(ratio) / S, (np.power(ratio, safe_L) - 1.0) / (safe_L * S))


def _out(x):
    return float(x) if np.ndim(x) == 0 else x


def lms_percentile(age_y, *, dataset: str, sex: str, p):
    """The ``p``-th percentile (``p`` in percent) of any bundled LMS table, in that table's unit."""
    L, M, S = lms(age_y, dataset=dataset, sex=sex)
    p = real(p, name="p", unit="percent", low=P_RANGE[0], high=P_RANGE[1])
    return _out(_from_z(ndtri(np.asarray(p) / 100.0), L, M, S))


def lms_sds(value, *, age_y, dataset: str, sex: str, unit: str = "the table's unit", high: float = MAX_VALUE_NG_PER_ML):
    """The SDS (z-score) of ``value`` against any bundled LMS table.

    ``value`` must be above 0 and at most ``high``. ``unit`` is the table's unit as a
    reader would spell it (a non-empty string, used in error messages); ``high`` is a
    number greater than 0 and at most :data:`MAX_LMS_HIGH`, in that unit.
    """
    text(unit, name="unit", what="the unit of value, spelled for a reader (for example 'ng/mL')")
    high = real(high, name="high", unit=unit, low=0, low_open=True, high=MAX_LMS_HIGH, allow_array=False)
    return _sds(value, name="value", unit=unit, high=high, age_y=age_y, dataset=dataset, sex=sex)


def _sds(value, *, name: str, unit: str, high: float, age_y, dataset: str, sex: str):
    """The one SDS implementation behind :func:`lms_sds` and :func:`sds`; ``name`` is the caller's parameter."""
    L, M, S = lms(age_y, dataset=dataset, sex=sex)
    y = real(value, name=name, unit=unit, low=0, low_open=True, high=high)
    return _out(_to_z(np.asarray(y), L, M, S))


def percentile(age_y, *, sex: str, p, reference: str = "isys2014"):
    """Serum total IGF-1 (ng/mL) at the ``p``-th percentile for age and sex.

    Parameters
    ----------
    age_y : float or array-like
        Age in years, within the reference's range (:func:`age_range`).
    sex : {"male", "female"}
    p : float or array-like
        Percentile in percent, 0.1 to 99.9 (broadcast against ``age_y``).
    reference : {"isys2014", "japan2012"}

    Returns
    -------
    float or numpy.ndarray
        ng/mL. L, M and S are interpolated linearly between tabulated ages.

    Examples
    --------
    >>> round(percentile(15, sex="female", p=50), 1)
    300.1
    """
    return lms_percentile(age_y, dataset=_dataset(reference), sex=sex, p=p)


def sds(value_ng_per_mL, *, age_y, sex: str, reference: str = "isys2014"):
    """The SDS (z-score) of a serum total IGF-1 value for age and sex.

    ``value_ng_per_mL`` must be positive and at most 5,000 ng/mL. The result is
    0 at the median and about +/-1.96 at the 97.5th/2.5th percentiles.

    >>> round(sds(percentile(40, sex="male", p=50), age_y=40, sex="male"), 9)
    0.0
    """
    return _sds(
        value_ng_per_mL,
        name="value_ng_per_mL",
        unit="ng/mL",
        high=MAX_VALUE_NG_PER_ML,
        age_y=age_y,
        dataset=_dataset(reference),
        sex=sex,
    )


def percentile_rank(value_ng_per_mL, *, age_y, sex: str, reference: str = "isys2014"):
    """The percentile (0-100) of the reference population below ``value_ng_per_mL``."""
    return _out(ndtr(sds(value_ng_per_mL, age_y=age_y, sex=sex, reference=reference)) * 100.0)


def interval(age_y, *, sex: str, reference: str = "isys2014"):
    """The 2.5th-97.5th percentile reference interval (ng/mL) as a ``(low, high)`` pair."""
    low = percentile(age_y, sex=sex, p=2.5, reference=reference)
    high = percentile(age_y, sex=sex, p=97.5, reference=reference)
    return low, high


def peak(*, sex: str, reference: str = "isys2014", step_y: float = 0.05) -> tuple[float, float]:
    """Age (y) and value (ng/mL) of the highest median, searched on a fine grid of ages."""
    step_y = real(step_y, name="step_y", unit="years", low=0.01, high=1.0, allow_array=False)
    lo, hi = age_range(reference)
    ages = np.arange(lo, hi + step_y / 2, step_y)
    med = percentile(ages, sex=sex, p=50, reference=reference)
    i = int(np.argmax(med))
    return float(ages[i]), float(med[i])


def annual_decline_pct(start_age_y: float, end_age_y: float, *, sex: str, reference: str = "isys2014") -> float:
    """Average geometric fall of the median per year between two adult ages, in percent per year.

    ``100 * (1 - (M_end / M_start) ** (1 / years))``; positive means the median falls.
    Both ages must lie within the reference's range (:func:`age_range`), the end after the start.
    """
    lo, hi = age_range(reference)
    start = real(start_age_y, name="start_age_y", unit="years", low=lo, high=hi, allow_array=False)
    end = real(end_age_y, name="end_age_y", unit="years", low=lo, high=hi, allow_array=False)
    if end <= start:
        raise ValueError(f"end_age_y must be greater than start_age_y ({start:g} years); got {end:g}.")
    m0 = percentile(start, sex=sex, p=50, reference=reference)
    m1 = percentile(end, sex=sex, p=50, reference=reference)
    return 100.0 * (1.0 - (m1 / m0) ** (1.0 / (end - start)))


def sex_ratio_pct(age_y, *, reference: str = "isys2014"):
    """The women's median as a percentage of the men's median at the same age.

    ``100 * M_female(age) / M_male(age)``, both medians interpolated from the reference's LMS table, so
    100 means equal medians and 90 means the women's median is 10% lower. The reference is cross-sectional:
    a change of the ratio with age compares different women and men at each age, not the same people.

    Parameters
    ----------
    age_y : float or array-like
        Age in years, within the reference's range (:func:`age_range`).
    reference : {"isys2014", "japan2012"}

    Returns
    -------
    float or numpy.ndarray
        Percent.

    Examples
    --------
    >>> round(sex_ratio_pct(40), 1)
    91.0
    """
    female = percentile(age_y, sex="female", p=50, reference=reference)
    male = percentile(age_y, sex="male", p=50, reference=reference)
    return _out(100.0 * np.asarray(female) / np.asarray(male))


#: The published values the LMS model is checked against: (row id in ``lifespan_findings``, reference, sex,
#: age in years, what is compared). "peak age" compares :func:`peak`'s age, "median" the 50th percentile.
_ANCHORS = (
    ("bidlingmaier_peak_age", "isys2014", "male", None, "peak age"),
    ("bidlingmaier_peak_age", "isys2014", "female", None, "peak age"),
    ("isojima_female_13y_median", "japan2012", "female", 13.0, "median"),
    ("isojima_male_14y_median", "japan2012", "male", 14.0, "median"),
    ("isojima_male_70y_median", "japan2012", "male", 70.0, "median"),
    ("isojima_female_70y_median", "japan2012", "female", 70.0, "median"),
)


def anchor_table() -> pd.DataFrame:
    """The published medians and peak ages the LMS model reproduces, with the model's value beside each.

    Columns: ``anchor``, ``source``, ``published``, ``model``, ``unit``. Published values are rows of
    ``course_lib/data/lifespan_findings.csv`` (the papers' abstracts); the model's are computed here, from the
    LMS tables the course bundles (as distributed in the R package *childsds*). The iSYS peak medians at 15 y
    (the tabulated M) are added as two rows of their own.
    """
    findings = data.load("lifespan_findings").set_index("id")
    rows = []
    for fid, reference, sex, age, what in _ANCHORS:
        f = findings.loc[fid]
        source = citations.short(f["citation_key"])
        if what == "peak age":
            rows.append(
                (
                    f"{reference}, {sex}: age of the peak median",
                    source,
                    float(f["value"]),
                    peak(sex=sex, reference=reference)[0],
                    "years",
                )
            )
        else:
            rows.append(
                (
                    f"{reference}, {sex}: median at {age:g} y",
                    source,
                    float(f["value"]),
                    percentile(age, sex=sex, p=50, reference=reference),
                    "ng/mL",
                )
            )
    table = data.load("igf1_lms_isys2014")
    for sex in SEXES:
        m15 = float(table.query("sex == @sex and age_y == 15.0")["M_mu"].iloc[0])
        rows.append(
            (
                f"isys2014, {sex}: median at 15 y (the peak)",
                "Bidlingmaier et al. 2014, LMS table (childsds)",
                m15,
                percentile(15.0, sex=sex, p=50),
                "ng/mL",
            )
        )
    return pd.DataFrame(rows, columns=["anchor", "source", "published", "model", "unit"])
