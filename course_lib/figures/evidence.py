"""Figures of :mod:`course_lib.models.evidence`: the evidence map and the claim counts by model system (unit 04).

Each builder returns a ``go.Figure`` (never shown) and has a ``*_summary`` companion
that states the figure's key numbers as text for nbval and screen readers.
"""

from __future__ import annotations

import plotly.graph_objects as go

from .._validate import choice, frame, real
from ..models import evidence
from ..plotting import PALETTE, figure

__all__ = ["evidence_map", "evidence_map_summary", "evidence_bars"]

_SYSTEM_COLOURS = {
    "cell_culture": PALETTE["grey"],
    "animal": PALETTE["orange"],
    "human_physiology": PALETTE["yellow"],
    "human_case_series": PALETTE["black"],
    "human_observational": PALETTE["sky"],
    "meta_analysis_observational": PALETTE["purple"],
    "mendelian_randomisation": PALETTE["purple"],
    "human_nonrandomised": PALETTE["vermillion"],
    "human_rct": PALETTE["blue"],
    "meta_analysis_trials": PALETTE["green"],
    "narrative_review": PALETTE["grey"],
}


_COUNTS = "the table evidence.counts() returns (tissues as rows, model systems as columns)"


def _counts(counts, *, needed=()):
    """``counts`` after checking it is a table like :func:`course_lib.models.evidence.counts` returns (None: that table).

    Any subset of tissues and model systems is accepted; ``needed`` lists the model systems that must be there.
    """
    if counts is None:
        return evidence.counts()
    frame(counts, name="counts", columns=needed, what=_COUNTS)
    rows = [t for t in counts.index if t not in evidence.TISSUE_LABELS]
    columns = [m for m in counts.columns if m not in evidence.MODEL_SYSTEMS]
    if rows:
        raise ValueError(f"counts must be {_COUNTS}; rows {rows} are not tissues ({', '.join(evidence.TISSUES)}).")
    if columns:
        raise ValueError(
            f"counts must be {_COUNTS}; columns {columns} are not model systems ({', '.join(evidence.MODEL_SYSTEMS)})."
        )
    real(counts.to_numpy(), name="counts", unit="claims", low=0)
    return counts


def evidence_map(counts=None) -> go.Figure:
    """Heat map of claim counts: tissues (rows) by model system (columns), each cell labelled with its count."""
    counts = _counts(counts)
    x = [evidence.label(m) for m in counts.columns]  # the primary designs; narrative reviews are not counted
    y = [evidence.TISSUE_LABELS[t] for t in counts.index]
    z = counts.to_numpy()
    fig = figure(
        title="Evidence map: claims in the table by tissue and model system",
        x_title="Model system (weakest to strongest test of a cause in people)",
        y_title="Tissue",
        height=400,
    )
    fig.add_trace(
        go.Heatmap(
            z=z,
            x=x,
            y=y,
            colorscale="Blues",
            zmin=0,
            xgap=2,
            ygap=2,
            colorbar=dict(title="claims", thickness=12),
            text=z.astype(str),
            texttemplate="%{text}",
            hovertemplate="%{y}, %{x}: %{z} claims<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", showline=False, ticks="", title_standoff=10)
    fig.update_xaxes(showline=False, ticks="")
    fig.update_layout(margin=dict(l=170))
    return fig


def evidence_map_summary(counts=None) -> str:
    """The evidence map as sentences: totals per tissue and where each tissue's claims come from."""
    counts = _counts(counts, needed=evidence.HUMAN_SYSTEMS)
    lines = [f"{int(counts.to_numpy().sum())} claims in total."]
    for tissue, row in counts.iterrows():
        parts = ", ".join(f"{evidence.label(m)} {int(n)}" for m, n in row.items() if n)
        human = int(row[list(evidence.HUMAN_SYSTEMS)].sum())
        lines.append(
            f"{evidence.TISSUE_LABELS[tissue]}: {int(row.sum())} claims ({parts}); {human} from studies in people."
        )
    return "\n".join(lines)


def evidence_bars(df, *, highlight: str | None = None) -> go.Figure:
    """Bar chart of how many of the given claims come from each model system (one bar per system).

    ``df`` is a table from :func:`course_lib.models.evidence.claims` (it may be empty); ``highlight`` is None,
    ``"all"`` or one model system, whose bar keeps its colour while the others turn grey.
    """
    frame(df, name="df", columns=("model_system",), what="the table evidence.claims(...) returns", allow_empty=True)
    if highlight is not None:
        choice(highlight, name="highlight", choices=("all", *evidence.MODEL_SYSTEMS))
    systems = list(evidence.MODEL_SYSTEMS)
    n = [int((df["model_system"] == m).sum()) for m in systems]
    colours = [_SYSTEM_COLOURS[m] if highlight in (None, "all", m) else "#d9d9d9" for m in systems]
    fig = figure(
        title="Claims matching the filter, by model system",
        x_title="Model system",
        y_title="Number of claims",
        height=320,
    )
    fig.add_trace(
        go.Bar(
            x=[evidence.label(m) for m in systems],
            y=n,
            marker_color=colours,
            text=n,
            textposition="outside",
            hovertemplate="%{x}: %{y} claims<extra></extra>",
        )
    )
    fig.update_yaxes(rangemode="tozero", range=[0, max(max(n), 1) * 1.25])
    return fig
