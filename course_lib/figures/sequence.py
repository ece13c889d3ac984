"""Figures of :mod:`course_lib.models.sequence`: the IGF-1 residue map and pairwise alignments (unit 01).

Both figures are drawn from :mod:`course_lib.models.sequence`; each has a ``describe_*``
companion that states the same content as text (for nbval and screen readers).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from Bio.Data.IUPACData import protein_letters_1to3

from .._validate import choice, instance
from ..models import sequence
from ..plotting import PALETTE, figure

__all__ = [
    "DOMAIN_COLOURS",
    "CATEGORIES",
    "residue_map",
    "describe_residue_map",
    "BLOCK",
    "alignment_traces",
    "alignment_layout",
    "alignment_figure",
    "describe_alignment",
]

#: Domain colours (Okabe-Ito): the same in every figure of the unit.
DOMAIN_COLOURS = {
    "B": PALETTE["blue"],
    "C": PALETTE["orange"],
    "A": PALETTE["green"],
    "D": PALETTE["purple"],
    "extension": PALETTE["grey"],
    "": PALETTE["sky"],
}

#: Alignment column categories, in trace order, with their colours.
CATEGORIES = {
    "identical cysteine": PALETTE["vermillion"],
    "identical": PALETTE["green"],
    "cysteine opposite a different residue": PALETTE["yellow"],
    "different": "#d9d9d9",
    "gap": "#ffffff",
}

_DOMAIN_NAMES = {"extension": "N-terminal extension (not in IGF-1)", "": "residue"}


def _domain_name(domain: str) -> str:
    return _DOMAIN_NAMES.get(domain, f"{domain} domain")


def _hover(row, igf1: str) -> str:
    parts = [f"{row.residue_name}{row.position} ({row.residue})", _domain_name(row.domain)]
    if not pd.isna(row.igf1_position):
        if row.igf1_position != row.position:
            parts.append(f"IGF-1 position {row.igf1_position}")
        if row.changed:
            parts.append(f"changed: IGF-1 has {igf1[row.igf1_position - 1]} here")
    if not pd.isna(row.partner):
        parts.append(f"disulfide to Cys{row.partner}")
    return " · ".join(parts)


def residue_map(name: str = "igf1") -> go.Figure:
    """The chain as a row of residues coloured by domain, with an arc for each disulfide bond.

    Hover over a residue for its name, position, domain and disulfide partner.
    Works for IGF-1 and the IGF-1-derived analogues (in their own numbering,
    residues changed relative to IGF-1 ringed); other chains are drawn in one
    colour without domains.
    """
    key = sequence.info(name)["name"]
    table = sequence.residue_table(key)
    igf1 = sequence.get("igf1")
    n = len(table)
    fig = figure(
        title=f"{sequence.label(key)}: {n} residues, domains and disulfide bonds",
        x_title="Residue position (1 = N-terminus)",
        y_title="",
        height=330,
    )
    order = [d for d in ("extension", "B", "C", "A", "D", "") if d in set(table["domain"])]
    for dom in order:
        part = table[table["domain"] == dom]
        span = f" ({part['position'].min()}–{part['position'].max()})" if dom else ""
        fig.add_trace(
            go.Scatter(
                x=part["position"].tolist(),
                y=[0] * len(part),
                mode="markers+text",
                marker=dict(symbol="square", size=15, color=DOMAIN_COLOURS[dom], line=dict(width=0)),
                text=part["residue"].tolist(),
                textfont=dict(size=9, color="white" if dom != "" else "black"),
                hovertext=[_hover(r, igf1) for r in part.itertuples()],
                hoverinfo="text",
                name=_domain_name(dom) + span,
            )
        )
    changed = table[table["changed"]]
    if len(changed):
        fig.add_trace(
            go.Scatter(
                x=changed["position"].tolist(),
                y=[0] * len(changed),
                mode="markers",
                marker=dict(symbol="square-open", size=22, color=PALETTE["black"], line=dict(width=2)),
                hoverinfo="skip",
                name="changed from IGF-1",
            )
        )
    if sequence.info(key)["igf1_offset"] is not None:
        for a, b in sequence.disulfides(key)[["cys_a", "cys_b"]].itertuples(index=False):
            t = np.linspace(0.0, 1.0, 25)
            height = 0.25 + 0.75 * (b - a) / n
            fig.add_trace(
                go.Scatter(
                    x=np.round(a + (b - a) * t, 2).tolist(),
                    y=np.round(0.12 + height * np.sin(np.pi * t), 3).tolist(),
                    mode="lines+markers",
                    line=dict(color=PALETTE["vermillion"], width=2),
                    marker=dict(size=[7] + [0] * (len(t) - 2) + [7], color=PALETTE["vermillion"]),
                    name=f"disulfide Cys{a}–Cys{b}",
                    hoverinfo="name",
                )
            )
    fig.update_xaxes(range=[0.3, n + 0.7], dtick=5, showgrid=False)
    fig.update_yaxes(visible=False, range=[-0.5, 1.2])
    fig.update_layout(legend=dict(orientation="h", y=-0.35, x=0), margin=dict(t=50, b=110))
    return fig


def describe_residue_map(name: str = "igf1") -> str:
    """The residue map as text: length, domains with ranges and lengths, disulfides, changed residues."""
    key = sequence.info(name)["name"]
    table = sequence.residue_table(key)
    lines = [f"{sequence.label(key)}: {len(table)} residues."]
    if sequence.info(key)["igf1_offset"] is None:
        lines.append("No IGF-1 domain map: this chain is not derived from IGF-1.")
        return "\n".join(lines)
    spans = []
    for dom in ("extension", "B", "C", "A", "D"):
        part = table.loc[table["domain"] == dom, "position"]
        if len(part):
            spans.append(f"{_domain_name(dom)} {part.min()}–{part.max()} ({len(part)} aa)")
    lines.append("Domains: " + "; ".join(spans) + ".")
    bonds = sequence.disulfides(key)
    lines.append(
        "Disulfides: " + ", ".join(f"Cys{a}–Cys{b}" for a, b in bonds[["cys_a", "cys_b"]].itertuples(index=False)) + "."
    )
    changed = table[table["changed"]]
    if len(changed):
        igf1 = sequence.get("igf1")
        lines.append(
            "Changed from IGF-1: "
            + ", ".join(
                f"{r.residue_name}{r.position} (IGF-1 has {protein_letters_1to3[igf1[r.igf1_position - 1]]}{r.igf1_position})"
                for r in changed.itertuples()
            )
            + "."
        )
    return "\n".join(lines)


#: Alignment columns per block: long alignments wrap, like printed ones.
BLOCK = 60
_ROW_GAP = 3  # vertical distance between blocks (row a at -3k + 1, row b at -3k)


def _place(column: int, row: int) -> tuple[int, int]:
    """(x, y) of alignment column ``column`` (1-based) in row 1 (a) or 0 (b), wrapping every :data:`BLOCK` columns."""
    block = (column - 1) // BLOCK
    return (column - 1) % BLOCK + 1, row - _ROW_GAP * block


def _alignment(aln) -> sequence.PairAlignment:
    return instance(aln, name="aln", types=sequence.PairAlignment, what="the result of sequence.align(a, b)")


def alignment_traces(aln: sequence.PairAlignment) -> list[dict]:
    """Per-category trace data (``x``, ``y``, ``text``, ``hovertext``) for :func:`alignment_figure`, in :data:`CATEGORIES` order.

    Each block of :data:`BLOCK` columns has two rows: sequence a above
    sequence b; x is the column within the block, and the hover text gives the
    column number in the whole alignment.
    """
    cols = _alignment(aln).columns()
    out = []
    for cat in CATEGORIES:
        part = cols[cols["category"] == cat]
        x, y, txt, hov = [], [], [], []
        for r in part.itertuples():
            pa = "" if pd.isna(r.position_a) else int(r.position_a)
            pb = "" if pd.isna(r.position_b) else int(r.position_b)
            desc = f"column {r.column}: {aln.a_label} {r.residue_a}{pa} | {aln.b_label} {r.residue_b}{pb} · {cat}"
            for row, res in ((1, r.residue_a), (0, r.residue_b)):
                px, py = _place(int(r.column), row)
                x.append(px)
                y.append(py)
                txt.append(res)
                hov.append(desc)
        out.append({"name": cat, "x": x, "y": y, "text": txt, "hovertext": hov})
    return out


def alignment_figure(a: str = "igf1", b: str = "igf2") -> go.Figure:
    """Two aligned chains as rows of letters; identical residues and cysteines highlighted.

    Columns are coloured: vermillion where both chains have a cysteine, green
    for other identical residues, yellow where a cysteine faces a different
    residue, grey for different residues, white for gaps. Alignments longer
    than :data:`BLOCK` columns wrap onto further pairs of rows.
    """
    aln = sequence.align(a, b)
    layout = alignment_layout(aln)
    fig = figure(title=layout["title"]["text"], x_title=f"Alignment column (blocks of {BLOCK})", y_title="", height=300)
    for tr in alignment_traces(aln):
        colour = CATEGORIES[tr["name"]]
        fig.add_trace(
            go.Scatter(
                x=tr["x"],
                y=tr["y"],
                text=tr["text"],
                hovertext=tr["hovertext"],
                hoverinfo="text",
                mode="markers+text",
                name=tr["name"],
                marker=dict(symbol="square", size=13, color=colour, line=dict(width=1, color="#bbbbbb")),
                textfont=dict(size=9, color="white" if tr["name"] in ("identical cysteine", "identical") else "black"),
            )
        )
    fig.update_layout(layout)
    return fig


def alignment_layout(aln: sequence.PairAlignment) -> dict:
    """The layout :func:`alignment_figure` gives one alignment: title, axes, height, legend and margins.

    The comparison widget applies it (``fig.update_layout(alignment_layout(aln))``) when the
    choice of molecules changes, so its figure stays the figure a fresh call draws.
    """
    blocks = (_alignment(aln).length - 1) // BLOCK + 1
    vals, labels = [], []
    for k in range(blocks):
        first = k * BLOCK + 1
        vals += [1 - _ROW_GAP * k, -_ROW_GAP * k]
        labels += [f"{aln.a_label} ({first}–)", aln.b_label]
    return {
        "title": {
            "text": f"{aln.a_label} vs {aln.b_label}: {aln.identities} identical residues, "
            f"{aln.percent_identity('shorter'):.1f}% of the shorter chain"
        },
        "xaxis": dict(range=[0.3, min(aln.length, BLOCK) + 0.7], showgrid=False, dtick=10),
        "yaxis": dict(
            tickvals=vals,
            ticktext=labels,
            range=[-_ROW_GAP * (blocks - 1) - 0.7, 1.7],
            showgrid=False,
            showline=False,
            ticks="",
        ),
        "height": 170 + 110 * blocks,
        "legend": dict(orientation="h", y=-0.1 - 0.35 / blocks, x=0),
        "margin": dict(l=190, t=50, b=90),
    }


def describe_alignment(aln: sequence.PairAlignment, *, denominator: str | None = None) -> str:
    """The alignment's numbers in one paragraph: identities, the three denominators and the cysteines.

    With ``denominator`` given, only that percentage is stated.
    """
    _alignment(aln)
    dens = (
        list(sequence.DENOMINATORS)
        if denominator is None
        else [choice(denominator, name="denominator", choices=tuple(sequence.DENOMINATORS))]
    )
    cols = aln.columns()
    cys_pairs = int((cols["category"] == "identical cysteine").sum())
    pct = "; ".join(
        f"{aln.percent_identity(d):.1f}% of {sequence.DENOMINATORS[d]} ({aln.denominator(d)})" for d in dens
    )
    return (
        f"{aln.a_label} ({len(aln.a)} aa) vs {aln.b_label} ({len(aln.b)} aa): {aln.identities} identical residues "
        f"in {aln.aligned} aligned columns, {aln.length} columns in all. Identity: {pct}. "
        f"Cysteines: {aln.a.count('C')} and {aln.b.count('C')}; {cys_pairs} columns pair a cysteine with a cysteine."
    )
