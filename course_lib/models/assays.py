"""A simulated inter-assay study: the same people measured with two IGF-1 assays.

Real IGF-1 assays disagree. One serum sample sent to 23 UK laboratories came
back between 24.3 and 60.9 nmol/L (median 50.8; Pokrajac et al. 2007,
``pokrajac2007``), and six assays read against their own normative data from
the same healthy population agreed on "low / normal / high" with weighted
kappa between only 0.50 and 0.81 (Mavromati et al. 2017, ``mavromati2017``).
This module lets a learner produce that kind of disagreement and measure it.

The simulation (every setting is in ``course_lib/data/assay_parameters.csv``):

1. **True values.** Each person gets an age (uniform between the table's
   ``sim_age_min_y`` and ``sim_age_max_y``), a sex (half each) and a
   standard-normal score ``z``; the true serum total IGF-1 is the reference
   percentile at ``p = Phi(z)`` for that age and sex, from the bundled LMS
   tables (:func:`course_lib.models.reference_ranges.percentile`). The cohort is therefore
   healthy by construction, and 2.5% of it lies above the 97.5th percentile.
   ``p`` is kept within 0.1-99.9% (``|z| <= 3.09``), the range the LMS
   curves support.
2. **Measurement.** An assay with calibration bias ``b`` (percent) and
   imprecision ``CV`` (percent) reports

       measured = true * (1 + b/100) * exp(sigma*e - sigma**2/2),
       sigma**2 = ln(1 + CV**2),   e ~ N(0, 1),

   a log-normal error with mean factor exactly 1 and coefficient of
   variation exactly ``CV``, so values are never negative.
3. **Classification.** A value is "low" below the reference's 2.5th
   percentile for age and sex, "high" above the 97.5th and "normal" between.
   Reading an assay against *its own* reference is approximated by scaling
   the reference limits by the assay's calibration factor ``1 + b/100``
   (this ignores the extra spread its imprecision would add to its own
   reference population).
4. **Agreement.** Bland-Altman bias and 95% limits of agreement (Bland &
   Altman 1986, ``blandaltman1986``): bias = mean difference, limits =
   bias +/- 1.96 SD of the differences (sample SD, ``ddof=1``); the confidence
   interval of the bias comes from :func:`scipy.stats.ttest_1samp`.
   Cohen's kappa (``cohen1960``) and linearly weighted kappa come from
   :func:`statsmodels.stats.inter_rater.cohens_kappa`.

Everything random takes an explicit ``numpy.random.Generator``.

>>> rng = np.random.default_rng(1)
>>> people = draw_cohort(5, rng=rng)
>>> list(people.columns)
['age_y', 'sex', 'z', 'true_ng_per_mL']
>>> ba = bland_altman([100, 110, 120], [102, 114, 121])
>>> round(ba.bias, 3), round(ba.sd, 3)
(2.333, 1.528)
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats
from scipy.special import ndtr
from statsmodels.stats.inter_rater import cohens_kappa

from .. import data
from .._validate import choice, frame, integer, items, real, text
from .._validate import rng as rng_check
from . import reference_ranges

__all__ = [
    "CLASSES",
    "READ_AGAINST",
    "SCALES",
    "P_LOW",
    "P_HIGH",
    "Z_LIMIT",
    "settings",
    "cohort_defaults",
    "draw_cohort",
    "measure",
    "classify",
    "BlandAltman",
    "bland_altman",
    "Agreement",
    "agreement",
    "InterAssayStudy",
    "inter_assay_study",
    "reference_disagreement",
    "retest_change_sd_pct",
    "mean_change_se_pct",
    "anchors",
]

_TABLE = "assay_parameters"
#: Categories, in order (the order of the rows and columns of agreement tables).
CLASSES = ("low", "normal", "high")
#: Which reference assay B is read against: assay A's (the published one) or its own.
READ_AGAINST = ("A", "own")
#: Bland-Altman differences in ng/mL or in percent of the pair's mean.
SCALES = ("absolute", "percent")
#: The reference interval used to classify: 2.5th to 97.5th percentile.
P_LOW, P_HIGH = 2.5, 97.5
#: Largest |z| drawn: z of the 99.9th percentile, the edge the LMS tables support.
Z_LIMIT = float(stats.norm.ppf(0.999))
_LOA_Z = 1.96
#: Cohorts averaged for the model card's kappa anchor (seeds sim_seed, sim_seed + 1, ...).
CARD_COHORTS = 20


def _p(name: str) -> float:
    return data.parameter(_TABLE, name)


def settings() -> dict[str, tuple[float, float, float]]:
    """Default value and widget range ``(value, low, high)`` of each simulation setting.

    >>> settings()["bias_b_pct"][1:]
    (-50.0, 50.0)
    """
    return dict(_settings())


@functools.cache
def _settings() -> dict[str, tuple[float, float, float]]:
    names = {
        "n": "sim_n",
        "bias_b_pct": "sim_assay_b_bias_pct",
        "cv_b_pct": "sim_assay_b_cv_pct",
        "cv_a_pct": "sim_assay_a_cv_pct",
    }
    return {key: data.parameter_range(_TABLE, name) for key, name in names.items()}


def cohort_defaults() -> dict[str, float]:
    """The age range (years) of every simulated cohort, and the seed of the notebooks' simulated studies.

    >>> cohort_defaults()
    {'age_min_y': 20.0, 'age_max_y': 75.0, 'seed': 2024}
    """
    return {"age_min_y": _p("sim_age_min_y"), "age_max_y": _p("sim_age_max_y"), "seed": int(_p("sim_seed"))}


def _n(n, *, name: str = "n", low: float | None = None, high: float | None = None) -> int:
    lo, hi = (low, high) if low is not None else settings()["n"][1:]
    return integer(n, name=name, unit="people", low=int(lo), high=int(hi))  # type: ignore[arg-type]


def draw_cohort(n, *, rng: np.random.Generator, reference: str = "isys2014") -> pd.DataFrame:
    """Draw ``n`` healthy adults with true serum total IGF-1 from an LMS reference.

    Parameters
    ----------
    n : int
        Number of people, 5 to 5000.
    rng : numpy.random.Generator
        The only source of randomness.
    reference : {"isys2014", "japan2012"}
        The population the true values come from.

    Returns
    -------
    pandas.DataFrame
        Columns ``age_y`` (years), ``sex``, ``z`` (the drawn SDS) and
        ``true_ng_per_mL``.
    """
    n = _n(n, low=5, high=5000)
    rng = rng_check(rng)
    choice(reference, name="reference", choices=reference_ranges.REFERENCES)
    age_lo, age_hi = _p("sim_age_min_y"), _p("sim_age_max_y")
    age = rng.uniform(age_lo, age_hi, size=n)
    sex = np.where(rng.random(n) < 0.5, "female", "male")
    z = np.clip(rng.standard_normal(n), -Z_LIMIT, Z_LIMIT)
    p = np.clip(ndtr(z) * 100.0, *reference_ranges.P_RANGE)
    true = np.empty(n)
    for s in reference_ranges.SEXES:
        m = sex == s
        if m.any():
            true[m] = reference_ranges.percentile(age[m], sex=s, p=p[m], reference=reference)
    return pd.DataFrame({"age_y": age, "sex": sex, "z": z, "true_ng_per_mL": true})


def measure(true_ng_per_mL, *, bias_pct: float, cv_pct: float, rng: np.random.Generator):
    """What an assay with calibration bias ``bias_pct`` and imprecision ``cv_pct`` reports.

    ``true * (1 + bias/100) * exp(sigma*e - sigma**2/2)`` with ``sigma**2 = ln(1 + CV**2)``:
    the error factor has mean 1 and coefficient of variation ``cv_pct``.

    Parameters
    ----------
    true_ng_per_mL : array-like
        True concentrations, ng/mL (positive).
    bias_pct : float
        Calibration bias, -60 to +100 percent.
    cv_pct : float
        Imprecision as a coefficient of variation, 0 to 50 percent.
    rng : numpy.random.Generator

    Returns
    -------
    numpy.ndarray
        Measured values, ng/mL (a new array; the input is not modified).

    >>> measure([100.0, 200.0], bias_pct=10, cv_pct=0, rng=np.random.default_rng(0))
    array([110., 220.])
    """
    true = np.atleast_1d(real(true_ng_per_mL, name="true_ng_per_mL", unit="ng/mL", low=0, low_open=True))
    bias = real(bias_pct, name="bias_pct", unit="percent", low=-60, high=100, allow_array=False)
    cv = real(cv_pct, name="cv_pct", unit="percent", low=0, high=50, allow_array=False)
    rng = rng_check(rng)
    sigma = np.sqrt(np.log1p((cv / 100.0) ** 2))
    noise = np.exp(sigma * rng.standard_normal(true.shape) - sigma**2 / 2.0)
    return true * (1.0 + bias / 100.0) * noise


def _sexes(sex, shape: tuple) -> np.ndarray:
    """``sex`` (one label, or one per value) as an object array of ``shape``, every label checked."""
    if isinstance(sex, str):
        return np.full(shape, choice(sex, name="sex", choices=reference_ranges.SEXES), dtype=object)
    try:
        sexes = np.broadcast_to(np.atleast_1d(np.asarray(sex, dtype=object)), shape)
        labels = set(sexes.tolist())
    except (TypeError, ValueError):
        shown = repr(sex) if len(repr(sex)) <= 60 else repr(sex)[:57] + "..."
        raise ValueError(
            f"sex must be 'male' or 'female', or a list with one of them per value ({shape[0]} values); got {shown}."
        ) from None
    for s in labels:
        choice(s, name="sex", choices=reference_ranges.SEXES)
    return sexes


def classify(values_ng_per_mL, *, age_y, sex, reference: str = "isys2014", scale: float = 1.0) -> np.ndarray:
    """Label each value 'low', 'normal' or 'high' against a reference's 2.5th-97.5th percentiles.

    Parameters
    ----------
    values_ng_per_mL, age_y : array-like
        One value and one age per person.
    sex : str or array-like of str
        "male"/"female", one for all or one per person.
    reference : {"isys2014", "japan2012"}
    scale : float
        Multiplies both limits (0.4-2.0); ``1 + bias/100`` reads an assay
        against its own, equally biased, reference.

    >>> classify([20, 150, 600], age_y=[40, 40, 40], sex="male").tolist()
    ['low', 'normal', 'high']
    """
    values = np.atleast_1d(real(values_ng_per_mL, name="values_ng_per_mL", unit="ng/mL", low=0, low_open=True))
    ages = np.broadcast_to(np.atleast_1d(real(age_y, name="age_y", unit="years", low=0)), values.shape)
    scale = real(scale, name="scale", unit="dimensionless factor", low=0.4, high=2.0, allow_array=False)
    choice(reference, name="reference", choices=reference_ranges.REFERENCES)
    sexes = _sexes(sex, values.shape)
    low = np.empty(values.shape)
    high = np.empty(values.shape)
    for s in reference_ranges.SEXES:
        m = sexes == s
        if m.any():
            low[m], high[m] = reference_ranges.interval(ages[m], sex=s, reference=reference)
    out = np.full(values.shape, "normal", dtype=object)
    out[values < low * scale] = "low"
    out[values > high * scale] = "high"
    return out.astype(str)


@dataclass(frozen=True)
class BlandAltman:
    """Bland-Altman agreement of two methods: differences are ``b - a``.

    ``bias`` is the mean difference, ``lower``/``upper`` the 95% limits of
    agreement (bias -/+ 1.96 SD), ``bias_ci`` the 95% confidence interval
    of the bias. ``unit`` is "ng/mL" or "% of mean".
    """

    means: np.ndarray = field(repr=False)
    diffs: np.ndarray = field(repr=False)
    bias: float
    sd: float
    lower: float
    upper: float
    bias_ci: tuple[float, float]
    n: int
    unit: str


def bland_altman(a, b, *, scale: str = "absolute") -> BlandAltman:
    """Bias and 95% limits of agreement of method ``b`` against method ``a``.

    Parameters
    ----------
    a, b : array-like
        Paired measurements of the same samples, ng/mL (positive), at least 3.
    scale : {"absolute", "percent"}
        "absolute": differences ``b - a`` in ng/mL. "percent": ``100*(b - a)/mean``,
        the better choice when the difference grows with the level, as a
        calibration bias makes it do.

    Returns
    -------
    BlandAltman

    >>> round(bland_altman([100, 200, 300], [110, 220, 330], scale="percent").bias, 2)
    9.52
    """
    a = np.atleast_1d(real(a, name="a", unit="ng/mL", low=0, low_open=True))
    b = np.atleast_1d(real(b, name="b", unit="ng/mL", low=0, low_open=True))
    choice(scale, name="scale", choices=SCALES)
    if a.shape != b.shape or a.ndim != 1:
        raise ValueError(f"a and b must be 1-D and of the same length (paired samples); got {a.shape} and {b.shape}.")
    if a.size < 3:
        raise ValueError(f"a and b must hold at least 3 pairs for limits of agreement; got {a.size}.")
    means = (a + b) / 2.0
    diffs = b - a
    if scale == "percent":
        diffs = 100.0 * diffs / means
    bias = float(np.mean(diffs))
    sd = float(np.std(diffs, ddof=1))
    if sd > 1e-9 * max(1.0, abs(bias)):  # exactly constant differences (to rounding): the CI is the bias itself
        ci = stats.ttest_1samp(diffs, 0.0).confidence_interval(0.95)
        bias_ci = (float(ci.low), float(ci.high))
    else:
        bias_ci = (bias, bias)
    return BlandAltman(
        means=means,
        diffs=diffs,
        bias=bias,
        sd=sd,
        lower=bias - _LOA_Z * sd,
        upper=bias + _LOA_Z * sd,
        bias_ci=bias_ci,
        n=int(a.size),
        unit="ng/mL" if scale == "absolute" else "% of mean",
    )


@dataclass(frozen=True)
class Agreement:
    """How two classifications of the same people agree.

    ``table`` is a 3x3 count table (rows: first rater, columns: second, in
    :data:`CLASSES` order). ``kappa`` (Cohen) and ``weighted_kappa`` (linear
    weights) are NaN when undefined, which happens when both raters put
    everyone in the same single category.
    """

    table: pd.DataFrame
    observed: float
    kappa: float
    weighted_kappa: float
    n_discordant: int
    n: int


def _kappa(table: np.ndarray, wt: str | None) -> float:
    n = table.sum()
    expected = (table.sum(axis=1) @ table.sum(axis=0)) / n**2
    if np.isclose(expected, 1.0):  # one shared category: kappa is 0/0
        return float("nan")
    return (
        float(cohens_kappa(table, wt=wt, return_results=False))
        if wt
        else float(cohens_kappa(table, return_results=False))
    )


def agreement(
    first: Sequence[str] | np.ndarray,
    second: Sequence[str] | np.ndarray,
    *,
    labels: tuple[str, str] = ("first", "second"),
) -> Agreement:
    """Cross-table, observed agreement and Cohen's kappa (statsmodels) of two classifications.

    >>> ag = agreement(["low", "normal", "high", "normal"], ["low", "normal", "normal", "normal"])
    >>> ag.n_discordant, round(ag.observed, 2)
    (1, 0.75)

    ``labels`` names the two raters (the index and column titles of ``table``):
    a tuple or list of two non-empty strings.
    """
    pair = "a pair of rater names, for example ('assay A', 'assay B')"
    if len(items(labels, name="labels", types=(tuple, list), what=pair)) != 2:
        raise ValueError(f"labels must be {pair}; got {len(labels)} name{'' if len(labels) == 1 else 's'}.")
    for label in labels:
        text(label, name="labels", what="a pair of rater names (strings)")
    first_arr = np.asarray(first, dtype=str)
    second_arr = np.asarray(second, dtype=str)
    if first_arr.shape != second_arr.shape or first_arr.ndim != 1 or first_arr.size == 0:
        raise ValueError(
            "first and second must be 1-D, non-empty and of the same length; "
            f"got {first_arr.shape} and {second_arr.shape}."
        )
    for name, arr in (("first", first_arr), ("second", second_arr)):
        for v in set(arr.tolist()):
            choice(v, name=name, choices=CLASSES)
    idx = {c: i for i, c in enumerate(CLASSES)}
    table = np.zeros((3, 3), dtype=int)
    np.add.at(table, (np.vectorize(idx.get)(first_arr), np.vectorize(idx.get)(second_arr)), 1)
    crosstab = pd.DataFrame(table, index=pd.Index(CLASSES, name=labels[0]), columns=pd.Index(CLASSES, name=labels[1]))
    n = int(table.sum())
    return Agreement(
        table=crosstab,
        observed=float(np.trace(table)) / n,
        kappa=_kappa(table, None),
        weighted_kappa=_kappa(table, "linear"),
        n_discordant=n - int(np.trace(table)),
        n=n,
    )


@dataclass(frozen=True)
class InterAssayStudy:
    """The result of :func:`inter_assay_study`: the people, both assays, and how they agree."""

    people: pd.DataFrame = field(repr=False)
    bias_b_pct: float
    cv_a_pct: float
    cv_b_pct: float
    read_b_against: str
    scale: str
    bland_altman: BlandAltman
    agreement: Agreement

    def count(self, column: str, label: str) -> int:
        """How many people one classification column ('class_true', 'class_a', 'class_b') puts in class ``label``."""
        choice(column, name="column", choices=("class_true", "class_a", "class_b"))
        choice(label, name="label", choices=CLASSES)
        return int((self.people[column] == label).sum())

    def flagged_high(self, column: str) -> int:
        """How many people one classification column calls high (above the 97.5th percentile)."""
        return self.count(column, "high")


def inter_assay_study(
    n=None,
    *,
    rng: np.random.Generator,
    bias_b_pct=None,
    cv_b_pct=None,
    cv_a_pct=None,
    read_b_against: str = "A",
    scale: str = "absolute",
    reference: str = "isys2014",
) -> InterAssayStudy:
    """Measure one simulated cohort with assay A (unbiased) and assay B, and compare them.

    Assay A is the assay the reference was made with (no calibration bias,
    imprecision ``cv_a_pct``). Assay B has calibration bias ``bias_b_pct`` and
    imprecision ``cv_b_pct``. Both are classified low/normal/high: A against
    the reference, B against the same reference (``read_b_against="A"``, the
    common mistake) or against its own, rescaled one (``"own"``).

    Defaults and the ranges accepted come from ``course_lib/data/assay_parameters.csv``
    (:func:`settings`). The people are drawn first and assay A measures
    before assay B, so for one seed the cohort and assay A's values do not
    depend on assay B's settings.

    >>> s = inter_assay_study(200, rng=np.random.default_rng(3), bias_b_pct=0, cv_b_pct=0, cv_a_pct=0)
    >>> s.bland_altman.bias, s.agreement.kappa
    (0.0, 1.0)
    """
    cfg = settings()
    n = _n(cfg["n"][0] if n is None else n, low=cfg["n"][1], high=cfg["n"][2])
    values = {}
    for key, given in (("bias_b_pct", bias_b_pct), ("cv_b_pct", cv_b_pct), ("cv_a_pct", cv_a_pct)):
        default, lo, hi = cfg[key]
        values[key] = real(
            default if given is None else given, name=key, unit="percent", low=lo, high=hi, allow_array=False
        )
    choice(read_b_against, name="read_b_against", choices=READ_AGAINST)
    choice(scale, name="scale", choices=SCALES)
    rng = rng_check(rng)
    people = draw_cohort(n, rng=rng, reference=reference)
    true = people["true_ng_per_mL"].to_numpy()
    people["assay_a_ng_per_mL"] = measure(true, bias_pct=0.0, cv_pct=values["cv_a_pct"], rng=rng)
    people["assay_b_ng_per_mL"] = measure(true, bias_pct=values["bias_b_pct"], cv_pct=values["cv_b_pct"], rng=rng)
    kw = dict(age_y=people["age_y"].to_numpy(), sex=people["sex"].to_numpy(), reference=reference)
    people["class_true"] = classify(true, **kw)
    people["class_a"] = classify(people["assay_a_ng_per_mL"].to_numpy(), **kw)
    b_scale = 1.0 + values["bias_b_pct"] / 100.0 if read_b_against == "own" else 1.0
    people["class_b"] = classify(people["assay_b_ng_per_mL"].to_numpy(), scale=b_scale, **kw)
    ba = bland_altman(people["assay_a_ng_per_mL"].to_numpy(), people["assay_b_ng_per_mL"].to_numpy(), scale=scale)
    ag = agreement(people["class_a"], people["class_b"], labels=("assay A", "assay B"))
    return InterAssayStudy(
        people=people,
        bias_b_pct=values["bias_b_pct"],
        cv_a_pct=values["cv_a_pct"],
        cv_b_pct=values["cv_b_pct"],
        read_b_against=read_b_against,
        scale=scale,
        bland_altman=ba,
        agreement=ag,
    )


def reference_disagreement(people: pd.DataFrame, *, value_column: str = "true_ng_per_mL") -> Agreement:
    """Classify the same values against the iSYS 2014 and the Japan 2012 references and compare.

    ``people`` needs ``age_y`` (within both references, at most 77 y), ``sex``
    and the value column (ng/mL, positive), as :func:`draw_cohort` makes.
    ``value_column`` names one of its columns of values. Rows of the table: iSYS; columns: Japan.
    """
    frame(people, name="people", what="a table of people such as assays.draw_cohort(...) returns")
    text(value_column, name="value_column", what="the name of a column of people with values in ng/mL")
    for col in ("age_y", "sex"):
        if col not in people:
            raise ValueError(f"people must have a column {col!r}; it has {list(people.columns)}.")
    choice(
        value_column,
        name="value_column",
        choices=[c for c in people.columns if c not in ("age_y", "sex") and isinstance(c, str)],
    )
    oldest = min(reference_ranges.age_range(r)[1] for r in reference_ranges.REFERENCES)
    ages = real(people["age_y"].to_numpy(), name="people['age_y']", unit="years", low=0, high=oldest)
    values = real(people[value_column].to_numpy(), name=f"people[{value_column!r}]", unit="ng/mL", low=0, low_open=True)
    kw = dict(age_y=ages, sex=people["sex"].to_numpy())
    by_isys = classify(values, reference="isys2014", **kw)
    by_japan = classify(values, reference="japan2012", **kw)
    return agreement(by_isys, by_japan, labels=("iSYS 2014", "Japan 2012"))


def retest_change_sd_pct() -> float:
    """SD of one person's change between two tests 12 weeks apart (same assay), in percent, from Rosario 2010.

    99% of 100 healthy adults changed by less than ``rosario_change_limit_pct`` (20%). If changes are
    normal with mean 0, that limit is ``z = 2.576`` SDs (the 99.5th percentile of N(0, 1)), so the SD
    of one change is at most 20 / 2.576 = 7.8% ("less than 20%" makes this an upper bound).

    >>> round(retest_change_sd_pct(), 2)
    7.76
    """
    return data.parameter(_TABLE, "rosario_change_limit_pct") / float(stats.norm.ppf(0.995))


def mean_change_se_pct(n_people) -> float:
    """Standard error, in percent, of the mean change of ``n_people`` people from test-to-test noise alone.

    Independent noise averages out: the SE is :func:`retest_change_sd_pct` divided by the square root
    of ``n_people`` (a whole number, 1 to 100000). A mean change many SEs from zero is not noise.

    >>> round(mean_change_se_pct(12), 2)
    2.24
    """
    n = integer(n_people, name="n_people", unit="people", low=1, high=100_000)
    return retest_change_sd_pct() / float(np.sqrt(n))


@functools.cache
def _own_reference_kappas(n: int) -> tuple[float, ...]:
    seed = int(cohort_defaults()["seed"])
    return tuple(
        inter_assay_study(n, rng=np.random.default_rng(seed + i), read_b_against="own").agreement.weighted_kappa
        for i in range(CARD_COHORTS)
    )


def anchors() -> pd.DataFrame:
    """The model card of the inter-assay simulation: each anchor, its published value and the model's.

    Columns ``anchor``, ``published``, ``source`` (citation key, or how the value is known), ``model``
    (computed here, from the model, with the default settings) and ``verdict``. The kappa row runs
    :data:`CARD_COHORTS` cohorts of Sabbah 2021's size (911 adults), each assay read against its own
    reference, and reports their mean and SD (about 2 s).
    """
    t = data.parameters(_TABLE)
    cfg = settings()
    seed = int(cohort_defaults()["seed"])
    median = float(t.loc["pokrajac_median_nmol_per_L", "value"])
    lo_pct = 100.0 * (float(t.loc["pokrajac_median_nmol_per_L", "low"]) / median - 1.0)
    hi_pct = 100.0 * (float(t.loc["pokrajac_median_nmol_per_L", "high"]) / median - 1.0)
    _, bias_lo, bias_hi = cfg["bias_b_pct"]
    covers = bias_lo <= lo_pct and hi_pct <= bias_hi
    cv_b = cfg["cv_b_pct"][0]
    factor = measure(np.ones(200_000), bias_pct=0.0, cv_pct=cv_b, rng=np.random.default_rng(seed))
    people = draw_cohort(5000, rng=np.random.default_rng(seed))
    high = classify(people["true_ng_per_mL"].to_numpy(), age_y=people["age_y"].to_numpy(), sex=people["sex"].to_numpy())
    share_high = float(np.mean(high == "high"))
    p_high = 1.0 - P_HIGH / 100.0
    # Verdicts: within 4 standard errors of the sampling error of each estimate.
    cv = cv_b / 100.0
    mean_ok = abs(factor.mean() - 1.0) < 4 * cv / np.sqrt(factor.size)
    cv_ok = abs(factor.std() / factor.mean() - cv) < 4 * cv * np.sqrt((0.5 + cv**2) / factor.size)
    share_ok = abs(share_high - p_high) < 4 * np.sqrt(p_high * (1 - p_high) / len(people))
    n_sabbah = int(_p("sabbah_adults"))
    kappas = np.array(_own_reference_kappas(n_sabbah))
    k_mean, k_sd = float(kappas.mean()), float(kappas.std(ddof=1))
    k_min, k_max, k_sabbah = (
        _p("mavromati_weighted_kappa_min"),
        _p("mavromati_weighted_kappa_max"),
        _p("sabbah_kappa"),
    )
    kappa_text = f"{k_mean:.2f} (mean of {CARD_COHORTS} cohorts of {n_sabbah}; SD {k_sd:.2f})"
    rows = [
        (
            f"one sample across {_p('pokrajac_centres'):.0f} UK laboratories, relative to their median",
            f"{lo_pct:+.0f}% to {hi_pct:+.0f}% ({t.loc['pokrajac_median_nmol_per_L', 'low']:.1f}-"
            f"{t.loc['pokrajac_median_nmol_per_L', 'high']:.1f} nmol/L, median {median:.1f})",
            "pokrajac2007",
            f"assay B's bias can be set from {bias_lo:+.0f}% to {bias_hi:+.0f}% (default {cfg['bias_b_pct'][0]:+.0f}%)",
            "parameter: covers the whole spread"
            if covers
            else f"parameter: covers all but the lowest laboratory ({lo_pct:+.0f}%)",
        ),
        (
            "mean of the log-normal error factor",
            "1 (exactly, by construction)",
            "log-normal formula",
            f"{factor.mean():.4f} (200,000 draws at CV {cv_b:.0f}%)",
            "reproduced" if mean_ok else "not reproduced",
        ),
        (
            "coefficient of variation of the error factor",
            f"{cv_b:.1f}% (the setting)",
            "log-normal formula",
            f"{100 * factor.std() / factor.mean():.2f}%",
            "reproduced" if cv_ok else "not reproduced",
        ),
        (
            "healthy people above the 97.5th percentile of their own reference",
            "2.5% (by definition of the reference)",
            "bidlingmaier2014",
            f"{100 * share_high:.1f}% (5,000 simulated adults)",
            "reproduced (within sampling error)" if share_ok else "not reproduced",
        ),
        (
            f"weighted kappa, pairs of assays each read against its own normative data ({_p('mavromati_assays'):.0f} assays)",
            f"{k_min:.2f} to {k_max:.2f}",
            "mavromati2017",
            kappa_text,
            "reproduced (inside the range)" if k_min <= k_mean <= k_max else "not reproduced",
        ),
        (
            f"kappa, {n_sabbah:.0f} healthy adults, eight assays with their own normative data",
            f"{k_sabbah:.2f}",
            "sabbah2021",
            kappa_text,
            f"not reproduced: the model agrees better, by {k_mean - k_sabbah:.2f} "
            f"({(k_mean - k_sabbah) / k_sd:.1f} times the cohort-to-cohort SD)"
            if k_mean - k_sabbah > 2 * k_sd / np.sqrt(CARD_COHORTS)
            else "reproduced",
        ),
    ]
    return pd.DataFrame(rows, columns=["anchor", "published", "source", "model", "verdict"])
