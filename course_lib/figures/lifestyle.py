"""Figures of :mod:`course_lib.models.lifestyle` (unit 05): the lifespan explorer's figure (reference bands with
the illustrative lifestyle band, adults only) and the protein band.

Each builder returns a ``go.Figure`` (never shown) and has a text companion that states the figure's key
numbers for nbval and screen readers. The band is :func:`course_lib.models.lifestyle.illustrative_band` and
every rank is :func:`course_lib.models.reference_ranges.percentile_rank`: nothing here restates a model.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go

from .. import data
from .._validate import choice, mapping, real
from ..models import lifestyle, reference_ranges
from ..plotting import PALETTE, band_colour, figure
from .reference_ranges import age_grid, bands

__all__ = [
    "TRACES",
    "NOT_A_TARGET",
    "ADULTS_ONLY",
    "EXAMPLE_VALUE_CAVEAT",
    "adult_age_grid",
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
TRACES = ("p2.5", "p97.5", "p25", "p75", "median", "band low", "band high", "chosen age", "example value")

#: Shown beside the explorer (the widget and the notebooks): the band is not a target (Zhang 2021).
NOT_A_TARGET = (
    "The hatched band is not a target. No study has shown that raising IGF-1 by diet or training brings any "
    "health benefit, and higher IGF-1 is associated with cancer risk and, at older ages, with higher risk overall "
    "(UK Biobank, Zhang et al. 2021)."
)
#: Shown in the widget below 20 years, when the lifestyle controls are disabled.
ADULTS_ONLY = (
    "Protein and training controls are off below 20 years: every study behind the band was in adults, and "
    "children's protein intake and growth are a different situation. The figure shows the reference data only."
)
#: The caveat next to the example value, in the widget and in the summary.
EXAMPLE_VALUE_CAVEAT = (
    "An example value is only comparable with a reference made with the same assay ({assay} here); this is a "
    "teaching calculation, not for interpreting anyone's own result."
)


# -- inputs a figure may be given but not use (the models check every input they use) ----------------------
def _age(age_y, reference: str) -> float:
    lo, hi = reference_ranges.age_range(reference)
    return real(age_y, name="age_y", unit="years", low=lo, high=hi, allow_array=False)


def _is_adult(age_y: float, reference: str) -> bool:
    return age_y >= lifestyle.adult_age_range(reference)[0]


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


def adult_age_grid(reference: str = "isys2014") -> np.ndarray:
    """The ages of :func:`age_grid` at which the lifestyle band is drawn (20 years and over)."""
    ages = age_grid(reference)
    return ages[ages >= lifestyle.adult_age_range(reference)[0]]


def illustrative_curve(
    *, sex: str, reference: str = "isys2014", protein_g_per_kg_day: float, training: str
) -> tuple[np.ndarray, np.ndarray]:
    """The lower and upper edges of :func:`course_lib.models.lifestyle.illustrative_band` on
    :func:`adult_age_grid` (ng/mL, rounded to 0.1), as ``(low, high)``."""
    low, high = lifestyle.illustrative_band(
        adult_age_grid(reference),
        sex=sex,
        protein_g_per_kg_day=protein_g_per_kg_day,
        training=training,
        reference=reference,
    )
    return np.round(low, 1), np.round(high, 1)


def chosen_point(
    *, sex: str, reference: str = "isys2014", age_y: float, protein_g_per_kg_day: float, training: str
) -> tuple[list, list]:
    """The marker at the chosen age: the band's two ends for an adult, the reference median below 20 years."""
    age_y = _age(age_y, reference)
    if not _is_adult(age_y, reference):
        return [age_y], [round(reference_ranges.percentile(age_y, sex=sex, p=50, reference=reference), 1)]
    low, high = lifestyle.illustrative_band(
        age_y, sex=sex, protein_g_per_kg_day=protein_g_per_kg_day, training=training, reference=reference
    )
    return [age_y, age_y], [round(low, 1), round(high, 1)]


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
    """Reference percentile bands across life, with the optional illustrative band (adults) and markers.

    The figure always has the traces named in :data:`TRACES`, in that order; the optional ones are empty when
    their inputs are None. The iSYS table holds its last fitted parameters constant from 88 to 94 years.
    """
    b = bands(sex=sex, reference=reference)
    if age_y is not None:
        age_y = _age(age_y, reference)
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
    band_x: Any = []
    band_low: Any = []
    band_high: Any = []
    if protein_g_per_kg_day is not None and training is not None:
        band_x = adult_age_grid(reference)
        band_low, band_high = illustrative_curve(
            sex=sex, reference=reference, protein_g_per_kg_day=protein_g_per_kg_day, training=training
        )
    edge = dict(color=PALETTE["black"], width=1, dash="dot")
    fig.add_scatter(x=band_x, y=band_low, name="illustrative band, lower edge", line=edge, showlegend=False)
    fig.add_scatter(
        x=band_x,
        y=band_high,
        name="illustrative band (adults; not a target)",
        line=edge,
        fill="tonexty",
        fillcolor=band_colour("black", 0.12),
        fillpattern=dict(shape="/", fgcolor=band_colour("black", 0.35)),
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
        mode="lines+markers",
        name="chosen age",
        line=dict(color=PALETTE["black"], width=3),
        marker=dict(color=PALETTE["black"], size=9, symbol="line-ew-open"),
    )
    mx, my = ([age_y], [measured_ng_per_mL]) if (age_y is not None and measured_ng_per_mL is not None) else ([], [])
    fig.add_scatter(
        x=mx, y=my, mode="markers", name="example value", marker=dict(color=PALETTE["green"], size=12, symbol="star")
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

    Keys: ``median``, ``low``, ``high`` (ng/mL) and ``adult`` (True from 20 years); for an adult with lifestyle
    inputs also ``band_low`` and ``band_high`` (ng/mL) and their SDS ``band_low_sds`` and ``band_high_sds``;
    with an example value ``measured_sds`` and ``measured_rank`` (percent below).
    """
    age_y = _age(age_y, reference)
    _optional(protein_g_per_kg_day=protein_g_per_kg_day, training=training, measured_ng_per_mL=measured_ng_per_mL)
    low, median, high = reference_ranges.percentile(age_y, sex=sex, p=_P3, reference=reference)
    adult = _is_adult(age_y, reference)
    out = dict(
        sex=sex, reference=reference, age_y=age_y, low=float(low), median=float(median), high=float(high), adult=adult
    )
    if adult and protein_g_per_kg_day is not None and training is not None:
        b_low, b_high = lifestyle.illustrative_band(
            age_y, sex=sex, protein_g_per_kg_day=protein_g_per_kg_day, training=training, reference=reference
        )
        out.update(
            protein_g_per_kg_day=protein_g_per_kg_day,
            training=training,
            band_low=float(b_low),
            band_high=float(b_high),
            band_low_sds=reference_ranges.sds(b_low, age_y=age_y, sex=sex, reference=reference),
            band_high_sds=reference_ranges.sds(b_high, age_y=age_y, sex=sex, reference=reference),
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
#: The numbers :func:`at_age` returns, with their units: always (""), for an adult with lifestyle inputs
#: ("band_low") and with an example value ("measured").
_AT_AGE_NUMBERS = {
    "": {"age_y": "years", "low": "ng/mL", "median": "ng/mL", "high": "ng/mL"},
    "band_low": {
        "protein_g_per_kg_day": "g/kg/day",
        "band_low": "ng/mL",
        "band_high": "ng/mL",
        "band_low_sds": "SD",
        "band_high_sds": "SD",
    },
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
        mapping(n, name="n", keys=tuple(units) + (("training",) if part == "band_low" else ()), what=_AT_AGE)
        for key, unit in units.items():
            real(n[key], name=f"n[{key!r}]", unit=unit, allow_array=False)
    if "band_low" in n:
        choice(n["training"], name="n['training']", choices=lifestyle.TRAINING_STATUSES)
    return n


def summary_text(n: dict) -> str:
    """Format the numbers from :func:`at_age` as the explorer's summary sentence(s)."""
    _at_age_result(n)
    parts = [
        f"{n['sex'].capitalize()}, {n['age_y']:g} y ({n['reference']}): reference median {n['median']:.0f} ng/mL, "
        f"95% reference interval {n['low']:.0f}-{n['high']:.0f} ng/mL."
    ]
    if "band_low" in n:
        lo_pct, hi_pct = ((n[k] / n["median"] - 1) * 100 for k in ("band_low", "band_high"))
        training = "with the training evidence range" if n["training"] == "trained" else "training not included"
        lead = f"Illustrative band with {n['protein_g_per_kg_day']:.2f} g/kg/day protein, {training}: "
        if n["band_high"] - n["band_low"] < 0.05:
            parts.append(lead + f"no width, at the median ({n['band_low']:.0f} ng/mL); not a target.")
        else:
            parts.append(
                lead + f"{n['band_low']:.0f}-{n['band_high']:.0f} ng/mL ({lo_pct:+.0f}% to {hi_pct:+.0f}% vs median, "
                f"SDS {n['band_low_sds']:+.2f} to {n['band_high_sds']:+.2f}); not a target."
            )
    elif not n.get("adult", True):
        parts.append("No lifestyle band below 20 years (adult studies only).")
    if "measured" in n:
        caveat = EXAMPLE_VALUE_CAVEAT.format(assay=reference_ranges.REFERENCE_ASSAYS[n["reference"]])
        parts.append(
            f"Example value {n['measured']:g} ng/mL: SDS {n['measured_sds']:+.2f}, percentile "
            f"{n['measured_rank']:.0f} of this reference. {caveat}"
        )
    return " ".join(parts)


def describe(**state) -> str:
    """The key numbers at one age as text: ``summary_text(at_age(**state))``."""
    return summary_text(at_age(**state))


def _protein_anchors() -> dict[str, tuple[float, float, str]]:
    """(intake g/kg/day, multiplier, label) of the two published points the protein band's edges pass through."""
    p = lambda name: data.parameter("lifestyle_parameters", name)  # noqa: E731
    x_ref = p("protein_reference_g_per_kg_day")
    rct_x = x_ref + p("whey_rct_protein_g_per_day") / p("body_mass_kg")
    epic_x = x_ref + p("epic_sd_protein_g_per_kg_day")
    return {
        "rct": (
            rct_x,
            lifestyle.protein_band(rct_x)[1],
            f"whey trial (Beasley 2014): +{p('whey_rct_protein_g_per_day'):g} g/day, "
            f"+{p('whey_rct_igf1_change_pct'):g}% (at {p('body_mass_kg'):g} kg)",
        ),
        "epic": (
            epic_x,
            lifestyle.protein_band(epic_x)[0],
            f"EPIC (Crowe 2009): +{p('epic_pct_per_sd_protein'):g}% per SD (SD assumed "
            f"{p('epic_sd_protein_g_per_kg_day'):g} g/kg/day)",
        ),
    }


def protein_figure() -> go.Figure:
    """The protein band across the accepted intake range, with the two published points its edges pass through."""
    lo, hi = lifestyle.protein_range()
    x = np.round(np.arange(lo, hi + 0.025, 0.05), 2)
    low, high = lifestyle.protein_band(x)
    fig = figure(
        title="Illustrative protein band on the reference median (adults; between EPIC and a whey trial)",
        x_title="Habitual protein intake (g/kg/day)",
        y_title="Multiplier on reference median (dimensionless)",
    )
    edge = dict(color=PALETTE["blue"], width=1.5)
    fig.add_scatter(x=x, y=np.round(low, 4), name="lower edge", line=edge, showlegend=False)
    fig.add_scatter(
        x=x,
        y=np.round(high, 4),
        name="illustrative band (not a target)",
        line=edge,
        fill="tonexty",
        fillcolor=band_colour("blue", 0.25),
    )
    for key, colour in (("rct", "vermillion"), ("epic", "orange")):
        ax, ay, label = _protein_anchors()[key]
        fig.add_scatter(
            x=[ax], y=[round(ay, 4)], mode="markers", name=label, marker=dict(color=PALETTE[colour], size=11)
        )
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.2, x=0))
    return fig


def describe_protein() -> str:
    """Text companion of :func:`protein_figure`."""
    p = lambda name: data.parameter("lifestyle_parameters", name)  # noqa: E731
    slopes = lifestyle.protein_slopes()
    lo, hi = lifestyle.protein_range()
    parts = []
    for x in (lo, p("protein_reference_g_per_kg_day"), hi):
        b_lo, b_hi = lifestyle.protein_band(x)
        parts.append(f"{x:g}: {(b_lo - 1) * 100:+.1f}% to {(b_hi - 1) * 100:+.1f}%")
    a = _protein_anchors()
    fontana = (p("fontana_igf1_after_ng_per_mL") / p("fontana_igf1_before_ng_per_mL") - 1) * 100
    fontana_dx = p("fontana_low_protein_g_per_kg_day") - p("fontana_high_protein_g_per_kg_day")
    return (
        f"Band vs reference median by intake (g/kg/day): {'; '.join(parts)}. "
        f"Slopes: EPIC {slopes['epic']:.1f}% and trial {slopes['rct']:.1f}% per g/kg/day. "
        f"Anchor checks: trial point {a['rct'][0]:.2f} g/kg/day -> {(a['rct'][1] - 1) * 100:+.1f}%; "
        f"EPIC point {a['epic'][0]:.2f} g/kg/day -> {(a['epic'][1] - 1) * 100:+.1f}%. "
        f"Not used: Fontana 2008's 3-week reduction in six calorie-restriction practitioners, {fontana:+.0f}% for "
        f"{fontana_dx:+.2f} g/kg/day ({fontana / fontana_dx:.0f}% per g/kg/day)."
    )
