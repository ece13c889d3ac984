"""The FigureWidget every course widget draws in: its browser model starts with the figure in it.

With plotly >= 6 a ``go.FigureWidget`` is an anywidget. Its constructor opens the
widget's comm (ipywidgets ``Widget.__init__`` calls ``open()``) *before* plotly has
filled in the figure, so the comm-open message carries no traces, no layout and no
``_view_count``; three "update" messages follow a moment later. The browser creates
the model asynchronously, and an update that arrives before the model is ready is
lost: the learner then sees empty axes, and because ``_view_count`` never arrived
either, nothing ever repairs it. The course's browser tests caught this on a busy
machine in about one page load in ten (plotly.py issue #4998 reports the symptom;
plotly PR #4956 repairs it only for a figure displayed on its own, not inside a
``VBox`` as every course widget is).

:class:`FigureWidget` holds the comm back until plotly's constructor has finished,
then opens it, so the one comm-open message holds the complete state and no
follow-up update is needed. ``tests/test_widgets_live.py`` checks what goes over the comm.
"""
from __future__ import annotations

import plotly.graph_objects as go

__all__ = ["FigureWidget"]


class FigureWidget(go.FigureWidget):
    """A ``go.FigureWidget`` whose comm opens once its state is complete."""

    def __init__(self, *args, **kwargs):
        self._hold_comm = True
        try:
            super().__init__(*args, **kwargs)
        finally:
            self._hold_comm = False
        self.open()

    def open(self) -> None:
        if getattr(self, "_hold_comm", False):
            return  # plotly is still setting the figure up; __init__ opens the comm when it is done
        super().open()
