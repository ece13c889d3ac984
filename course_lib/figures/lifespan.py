"""Figures for unit 05: IGF-1 reference percentiles across life, and the illustrative lifestyle curve."""
from __future__ import annotations

import functools

import numpy as np
import plotly.graph_objects as go
from scipy.special import ndtr

from ..models import lifestyle, reference_ranges
from .._validate import choice, mapping, real, reals
from ..plotting import PALETTE, band_colour, figure

__all__ = ["TRACES", "age_grid", "bands", "illustrative_curve", "chosen_point", "title", "lifespan_figure", "at_age", "summary_text", "describe", "reference_comparison_figure", "describe_comparison"]

#: Trace order in :func:`lifespan_figure`; the explorer widget updates traces by these indices.
TRACES = ("p2.5", "p97.5", "p25", "p75", "median", "illustrative", "chosen age", "measured")
_STEP_Y = 0.5


# -- boundary checks: every message names this module's parameter (``ref``, not the model's ``reference``) --
def _ref(ref) -> str:
    return choice(ref, name="ref", choices=reference_ranges.REFERENCES)


def _population(sex, ref) -> tuple[str, str]:
    return choice(sex, name="sex", choices=reference_ranges.SEXES), _ref(ref)


def _age(age_y, ref: str) -> float:
    lo, hi = reference_ranges.age_range(ref)
    return real(age_y, name="age_y", unit="years", low=lo, high=hi, allow_array=False)


def _protein(protein_g_per_kg_day) -> float:
    lo, hi = lifestyle.protein_range()
    return real(protein_g_per_kg_day, name="protein_g_per_kg_day", unit="g/kg/day", low=lo, high=hi,
                allow_array=False)


def _training(training) -> str:
    return choice(training, name="training", choices=lifestyle.TRAINING_STATUSES)


def _measured(measured_ng_per_mL) -> float:
    return real(measured_ng_per_mL, name="measured_ng_per_mL", unit="ng/mL", low=0, low_open=True,
                high=reference_ranges.MAX_VALUE_NG_PER_ML, allow_array=False)


def _optional(*, protein_g_per_kg_day, training, measured_ng_per_mL) -> None:
    """Check the inputs that may be left out (None) of :func:`lifespan_figure` and :func:`at_age`."""
    if protein_g_per_kg_day is not None:
        _protein(protein_g_per_kg_day)
    if training is not None:
        _training(training)
    if measured_ng_per_mL is not None:
        _measured(measured_ng_per_mL)


def age_grid(ref: str) -> np.ndarray:
    """Ages (years) at which curves are drawn: every half year across the reference's range."""
    lo, hi = reference_ranges.age_range(_ref(ref))
    return np.round(np.arange(lo, hi + _STEP_Y / 2, _STEP_Y), 2)


def bands(*, sex: str, ref: str) -> dict[str, np.ndarray]:
    """Percentile curves (ng/mL, rounded to 0.1) on :func:`age_grid`, keyed 'p2.5' ... 'median'.

    Cached per (sex, reference); the arrays are read-only.
    """
    return _bands(*_population(sex, ref))


@functools.lru_cache(maxsize=None)
def _bands(sex: str, ref: str) -> dict[str, np.ndarray]:
    ages = age_grid(ref)
    ps = {"p2.5": 2.5, "p25": 25.0, "median": 50.0, "p75": 75.0, "p97.5": 97.5}
    out = {k: np.round(reference_ranges.percentile(ages, sex=sex, p=p, reference=ref), 1) for k, p in ps.items()}
    for arr in out.values():
        arr.setflags(write=False)
    return out


def illustrative_curve(*, sex: str, ref: str, protein_g_per_kg_day: float, training: str) -> np.ndarray:
    """The illustrative curve on :func:`age_grid`: median x protein factor x training factor (ng/mL)."""
    _population(sex, ref)
    factor = lifestyle.protein_factor(_protein(protein_g_per_kg_day)) * lifestyle.training_factor(_training(training))
    return np.round(bands(sex=sex, ref=ref)["median"] * factor, 1)


def chosen_point(*, sex: str, ref: str, age_y: float, protein_g_per_kg_day: float, training: str) -> tuple[list, list]:
    """The marker at the chosen age on the illustrative curve, as ``([age], [ng/mL])``."""
    _protein(protein_g_per_kg_day)  # required here: without lifestyle inputs there is no curve to mark
    _training(training)
    n = at_age(sex=sex, ref=ref, age_y=age_y, protein_g_per_kg_day=protein_g_per_kg_day, training=training)
    return [age_y], [round(n["value"], 1)]


def title(*, sex: str, ref: str) -> str:
    """The title of :func:`lifespan_figure` for one sex and reference (the reference on a smaller second line,
    so the title fits a notebook-width figure)."""
    _population(sex, ref)
    return f"Serum total IGF-1 by age, {sex}<br><sup>reference: {reference_ranges.REFERENCE_LABELS[ref]}</sup>"


def lifespan_figure(
    *,
    sex: str,
    ref: str = "isys2014",
    age_y: float | None = None,
    protein_g_per_kg_day: float | None = None,
    training: str | None = None,
    measured_ng_per_mL: float | None = None,
) -> go.Figure:
    """Reference percentile bands across life, with optional illustrative curve and markers.

    The figure always has the traces named in :data:`TRACES`, in that order; the
    optional ones are empty when their inputs are None.
    """
    _population(sex, ref)
    if age_y is not None:
        _age(age_y, ref)
    _optional(protein_g_per_kg_day=protein_g_per_kg_day, training=training, measured_ng_per_mL=measured_ng_per_mL)
    ages = age_grid(ref)
    b = bands(sex=sex, ref=ref)
    colour = "blue"
    fig = figure(
        title=title(sex=sex, ref=ref),
        x_title="Age (years)",
        y_title="Serum total IGF-1 (ng/mL)",
    )
    line0 = dict(width=0)
    fig.add_scatter(x=ages, y=b["p2.5"], name="2.5th percentile", line=line0, showlegend=False, hoverinfo="skip")
    fig.add_scatter(x=ages, y=b["p97.5"], name="2.5th-97.5th percentile", fill="tonexty",
                    fillcolor=band_colour(colour, 0.15), line=line0)
    fig.add_scatter(x=ages, y=b["p25"], name="25th percentile", line=line0, showlegend=False, hoverinfo="skip")
    fig.add_scatter(x=ages, y=b["p75"], name="25th-75th percentile", fill="tonexty",
                    fillcolor=band_colour(colour, 0.30), line=line0)
    fig.add_scatter(x=ages, y=b["median"], name="median (50th)", line=dict(color=PALETTE[colour], width=2.5))
    lifestyle_given = protein_g_per_kg_day is not None and training is not None
    curve_x, curve_y = ([], [])
    if lifestyle_given:
        curve_x = ages
        curve_y = illustrative_curve(sex=sex, ref=ref, protein_g_per_kg_day=protein_g_per_kg_day, training=training)
    fig.add_scatter(x=curve_x, y=curve_y, name="illustrative: median x protein x training",
                    line=dict(color=PALETTE["black"], dash="dash", width=2))
    marker_x, marker_y = [], []
    if age_y is not None and lifestyle_given:
        marker_x, marker_y = chosen_point(sex=sex, ref=ref, age_y=age_y,
                                          protein_g_per_kg_day=protein_g_per_kg_day, training=training)
    fig.add_scatter(x=marker_x, y=marker_y, mode="markers", name="chosen age (illustrative)",
                    marker=dict(color=PALETTE["black"], size=11, symbol="diamond"))
    mx, my = ([age_y], [measured_ng_per_mL]) if (age_y is not None and measured_ng_per_mL is not None) else ([], [])
    fig.add_scatter(x=mx, y=my, mode="markers", name="your value",
                    marker=dict(color=PALETTE["green"], size=12, symbol="star"))
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.18, x=0), height=490, margin_t=70)
    return fig


_P3 = np.array([2.5, 50.0, 97.5])


def at_age(
    *,
    sex: str,
    ref: str = "isys2014",
    age_y: float,
    protein_g_per_kg_day: float | None = None,
    training: str | None = None,
    measured_ng_per_mL: float | None = None,
) -> dict:
    """Every number the summary states at one age, computed once (one LMS interpolation per quantity).

    Keys: ``median``, ``low``, ``high`` (ng/mL); with lifestyle inputs also ``value``
    (illustrative, ng/mL) and ``value_sds``; with a measured value ``measured_sds``
    and ``measured_rank`` (percent below).
    """
    _population(sex, ref)
    _age(age_y, ref)
    _optional(protein_g_per_kg_day=protein_g_per_kg_day, training=training, measured_ng_per_mL=measured_ng_per_mL)
    low, median, high = reference_ranges.percentile(age_y, sex=sex, p=_P3, reference=ref)
    out = dict(sex=sex, ref=ref, age_y=age_y, low=float(low), median=float(median), high=float(high))
    if protein_g_per_kg_day is not None and training is not None:
        value = median * lifestyle.protein_factor(protein_g_per_kg_day) * lifestyle.training_factor(training)
        out.update(protein_g_per_kg_day=protein_g_per_kg_day, training=training, value=float(value),
                   value_sds=reference_ranges.sds(value, age_y=age_y, sex=sex, reference=ref))
    if measured_ng_per_mL is not None:
        z = reference_ranges.sds(measured_ng_per_mL, age_y=age_y, sex=sex, reference=ref)
        out.update(measured=measured_ng_per_mL, measured_sds=z, measured_rank=float(ndtr(z) * 100.0))
    return out


_AT_AGE = "the dict figures.lifespan.at_age(...) returns"
#: The numbers :func:`at_age` returns, with their units: always (""), with lifestyle inputs ("value") and with
#: a measured value ("measured").
_AT_AGE_NUMBERS = {
    "": {"age_y": "years", "low": "ng/mL", "median": "ng/mL", "high": "ng/mL"},
    "value": {"protein_g_per_kg_day": "g/kg/day", "value": "ng/mL", "value_sds": "SD"},
    "measured": {"measured": "ng/mL", "measured_sds": "SD", "measured_rank": "percent"},
}


def _at_age_result(n) -> dict:
    """Check that ``n`` is what :func:`at_age` returns: its keys, its labels and finite numbers."""
    mapping(n, name="n", keys=("sex", "ref", *_AT_AGE_NUMBERS[""]), what=_AT_AGE)
    choice(n["sex"], name="n['sex']", choices=reference_ranges.SEXES)
    choice(n["ref"], name="n['ref']", choices=reference_ranges.REFERENCES)
    for part, units in _AT_AGE_NUMBERS.items():
        if part and part not in n:
            continue
        mapping(n, name="n", keys=tuple(units) + (("training",) if part == "value" else ()), what=_AT_AGE)
        for key, unit in units.items():
            real(n[key], name=f"n[{key!r}]", unit=unit, allow_array=False)
    if "value" in n:
        choice(n["training"], name="n['training']", choices=lifestyle.TRAINING_STATUSES)
    return n


def summary_text(n: dict) -> str:
    """Format the numbers from :func:`at_age` as the explorer's summary sentence(s)."""
    _at_age_result(n)
    parts = [f"{n['sex'].capitalize()}, {n['age_y']:g} y ({n['ref']}): reference median {n['median']:.0f} ng/mL, "
             f"95% reference interval {n['low']:.0f}-{n['high']:.0f} ng/mL."]
    if "value" in n:
        parts.append(f"Illustrative value with {n['protein_g_per_kg_day']:.2f} g/kg/day protein and '{n['training']}' "
                     f"training: {n['value']:.0f} ng/mL ({(n['value'] / n['median'] - 1) * 100:+.0f}% vs median, "
                     f"SDS {n['value_sds']:+.2f}).")
    if "measured" in n:
        parts.append(f"Your value {n['measured']:g} ng/mL: SDS {n['measured_sds']:+.2f}, percentile {n['measured_rank']:.0f} "
                     "of this reference (a teaching calculation, not a clinical interpretation).")
    return " ".join(parts)


def describe(**state) -> str:
    """The key numbers at one age as text: ``summary_text(at_age(**state))``."""
    return summary_text(at_age(**state))


def reference_comparison_figure(*, sex: str) -> go.Figure:
    """Median and 95% interval of the two bundled references for one sex, over their common age range."""
    fig = figure(title=f"Two reference populations, {sex}: median and 2.5th/97.5th percentiles",
                 x_title="Age (years)", y_title="Serum total IGF-1 (ng/mL)")
    hi = min(reference_ranges.age_range(r)[1] for r in reference_ranges.REFERENCES)
    ages = np.arange(0, hi + 0.25, 0.5)
    for ref, colour in (("isys2014", "blue"), ("japan2012", "orange")):
        label = reference_ranges.REFERENCE_LABELS[ref]
        for p, dash, width in ((50, "solid", 2.5), (2.5, "dot", 1.2), (97.5, "dot", 1.2)):
            y = np.round(reference_ranges.percentile(ages, sex=sex, p=p, reference=ref), 1)
            fig.add_scatter(x=ages, y=y, name=f"{label}, P{p:g}", line=dict(color=PALETTE[colour], dash=dash, width=width),
                            legendgroup=ref, showlegend=p == 50)
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.18, x=0))
    return fig


def describe_comparison(*, sex: str, ages_y=(10, 15, 30, 50, 70)) -> str:
    """Medians of both references at a few ages, one line each (ages within both references' ranges)."""
    choice(sex, name="sex", choices=reference_ranges.SEXES)
    ranges = [reference_ranges.age_range(r) for r in reference_ranges.REFERENCES]
    ages_y = reals(ages_y, name="ages_y", unit="years", low=max(lo for lo, _ in ranges),
                   high=min(hi for _, hi in ranges))
    lines = []
    for a in ages_y:
        m1 = reference_ranges.percentile(a, sex=sex, p=50, reference="isys2014")
        m2 = reference_ranges.percentile(a, sex=sex, p=50, reference="japan2012")
        lines.append(f"{sex} {a:>2} y: iSYS median {m1:5.0f} ng/mL, Japan median {m2:5.0f} ng/mL ({(m2 / m1 - 1) * 100:+.0f}%)")
    return "\n".join(lines)


def protein_figure() -> go.Figure:
    """The illustrative protein multiplier across the accepted intake range, with the Fontana 2008 anchors."""
    from .. import data

    lo, hi = lifestyle.protein_range()
    x = np.round(np.arange(lo, hi + 0.025, 0.05), 2)
    fig = figure(title="Illustrative protein multiplier on the reference median (calibrated on Fontana et al. 2008)",
                 x_title="Habitual protein intake (g/kg/day)", y_title="Multiplier on reference median (dimensionless)")
    fig.add_scatter(x=x, y=np.round(lifestyle.protein_factor(x), 3), name="illustrative multiplier",
                    line=dict(color=PALETTE["blue"], width=2.5))
    p = functools.partial(data.parameter, "lifestyle_parameters")
    anchors = [p("fontana_low_protein_g_per_kg_day"), p("fontana_high_protein_g_per_kg_day")]
    fig.add_scatter(x=anchors, y=np.round(lifestyle.protein_factor(anchors), 3), mode="markers",
                    name="Fontana 2008: 1.67 -> 0.95 g/kg/day, IGF-1 194 -> 152 ng/mL",
                    marker=dict(color=PALETTE["vermillion"], size=11))
    fig.add_vrect(x0=p("studied_protein_min_g_per_kg_day"), x1=p("studied_protein_max_g_per_kg_day"), fillcolor=band_colour("grey", 0.12), line_width=0,
                  annotation_text="range of intakes studied", annotation_position="top left")
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.2, x=0))
    return fig


def rank_of_values_figure(values_ng_per_mL=(120.0, 160.0), *, sex: str, ref: str = "isys2014") -> go.Figure:
    """Where fixed concentrations fall in the reference distribution at each adult age (percentile, %)."""
    lo, hi = reference_ranges.age_range(ref)
    ages = np.arange(20.0, hi + 0.25, 1.0)
    fig = figure(title=f"The same concentration is a different percentile at different ages ({sex}, {ref})",
                 x_title="Age (years)", y_title="Percentile of the reference population (%)")
    for v, colour in zip(values_ng_per_mL, ("orange", "green", "purple")):
        real(v, name="values_ng_per_mL", unit="ng/mL", low=0, low_open=True, high=reference_ranges.MAX_VALUE_NG_PER_ML)
        rank = reference_ranges.percentile_rank(np.full_like(ages, v), age_y=ages, sex=sex, reference=ref)
        fig.add_scatter(x=ages, y=np.round(rank, 1), name=f"{v:g} ng/mL", line=dict(color=PALETTE[colour], width=2.5))
    fig.update_yaxes(range=[0, 100])
    return fig


def describe_life_course(*, ref: str = "isys2014", ages_y=(0, 5, 15, 25, 40, 60, 80)) -> str:
    """Text companion of the life-course figures: medians by age and sex, peaks and adult decline."""
    hi = reference_ranges.age_range(ref)[1]
    lines = []
    for sex in reference_ranges.SEXES:
        meds = ", ".join(f"{a} y {reference_ranges.percentile(a, sex=sex, p=50, reference=ref):.0f}" for a in ages_y if a <= hi)
        age, value = reference_ranges.peak(sex=sex, reference=ref)
        lines.append(f"{sex}: median (ng/mL) {meds}; peak {value:.1f} ng/mL at {age:g} y; "
                     f"adult decline 25-65 y {reference_ranges.annual_decline_pct(25, 65, sex=sex, reference=ref):.1f}%/yr")
    f40, m40 = (reference_ranges.percentile(40, sex=s, p=50, reference=ref) for s in ("female", "male"))
    lines.append(f"At 40 y the female median is {(f40 / m40 - 1) * 100:+.0f}% relative to the male median.")
    return "\n".join(lines)


def describe_protein() -> str:
    """Text companion of :func:`protein_figure`."""
    xs = (0.6, 0.95, 1.2, 1.67, 2.2, 3.0)
    vals = ", ".join(f"{x:g}: {lifestyle.protein_factor(x):.2f}" for x in xs)
    return (f"Illustrative multiplier by intake (g/kg/day): {vals}. Half-saturation K = "
            f"{lifestyle.protein_half_saturation():.3f} g/kg/day. Calibration check: 194 ng/mL x "
            f"{lifestyle.protein_factor(0.95) / lifestyle.protein_factor(1.67):.4f} = "
            f"{194 * lifestyle.protein_factor(0.95) / lifestyle.protein_factor(1.67):.1f} ng/mL.")


def describe_ranks(values_ng_per_mL=(120.0, 160.0), *, sex: str, ref: str = "isys2014", ages_y=(25, 45, 65, 85)) -> str:
    """Text companion of :func:`rank_of_values_figure`."""
    hi = reference_ranges.age_range(ref)[1]
    lines = []
    for v in values_ng_per_mL:
        ranks = ", ".join(f"{reference_ranges.percentile_rank(v, age_y=a, sex=sex, reference=ref):.0f}% at {a} y"
                          for a in ages_y if a <= hi)
        lines.append(f"{v:g} ng/mL ({sex}, {ref}): share of the reference population below it: {ranks}")
    return "\n".join(lines)
