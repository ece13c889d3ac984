"""Figures of :mod:`course_lib.models.receptors`: receptor occupancy by IGF-1 and insulin (unit 02).

Each builder returns a ``plotly.graph_objects.Figure`` in the course style and
never shows it. The occupancy widget (:mod:`course_lib.widgets.receptors`) wraps
:func:`occupancy_bars` in a ``FigureWidget`` and updates its bars in place.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import citations, data
from .._validate import choice, frame, items, real
from ..models import receptors
from ..plotting import PALETTE, band_colour, figure, template

__all__ = ["occupancy_bars", "occupancy_curves", "findings_html", "RECEPTOR_COLOURS"]

#: The two statement tables unit 02 shows as text: the receptor family and the Akt branch.
FINDING_TABLES = ("receptor_family", "signalling_findings")

#: One colour per receptor, used in every figure of the unit.
RECEPTOR_COLOURS = {
    "IGF-1R": PALETTE["blue"],
    "IR-A": PALETTE["orange"],
    "IR-B": PALETTE["vermillion"],
    "hybrid": PALETTE["green"],
}
#: Line styles: IR-B dashed beside IR-A (their curves nearly overlap), hybrids dotted and thick.
_DASH = {"IGF-1R": "solid", "IR-A": "solid", "IR-B": "dash", "hybrid": "dot"}


def occupancy_bars(occ: pd.DataFrame, *, title: str = "Receptor occupancy") -> go.Figure:
    """Stacked bars: the share of each receptor type occupied by IGF-1 and by insulin.

    ``occ`` is a table from :func:`course_lib.models.receptors.occupancy`.
    """
    what = "the table receptors.occupancy(igf1_nM=..., insulin_nM=...) returns"
    frame(occ, name="occ", columns=("igf1", "insulin"), what=what)
    if list(occ.index) != list(receptors.RECEPTORS):
        raise ValueError(
            f"occ must be {what}, with one row per receptor "
            f"({', '.join(repr(r) for r in receptors.RECEPTORS)}); it has rows {list(occ.index)}."
        )
    fig = figure(title=title, x_title="receptor type", y_title="fraction of receptors occupied (0-1)", height=380)
    x = list(occ.index)
    fig.add_bar(
        x=x,
        y=occ["igf1"].to_numpy(),
        name="by IGF-1",
        marker_color=PALETTE["blue"],
        hovertemplate="%{x}: %{y:.1%} by IGF-1<extra></extra>",
    )
    fig.add_bar(
        x=x,
        y=occ["insulin"].to_numpy(),
        name="by insulin",
        marker_color=PALETTE["orange"],
        hovertemplate="%{x}: %{y:.1%} by insulin<extra></extra>",
    )
    fig.update_layout(barmode="stack", legend=dict(orientation="h", y=1.02, x=1, xanchor="right", yanchor="bottom"))
    fig.update_yaxes(range=[0, 1])
    return fig


def occupancy_curves(*, n_points: int = 41) -> go.Figure:
    """Occupancy of each receptor against IGF-1 (no insulin) and against insulin (no IGF-1).

    Shaded bands mark the cited physiological ranges (free IGF-1 in adults,
    total serum IGF-1, fasting insulin, insulin after a glucose load). For IGF-1
    the hybrid curve lies on the IGF-1R curve (hybrids bind IGF-1 like IGF-1R,
    ``benyoucef2007``); for insulin it lies between IR and IGF-1R.
    """
    real(n_points, name="n_points", unit="points", low=5, high=401, allow_array=False)
    lo = data.parameter("receptor_parameters", "slider_min_nM")
    hi = data.parameter("receptor_parameters", "slider_max_nM")
    conc = np.logspace(np.log10(lo), np.log10(hi), int(n_points))
    kd = receptors.dissociation_constants()
    fig = make_subplots(
        rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.06, subplot_titles=("IGF-1 alone", "insulin alone")
    )
    fig.update_layout(
        template=template(),
        height=460,
        title=dict(text="Occupancy rises with a ligand's own receptor first", x=0, xanchor="left"),
        legend=dict(orientation="h", y=-0.25, x=0),
    )
    ranges = receptors.concentration_ranges()
    shades = {
        "free IGF-1 (adults)": "sky",
        "total IGF-1 (serum)": "grey",
        "fasting insulin": "yellow",
        "insulin 30 min after glucose": "orange",
    }
    for col, ligand in ((1, "IGF-1"), (2, "insulin")):
        for _, row in ranges[ranges["ligand"] == ligand].iterrows():
            x0, x1 = max(row["low_nM"], lo), row["high_nM"]
            fig.add_scatter(
                x=[x0, x1, x1, x0, x0],
                y=[0, 0, 1.02, 1.02, 0],
                fill="toself",
                mode="lines",
                fillcolor=band_colour(shades[row["label"]], 0.3),
                line=dict(width=0),
                name=f"{row['label']}: {x0:.3g}-{x1:.3g} nM",
                hoverinfo="name",
                row=1,
                col=col,
            )
        for receptor in receptors.RECEPTORS:
            y = receptors.bound_fraction(conc, kd_nM=float(kd.loc[receptor, ligand]))
            fig.add_scatter(
                x=conc,
                y=y,
                mode="lines",
                name=receptor,
                legendgroup=receptor,
                showlegend=col == 1,
                line=dict(
                    color=RECEPTOR_COLOURS[receptor],
                    width=4 if receptor == "hybrid" else 2,
                    dash=_DASH[receptor],
                ),
                hovertemplate=f"{receptor}: %{{y:.1%}} at %{{x:.3g}} nM<extra>{ligand}</extra>",
                row=1,
                col=col,
            )
        fig.update_xaxes(type="log", title_text=f"{ligand} concentration (nM, log scale)", row=1, col=col)
    fig.update_yaxes(title_text="fraction of receptors occupied (0-1)", range=[0, 1.02], row=1, col=1)
    return fig


def findings_html(name: str = "receptor_family", *, ids=None) -> str:
    """One of unit 02's statement tables as an HTML table: what was found, the evidence label and the source.

    Parameters
    ----------
    name : str
        ``"receptor_family"`` (IGF-1R, IR-A/IR-B, IGF-2R) or ``"signalling_findings"`` (the Akt branch).
    ids : list or tuple of str, optional
        Row ids to show, in the order given; ``None`` shows every row in the table's order.

    The evidence column uses the vocabulary's readable labels (:data:`course_lib.data.EVIDENCE_LABELS`), and the
    source column the author-year form of each citation key ("textbook" rows have none).

    >>> findings_html("receptor_family", ids=["rf06"]).count("<tr>")
    2
    """
    choice(name, name="name", choices=FINDING_TABLES)
    table = data.load(name).set_index("id")
    if ids is not None:
        wanted = items(ids, name="ids", types=(list, tuple), what="a list of row ids")
        for i in wanted:
            choice(i, name="ids", choices=list(table.index))
        table = table.loc[list(wanted)]
    first = "receptor" if "receptor" in table.columns else "topic"
    rows = []
    for _, r in table.iterrows():
        keys = [k for k in str(r["citation_key"]).split(";") if k and k != "nan"]
        source = "; ".join(citations.short(k) for k in keys) or "(textbook)"
        rows.append(
            f"<tr><td>{html.escape(str(r[first]))}</td>"
            f"<td style='text-align:left'>{html.escape(str(r['claim']))}</td>"
            f"<td>{html.escape(data.EVIDENCE_LABELS[r['evidence_level']])}</td>"
            f"<td>{html.escape(source)}</td></tr>"
        )
    head = (
        f"<tr><th>{first.capitalize()}</th><th style='text-align:left'>What was found</th>"
        "<th>Evidence</th><th>Source</th></tr>"
    )
    return f"<table style='font-size:90%'>{head}{''.join(rows)}</table>"
