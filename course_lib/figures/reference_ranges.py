"""Figures of :mod:`course_lib.models.reference_ranges` (unit 05): LMS percentile bands across life, where a
fixed concentration ranks at each age, and the two bundled reference populations compared.

Each builder returns a ``go.Figure`` (never shown) and has a ``describe_*`` companion that states the
figure's key numbers as text for nbval and screen readers. :func:`age_grid` and :func:`bands` are the
curves the lifespan explorer (:mod:`course_lib.figures.lifestyle`) draws its bands from.
"""

from __future__ import annotations

import functools

import numpy as np
import plotly.graph_objects as go

from .._validate import choice, real, reals
from ..models import reference_ranges
from ..plotting import PALETTE, figure

__all__ = [
    "age_grid",
    "bands",
    "reference_comparison_figure",
    "describe_comparison",
    "rank_of_values_figure",
    "describe_ranks",
    "describe_life_course",
    "describe_sex_ratio",
    "describe_change",
]

_STEP_Y = 0.5


def age_grid(reference: str = "isys2014") -> np.ndarray:
    """Ages (years) at which curves are drawn: every half year across the reference's range."""
    lo, hi = reference_ranges.age_range(reference)
    return np.round(np.arange(lo, hi + _STEP_Y / 2, _STEP_Y), 2)


def bands(*, sex: str, reference: str = "isys2014") -> dict[str, np.ndarray]:
    """Percentile curves (ng/mL, rounded to 0.1) on :func:`age_grid`, keyed 'p2.5' ... 'median'.

    Cached per (sex, reference); the arrays are read-only.
    """
    choice(sex, name="sex", choices=reference_ranges.SEXES)  # checked before the cache, which needs hashable keys
    return _bands(sex, choice(reference, name="reference", choices=reference_ranges.REFERENCES))


@functools.cache
def _bands(sex: str, reference: str) -> dict[str, np.ndarray]:
    ages = age_grid(reference)
    ps = {"p2.5": 2.5, "p25": 25.0, "median": 50.0, "p75": 75.0, "p97.5": 97.5}
    out = {k: np.round(reference_ranges.percentile(ages, sex=sex, p=p, reference=reference), 1) for k, p in ps.items()}
    for arr in out.values():
        arr.setflags(write=False)
    return out


def reference_comparison_figure(*, sex: str) -> go.Figure:
    """Median and 95% interval of the two bundled references for one sex, over their common age range."""
    fig = figure(
        title=f"Two reference populations, {sex}: median and 2.5th/97.5th percentiles",
        x_title="Age (years)",
        y_title="Serum total IGF-1 (ng/mL)",
    )
    hi = min(reference_ranges.age_range(r)[1] for r in reference_ranges.REFERENCES)
    ages = np.arange(0, hi + 0.25, 0.5)
    for reference, colour in (("isys2014", "blue"), ("japan2012", "orange")):
        label = reference_ranges.REFERENCE_LABELS[reference]
        for p, dash, width in ((50, "solid", 2.5), (2.5, "dot", 1.2), (97.5, "dot", 1.2)):
            y = np.round(reference_ranges.percentile(ages, sex=sex, p=p, reference=reference), 1)
            fig.add_scatter(
                x=ages,
                y=y,
                name=f"{label}, P{p:g}",
                line=dict(color=PALETTE[colour], dash=dash, width=width),
                legendgroup=reference,
                showlegend=p == 50,
            )
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.18, x=0))
    return fig


def describe_comparison(*, sex: str, ages_y=(10, 15, 30, 50, 70)) -> str:
    """Medians of both references at a few ages, one line each (ages within both references' ranges)."""
    choice(sex, name="sex", choices=reference_ranges.SEXES)
    ranges = [reference_ranges.age_range(r) for r in reference_ranges.REFERENCES]
    ages_y = reals(
        ages_y, name="ages_y", unit="years", low=max(lo for lo, _ in ranges), high=min(hi for _, hi in ranges)
    )
    lines = []
    for a in ages_y:
        m1 = reference_ranges.percentile(a, sex=sex, p=50, reference="isys2014")
        m2 = reference_ranges.percentile(a, sex=sex, p=50, reference="japan2012")
        lines.append(
            f"{sex} {a:>2} y: iSYS median {m1:5.0f} ng/mL, Japan median {m2:5.0f} ng/mL ({(m2 / m1 - 1) * 100:+.0f}%)"
        )
    return "\n".join(lines)


_LINE_COLOURS = ("orange", "green", "purple")


def _values(values_ng_per_mL) -> list:
    """Concentrations (ng/mL) to rank: a non-empty list, each above 0 and at most the models' largest value."""
    values = reals(
        values_ng_per_mL,
        name="values_ng_per_mL",
        unit="ng/mL",
        low=0,
        high=reference_ranges.MAX_VALUE_NG_PER_ML,
        example="(120, 160)",
    )
    for v in values:
        real(v, name="values_ng_per_mL", unit="ng/mL", low=0, low_open=True, high=reference_ranges.MAX_VALUE_NG_PER_ML)
    return values


def _ages(ages_y, reference: str) -> list:
    """Ages (years) at which to state numbers; ages past the end of ``reference`` are left out."""
    return [
        a
        for a in reals(ages_y, name="ages_y", unit="years", low=reference_ranges.age_range(reference)[0])
        if a <= reference_ranges.age_range(reference)[1]
    ]


def rank_of_values_figure(values_ng_per_mL=(120.0, 160.0), *, sex: str, reference: str = "isys2014") -> go.Figure:
    """Where fixed concentrations (one to three) fall in the reference distribution at each adult age (percentile, %)."""
    values = _values(values_ng_per_mL)
    if len(values) > len(_LINE_COLOURS):
        raise ValueError(
            f"values_ng_per_mL must be one to {len(_LINE_COLOURS)} concentrations in ng/mL, one line each; "
            f"got {len(values)}."
        )
    lo, hi = reference_ranges.age_range(reference)
    ages = np.arange(20.0, hi + 0.25, 1.0)
    fig = figure(
        title=f"The same concentration is a different percentile at different ages ({sex}, {reference})",
        x_title="Age (years)",
        y_title="Percentile of the reference population (%)",
    )
    for v, colour in zip(values, _LINE_COLOURS):
        rank = reference_ranges.percentile_rank(np.full_like(ages, v), age_y=ages, sex=sex, reference=reference)
        fig.add_scatter(x=ages, y=np.round(rank, 1), name=f"{v:g} ng/mL", line=dict(color=PALETTE[colour], width=2.5))
    fig.update_yaxes(range=[0, 100])
    return fig


def describe_life_course(*, reference: str = "isys2014", ages_y=(0, 5, 15, 25, 40, 60, 80)) -> str:
    """Text companion of the life-course figures: medians by age and sex, peaks and adult decline.

    Ages in ``ages_y`` past the end of the reference are left out.
    """
    ages_y = _ages(ages_y, reference)
    lines = []
    for sex in reference_ranges.SEXES:
        meds = ", ".join(
            f"{a} y {reference_ranges.percentile(a, sex=sex, p=50, reference=reference):.0f}" for a in ages_y
        )
        age, value = reference_ranges.peak(sex=sex, reference=reference)
        lines.append(
            f"{sex}: median (ng/mL) {meds}; peak {value:.1f} ng/mL at {age:g} y; "
            f"adult decline 25-65 y {reference_ranges.annual_decline_pct(25, 65, sex=sex, reference=reference):.1f}%/yr"
        )
    f40, m40 = (reference_ranges.percentile(40, sex=s, p=50, reference=reference) for s in ("female", "male"))
    lines.append(f"At 40 y the female median is {(f40 / m40 - 1) * 100:+.0f}% relative to the male median.")
    return "\n".join(lines)


def describe_ranks(
    values_ng_per_mL=(120.0, 160.0), *, sex: str, reference: str = "isys2014", ages_y=(25, 45, 65, 85)
) -> str:
    """Text companion of :func:`rank_of_values_figure` (ages in ``ages_y`` past the end of the reference are left out)."""
    ages_y = _ages(ages_y, reference)
    lines = []
    for v in _values(values_ng_per_mL):
        ranks = ", ".join(
            f"{reference_ranges.percentile_rank(v, age_y=a, sex=sex, reference=reference):.0f}% at {a} y"
            for a in ages_y
        )
        lines.append(f"{v:g} ng/mL ({sex}, {reference}): share of the reference population below it: {ranks}")
    return "\n".join(lines)


def describe_sex_ratio(*, reference: str = "isys2014", ages_y=(30, 40, 45, 50, 55, 60, 65, 70, 80)) -> str:
    """The women's median as a percentage of the men's, age by age, with the change from 40 to 60 years.

    A cross-sectional reading of the reference (different people at each age); ages in ``ages_y`` past the
    end of the reference are left out.

    >>> describe_sex_ratio(ages_y=(40, 60)).splitlines()[0]
    "Women's median as % of men's (isys2014): 40 y 91%, 60 y 88%"
    """
    ages_y = _ages(ages_y, reference)
    ratios = ", ".join(f"{a:g} y {reference_ranges.sex_ratio_pct(a, reference=reference):.0f}%" for a in ages_y)
    r40, r60 = (reference_ranges.sex_ratio_pct(a, reference=reference) for a in (40, 60))
    return (
        f"Women's median as % of men's ({reference}): {ratios}\n"
        f"From 40 to 60 y the women's median falls from {r40:.1f}% to {r60:.1f}% of the men's "
        f"({r60 - r40:+.1f} percentage points); cross-sectional, not the same people followed."
    )


def describe_change(start_age_y: float, end_age_y: float, *, reference: str = "isys2014") -> str:
    """The change of each sex's median between two ages, in percent: a cross-sectional change (different people).

    >>> describe_change(53, 62)
    'Median 53 y -> 62 y (isys2014, cross-sectional): male 119 -> 107 ng/mL (-10%), female 110 -> 95 ng/mL (-14%)'
    """
    lo, hi = reference_ranges.age_range(reference)
    start = real(start_age_y, name="start_age_y", unit="years", low=lo, high=hi, allow_array=False)
    end = real(end_age_y, name="end_age_y", unit="years", low=lo, high=hi, allow_array=False)
    parts = []
    for sex in reference_ranges.SEXES:
        m0, m1 = (reference_ranges.percentile(a, sex=sex, p=50, reference=reference) for a in (start, end))
        parts.append(f"{sex} {m0:.0f} -> {m1:.0f} ng/mL ({100 * (m1 / m0 - 1):+.0f}%)")
    return f"Median {start:g} y -> {end:g} y ({reference}, cross-sectional): " + ", ".join(parts)
