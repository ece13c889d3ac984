"""Figures of :mod:`course_lib.models.signalling`: the illustrative pathway model (unit 02).

Each builder returns a ``plotly.graph_objects.Figure`` in the course style and
never shows it. The pathway widget (:mod:`course_lib.widgets.signalling`) wraps
the same figure in a ``FigureWidget`` and updates its traces in place.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import data
from .._validate import choice, frame, real
from ..models import signalling
from ..plotting import PALETTE, template

__all__ = ["pathway_figure", "READOUT_COLOURS"]

#: One colour per readout, used in every figure of the unit.
READOUT_COLOURS = {
    "akt": PALETTE["blue"],
    "erk": PALETTE["orange"],
    "mtorc1_s6k": PALETTE["green"],
    "autophagy": PALETTE["purple"],
    "receptor": PALETTE["black"],
}


def pathway_figure(
    time_course: pd.DataFrame,
    dose_curve: pd.DataFrame,
    *,
    readout: str = "akt",
    ec50_nM: float = float("nan"),
    dose_nM: float | None = None,
) -> go.Figure:
    """Two panels from the illustrative model: readouts over time, and one readout's dose-response.

    Parameters
    ----------
    time_course : DataFrame
        From :func:`course_lib.models.signalling.simulate`.
    dose_curve : DataFrame
        From :func:`course_lib.models.signalling.dose_response` for ``readout``.
    readout : str
        The readout shown in the right panel.
    ec50_nM : float
        Marked with a dashed line; NaN (what :func:`course_lib.models.signalling.ec50` returns when the readout
        does not respond) draws no line. Otherwise above 0 and at most the largest dose.
    dose_nM : float, optional
        The dose of the time course (0 to the largest dose), marked with a dot on the dose-response curve
        (0 nM cannot be drawn on the log axis, so it gets no dot).
    """
    frame(
        time_course,
        name="time_course",
        columns=("time_min", *signalling.READOUTS),
        what="the table signalling.simulate(igf1_nM) returns",
    )
    frame(
        dose_curve,
        name="dose_curve",
        columns=("igf1_nM", "fraction_of_max"),
        what="the table signalling.dose_response(signalling.dose_grid(), readout=...) returns",
    )
    choice(readout, name="readout", choices=["receptor", *signalling.READOUTS])
    dose_max = data.parameter("receptor_parameters", "slider_max_nM")
    no_ec50 = isinstance(ec50_nM, (float, np.floating)) and np.isnan(ec50_nM)
    if not no_ec50:
        real(ec50_nM, name="ec50_nM", unit="nM", low=0, low_open=True, high=dose_max, allow_array=False)
    if dose_nM is not None:
        real(dose_nM, name="dose_nM", unit="nM", low=0, high=dose_max, allow_array=False)
    kd = signalling.default_parameters()["kd_nM"]
    fig = make_subplots(
        rows=1,
        cols=2,
        horizontal_spacing=0.1,
        subplot_titles=("time course after adding IGF-1", "dose-response (peak within 60 min)"),
    )
    fig.update_layout(
        template=template(),
        height=420,
        title=dict(text="Illustrative signalling model (teaching assumptions, not measurements)", x=0, xanchor="left"),
        legend=dict(orientation="h", y=-0.22, x=0),
    )
    t = time_course["time_min"].to_numpy()
    for key, label in signalling.READOUTS.items():
        fig.add_scatter(
            x=t,
            y=time_course[key].to_numpy(),
            mode="lines",
            name=label,
            line=dict(color=READOUT_COLOURS[key], width=2, dash="dash" if key == "autophagy" else "solid"),
            hovertemplate=f"{label}: %{{y:.2f}} at %{{x:.0f}} min<extra></extra>",
            row=1,
            col=1,
        )
    fig.add_scatter(
        x=dose_curve["igf1_nM"].to_numpy(),
        y=dose_curve["fraction_of_max"].to_numpy(),
        mode="lines",
        name=f"{signalling.READOUTS.get(readout, readout)}: dose-response",
        line=dict(color=READOUT_COLOURS[readout], width=3),
        hovertemplate="%{y:.0%} of maximum at %{x:.3g} nM<extra></extra>",
        row=1,
        col=2,
    )
    ec50_x = [ec50_nM, ec50_nM] if np.isfinite(ec50_nM) else []
    fig.add_scatter(
        x=ec50_x,
        y=[0, 0.5] if ec50_x else [],
        mode="lines",
        name="EC50",
        line=dict(color=PALETTE["vermillion"], dash="dash"),
        hoverinfo="skip",
        row=1,
        col=2,
    )
    fig.add_scatter(
        x=[kd, kd],
        y=[0, 1],
        mode="lines",
        name=f"receptor Kd ({kd:g} nM)",
        line=dict(color=PALETTE["grey"], dash="dot"),
        hoverinfo="skip",
        row=1,
        col=2,
    )
    dot_x, dot_y = [], []
    if dose_nM is not None and dose_nM > 0:
        dot_x = [dose_nM]
        dot_y = [
            float(
                np.interp(
                    np.log10(dose_nM),
                    np.log10(dose_curve["igf1_nM"].to_numpy()),
                    np.nan_to_num(dose_curve["fraction_of_max"].to_numpy()),
                )
            )
        ]
    fig.add_scatter(
        x=dot_x,
        y=dot_y,
        mode="markers",
        name="current dose",
        marker=dict(color=PALETTE["black"], size=10),
        row=1,
        col=2,
    )
    fig.update_xaxes(title_text="time after adding IGF-1 (min)", row=1, col=1)
    fig.update_yaxes(title_text="activity (0 = off, 1 = maximal)", range=[0, 1.02], row=1, col=1)
    fig.update_xaxes(type="log", title_text="IGF-1 dose (nM, log scale)", row=1, col=2)
    fig.update_yaxes(title_text="fraction of maximal response", range=[0, 1.05], row=1, col=2)
    return fig
