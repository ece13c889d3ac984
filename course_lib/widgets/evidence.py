"""The evidence explorer of :mod:`course_lib.models.evidence` (unit 04): filter the claims by tissue and model system."""

from __future__ import annotations

import html

import ipywidgets as widgets

from .._validate import choice
from ..figures import evidence as fig_evidence
from ..figures import html_tables
from ..models import evidence
from .frontend import FigureWidget

__all__ = ["EvidenceExplorer", "evidence_explorer"]

_STYLE = {"description_width": "190px"}
_WIDE = widgets.Layout(width="500px")


class EvidenceExplorer(widgets.VBox):
    """Filter the evidence table by tissue and model system; see the counts and the claims with their sources.

    ``controls``: ``tissue`` and ``model_system`` drop-downs (each with "all").
    ``figure``: bar chart of the matching claims by model system (a FigureWidget).
    ``summary``: the count as text. ``table``: the matching claims with citations and caveats.
    """

    def __init__(self, tissue: str = "all", model_system: str = "all"):
        self.controls = {
            "tissue": widgets.Dropdown(
                options=[("All tissues", "all")] + [(evidence.TISSUE_LABELS[t], t) for t in evidence.TISSUES],
                value=tissue,
                description="Tissue",
                style=_STYLE,
                layout=_WIDE,
            ),
            "model_system": widgets.Dropdown(
                options=[("All model systems", "all")] + [(evidence.label(m), m) for m in evidence.MODEL_SYSTEMS],
                value=model_system,
                description="Evidence level",
                style=_STYLE,
                layout=_WIDE,
            ),
        }
        self.figure = FigureWidget(fig_evidence.evidence_bars(evidence.claims(tissue), highlight=model_system))
        self.summary = widgets.HTML()
        self.table = widgets.HTML()
        for c in self.controls.values():
            c.observe(self._update, names="value")
        self._update()
        super().__init__(
            [self.controls["tissue"], self.controls["model_system"], self.figure, self.summary, self.table]
        )

    def _update(self, _change=None) -> None:
        tissue, system = self.controls["tissue"].value, self.controls["model_system"].value
        in_tissue = evidence.claims(tissue)
        shown = evidence.claims(tissue, system)
        fresh = fig_evidence.evidence_bars(in_tissue, highlight=system)
        with self.figure.batch_update():
            self.figure.data[0].y = fresh.data[0].y
            self.figure.data[0].text = fresh.data[0].text
            self.figure.data[0].marker.color = fresh.data[0].marker.color
            self.figure.layout.yaxis.range = fresh.layout.yaxis.range
        where = "all tissues" if tissue == "all" else evidence.TISSUE_LABELS[tissue].lower()
        level = "" if system == "all" else f" from {evidence.label(system)} studies"
        human = int(in_tissue["model_system"].isin(evidence.HUMAN_SYSTEMS).sum())
        self.summary.value = (
            f"<b>{len(shown)} claim{'s' if len(shown) != 1 else ''}</b> about {html.escape(where)}{level}. "
            f"Of the {len(in_tissue)} claims about {html.escape(where)}, {human} come from studies in people."
        )
        self.table.value = html_tables.evidence_html(shown)

    def __repr__(self) -> str:
        return (
            f"EvidenceExplorer(tissue={self.controls['tissue'].value!r}, "
            f"model_system={self.controls['model_system'].value!r})"
        )


def evidence_explorer(tissue: str = "all", model_system: str = "all") -> EvidenceExplorer:
    """A filter over the evidence table: pick a tissue and an evidence level, read the claims and their sources."""
    choice(tissue, name="tissue", choices=("all", *evidence.TISSUES))
    choice(model_system, name="model_system", choices=("all", *evidence.MODEL_SYSTEMS))
    return EvidenceExplorer(tissue, model_system)
