"""Figures of :mod:`course_lib.models.confounding` (unit 06): confounding by age, reverse causation and the
U-shaped mortality association.

Every builder returns a ``go.Figure`` (never shown) and has a ``describe_*``
companion that states the figure's key numbers as text for nbval and screen
readers. The trace order the confounding explorer updates in place is :data:`CONFOUNDING_TRACES`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .. import citations, data
from .._validate import frame, instance, real
from ..models import confounding
from ..plotting import PALETTE, figure

__all__ = [
    "CONFOUNDING_TRACES",
    "confounding_figure",
    "confounding_traces",
    "describe_confounding",
    "reverse_causation_figure",
    "describe_reverse_causation",
    "u_shape_figure",
    "describe_u_shape",
    "describe_high_end",
]

#: Trace order of :func:`confounding_figure`.
CONFOUNDING_TRACES = ("people", "crude", "adjusted")


# -- boundary checks for the structured inputs (results made by the model functions) -------------------------
def _fit(result) -> confounding.ConfoundingFit:
    return instance(
        result, name="result", types=confounding.ConfoundingFit, what="the result of confounding.fit(people)"
    )


def _confounding(people, result) -> None:
    frame(
        people,
        name="people",
        columns=("age_y", "igf1_ng_per_mL", "muscle_score"),
        what="the table confounding.simulate(rng=...) returns",
    )
    _fit(result)


def _reverse(result) -> confounding.ReverseCausation:
    return instance(
        result,
        name="result",
        types=confounding.ReverseCausation,
        what="the result of confounding.reverse_causation_study(rng=...)",
    )


# -- confounding -------------------------------------------------------------------
def confounding_traces(people, result: confounding.ConfoundingFit) -> dict[str, dict]:
    """x/y (and colour) data of every trace of :func:`confounding_figure`."""
    _confounding(people, result)
    igf = people["igf1_ng_per_mL"].to_numpy()
    span = np.array([np.floor(igf.min() / 10) * 10, np.ceil(igf.max() / 10) * 10])
    crude_y = result.intercepts[0] + result.crude.estimate * span / 100.0
    mean_age = float(people["age_y"].mean())
    adj_y = result.intercepts[1] + result.adjusted.estimate * span / 100.0 + result.age_coefficient * mean_age
    return {
        "people": dict(
            x=np.round(igf, 1),
            y=np.round(people["muscle_score"].to_numpy(), 2),
            marker_color=np.round(people["age_y"].to_numpy(), 1),
        ),
        "crude": dict(x=span, y=np.round(crude_y, 3)),
        "adjusted": dict(x=span, y=np.round(adj_y, 3)),
    }


def confounding_figure(people, result: confounding.ConfoundingFit) -> go.Figure:
    """Muscle score against IGF-1, coloured by age, with the crude and the age-adjusted regression lines."""
    tr = confounding_traces(people, result)  # checks people and result
    fig = figure(
        title="Illustrative cohort: muscle-mass score against IGF-1, coloured by age",
        x_title="Serum total IGF-1 (ng/mL)",
        y_title="Muscle-mass score (SD units, illustrative)",
        height=480,
    )
    fig.add_scatter(
        x=tr["people"]["x"],
        y=tr["people"]["y"],
        mode="markers",
        name="people",
        marker=dict(
            color=tr["people"]["marker_color"],
            colorscale="Cividis",
            size=6,
            opacity=0.7,
            colorbar=dict(title=dict(text="Age (y)"), thickness=12),
        ),
    )
    fig.add_scatter(
        **tr["crude"], mode="lines", name="crude slope (age ignored)", line=dict(color=PALETTE["vermillion"], width=3)
    )
    fig.add_scatter(
        **tr["adjusted"],
        mode="lines",
        name="age-adjusted slope (at the mean age)",
        line=dict(color=PALETTE["blue"], width=3, dash="dash"),
    )
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.18, x=0))
    return fig


def _est(e: confounding.Estimate) -> str:
    return f"{e.estimate:+.2f} SD per 100 ng/mL (95% CI {e.ci_low:+.2f} to {e.ci_high:+.2f}; p = {e.p_value:.2g})"


def describe_confounding(result: confounding.ConfoundingFit, *, age_strength: float, direct_effect: float) -> str:
    """The truth put into the simulation, then the crude and adjusted estimates."""
    _fit(result)
    cfg = confounding.settings()
    real(
        age_strength,
        name="age_strength",
        unit="SD per decade",
        low=cfg["age_strength"][1],
        high=cfg["age_strength"][2],
        allow_array=False,
    )
    real(
        direct_effect,
        name="direct_effect",
        unit="SD per 100 ng/mL",
        low=cfg["direct_effect"][1],
        high=cfg["direct_effect"][2],
        allow_array=False,
    )
    verdict = (
        "the adjusted interval covers the true direct effect"
        if result.adjusted.ci_low <= direct_effect <= result.adjusted.ci_high
        else "the adjusted interval misses the true direct effect (it happens about 1 time in 20)"
    )
    return (
        f"Truth in this simulation: age lowers the muscle score by {age_strength:.2f} SD per decade; "
        f"IGF-1's direct effect is {direct_effect:+.2f} SD per 100 ng/mL.\n"
        f"{result.n} people. Correlation of IGF-1 with the score: r = {result.correlation:+.2f}.\n"
        f"Crude slope: {_est(result.crude)}.\n"
        f"Age-adjusted slope: {_est(result.adjusted)}; {verdict}."
    )


# -- reverse causation --------------------------------------------------------------
def reverse_causation_figure(result: confounding.ReverseCausation) -> go.Figure:
    """Death risk by fifth of IGF-1 SDS: everyone, and the well only."""
    t = _reverse(result).by_fifth
    fig = figure(
        title="Illustrative cohort: illness lowers IGF-1 and causes deaths; IGF-1 causes nothing",
        x_title="Fifth of age- and sex-specific IGF-1 SDS (1 = lowest)",
        y_title="Deaths during follow-up (%)",
        height=420,
    )
    x = [str(i) for i in t.index]
    fig.add_bar(x=x, y=t["risk_pct"].round(1), name="everyone", marker_color=PALETTE["vermillion"])
    fig.add_bar(x=x, y=t["risk_well_pct"].round(1), name="people without the illness", marker_color=PALETTE["blue"])
    well = data.parameter("confounding_parameters", "reverse_death_risk_well_pct")
    fig.add_hline(
        y=well,
        line_color=PALETTE["blue"],
        line_dash="dot",
        annotation_text=f"risk set for everyone without the illness: {well:.0f}%",
        annotation_position="top right",
    )
    fig.update_layout(barmode="group", legend=dict(orientation="h", yanchor="top", y=-0.2, x=0))
    return fig


def describe_reverse_causation(result: confounding.ReverseCausation) -> str:
    """Risk and share ill per fifth, and the lowest-vs-middle risk ratios."""
    t = _reverse(result).by_fifth
    lines = [
        f"Fifth {i}: death risk {r.risk_pct:.1f}% ({r.ill_pct:.0f}% ill); without the illness {r.risk_well_pct:.1f}%"
        for i, r in zip(t.index, t.itertuples())
    ]
    lines.append(
        f"Lowest vs middle fifth: risk ratio {result.risk_ratio_all:.2f} for everyone, "
        f"{result.risk_ratio_well:.2f} among the well."
    )
    return "\n".join(lines)


# -- U-shape --------------------------------------------------------------------------
def u_shape_figure() -> go.Figure:
    """Forest plot: all-cause mortality HR for low and high vs middle IGF-1, two meta-analyses."""
    df = confounding.mortality_meta_analyses()
    fig = figure(
        title="All-cause mortality: both ends of the IGF-1 range are worse than the middle",
        x_title="Hazard ratio vs the middle IGF-1 category (log scale; 95% CI)",
        y_title="",
        height=360,
    )
    for side, colour in (("low vs middle", "vermillion"), ("high vs middle", "blue")):
        part = df[df["comparison"] == side]
        fig.add_scatter(
            x=part["hr"],
            y=[f"{s}: {side}" for s in part["study"]],
            mode="markers",
            name=side,
            marker=dict(color=PALETTE[colour], size=11, symbol="square"),
            error_x=dict(
                type="data",
                symmetric=False,
                array=(part["ci_high"] - part["hr"]).round(2),
                arrayminus=(part["hr"] - part["ci_low"]).round(2),
            ),
        )
    fig.add_vline(x=1.0, line_color="#444", line_dash="dot")
    fig.update_xaxes(type="log", range=[np.log10(0.8), np.log10(1.8)], tickvals=[0.8, 1.0, 1.2, 1.4, 1.6, 1.8])
    fig.update_layout(margin=dict(l=330), legend=dict(orientation="h", yanchor="top", y=-0.25, x=0))
    return fig


def describe_u_shape() -> str:
    """Each hazard ratio with its interval, and the nadir range of Rahmani 2022."""
    df = confounding.mortality_meta_analyses()
    lines = [
        f"{r.study}, {r.comparison}: HR {r.hr:.2f} (95% CI {r.ci_low:.2f}-{r.ci_high:.2f})" for r in df.itertuples()
    ]
    lo = data.parameter("confounding_parameters", "rahmani_nadir_low_ng_per_mL")
    hi = data.parameter("confounding_parameters", "rahmani_nadir_high_ng_per_mL")
    lines.append(f"Rahmani 2022: lowest mortality at {lo:.0f}-{hi:.0f} ng/mL.")
    return "\n".join(lines)


def describe_high_end(ids=None) -> str:
    """One line per finding on high IGF-1 (:func:`course_lib.models.confounding.high_igf1_evidence`): what was
    found, the number with its interval where one was reported, the population, the source and its design."""
    lines = []
    for r in confounding.high_igf1_evidence(ids).itertuples():
        number = ""
        if pd.notna(r.value):
            if r.unit == "%":
                number = f": {r.value:g}%"
            else:  # a ratio: its name is in the finding's text unless it is not
                number = f": {r.value:g}" if r.unit.lower() in r.finding.lower() else f": {r.unit} {r.value:g}"
            if pd.notna(r.low):
                number += f" (95% CI {r.low:g}-{r.high:g})"
        who = r.population[0].upper() + r.population[1:]
        lines.append(f"- {r.finding}{number}. {who}; {citations.short(r.citation_key)} [{r.evidence}]")
    return "\n".join(lines)
