"""Figures of :mod:`course_lib.models.appraisal` (unit 06): the same question asked of different models.

:func:`translation_figure` returns a ``go.Figure`` (never shown); :func:`describe_translation`
states its content as text for nbval and screen readers.
"""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import data
from ..models import appraisal
from ..plotting import PALETTE, template

__all__ = ["EVIDENCE_COLOURS", "translation_figure", "describe_translation"]

#: One colour per evidence level, so a reader can see at a glance which bars are mice.
EVIDENCE_COLOURS = {
    "animal": PALETTE["orange"],
    "human_observational": PALETTE["sky"],
    "human_nonrandomised": PALETTE["vermillion"],
    "human_rct": PALETTE["blue"],
    "meta_analysis_observational": PALETTE["purple"],
    "meta_analysis_trials": PALETTE["green"],
}


def _evidence_label(level: str) -> str:
    return data.evidence_label(level)


# -- translation ---------------------------------------------------------------
def translation_figure() -> go.Figure:
    """Two panels of bars: lifespan in Igf1r+/- mice on two strains; serum IGF-1 with restriction in rodents and people.

    Bars are coloured by evidence level and labelled with their value, so a 0% bar is still visible.
    """
    df = appraisal.translation_examples().dropna(subset=["change_pct"])
    panels = (("lifespan", "Lifespan change (%)"), ("serum IGF-1", "Change in serum IGF-1 (%)"))
    fig = make_subplots(
        rows=2,
        cols=1,
        row_heights=[0.36, 0.64],
        vertical_spacing=0.26,
        subplot_titles=[
            "Igf1r+/- female mice live longer... on one strain",
            "Restriction lowers IGF-1 in rodents; in people only when protein is cut",
        ],
    )
    fig.update_layout(
        template=template(),
        height=580,
        barmode="overlay",
        title=dict(text="Same question, different models: what each study reported", x=0.0),
        margin=dict(l=330, t=80),
        legend=dict(orientation="h", yanchor="top", y=-0.16, x=0),
    )
    shown = set()
    for row, (measure, x_title) in enumerate(panels, start=1):
        part = df[df["measure"] == measure].iloc[::-1]
        for level, colour in EVIDENCE_COLOURS.items():
            sub = part[part["evidence_level"] == level]
            if sub.empty:
                continue
            values = sub["change_pct"].round(1)
            fig.add_bar(
                x=values,
                y=sub["label"],
                orientation="h",
                marker_color=colour,
                name=_evidence_label(level),
                legendgroup=level,
                showlegend=level not in shown,
                row=row,
                col=1,
                text=[f"{v:+.0f}%" if v else f"no change ({_evidence_label(level)})" for v in values],
                textposition="outside",
                cliponaxis=False,
            )
            shown.add(level)
        fig.update_xaxes(title_text=x_title, range=[-50, 45], zeroline=True, zerolinecolor="#444", row=row, col=1)
        fig.update_yaxes(categoryorder="array", categoryarray=list(part["label"]), row=row, col=1)
    return fig


def describe_translation() -> str:
    """One line per study: question, setting, finding, evidence level."""
    df = appraisal.translation_examples()
    return "\n".join(f"- {r.setting}: {r.finding} [{_evidence_label(r.evidence_level)}]" for r in df.itertuples())
