"""Figures for unit 02: receptor occupancy and the illustrative signalling model.

Each builder returns a ``plotly.graph_objects.Figure`` in the course style and
never shows it. The widgets in :mod:`course_lib.widgets.signalling` wrap the
same figures in a ``FigureWidget`` and update their traces in place.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import data
from ..models import receptors, signalling
from .._validate import choice, frame, real
from ..plotting import PALETTE, band_colour, figure, template

__all__ = ["occupancy_bars", "occupancy_curves", "pathway_figure", "READOUT_COLOURS", "RECEPTOR_COLOURS"]

#: One colour per receptor and per readout, used in every figure of the unit.
RECEPTOR_COLOURS = {"IGF-1R": PALETTE["blue"], "IR-A": PALETTE["orange"], "hybrid": PALETTE["green"]}
READOUT_COLOURS = {
    "akt": PALETTE["blue"],
    "erk": PALETTE["orange"],
    "mtorc1_s6k": PALETTE["green"],
    "autophagy": PALETTE["purple"],
    "receptor": PALETTE["black"],
}


def occupancy_bars(occ: pd.DataFrame, *, title: str = "Receptor occupancy") -> go.Figure:
    """Stacked bars: the share of each receptor type occupied by IGF-1 and by insulin.

    ``occ`` is a table from :func:`course_lib.models.receptors.occupancy`.
    """
    what = "the table receptors.occupancy(igf1_nM=..., insulin_nM=...) returns"
    frame(occ, name="occ", columns=("igf1", "insulin"), what=what)
    if list(occ.index) != list(receptors.RECEPTORS):
        raise ValueError(f"occ must be {what}, with one row per receptor "
                         f"({', '.join(repr(r) for r in receptors.RECEPTORS)}); it has rows {list(occ.index)}.")
    fig = figure(title=title, x_title="receptor type", y_title="fraction of receptors occupied (0-1)", height=380)
    x = list(occ.index)
    fig.add_bar(x=x, y=occ["igf1"].to_numpy(), name="by IGF-1", marker_color=PALETTE["blue"],
                hovertemplate="%{x}: %{y:.1%} by IGF-1<extra></extra>")
    fig.add_bar(x=x, y=occ["insulin"].to_numpy(), name="by insulin", marker_color=PALETTE["orange"],
                hovertemplate="%{x}: %{y:.1%} by insulin<extra></extra>")
    fig.update_layout(barmode="stack", legend=dict(orientation="h", y=1.02, x=1, xanchor="right", yanchor="bottom"))
    fig.update_yaxes(range=[0, 1])
    return fig


def occupancy_curves(*, n_points: int = 41) -> go.Figure:
    """Occupancy of each receptor against IGF-1 (no insulin) and against insulin (no IGF-1).

    Shaded bands mark the cited physiological ranges (free IGF-1 in adults,
    total serum IGF-1, fasting insulin, insulin after a glucose load). The
    hybrid curve lies on the IGF-1R curve because the course assumes that
    hybrids bind both ligands like IGF-1R (``federici1997``).
    """
    real(n_points, name="n_points", unit="points", low=5, high=401, allow_array=False)
    lo = data.parameter("receptor_parameters", "slider_min_nM")
    hi = data.parameter("receptor_parameters", "slider_max_nM")
    conc = np.logspace(np.log10(lo), np.log10(hi), int(n_points))
    kd = receptors.dissociation_constants()
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.06,
                        subplot_titles=("IGF-1 alone", "insulin alone"))
    fig.update_layout(template=template(), height=460,
                      title=dict(text="Occupancy rises with a ligand's own receptor first", x=0, xanchor="left"),
                      legend=dict(orientation="h", y=-0.25, x=0))
    ranges = receptors.concentration_ranges()
    shades = {"free IGF-1 (adults)": "sky", "total IGF-1 (serum)": "grey",
              "fasting insulin": "yellow", "insulin 30 min after glucose": "orange"}
    for col, ligand in ((1, "IGF-1"), (2, "insulin")):
        for _, row in ranges[ranges["ligand"] == ligand].iterrows():
            x0, x1 = max(row["low_nM"], lo), row["high_nM"]
            fig.add_scatter(x=[x0, x1, x1, x0, x0], y=[0, 0, 1.02, 1.02, 0], fill="toself", mode="lines",
                            fillcolor=band_colour(shades[row["label"]], 0.3), line=dict(width=0),
                            name=f"{row['label']}: {x0:.3g}-{x1:.3g} nM", hoverinfo="name", row=1, col=col)
        for receptor in receptors.RECEPTORS:
            y = receptors.bound_fraction(conc, kd_nM=float(kd.loc[receptor, ligand]))
            fig.add_scatter(x=conc, y=y, mode="lines", name=receptor, legendgroup=receptor, showlegend=col == 1,
                            line=dict(color=RECEPTOR_COLOURS[receptor], width=4 if receptor == "hybrid" else 2,
                                      dash="dot" if receptor == "hybrid" else "solid"),
                            hovertemplate=f"{receptor}: %{{y:.1%}} at %{{x:.3g}} nM<extra>{ligand}</extra>",
                            row=1, col=col)
        fig.update_xaxes(type="log", title_text=f"{ligand} concentration (nM, log scale)", row=1, col=col)
    fig.update_yaxes(title_text="fraction of receptors occupied (0-1)", range=[0, 1.02], row=1, col=1)
    return fig


def pathway_figure(time_course: pd.DataFrame, dose_curve: pd.DataFrame, *, readout: str = "akt",
                   ec50_nM: float = float("nan"), dose_nM: float | None = None) -> go.Figure:
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
    frame(time_course, name="time_course", columns=("time_min", *signalling.READOUTS),
          what="the table signalling.simulate(igf1_nM) returns")
    frame(dose_curve, name="dose_curve", columns=("igf1_nM", "fraction_of_max"),
          what="the table signalling.dose_response(signalling.dose_grid(), readout=...) returns")
    choice(readout, name="readout", choices=["receptor", *signalling.READOUTS])
    dose_max = data.parameter("receptor_parameters", "slider_max_nM")
    no_ec50 = isinstance(ec50_nM, (float, np.floating)) and np.isnan(ec50_nM)
    if not no_ec50:
        real(ec50_nM, name="ec50_nM", unit="nM", low=0, low_open=True, high=dose_max, allow_array=False)
    if dose_nM is not None:
        real(dose_nM, name="dose_nM", unit="nM", low=0, high=dose_max, allow_array=False)
    kd = signalling.default_parameters()["kd_nM"]
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.1,
                        subplot_titles=("time course after adding IGF-1", "dose-response (peak within 60 min)"))
    fig.update_layout(template=template(), height=420,
                      title=dict(text="Illustrative signalling model (teaching assumptions, not measurements)",
                                 x=0, xanchor="left"),
                      legend=dict(orientation="h", y=-0.22, x=0))
    t = time_course["time_min"].to_numpy()
    for key, label in signalling.READOUTS.items():
        fig.add_scatter(x=t, y=time_course[key].to_numpy(), mode="lines", name=label,
                        line=dict(color=READOUT_COLOURS[key], width=2, dash="dash" if key == "autophagy" else "solid"),
                        hovertemplate=f"{label}: %{{y:.2f}} at %{{x:.0f}} min<extra></extra>", row=1, col=1)
    fig.add_scatter(x=dose_curve["igf1_nM"].to_numpy(), y=dose_curve["fraction_of_max"].to_numpy(), mode="lines",
                    name=f"{signalling.READOUTS.get(readout, readout)}: dose-response",
                    line=dict(color=READOUT_COLOURS[readout], width=3),
                    hovertemplate="%{y:.0%} of maximum at %{x:.3g} nM<extra></extra>", row=1, col=2)
    ec50_x = [ec50_nM, ec50_nM] if np.isfinite(ec50_nM) else []
    fig.add_scatter(x=ec50_x, y=[0, 0.5] if ec50_x else [], mode="lines", name="EC50",
                    line=dict(color=PALETTE["vermillion"], dash="dash"), hoverinfo="skip", row=1, col=2)
    fig.add_scatter(x=[kd, kd], y=[0, 1], mode="lines", name=f"receptor Kd ({kd:g} nM)",
                    line=dict(color=PALETTE["grey"], dash="dot"), hoverinfo="skip", row=1, col=2)
    dot_x, dot_y = [], []
    if dose_nM is not None and dose_nM > 0:
        dot_x = [dose_nM]
        dot_y = [float(np.interp(np.log10(dose_nM), np.log10(dose_curve["igf1_nM"].to_numpy()),
                                 np.nan_to_num(dose_curve["fraction_of_max"].to_numpy())))]
    fig.add_scatter(x=dot_x, y=dot_y, mode="markers", name="current dose",
                    marker=dict(color=PALETTE["black"], size=10), row=1, col=2)
    fig.update_xaxes(title_text="time after adding IGF-1 (min)", row=1, col=1)
    fig.update_yaxes(title_text="activity (0 = off, 1 = maximal)", range=[0, 1.02], row=1, col=1)
    fig.update_xaxes(type="log", title_text="IGF-1 dose (nM, log scale)", row=1, col=2)
    fig.update_yaxes(title_text="fraction of maximal response", range=[0, 1.05], row=1, col=2)
    return fig
