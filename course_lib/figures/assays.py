"""Figures of :mod:`course_lib.models.assays` (unit 06): agreement of two assays (Bland-Altman) and the same
values read against two reference populations.

Every builder returns a ``go.Figure`` (never shown) and has a ``describe_*``
companion that states the figure's key numbers as text for nbval and screen
readers. The trace order the assay explorer updates in place is :data:`BA_TRACES`.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import citations, data
from .._validate import choice, frame, instance
from ..models import assays, reference_ranges
from ..plotting import PALETTE, figure, template

__all__ = [
    "BA_TRACES",
    "bland_altman_figure",
    "bland_altman_titles",
    "bland_altman_traces",
    "describe_bland_altman",
    "reference_figure",
    "describe_reference",
    "describe_free_igf1_methods",
]

#: Trace order of :func:`bland_altman_figure`.
BA_TRACES = ("same class", "different class", "bias", "upper limit", "lower limit", "zero")


# -- boundary checks for the structured inputs (results made by the model functions) -------------------------
def _study(study) -> assays.InterAssayStudy:
    return instance(
        study, name="study", types=assays.InterAssayStudy, what="the result of assays.inter_assay_study(rng=...)"
    )


_COHORT = (
    "a cohort table with 'age_y', 'sex' and ng/mL columns (names ending in '_ng_per_mL'), "
    "as assays.draw_cohort(n, rng=...) or assays.inter_assay_study(rng=...).people returns"
)


def _cohort(people, value_column) -> str:
    frame(people, name="people", columns=("age_y", "sex"), what=_COHORT)
    columns = [c for c in people.columns if isinstance(c, str) and c.endswith("_ng_per_mL")]
    if not columns:
        raise ValueError(
            f"people must be {_COHORT}; it has no ng/mL column (it has {', '.join(repr(c) for c in people.columns)})."
        )
    return choice(value_column, name="value_column", choices=columns)


# -- inter-assay study ----------------------------------------------------------
def bland_altman_traces(study: assays.InterAssayStudy) -> dict[str, dict]:
    """The x/y data of every trace of :func:`bland_altman_figure`, keyed by :data:`BA_TRACES`."""
    ba = _study(study).bland_altman
    same = (study.people["class_a"] == study.people["class_b"]).to_numpy()
    digits = 1 if ba.unit == "ng/mL" else 2
    x = np.round(ba.means, 1)
    y = np.round(ba.diffs, digits)
    span = [float(np.floor(ba.means.min())), float(np.ceil(ba.means.max()))]
    line = lambda v: dict(x=span, y=[round(v, digits)] * 2)  # noqa: E731
    return {
        "same class": dict(x=x[same], y=y[same]),
        "different class": dict(x=x[~same], y=y[~same]),
        "bias": line(ba.bias),
        "upper limit": line(ba.upper),
        "lower limit": line(ba.lower),
        "zero": line(0.0),
    }


def bland_altman_titles(study: assays.InterAssayStudy) -> tuple[str, str]:
    """The figure title and the y-axis title of :func:`bland_altman_figure`: the settings and the scale of a study.

    The assay explorer sets both when a control changes, without building a new figure.
    """
    _study(study)
    against = "A's reference" if study.read_b_against == "A" else "its own reference"
    title = (
        f"Illustrative: assay B ({study.bias_b_pct:+.0f}% bias, CV {study.cv_b_pct:.0f}%) minus assay A "
        f"(CV {study.cv_a_pct:.0f}%), B read against {against}"
    )
    y_title = (
        "Difference, B minus A (ng/mL)"
        if study.bland_altman.unit == "ng/mL"
        else "Difference, B minus A (% of the pair's mean)"
    )
    return title, y_title


def bland_altman_figure(study: assays.InterAssayStudy) -> go.Figure:
    """Differences against means, bias and 95% limits of agreement; people classified differently in vermillion."""
    tr = bland_altman_traces(study)  # checks study
    title, y_title = bland_altman_titles(study)
    fig = figure(title=title, x_title="Mean of assays A and B (ng/mL)", y_title=y_title, height=480)
    fig.add_scatter(
        **tr["same class"],
        mode="markers",
        name="same class by A and B",
        marker=dict(color=PALETTE["blue"], size=6, opacity=0.6),
    )
    fig.add_scatter(
        **tr["different class"],
        mode="markers",
        name="classified differently",
        marker=dict(color=PALETTE["vermillion"], size=8, symbol="diamond"),
    )
    fig.add_scatter(
        **tr["bias"], mode="lines", name="bias (mean difference)", line=dict(color=PALETTE["black"], width=2)
    )
    fig.add_scatter(
        **tr["upper limit"],
        mode="lines",
        name="95% limits of agreement",
        line=dict(color=PALETTE["black"], dash="dash"),
        legendgroup="loa",
    )
    fig.add_scatter(
        **tr["lower limit"],
        mode="lines",
        name="lower limit",
        showlegend=False,
        line=dict(color=PALETTE["black"], dash="dash"),
        legendgroup="loa",
    )
    fig.add_scatter(
        **tr["zero"], mode="lines", name="no difference", line=dict(color=PALETTE["grey"], width=1, dash="dot")
    )
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.18, x=0), title_font_size=13)
    return fig


def _kappa_text(k: float) -> str:
    return "undefined (everyone in one class)" if np.isnan(k) else f"{k:.2f}"


def describe_bland_altman(study: assays.InterAssayStudy) -> str:
    """Bias with its CI, limits of agreement, counts flagged high and agreement, as sentences."""
    ba, ag = _study(study).bland_altman, study.agreement
    u = " ng/mL" if ba.unit == "ng/mL" else "% of the mean"
    against = "assay A's reference" if study.read_b_against == "A" else "its own reference"

    def lh(column: str) -> str:
        return f"{study.count(column, 'low')} / {study.count(column, 'high')}"

    return (
        f"{ba.n} people. Assay B minus assay A: bias {ba.bias:+.1f}{u} (95% CI {ba.bias_ci[0]:+.1f} to {ba.bias_ci[1]:+.1f}); "
        f"95% limits of agreement {ba.lower:+.1f} to {ba.upper:+.1f}{u}.\n"
        f"Classified low / high (below the 2.5th / above the 97.5th percentile): true values {lh('class_true')}, "
        f"assay A {lh('class_a')}, assay B read against {against} {lh('class_b')}.\n"
        f"Assay A and assay B put {100 * ag.observed:.1f}% of people in the same class; {ag.n_discordant} differ. "
        f"Cohen's kappa {_kappa_text(ag.kappa)} (linear-weighted {_kappa_text(ag.weighted_kappa)})."
    )


# -- two reference populations ---------------------------------------------------
def reference_figure(people, *, value_column: str = "true_ng_per_mL") -> go.Figure:
    """The same values against the iSYS 2014 and Japan 2012 limits, by sex; values classed differently in vermillion."""
    _cohort(people, value_column)
    fig = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=[f"{s}" for s in reference_ranges.SEXES],
        shared_yaxes=True,
        horizontal_spacing=0.06,
    )
    fig.update_layout(
        template=template(),
        height=460,
        title=dict(
            text="Simulated healthy cohort against two published references: 2.5th and 97.5th percentiles", x=0.0
        ),
    )
    cohort = assays.cohort_defaults()
    ages = np.arange(cohort["age_min_y"], cohort["age_max_y"] + 0.25, 0.5)
    isys_class = assays.classify(
        people[value_column].to_numpy(),
        age_y=people["age_y"].to_numpy(),
        sex=people["sex"].to_numpy(),
        reference="isys2014",
    )
    japan_class = assays.classify(
        people[value_column].to_numpy(),
        age_y=people["age_y"].to_numpy(),
        sex=people["sex"].to_numpy(),
        reference="japan2012",
    )
    for col, sex in enumerate(reference_ranges.SEXES, start=1):
        first = col == 1
        for ref, colour in (("isys2014", "blue"), ("japan2012", "orange")):
            low, high = reference_ranges.interval(ages, sex=sex, reference=ref)
            for y, dash in ((high, "solid"), (low, "dash")):
                fig.add_scatter(
                    x=ages,
                    y=np.round(y, 1),
                    mode="lines",
                    line=dict(color=PALETTE[colour], dash=dash),
                    name=f"{reference_ranges.REFERENCE_LABELS[ref]}: 2.5th (dashed), 97.5th (solid)",
                    legendgroup=ref,
                    showlegend=first and dash == "solid",
                    row=1,
                    col=col,
                )
        m = (people["sex"] == sex).to_numpy()
        same = isys_class == japan_class
        for mask, name, colour, size in (
            (m & same, "same class under both", "grey", 5),
            (m & ~same, "classified differently", "vermillion", 7),
        ):
            fig.add_scatter(
                x=np.round(people["age_y"].to_numpy()[mask], 1),
                y=np.round(people[value_column].to_numpy()[mask], 1),
                mode="markers",
                marker=dict(color=PALETTE[colour], size=size),
                name=name,
                legendgroup=name,
                showlegend=first,
                row=1,
                col=col,
            )
    fig.update_xaxes(title_text="Age (years)")
    fig.update_yaxes(title_text="Serum total IGF-1 (ng/mL)", row=1, col=1)
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.18, x=0))
    return fig


def describe_reference(people, *, value_column: str = "true_ng_per_mL") -> str:
    """Counts low/high under each reference, the cross-table's discordance and kappa, and one worked value."""
    _cohort(people, value_column)
    ag = assays.reference_disagreement(people, value_column=value_column)
    t = ag.table
    isys_low, isys_high = int(t.loc["low"].sum()), int(t.loc["high"].sum())
    jp_low, jp_high = int(t["low"].sum()), int(t["high"].sum())
    v = reference_ranges.percentile(50, sex="male", p=97.5, reference="isys2014")
    rank = reference_ranges.percentile_rank(v, age_y=50, sex="male", reference="japan2012")
    return (
        f"{ag.n} values. iSYS 2014 calls {isys_low} low and {isys_high} high; Japan 2012 calls {jp_low} low and {jp_high} high.\n"
        f"The two references put {100 * ag.observed:.1f}% in the same class; {ag.n_discordant} differ; "
        f"Cohen's kappa {_kappa_text(ag.kappa)}.\n"
        f"Example: {v:.0f} ng/mL is the iSYS 97.5th percentile for a 50-year-old man, "
        f"but only the {rank:.0f}th percentile of the Japan 2012 reference."
    )


def describe_free_igf1_methods() -> str:
    """Why two free-IGF-1 methods disagree, as the published numbers of ``assay_parameters`` (Frystyk 2001):
    the direct immunoassay against ultrafiltration in healthy adults, the assay's sensitivity to warming, and
    a disease where the two methods move apart."""

    def a(name: str) -> float:
        return data.parameter("assay_parameters", name)

    source = citations.short("frystyk2001")
    return "\n".join(
        [
            f"- Healthy adults (n = {a('frystyk_free_healthy_n'):.0f}): the direct immunoassay read "
            f"{a('frystyk_irma_over_uf_pct'):.0f}% higher than ultrafiltration of the same serum ({source}).",
            f"- The same immunoassay incubated at room temperature instead of in the cold: "
            f"{a('frystyk_irma_warm_incubation_pct'):+.0f}% ({source}): what a direct assay counts as free depends "
            f"on the assay's own conditions, because the balance between free and bound IGF-1 shifts with "
            f"temperature, pH and dilution ({citations.short('frystyk1994')}).",
            f"- Chronic renal failure: free IGF-1 {a('frystyk_renal_uf_change_pct'):+.0f}% against controls by "
            f"ultrafiltration, but normal by the direct immunoassay ({source}).",
        ]
    )
