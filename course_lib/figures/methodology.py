"""Figures for unit 06 (methodology): translation, assay agreement, reference populations,
confounding, reverse causation and the U-shaped mortality association.

Every builder returns a ``go.Figure`` (never shown) and has a ``describe_*``
companion that states the figure's key numbers as text for nbval and screen
readers. Trace orders that widgets update in place are in ``*_TRACES``.
"""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import data
from ..models import appraisal, assays, confounding, reference_ranges
from .._validate import choice, frame, instance, real
from ..plotting import PALETTE, figure, template

__all__ = [
    "EVIDENCE_COLOURS",
    "BA_TRACES",
    "CONFOUNDING_TRACES",
    "translation_figure",
    "describe_translation",
    "bland_altman_figure",
    "bland_altman_traces",
    "describe_bland_altman",
    "reference_figure",
    "describe_reference",
    "confounding_figure",
    "confounding_traces",
    "describe_confounding",
    "reverse_causation_figure",
    "describe_reverse_causation",
    "u_shape_figure",
    "describe_u_shape",
]

#: One colour per evidence level, so a reader can see at a glance which bars are mice.
EVIDENCE_COLOURS = {
    "animal": PALETTE["orange"],
    "human_observational": PALETTE["sky"],
    "human_intervention": PALETTE["blue"],
    "meta_analysis": PALETTE["green"],
}
#: Trace order of :func:`bland_altman_figure`.
BA_TRACES = ("same class", "different class", "bias", "upper limit", "lower limit", "zero")
#: Trace order of :func:`confounding_figure`.
CONFOUNDING_TRACES = ("people", "crude", "adjusted")


def _evidence_label(level: str) -> str:
    return level.replace("_", " ")


# -- boundary checks for the structured inputs (results made by the model functions) -------------------------
def _study(study) -> assays.InterAssayStudy:
    return instance(study, name="study", types=assays.InterAssayStudy,
                    what="the result of assays.inter_assay_study(rng=...)")


_COHORT = ("a cohort table with 'age_y', 'sex' and ng/mL columns (names ending in '_ng_per_mL'), "
           "as assays.draw_cohort(n, rng=...) or assays.inter_assay_study(rng=...).people returns")


def _cohort(people, value_column) -> str:
    frame(people, name="people", columns=("age_y", "sex"), what=_COHORT)
    columns = [c for c in people.columns if isinstance(c, str) and c.endswith("_ng_per_mL")]
    if not columns:
        raise ValueError(f"people must be {_COHORT}; it has no ng/mL column "
                         f"(it has {', '.join(repr(c) for c in people.columns)}).")
    return choice(value_column, name="value_column", choices=columns)


def _fit(result) -> confounding.ConfoundingFit:
    return instance(result, name="result", types=confounding.ConfoundingFit, what="the result of confounding.fit(people)")


def _confounding(people, result) -> None:
    frame(people, name="people", columns=("age_y", "igf1_ng_per_mL", "muscle_score"),
          what="the table confounding.simulate(rng=...) returns")
    _fit(result)


def _reverse(result) -> confounding.ReverseCausation:
    return instance(result, name="result", types=confounding.ReverseCausation,
                    what="the result of confounding.reverse_causation_study(rng=...)")


# -- translation ---------------------------------------------------------------
def translation_figure() -> go.Figure:
    """Two panels of bars: lifespan in Igf1r+/- mice on two strains; serum IGF-1 with restriction in rodents and people.

    Bars are coloured by evidence level and labelled with their value, so a 0% bar is still visible.
    """
    df = appraisal.translation_examples().dropna(subset=["change_pct"])
    panels = (("lifespan", "Lifespan change (%)"), ("serum IGF-1", "Change in serum IGF-1 (%)"))
    fig = make_subplots(rows=2, cols=1, row_heights=[0.36, 0.64], vertical_spacing=0.26,
                        subplot_titles=["Igf1r+/- female mice live longer... on one strain",
                                        "Restriction lowers IGF-1 in rodents; in people only when protein is cut"])
    fig.update_layout(template=template(), height=580, barmode="overlay",
                      title=dict(text="Same question, different models: what each study reported", x=0.0),
                      margin=dict(l=330, t=80), legend=dict(orientation="h", yanchor="top", y=-0.16, x=0))
    shown = set()
    for row, (measure, x_title) in enumerate(panels, start=1):
        part = df[df["measure"] == measure].iloc[::-1]
        for level, colour in EVIDENCE_COLOURS.items():
            sub = part[part["evidence_level"] == level]
            if sub.empty:
                continue
            values = sub["change_pct"].round(1)
            fig.add_bar(x=values, y=sub["label"], orientation="h", marker_color=colour, name=_evidence_label(level),
                        legendgroup=level, showlegend=level not in shown, row=row, col=1,
                        text=[f"{v:+.0f}%" if v else f"no change ({_evidence_label(level)})" for v in values], textposition="outside",
                        cliponaxis=False)
            shown.add(level)
        fig.update_xaxes(title_text=x_title, range=[-50, 45], zeroline=True, zerolinecolor="#444", row=row, col=1)
        fig.update_yaxes(categoryorder="array", categoryarray=list(part["label"]), row=row, col=1)
    return fig


def describe_translation() -> str:
    """One line per study: question, setting, finding, evidence level."""
    df = appraisal.translation_examples()
    return "\n".join(f"- {r.setting}: {r.finding} [{_evidence_label(r.evidence_level)}]" for r in df.itertuples())


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


def _ba_title(study: assays.InterAssayStudy) -> str:
    against = "A's reference" if study.read_b_against == "A" else "its own reference"
    return (f"Illustrative: assay B ({study.bias_b_pct:+.0f}% bias, CV {study.cv_b_pct:.0f}%) minus assay A "
            f"(CV {study.cv_a_pct:.0f}%), B read against {against}")


def _ba_y_title(study: assays.InterAssayStudy) -> str:
    return ("Difference, B minus A (ng/mL)" if study.bland_altman.unit == "ng/mL"
            else "Difference, B minus A (% of the pair's mean)")


def bland_altman_figure(study: assays.InterAssayStudy) -> go.Figure:
    """Differences against means, bias and 95% limits of agreement; people classified differently in vermillion."""
    tr = bland_altman_traces(study)  # checks study
    fig = figure(title=_ba_title(study), x_title="Mean of assays A and B (ng/mL)", y_title=_ba_y_title(study),
                 height=480)
    fig.add_scatter(**tr["same class"], mode="markers", name="same class by A and B",
                    marker=dict(color=PALETTE["blue"], size=6, opacity=0.6))
    fig.add_scatter(**tr["different class"], mode="markers", name="classified differently",
                    marker=dict(color=PALETTE["vermillion"], size=8, symbol="diamond"))
    fig.add_scatter(**tr["bias"], mode="lines", name="bias (mean difference)", line=dict(color=PALETTE["black"], width=2))
    fig.add_scatter(**tr["upper limit"], mode="lines", name="95% limits of agreement",
                    line=dict(color=PALETTE["black"], dash="dash"), legendgroup="loa")
    fig.add_scatter(**tr["lower limit"], mode="lines", name="lower limit", showlegend=False,
                    line=dict(color=PALETTE["black"], dash="dash"), legendgroup="loa")
    fig.add_scatter(**tr["zero"], mode="lines", name="no difference", line=dict(color=PALETTE["grey"], width=1, dash="dot"))
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
    fig = make_subplots(rows=1, cols=2, subplot_titles=[f"{s}" for s in reference_ranges.SEXES], shared_yaxes=True,
                        horizontal_spacing=0.06)
    fig.update_layout(template=template(), height=460,
                      title=dict(text="Simulated healthy cohort against two published references: 2.5th and 97.5th percentiles",
                                 x=0.0))
    lo, hi = assays._p("sim_age_min_y"), assays._p("sim_age_max_y")
    ages = np.arange(lo, hi + 0.25, 0.5)
    isys_class = assays.classify(people[value_column].to_numpy(), age_y=people["age_y"].to_numpy(),
                                 sex=people["sex"].to_numpy(), reference="isys2014")
    japan_class = assays.classify(people[value_column].to_numpy(), age_y=people["age_y"].to_numpy(),
                                  sex=people["sex"].to_numpy(), reference="japan2012")
    for col, sex in enumerate(reference_ranges.SEXES, start=1):
        first = col == 1
        for ref, colour in (("isys2014", "blue"), ("japan2012", "orange")):
            low, high = reference_ranges.interval(ages, sex=sex, reference=ref)
            for y, dash in ((high, "solid"), (low, "dash")):
                fig.add_scatter(x=ages, y=np.round(y, 1), mode="lines", line=dict(color=PALETTE[colour], dash=dash),
                                name=f"{reference_ranges.REFERENCE_LABELS[ref]}: 2.5th (dashed), 97.5th (solid)",
                                legendgroup=ref, showlegend=first and dash == "solid", row=1, col=col)
        m = (people["sex"] == sex).to_numpy()
        same = isys_class == japan_class
        for mask, name, colour, size in ((m & same, "same class under both", "grey", 5),
                                         (m & ~same, "classified differently", "vermillion", 7)):
            fig.add_scatter(x=np.round(people["age_y"].to_numpy()[mask], 1),
                            y=np.round(people[value_column].to_numpy()[mask], 1), mode="markers",
                            marker=dict(color=PALETTE[colour], size=size), name=name, legendgroup=name,
                            showlegend=first, row=1, col=col)
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
        "people": dict(x=np.round(igf, 1), y=np.round(people["muscle_score"].to_numpy(), 2),
                       marker_color=np.round(people["age_y"].to_numpy(), 1)),
        "crude": dict(x=span, y=np.round(crude_y, 3)),
        "adjusted": dict(x=span, y=np.round(adj_y, 3)),
    }


def confounding_figure(people, result: confounding.ConfoundingFit) -> go.Figure:
    """Muscle score against IGF-1, coloured by age, with the crude and the age-adjusted regression lines."""
    tr = confounding_traces(people, result)  # checks people and result
    fig = figure(title="Illustrative cohort: muscle-mass score against IGF-1, coloured by age",
                 x_title="Serum total IGF-1 (ng/mL)", y_title="Muscle-mass score (SD units, illustrative)", height=480)
    fig.add_scatter(x=tr["people"]["x"], y=tr["people"]["y"], mode="markers", name="people",
                    marker=dict(color=tr["people"]["marker_color"], colorscale="Cividis", size=6, opacity=0.7,
                                colorbar=dict(title=dict(text="Age (y)"), thickness=12)))
    fig.add_scatter(**tr["crude"], mode="lines", name="crude slope (age ignored)",
                    line=dict(color=PALETTE["vermillion"], width=3))
    fig.add_scatter(**tr["adjusted"], mode="lines", name="age-adjusted slope (at the mean age)",
                    line=dict(color=PALETTE["blue"], width=3, dash="dash"))
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.18, x=0))
    return fig


def _est(e: confounding.Estimate) -> str:
    return f"{e.estimate:+.2f} SD per 100 ng/mL (95% CI {e.ci_low:+.2f} to {e.ci_high:+.2f}; p = {e.p_value:.2g})"


def describe_confounding(result: confounding.ConfoundingFit, *, age_strength: float, direct_effect: float) -> str:
    """The truth put into the simulation, then the crude and adjusted estimates."""
    _fit(result)
    cfg = confounding.settings()
    real(age_strength, name="age_strength", unit="SD per decade", low=cfg["age_strength"][1],
         high=cfg["age_strength"][2], allow_array=False)
    real(direct_effect, name="direct_effect", unit="SD per 100 ng/mL", low=cfg["direct_effect"][1],
         high=cfg["direct_effect"][2], allow_array=False)
    verdict = ("the adjusted interval covers the true direct effect" if result.adjusted.ci_low <= direct_effect <= result.adjusted.ci_high
               else "the adjusted interval misses the true direct effect (it happens about 1 time in 20)")
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
    fig = figure(title="Illustrative cohort: illness lowers IGF-1 and causes deaths; IGF-1 causes nothing",
                 x_title="Fifth of age- and sex-specific IGF-1 SDS (1 = lowest)", y_title="Deaths during follow-up (%)",
                 height=420)
    x = [str(i) for i in t.index]
    fig.add_bar(x=x, y=t["risk_pct"].round(1), name="everyone", marker_color=PALETTE["vermillion"])
    fig.add_bar(x=x, y=t["risk_well_pct"].round(1), name="people without the illness", marker_color=PALETTE["blue"])
    well = data.parameter("assay_parameters", "reverse_death_risk_well_pct")
    fig.add_hline(y=well, line_color=PALETTE["blue"], line_dash="dot",
                  annotation_text=f"risk set for everyone without the illness: {well:.0f}%", annotation_position="top right")
    fig.update_layout(barmode="group", legend=dict(orientation="h", yanchor="top", y=-0.2, x=0))
    return fig


def describe_reverse_causation(result: confounding.ReverseCausation) -> str:
    """Risk and share ill per fifth, and the lowest-vs-middle risk ratios."""
    t = _reverse(result).by_fifth
    lines = [f"Fifth {i}: death risk {r.risk_pct:.1f}% ({r.ill_pct:.0f}% ill); without the illness {r.risk_well_pct:.1f}%"
             for i, r in zip(t.index, t.itertuples())]
    lines.append(f"Lowest vs middle fifth: risk ratio {result.risk_ratio_all:.2f} for everyone, "
                 f"{result.risk_ratio_well:.2f} among the well.")
    return "\n".join(lines)


# -- U-shape --------------------------------------------------------------------------
def u_shape_figure() -> go.Figure:
    """Forest plot: all-cause mortality HR for low and high vs middle IGF-1, two meta-analyses."""
    df = confounding.mortality_meta_analyses()
    fig = figure(title="All-cause mortality: both ends of the IGF-1 range are worse than the middle",
                 x_title="Hazard ratio vs the middle IGF-1 category (log scale; 95% CI)", y_title="", height=360)
    for side, colour in (("low vs middle", "vermillion"), ("high vs middle", "blue")):
        part = df[df["comparison"] == side]
        fig.add_scatter(x=part["hr"], y=[f"{s}: {side}" for s in part["study"]], mode="markers", name=side,
                        marker=dict(color=PALETTE[colour], size=11, symbol="square"),
                        error_x=dict(type="data", symmetric=False, array=(part["ci_high"] - part["hr"]).round(2),
                                     arrayminus=(part["hr"] - part["ci_low"]).round(2)))
    fig.add_vline(x=1.0, line_color="#444", line_dash="dot")
    fig.update_xaxes(type="log", range=[np.log10(0.8), np.log10(1.8)], tickvals=[0.8, 1.0, 1.2, 1.4, 1.6, 1.8])
    fig.update_layout(margin=dict(l=330), legend=dict(orientation="h", yanchor="top", y=-0.25, x=0))
    return fig


def describe_u_shape() -> str:
    """Each hazard ratio with its interval, and the nadir range of Rahmani 2022."""
    df = confounding.mortality_meta_analyses()
    lines = [f"{r.study}, {r.comparison}: HR {r.hr:.2f} (95% CI {r.ci_low:.2f}-{r.ci_high:.2f})" for r in df.itertuples()]
    lo = data.parameter("assay_parameters", "rahmani_nadir_low_ng_per_mL")
    hi = data.parameter("assay_parameters", "rahmani_nadir_high_ng_per_mL")
    lines.append(f"Rahmani 2022: lowest mortality at {lo:.0f}-{hi:.0f} ng/mL.")
    return "\n".join(lines)
