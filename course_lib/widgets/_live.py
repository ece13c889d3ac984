"""Work-around for a FigureWidget rendering race inside widget containers.

With plotly >= 6 a ``go.FigureWidget`` is an anywidget, and its front-end code
is loaded lazily. When the *first* view of the figure is created as a child of
a container (our explorers are ``VBox`` es), that view sometimes renders empty
axes: in the course's browser stress test, 1 page load in 4 showed no traces
(plotly.py issue #4998 describes the same symptom and this work-around).
Displaying the figure once in a hidden ``Output`` first, before the container's
own view, made all loads render.

Every widget builder passes its children through :func:`with_preload`.
"""
from __future__ import annotations

import ipywidgets as widgets
import plotly.graph_objects as go

__all__ = ["with_preload"]


def with_preload(children: list, figure: go.FigureWidget) -> list:
    """``children`` with a hidden Output that displays ``figure`` first, ahead of the visible view."""
    hidden = widgets.Output(layout=widgets.Layout(display="none"))
    # The same message ``display(figure)`` would send, without needing a running kernel.
    view = {"application/vnd.jupyter.widget-view+json": {"version_major": 2, "version_minor": 0,
                                                         "model_id": figure.model_id}}
    hidden.outputs = ({"output_type": "display_data", "data": view, "metadata": {}},)
    return [hidden, *children]
