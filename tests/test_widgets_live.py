"""Every course figure reaches the browser complete in the one message that creates it.

A plain ``go.FigureWidget`` opens its comm before plotly fills in the figure, so the
browser model is created empty and depends on three update messages that can be
lost while the model is still loading (empty axes; see course_lib/widgets/_live.py).
These tests listen to what each widget builder sends when it opens its comms.
"""
from __future__ import annotations

import comm
import ipywidgets.widgets.widget as widget_module
import plotly.graph_objects as go
import pytest

from course_lib import widgets
from course_lib.widgets._live import FigureWidget


@pytest.fixture
def opened(monkeypatch):
    """The state of every comm opened, by model id, and the keys of every update sent afterwards."""
    record = {"open": {}, "updates": []}
    create = comm.create_comm

    def spy(**kwargs):
        c = create(**kwargs)
        record["open"][c.comm_id] = kwargs["data"]["state"]
        send = c.send

        def send_spy(data=None, *args, **kw):
            if data and data.get("method") == "update":
                record["updates"].append((c.comm_id, sorted(data.get("state", {}))))
            return send(data, *args, **kw)

        c.send = send_spy
        return c

    monkeypatch.setattr(widget_module.comm, "create_comm", spy)
    return record


def _figure_opens(record) -> dict:
    return {cid: s for cid, s in record["open"].items() if "FigureWidget" in str(s.get("_anywidget_id", ""))}


def test_a_plain_figurewidget_opens_empty_which_is_why_the_course_has_its_own(opened):
    go.FigureWidget(data=[go.Scatter(y=[1, 2, 3])])
    (state,) = _figure_opens(opened).values()
    assert state["_widget_data"] == [] and state["_view_count"] is None
    assert {"_widget_data", "_view_count"} <= {k for _, keys in opened["updates"] for k in keys}


def test_the_course_figurewidget_opens_with_its_traces_layout_and_view_count(opened):
    FigureWidget(data=[go.Scatter(y=[1, 2, 3])], layout={"title": {"text": "t"}})
    (state,) = _figure_opens(opened).values()
    assert len(state["_widget_data"]) == 1 and state["_widget_layout"]["title"]["text"] == "t"
    assert state["_view_count"] == 0
    assert opened["updates"] == []  # nothing left for a follow-up message to carry


@pytest.mark.parametrize("name", widgets.__all__)
def test_every_widget_builder_sends_complete_figures(opened, name):
    w = getattr(widgets, name)()
    figure = getattr(w, "figure", None)
    if figure is None:
        pytest.skip(f"{name} draws no figure")
    assert isinstance(figure, FigureWidget), f"{name} should draw in course_lib.widgets._live.FigureWidget"
    state = opened["open"][figure.comm.comm_id]
    assert len(state["_widget_data"]) == len(figure.data) > 0
    assert state["_view_count"] == 0
