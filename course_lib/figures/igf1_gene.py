"""Where IGF-1 comes from (unit 01 §3): the findings in ``data/igf1_gene_findings.csv`` as tables and text.

:func:`findings` selects the rows of one topic; :func:`findings_html` renders them as a compact HTML table
(claim, number, kind of evidence, source, caveat) and :func:`describe_findings` states the same rows as text,
for nbval and screen readers. :func:`gene_map` draws the three splice routes at the 3' end of the *IGF1* gene
(the exons that decide the E-peptide) from the ``gene-splicing`` row's source, with :func:`describe_gene_map`
as its text companion.

>>> list(findings("liver_knockout")["id"])[:2]
['lid-serum', 'lid-gh']
>>> "<table" in findings_html("mgf")
True
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from .. import citations, data
from .._validate import choice
from ..plotting import PALETTE, figure

__all__ = [
    "TOPICS",
    "findings",
    "findings_html",
    "describe_findings",
    "SPLICE_ROUTES",
    "gene_map",
    "describe_gene_map",
]

#: The topics of ``igf1_gene_findings``, in the order the notebook meets them.
TOPICS = {
    "gh_to_igf1": "How GH switches on IGF-1",
    "gene": "The IGF1 gene and its precursors",
    "mgf": "The E-peptide and the MGF dispute",
    "liver_knockout": "How much does circulating IGF-1 matter for growth?",
}


def findings(topic: str | None = None) -> pd.DataFrame:
    """The rows of ``igf1_gene_findings`` for one topic (a key of :data:`TOPICS`), or all rows for ``None``."""
    table = data.load("igf1_gene_findings")
    if topic is None:
        return table
    return table[table["topic"] == choice(topic, name="topic", choices=TOPICS)].reset_index(drop=True)


def _value_text(row) -> str:
    """A row's number with its unit (``"7.83 nmol/L"``), or an empty string when the finding has no number."""
    if pd.isna(row["value"]):
        return ""
    return f"{row['value']:g} {row['unit']}".strip()


def findings_html(topic: str) -> str:
    """The findings of ``topic`` as an HTML table: claim, number, kind of evidence, source and caveat."""
    topic = choice(topic, name="topic", choices=TOPICS)
    rows = []
    for _, r in findings(topic).iterrows():
        rows.append(
            "<tr>"
            f"<td style='text-align:left'>{html.escape(r['claim'])}</td>"
            f"<td>{html.escape(_value_text(r))}</td>"
            f"<td>{html.escape(data.evidence_label(r['evidence_level']))}</td>"
            f"<td>{html.escape(citations.short(r['citation_key']))}</td>"
            f"<td style='text-align:left'><i>{html.escape(r['caveat'])}</i></td>"
            "</tr>"
        )
    head = (
        "<tr><th style='text-align:left'>Finding</th><th>Number</th><th>Evidence</th><th>Source</th>"
        "<th style='text-align:left'>Caveat</th></tr>"
    )
    return f"<table style='font-size:90%'>{head}{''.join(rows)}</table>"


def describe_findings(topic: str) -> str:
    """The findings of ``topic`` as numbered lines of text: claim, number, evidence and source."""
    lines = [f"{TOPICS[choice(topic, name='topic', choices=TOPICS)]}:"]
    for i, (_, r) in enumerate(findings(topic).iterrows(), start=1):
        number = _value_text(r)
        number = f" [{number}]" if number else ""
        lines.append(
            f"{i}. {r['claim']}{number} ({data.evidence_label(r['evidence_level'])}; {citations.short(r['citation_key'])})"
        )
    return "\n".join(lines)


#: The three 3' splice routes of the human gene, as Zabłocka et al. (2012) describe them (row ``gene-splicing``):
#: each transcript's exons, in order, with ``"5 (part)"`` for the part of exon 5 that IGF-1Ec uses and
#: ``"5 (further)"`` for IGF-1Eb reading on further into exon 5.
SPLICE_ROUTES = {
    "IGF-1Ea": ("4", "6"),
    "IGF-1Ec (MGF)": ("4", "5 (part)", "6"),
    "IGF-1Eb": ("4", "5 (part)", "5 (further)"),
}

#: Where each exon segment is drawn along the gene (arbitrary units, not to scale).
_SEGMENTS = {"4": (0.0, 1.6), "5 (part)": (2.4, 3.0), "5 (further)": (3.0, 3.8), "6": (4.6, 5.6)}


def gene_map() -> go.Figure:
    """The 3' end of the *IGF1* gene: one row per transcript, its exon segments as boxes joined by splice lines.

    The boxes are not to scale; the figure shows which exons each transcript joins, nothing about lengths.
    """
    fig = figure(
        title="Three ways to end the IGF-1 precursor: splicing at the 3' end of the IGF1 gene",
        x_title="",
        y_title="",
        height=300,
    )
    colours = {
        "4": PALETTE["blue"],
        "5 (part)": PALETTE["orange"],
        "5 (further)": PALETTE["yellow"],
        "6": PALETTE["green"],
    }
    for y, (name, exons) in enumerate(reversed(list(SPLICE_ROUTES.items()))):
        for a, b in zip(exons, exons[1:]):
            x0, x1 = _SEGMENTS[a][1], _SEGMENTS[b][0]
            if x1 > x0:  # an intron is spliced out: draw the joining line as a shallow roof
                fig.add_trace(
                    go.Scatter(
                        x=[x0, (x0 + x1) / 2, x1],
                        y=[y + 0.2, y + 0.4, y + 0.2],
                        mode="lines",
                        line={"color": "#555555", "width": 1.5},
                        hoverinfo="skip",
                        showlegend=False,
                    )
                )
        for exon in exons:
            x0, x1 = _SEGMENTS[exon]
            fig.add_shape(
                type="rect",
                x0=x0,
                x1=x1,
                y0=y - 0.2,
                y1=y + 0.2,
                line={"width": 1, "color": "#333333"},
                fillcolor=colours[exon],
                layer="below",  # under the exon names, which are text traces
            )
            fig.add_trace(
                go.Scatter(
                    x=[(x0 + x1) / 2],
                    y=[y],
                    mode="text",
                    text=[f"exon {exon}"],
                    # white on blue (5.2:1), black on green, orange and yellow (6.1:1 or more): every name keeps 4.5:1
                    textfont={"size": 11, "color": "white" if exon == "4" else "black"},
                    hovertext=[f"{name}: exon {exon}"],
                    hoverinfo="text",
                    showlegend=False,
                )
            )
    fig.update_yaxes(
        tickvals=list(range(len(SPLICE_ROUTES))),
        ticktext=list(reversed(list(SPLICE_ROUTES))),
        range=[-0.6, len(SPLICE_ROUTES) - 0.4],
        automargin=True,
        showgrid=False,
    )
    fig.update_xaxes(visible=False, range=[-0.2, 5.8])
    return fig


def describe_gene_map() -> str:
    """The splice routes of :func:`gene_map` as text, one transcript a line."""
    lines = [
        "Splicing at the 3' end of the IGF1 gene (Zabłocka et al. 2012); each precursor still contains the whole "
        "mature IGF-1 chain (Philippou et al. 2014):"
    ]
    for name, exons in SPLICE_ROUTES.items():
        lines.append(f"{name}: " + " -> ".join(f"exon {e}" for e in exons))
    return "\n".join(lines)
