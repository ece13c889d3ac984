"""The comparison widget of :mod:`course_lib.models.sequence` (unit 01): pick two molecules, see their alignment and identity."""

from __future__ import annotations

import html

import ipywidgets as widgets

from .._validate import choice
from ..figures import sequence as fig_sequence
from ..models import sequence
from .frontend import FigureWidget

__all__ = ["ComparisonWidget", "sequence_comparison"]

_STYLE = {"description_width": "90px"}
_WIDE = widgets.Layout(width="360px")


class ComparisonWidget(widgets.VBox):
    """Two drop-downs (the course's molecules), a live alignment figure and a text summary.

    Attributes
    ----------
    controls : dict
        ``first`` and ``second``: Dropdowns whose values are names from
        :func:`course_lib.models.sequence.names`, so no invalid choice is possible.
    figure : plotly.graph_objects.FigureWidget
        The alignment (:func:`course_lib.figures.sequence.alignment_figure`),
        updated in place when either choice changes.
    summary : ipywidgets.HTML
        Identities, the identity under each denominator, and the cysteines.
    alignment : course_lib.models.sequence.PairAlignment
        The alignment currently shown.
    """

    def __init__(self, first: str, second: str):
        options = [(sequence.label(n), n) for n in sequence.names()]
        self.controls = {
            "first": widgets.Dropdown(
                options=options, value=first, description="Molecule 1", style=_STYLE, layout=_WIDE
            ),
            "second": widgets.Dropdown(
                options=options, value=second, description="Molecule 2", style=_STYLE, layout=_WIDE
            ),
        }
        self.figure = FigureWidget(fig_sequence.alignment_figure(first, second))
        self.summary = widgets.HTML()
        self.alignment = sequence.align(first, second)
        self._write_summary()
        for c in self.controls.values():
            c.observe(self._update, names="value")
        super().__init__([widgets.HBox([self.controls["first"], self.controls["second"]]), self.figure, self.summary])

    def _update(self, _change=None) -> None:
        a, b = self.controls["first"].value, self.controls["second"].value
        self.alignment = sequence.align(a, b)
        traces = fig_sequence.alignment_traces(self.alignment)
        with self.figure.batch_update():
            for trace, new in zip(self.figure.data, traces):
                trace.x, trace.y, trace.text, trace.hovertext = new["x"], new["y"], new["text"], new["hovertext"]
            self.figure.update_layout(fig_sequence.alignment_layout(self.alignment))
        self._write_summary()

    def _write_summary(self) -> None:
        self.summary.value = (
            f"<p>{html.escape(fig_sequence.describe_alignment(self.alignment))}</p>"
            "<p><small>Colours: vermillion = cysteine in both chains; green = other identical residue; "
            "yellow = cysteine facing a different residue; grey = different; white = gap. Global alignment, "
            "BLOSUM62, gap open -10, extend -0.5 (Biopython).</small></p>"
        )

    def __repr__(self) -> str:
        return f"ComparisonWidget({self.controls['first'].value!r} vs {self.controls['second'].value!r})"


def sequence_comparison(first: str = "igf1", second: str = "insulin_b_chain") -> ComparisonWidget:
    """A widget comparing two of the course's molecules by global alignment.

    >>> w = sequence_comparison("igf1", "igf2")
    >>> w.alignment.identities == sequence.align("igf1", "igf2").identities
    True
    """
    options = sequence.names()
    first = choice(first, name="first", choices=options)
    second = choice(second, name="second", choices=options)
    return ComparisonWidget(first, second)
