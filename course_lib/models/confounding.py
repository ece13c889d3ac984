"""Confounding, adjustment and reverse causation, in simulated cohorts where the truth is known.

Observational studies of IGF-1 mostly measure it once and relate it to an
outcome. Two traps follow, and both are easiest to see when we *write* the
causal structure ourselves and then analyse the data as a study would.

Confounding (age)
    Serum IGF-1 falls with adult age (the bundled LMS references) and muscle
    mass also falls with age. In :func:`simulate` the simulated muscle-mass
    score (in SD units; **illustrative**) is

        muscle = -strength * (age - mid_age) / 10
                 + direct * (IGF-1 - 150 ng/mL) / 100 + e,    e ~ N(0, 1),

    so ``strength`` (SD per decade) is the confounding path and ``direct``
    (SD per 100 ng/mL) the true causal effect of IGF-1. :func:`fit` regresses
    the score on IGF-1 with ordinary least squares (statsmodels), crude and
    adjusted for age. With ``direct = 0`` the crude slope is positive (older
    people have less IGF-1 *and* less muscle) while the age-adjusted slope is
    close to 0, with a confidence interval that covers 0 about 95% of the time.
    The adjustment works here because the model includes age in the form it
    acts (linearly); real adjustment is only as good as that match.

Reverse causation (illness)
    In :func:`reverse_causation_study` a hidden illness lowers IGF-1 and
    raises the risk of dying; IGF-1 itself does nothing. Low IGF-1 still
    "predicts" death. The illness lowers IGF-1 by as much as cutting protein
    from 1.67 to 0.95 g/kg/day did in 3 weeks (194 -> 152 ng/mL, about -22%,
    Fontana et al. 2008, ``fontana2008``) -- a stand-in for an illness that
    cuts appetite; prevalence and death risks are teaching choices.

All settings are in ``course_lib/data/confounding_parameters.csv`` (rows ``conf_*`` and
``reverse_*``); the cohorts' age range is :func:`course_lib.models.assays.cohort_defaults`.
Randomness comes only from the ``rng`` passed in.

>>> people = simulate(300, rng=np.random.default_rng(0), age_strength=0.3, direct_effect=0.0)
>>> result = fit(people)
>>> result.crude.estimate > result.adjusted.estimate
True
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import statsmodels.api as sm

from .. import data
from .._validate import choice, frame, integer, real, text
from . import assays, reference_ranges

__all__ = [
    "settings",
    "setting",
    "simulate",
    "Estimate",
    "ConfoundingFit",
    "fit",
    "ReverseCausation",
    "reverse_causation_study",
    "illness_igf1_change_pct",
    "mortality_meta_analyses",
]

_TABLE = "confounding_parameters"
#: Centre of the IGF-1 term in the muscle score; it shifts the score's mean, never a slope.
IGF1_CENTRE_NG_PER_ML = 150.0


def _p(name: str) -> float:
    return data.parameter(_TABLE, name)


def settings() -> dict[str, tuple[float, float, float]]:
    """Default and widget range ``(value, low, high)`` of each confounding setting."""
    return dict(_settings())


@functools.cache
def _settings() -> dict[str, tuple[float, float, float]]:
    names = {
        "n": "conf_n",
        "age_strength": "conf_age_strength_sd_per_decade",
        "direct_effect": "conf_direct_effect_sd_per_100_ng_per_mL",
        "reverse_n": "reverse_n",
        "illness_prevalence_pct": "reverse_illness_prevalence_pct",
    }
    return {key: data.parameter_range(_TABLE, name) for key, name in names.items()}


#: The unit of each setting, as error messages spell it.
_UNITS = {
    "n": "people",
    "age_strength": "SD per decade",
    "direct_effect": "SD per 100 ng/mL",
    "reverse_n": "people",
    "illness_prevalence_pct": "percent",
}


def setting(key: str, value=None, *, name: str = "value") -> float:
    """``value`` checked against the range of setting ``key`` (see :func:`settings`), or its default when None.

    ``name`` is the parameter the error message names (a caller passes its own parameter's name).
    Cohort sizes (``n``, ``reverse_n``) must be whole numbers and come back as ``int``.

    >>> setting("age_strength", 0.5)
    0.5
    >>> setting("age_strength", 0.9, name="age_strength")
    Traceback (most recent call last):
    ...
    ValueError: age_strength must be a number in SD per decade between 0.0 and 0.6; got 0.9. Choose a value in that range.
    """
    default, lo, hi = _settings()[choice(key, name="key", choices=tuple(_UNITS))]
    text(name, name="name", what="the parameter name the error message uses")
    value = default if value is None else value
    if _UNITS[key] == "people":
        return integer(value, name=name, unit="people", low=int(lo), high=int(hi))
    return real(value, name=name, unit=_UNITS[key], low=lo, high=hi, allow_array=False)


def simulate(
    n=None, *, rng: np.random.Generator, age_strength=None, direct_effect=None, reference: str = "isys2014"
) -> pd.DataFrame:
    """A cohort in which age lowers both IGF-1 and a muscle-mass score (illustrative).

    Parameters
    ----------
    n : int, optional
        People, within the ``conf_n`` range (default from the table).
    rng : numpy.random.Generator
    age_strength : float, optional
        Fall of the muscle score per decade of age, in SD (0 to 0.6).
    direct_effect : float, optional
        True effect of IGF-1 on the score, SD per 100 ng/mL (-0.5 to 0.5).
    reference : {"isys2014", "japan2012"}
        Where the true IGF-1 values come from.

    Returns
    -------
    pandas.DataFrame
        ``age_y``, ``sex``, ``igf1_ng_per_mL`` and ``muscle_score`` (SD units).
    """
    n = setting("n", n, name="n")
    strength = setting("age_strength", age_strength, name="age_strength")
    direct = setting("direct_effect", direct_effect, name="direct_effect")
    people = assays.draw_cohort(n, rng=rng, reference=reference)
    ages = assays.cohort_defaults()
    mid_age = (ages["age_min_y"] + ages["age_max_y"]) / 2.0
    igf1 = people["true_ng_per_mL"].to_numpy()
    noise = rng.standard_normal(n)
    muscle = (
        -strength * (people["age_y"].to_numpy() - mid_age) / 10.0
        + direct * (igf1 - IGF1_CENTRE_NG_PER_ML) / 100.0
        + noise
    )
    return pd.DataFrame(
        {"age_y": people["age_y"], "sex": people["sex"], "igf1_ng_per_mL": igf1, "muscle_score": muscle}
    )


@dataclass(frozen=True)
class Estimate:
    """A regression slope of the muscle score on IGF-1: SD per 100 ng/mL, its 95% CI and p-value."""

    estimate: float
    ci_low: float
    ci_high: float
    p_value: float

    @property
    def covers_zero(self) -> bool:
        return self.ci_low <= 0.0 <= self.ci_high


@dataclass(frozen=True)
class ConfoundingFit:
    """Crude and age-adjusted OLS slopes (statsmodels) and the crude correlation."""

    crude: Estimate
    adjusted: Estimate
    correlation: float
    n: int
    intercepts: tuple[float, float] = field(repr=False)
    age_coefficient: float = field(repr=False)


def _estimate(result, column: int) -> Estimate:
    ci = result.conf_int(0.05)[column]
    return Estimate(float(result.params[column]), float(ci[0]), float(ci[1]), float(result.pvalues[column]))


def fit(people: pd.DataFrame) -> ConfoundingFit:
    """Regress ``muscle_score`` on IGF-1 (per 100 ng/mL): crude, then adjusted for age (linear).

    Uses :class:`statsmodels.api.OLS`; the confidence intervals are the usual
    t-based 95% intervals. ``people`` is a table such as :func:`simulate` returns
    (columns ``age_y``, ``igf1_ng_per_mL``, ``muscle_score``; at least 10 rows).
    """
    frame(people, name="people", what="a table of people such as confounding.simulate(...) returns")
    for col in ("age_y", "igf1_ng_per_mL", "muscle_score"):
        if col not in people:
            raise ValueError(f"people must have a column {col!r}; it has {list(people.columns)}.")
    if len(people) < 10:
        raise ValueError(f"people must have at least 10 rows to fit two slopes; got {len(people)}.")
    y = real(people["muscle_score"].to_numpy(), name="people['muscle_score']", unit="SD units")
    igf = real(people["igf1_ng_per_mL"].to_numpy(), name="people['igf1_ng_per_mL']", unit="ng/mL", low=0) / 100.0
    age = real(people["age_y"].to_numpy(), name="people['age_y']", unit="years", low=0)
    crude = sm.OLS(y, sm.add_constant(np.column_stack([igf]), has_constant="add")).fit()
    adjusted = sm.OLS(y, sm.add_constant(np.column_stack([igf, age]), has_constant="add")).fit()
    return ConfoundingFit(
        crude=_estimate(crude, 1),
        adjusted=_estimate(adjusted, 1),
        correlation=float(np.corrcoef(igf, y)[0, 1]),
        n=len(people),
        intercepts=(float(crude.params[0]), float(adjusted.params[0])),
        age_coefficient=float(adjusted.params[2]),
    )


def illness_igf1_change_pct() -> float:
    """How much the simulated illness lowers IGF-1, in percent: the Fontana 2008 protein anchor (about -22%)."""
    before = data.parameter("lifestyle_parameters", "fontana_igf1_before_ng_per_mL")
    after = data.parameter("lifestyle_parameters", "fontana_igf1_after_ng_per_mL")
    return 100.0 * (after / before - 1.0)


@dataclass(frozen=True)
class ReverseCausation:
    """Death risk by fifth of IGF-1 SDS, for everyone and for the well only.

    ``by_fifth`` has one row per fifth (1 = lowest IGF-1 SDS) with columns
    ``n``, ``deaths``, ``risk_pct``, ``ill_pct`` (everyone) and
    ``risk_well_pct`` (the same fifths, people without the illness only).
    ``risk_ratio`` compares the lowest with the middle fifth.
    """

    people: pd.DataFrame = field(repr=False)
    by_fifth: pd.DataFrame
    risk_ratio_all: float
    risk_ratio_well: float


def reverse_causation_study(
    n=None, *, rng: np.random.Generator, illness_prevalence_pct=None, reference: str = "isys2014"
) -> ReverseCausation:
    """A cohort where illness lowers IGF-1 and causes deaths, and IGF-1 causes nothing.

    Each person is ill with probability ``illness_prevalence_pct``; illness
    multiplies IGF-1 by ``1 + illness_igf1_change_pct()/100`` and sets the
    death risk to ``reverse_death_risk_ill_pct`` instead of
    ``reverse_death_risk_well_pct``. The analysis then looks, as a cohort
    study would, at death risk by fifth of the age- and sex-specific SDS.
    """
    n = setting("reverse_n", n, name="n")
    prevalence = setting("illness_prevalence_pct", illness_prevalence_pct, name="illness_prevalence_pct")
    people = assays.draw_cohort(n, rng=rng, reference=reference)
    ill = rng.random(n) < prevalence / 100.0
    factor = np.where(ill, 1.0 + illness_igf1_change_pct() / 100.0, 1.0)
    igf1 = people["true_ng_per_mL"].to_numpy() * factor
    risk = np.where(ill, _p("reverse_death_risk_ill_pct"), _p("reverse_death_risk_well_pct")) / 100.0
    died = rng.random(n) < risk
    sds = np.empty(n)
    for s in reference_ranges.SEXES:
        m = (people["sex"] == s).to_numpy()
        if m.any():
            sds[m] = reference_ranges.sds(igf1[m], age_y=people["age_y"].to_numpy()[m], sex=s, reference=reference)
    fifth = pd.qcut(sds, 5, labels=[1, 2, 3, 4, 5]).astype(int)
    table = pd.DataFrame(
        {
            "age_y": people["age_y"],
            "sex": people["sex"],
            "igf1_ng_per_mL": igf1,
            "sds": sds,
            "ill": ill,
            "died": died,
            "fifth": fifth,
        }
    )
    grouped = table.groupby("fifth")
    well = table[~table["ill"]].groupby("fifth")
    by_fifth = pd.DataFrame(
        {
            "n": grouped.size(),
            "deaths": grouped["died"].sum().astype(int),
            "risk_pct": 100.0 * grouped["died"].mean(),
            "ill_pct": 100.0 * grouped["ill"].mean(),
            "risk_well_pct": 100.0 * well["died"].mean(),
        }
    )
    by_fifth.index.name = "fifth of IGF-1 SDS"
    ratio_all = by_fifth.loc[1, "risk_pct"] / by_fifth.loc[3, "risk_pct"]
    ratio_well = by_fifth.loc[1, "risk_well_pct"] / by_fifth.loc[3, "risk_well_pct"]
    return ReverseCausation(
        people=table, by_fifth=by_fifth, risk_ratio_all=float(ratio_all), risk_ratio_well=float(ratio_well)
    )


def mortality_meta_analyses() -> pd.DataFrame:
    """All-cause mortality hazard ratios for low and high vs middle IGF-1, from two meta-analyses.

    Columns: ``study``, ``comparison`` ("low vs middle" / "high vs middle"),
    ``hr``, ``ci_low``, ``ci_high``, ``citation_key``, ``evidence_level``.
    """
    table = data.parameters(_TABLE)
    rows = []
    for key, study in (
        ("burgers", "Burgers 2011 (12 studies, n = 14,906)"),
        ("rahmani", "Rahmani 2022 (19 cohorts, n = 30,876)"),
    ):
        for side in ("low", "high"):
            r = table.loc[f"{key}_{side}_vs_mid_hr"]
            rows.append(
                {
                    "study": study,
                    "comparison": f"{side} vs middle",
                    "hr": float(r["value"]),
                    "ci_low": float(r["low"]),
                    "ci_high": float(r["high"]),
                    "citation_key": r["citation_key"],
                    "evidence_level": r["evidence_level"],
                }
            )
    return pd.DataFrame(rows)
