"""Figures of :mod:`course_lib.models.lifestyle` (unit 05): the lifespan explorer's figure (reference bands
with the illustrative lifestyle curve) and the protein multiplier.

Each builder returns a ``go.Figure`` (never shown) and has a text companion that states the figure's key
numbers for nbval and screen readers. The curve is :func:`course_lib.models.lifestyle.illustrative_igf1`
and every rank is :func:`course_lib.models.reference_ranges.percentile_rank`: nothing here restates a model.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import plotly.graph_objects as go

from .._validate import choice, mapping, real
from ..models import lifestyle, reference_ranges
from ..plotting import PALETTE, band_colour, figure
from .reference_ranges import age_grid, bands

__all__ = [
    "TRACES",
    "illustrative_curve",
    "chosen_point",
    "title",
    "lifespan_figure",
    "at_age",
    "summary_text",
    "describe",
    "protein_figure",
    "describe_protein",
]

#: Trace order in :func:`lifespan_figure`; the explorer widget updates traces by these indices.
TRACES = ("p2.5", "p97.5", "p25", "p75", "median", "illustrative", "chosen age", "measured")


# -- inputs a figure may be given but not use (the models check every input they use) ----------------------
def _age(age_y, reference: str) -> float:
    lo, hi = reference_ranges.age_range(reference)
    return real(age_y, name="age_y", unit="years", low=lo, high=hi, allow_array=False)


def _optional(*, protein_g_per_kg_day, training, measured_ng_per_mL) -> None:
    """Check the inputs that may be left out (None) of :func:`lifespan_figure` and :func:`at_age`."""
    if protein_g_per_kg_day is not None:
        lo, hi = lifestyle.protein_range()
        real(protein_g_per_kg_day, name="protein_g_per_kg_day", unit="g/kg/day", low=lo, high=hi, allow_array=False)
    if training is not None:
        choice(training, name="training", choices=lifestyle.TRAINING_STATUSES)
    if measured_ng_per_mL is not None:
        real(
            measured_ng_per_mL,
            name="measured_ng_per_mL",
            unit="ng/mL",
            low=0,
            low_open=True,
            high=reference_ranges.MAX_VALUE_NG_PER_ML,
            allow_array=False,
        )


def illustrative_curve(
    *, sex: str, reference: str = "isys2014", protein_g_per_kg_day: float, training: str
) -> np.ndarray:
    """:func:`course_lib.models.lifestyle.illustrative_igf1` on :func:`age_grid` (ng/mL, rounded to 0.1)."""
    ages = age_grid(reference)
    return np.round(
        lifestyle.illustrative_igf1(
            ages, sex=sex, protein_g_per_kg_day=protein_g_per_kg_day, training=training, reference=reference
        ),
        1,
    )


def chosen_point(
    *, sex: str, reference: str = "isys2014", age_y: float, protein_g_per_kg_day: float, training: str
) -> tuple[list, list]:
    """The marker at the chosen age on the illustrative curve, as ``([age], [ng/mL])``."""
    _age(age_y, reference)
    value = lifestyle.illustrative_igf1(
        age_y, sex=sex, protein_g_per_kg_day=protein_g_per_kg_day, training=training, reference=reference
    )
    return [age_y], [round(value, 1)]


def title(*, sex: str, reference: str = "isys2014") -> str:
    """The title of :func:`lifespan_figure` for one sex and reference (the reference on a smaller second line,
    so the title fits a notebook-width figure)."""
    choice(sex, name="sex", choices=reference_ranges.SEXES)
    choice(reference, name="reference", choices=reference_ranges.REFERENCES)
    return f"Serum total IGF-1 by age, {sex}<br><sup>reference: {reference_ranges.REFERENCE_LABELS[reference]}</sup>"


def lifespan_figure(
    *,
    sex: str,
    reference: str = "isys2014",
    age_y: float | None = None,
    protein_g_per_kg_day: float | None = None,
    training: str | None = None,
    measured_ng_per_mL: float | None = None,
) -> go.Figure:
    """Reference percentile bands across life, with optional illustrative curve and markers.

    The figure always has the traces named in :data:`TRACES`, in that order; the
    optional ones are empty when their inputs are None.
    """
    b = bands(sex=sex, reference=reference)
    if age_y is not None:
        _age(age_y, reference)
    _optional(protein_g_per_kg_day=protein_g_per_kg_day, training=training, measured_ng_per_mL=measured_ng_per_mL)
    ages = age_grid(reference)
    colour = "blue"
    fig = figure(
        title=title(sex=sex, reference=reference),
        x_title="Age (years)",
        y_title="Serum total IGF-1 (ng/mL)",
    )
    line0 = dict(width=0)
    fig.add_scatter(x=ages, y=b["p2.5"], name="2.5th percentile", line=line0, showlegend=False, hoverinfo="skip")
    fig.add_scatter(
        x=ages,
        y=b["p97.5"],
        name="2.5th-97.5th percentile",
        fill="tonexty",
        fillcolor=band_colour(colour, 0.15),
        line=line0,
    )
    fig.add_scatter(x=ages, y=b["p25"], name="25th percentile", line=line0, showlegend=False, hoverinfo="skip")
    fig.add_scatter(
        x=ages, y=b["p75"], name="25th-75th percentile", fill="tonexty", fillcolor=band_colour(colour, 0.30), line=line0
    )
    fig.add_scatter(x=ages, y=b["median"], name="median (50th)", line=dict(color=PALETTE[colour], width=2.5))
    curve_x: Any = []
    curve_y: Any = []
    if protein_g_per_kg_day is not None and training is not None:
        curve_x = ages
        curve_y = illustrative_curve(
            sex=sex, reference=reference, protein_g_per_kg_day=protein_g_per_kg_day, training=training
        )
    fig.add_scatter(
        x=curve_x,
        y=curve_y,
        name="illustrative: median x protein x training",
        line=dict(color=PALETTE["black"], dash="dash", width=2),
    )
    marker_x: Any = []
    marker_y: Any = []
    if age_y is not None and protein_g_per_kg_day is not None and training is not None:
        marker_x, marker_y = chosen_point(
            sex=sex, reference=reference, age_y=age_y, protein_g_per_kg_day=protein_g_per_kg_day, training=training
        )
    fig.add_scatter(
        x=marker_x,
        y=marker_y,
        mode="markers",
        name="chosen age (illustrative)",
        marker=dict(color=PALETTE["black"], size=11, symbol="diamond"),
    )
    mx, my = ([age_y], [measured_ng_per_mL]) if (age_y is not None and measured_ng_per_mL is not None) else ([], [])
    fig.add_scatter(
        x=mx, y=my, mode="markers", name="your value", marker=dict(color=PALETTE["green"], size=12, symbol="star")
    )
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.18, x=0), height=490, margin_t=70)
    return fig


_P3 = np.array([2.5, 50.0, 97.5])


def at_age(
    *,
    sex: str,
    reference: str = "isys2014",
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
    _age(age_y, reference)
    _optional(protein_g_per_kg_day=protein_g_per_kg_day, training=training, measured_ng_per_mL=measured_ng_per_mL)
    low, median, high = reference_ranges.percentile(age_y, sex=sex, p=_P3, reference=reference)
    out = dict(sex=sex, reference=reference, age_y=age_y, low=float(low), median=float(median), high=float(high))
    if protein_g_per_kg_day is not None and training is not None:
        value = lifestyle.illustrative_igf1(
            age_y, sex=sex, protein_g_per_kg_day=protein_g_per_kg_day, training=training, reference=reference
        )
        out.update(
            protein_g_per_kg_day=protein_g_per_kg_day,
            training=training,
            value=float(value),
            value_sds=reference_ranges.sds(value, age_y=age_y, sex=sex, reference=reference),
        )
    if measured_ng_per_mL is not None:
        out.update(
            measured=measured_ng_per_mL,
            measured_sds=reference_ranges.sds(measured_ng_per_mL, age_y=age_y, sex=sex, reference=reference),
            measured_rank=reference_ranges.percentile_rank(
                measured_ng_per_mL, age_y=age_y, sex=sex, reference=reference
            ),
        )
    return out


_AT_AGE = "the dict figures.lifestyle.at_age(...) returns"
#: The numbers :func:`at_age` returns, with their units: always (""), with lifestyle inputs ("value") and with
#: a measured value ("measured").
_AT_AGE_NUMBERS = {
    "": {"age_y": "years", "low": "ng/mL", "median": "ng/mL", "high": "ng/mL"},
    "value": {"protein_g_per_kg_day": "g/kg/day", "value": "ng/mL", "value_sds": "SD"},
    "measured": {"measured": "ng/mL", "measured_sds": "SD", "measured_rank": "percent"},
}


def _at_age_result(n) -> dict:
    """Check that ``n`` is what :func:`at_age` returns: its keys, its labels and finite numbers."""
    mapping(n, name="n", keys=("sex", "reference", *_AT_AGE_NUMBERS[""]), what=_AT_AGE)
    choice(n["sex"], name="n['sex']", choices=reference_ranges.SEXES)
    choice(n["reference"], name="n['reference']", choices=reference_ranges.REFERENCES)
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
    parts = [
        f"{n['sex'].capitalize()}, {n['age_y']:g} y ({n['reference']}): reference median {n['median']:.0f} ng/mL, "
        f"95% reference interval {n['low']:.0f}-{n['high']:.0f} ng/mL."
    ]
    if "value" in n:
        parts.append(
            f"Illustrative value with {n['protein_g_per_kg_day']:.2f} g/kg/day protein and '{n['training']}' "
            f"training: {n['value']:.0f} ng/mL ({(n['value'] / n['median'] - 1) * 100:+.0f}% vs median, "
            f"SDS {n['value_sds']:+.2f})."
        )
    if "measured" in n:
        parts.append(
            f"Your value {n['measured']:g} ng/mL: SDS {n['measured_sds']:+.2f}, percentile {n['measured_rank']:.0f} "
            "of this reference (a teaching calculation, not a clinical interpretation)."
        )
    return " ".join(parts)


def describe(**state) -> str:
    """The key numbers at one age as text: ``summary_text(at_age(**state))``."""
    return summary_text(at_age(**state))


def protein_figure() -> go.Figure:
    """The illustrative protein multiplier across the accepted intake range, with the Fontana 2008 anchors."""
    from .. import data

    lo, hi = lifestyle.protein_range()
    x = np.round(np.arange(lo, hi + 0.025, 0.05), 2)
    fig = figure(
        title="Illustrative protein multiplier on the reference median (calibrated on Fontana et al. 2008)",
        x_title="Habitual protein intake (g/kg/day)",
        y_title="Multiplier on reference median (dimensionless)",
    )
    fig.add_scatter(
        x=x,
        y=np.round(lifestyle.protein_factor(x), 3),
        name="illustrative multiplier",
        line=dict(color=PALETTE["blue"], width=2.5),
    )
    p = functools.partial(data.parameter, "lifestyle_parameters")
    anchors = [p("fontana_low_protein_g_per_kg_day"), p("fontana_high_protein_g_per_kg_day")]
    fig.add_scatter(
        x=anchors,
        y=np.round(lifestyle.protein_factor(anchors), 3),
        mode="markers",
        name="Fontana 2008: 1.67 -> 0.95 g/kg/day, IGF-1 194 -> 152 ng/mL",
        marker=dict(color=PALETTE["vermillion"], size=11),
    )
    fig.add_vrect(
        x0=p("studied_protein_min_g_per_kg_day"),
        x1=p("studied_protein_max_g_per_kg_day"),
        fillcolor=band_colour("grey", 0.12),
        line_width=0,
        annotation_text="range of intakes studied",
        annotation_position="top left",
    )
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.2, x=0))
    return fig


def describe_protein() -> str:
    """Text companion of :func:`protein_figure`."""
    xs = (0.6, 0.95, 1.2, 1.67, 2.2, 3.0)
    vals = ", ".join(f"{x:g}: {lifestyle.protein_factor(x):.2f}" for x in xs)
    return (
        f"Illustrative multiplier by intake (g/kg/day): {vals}. Half-saturation K = "
        f"{lifestyle.protein_half_saturation():.3f} g/kg/day. Calibration check: 194 ng/mL x "
        f"{lifestyle.protein_factor(0.95) / lifestyle.protein_factor(1.67):.4f} = "
        f"{194 * lifestyle.protein_factor(0.95) / lifestyle.protein_factor(1.67):.1f} ng/mL."
    )
