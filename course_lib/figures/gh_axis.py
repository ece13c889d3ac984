"""Figures of :mod:`course_lib.models.gh_axis`: the illustrative GH–IGF-1 feedback loop (unit 04).

Each builder returns a ``go.Figure`` (never shown) and has a ``*_summary`` companion
that states the figure's key numbers as text for nbval and screen readers.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import citations, data
from ..models import gh_axis
from ..plotting import PALETTE, template

__all__ = [
    "gh_axis_figure",
    "gh_axis_series",
    "gh_axis_summary",
    "fasting_figure",
    "fasting_summary",
    "regulation_summary",
]


def _every(t_h, step_h: float) -> slice:
    dt = float(np.median(np.diff(t_h))) if len(t_h) > 1 else step_h
    return slice(None, None, max(1, int(round(step_h / dt))))


def gh_axis_series(sim: dict) -> dict:
    """The plotted points of a :func:`course_lib.models.gh_axis.simulate` run, as float32 arrays.

    ``gh``: (days, GH × default mean) every 0.1 h; ``igf1``: (days, IGF-1 % of default) every hour.
    :func:`gh_axis_figure` draws these, and the GH-axis widget sends them on each change without
    building a new figure.
    """
    return _series(gh_axis.check_run(sim))


def _series(run: dict) -> dict:
    """:func:`gh_axis_series` of a run already checked by :func:`course_lib.models.gh_axis.check_run`."""
    t = run["t_h"]
    g_sel, i_sel = _every(t, 0.1), _every(t, 1.0)
    return {
        "gh": ((t[g_sel] / 24.0).astype(np.float32), run["gh_rel"][g_sel].astype(np.float32)),
        "igf1": ((t[i_sel] / 24.0).astype(np.float32), (100 * run["igf1_rel"][i_sel]).astype(np.float32)),
    }


def gh_axis_figure(sim: dict, reference: dict | None = None) -> go.Figure:
    """Two panels over time: GH (top) and IGF-1 (bottom), relative to the default; dashed: IGF-1 of the default run.

    Traces, in order: GH, IGF-1, then (if given) default IGF-1. To keep stored
    notebooks small, GH is drawn every 0.1 h and IGF-1 every hour, as float32.
    ``reference`` (optional) is another :func:`course_lib.models.gh_axis.simulate` run, usually the default one.
    """
    series = gh_axis_series(sim)
    default = None if reference is None else _series(gh_axis.check_run(reference, name="reference"))
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.1,
        subplot_titles=(
            "GH: lipolytic, insulin-antagonistic (fast pulses)",
            "IGF-1: insulin-like (slow, lags by hours)",
        ),
    )
    fig.update_layout(
        template=template(),
        height=520,
        title=dict(text="Illustrative GH–IGF-1 feedback loop after a change at day 0", x=0.0),
    )
    (gx, gy), (ix, iy) = series["gh"], series["igf1"]
    fig.add_trace(
        go.Scatter(
            x=gx,
            y=gy,
            mode="lines",
            name="GH",
            line=dict(color=PALETTE["vermillion"], width=1.2),
            hovertemplate="day %{x:.2f}: GH %{y:.2f}× default mean<extra></extra>",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=ix,
            y=iy,
            mode="lines",
            name="IGF-1",
            line=dict(color=PALETTE["blue"], width=2.5),
            hovertemplate="day %{x:.2f}: IGF-1 %{y:.1f}% of default<extra></extra>",
        ),
        row=2,
        col=1,
    )
    if default is not None:
        rx, ry = default["igf1"]
        fig.add_trace(
            go.Scatter(
                x=rx,
                y=ry,
                mode="lines",
                name="IGF-1, default settings",
                line=dict(color=PALETTE["grey"], width=1.5, dash="dash"),
                hoverinfo="skip",
            ),
            row=2,
            col=1,
        )
    fig.update_xaxes(title_text="Time (days)", row=2, col=1)
    fig.update_yaxes(title_text="GH (× default mean)", row=1, col=1, rangemode="tozero")
    fig.update_yaxes(title_text="IGF-1 (% of default)", row=2, col=1)
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.16, x=0), margin=dict(t=80, b=110))
    return fig


def gh_axis_summary(sim: dict, *, pulse_amplitude: float, feedback_scale: float, hepatic_sensitivity: float) -> str:
    """The loop's key numbers after a run, against the pulse-averaged steady state."""
    s = gh_axis.summarise(sim)
    ss = gh_axis.steady_state(
        pulse_amplitude=pulse_amplitude, feedback_scale=feedback_scale, hepatic_sensitivity=hepatic_sensitivity
    )
    days = sim["t_h"][-1] / 24.0
    half = s["igf1_half_change_h"]
    half_txt = "IGF-1 barely moved" if np.isnan(half) else f"IGF-1 took {half:.0f} h to move half-way"
    lean = {
        "lipolytic": "leans lipolytic and insulin-antagonistic (GH up relative to IGF-1)",
        "insulin-like": "leans insulin-like (IGF-1 up relative to GH)",
        "default": "is balanced as by default",
    }[s["lean"]]
    return (
        f"Pulse amplitude ×{pulse_amplitude:g}, feedback ×{feedback_scale:g}, liver sensitivity ×{hepatic_sensitivity:g}. "
        f"Over the last day of {days:.0f}: mean GH {100 * s['gh_mean_last_day']:.0f}% of default "
        f"(steady state {100 * ss['gh_mean_rel']:.0f}%), IGF-1 {100 * s['igf1_mean_last_day']:.0f}% "
        f"(steady state {100 * ss['igf1_rel']:.0f}%); GH peaks reach {s['gh_peak']:.1f}× the default mean. "
        f"{half_txt}. The metabolic mix {lean}; a direction only, not a measured index."
    )


def fasting_figure(days: float | None = None) -> go.Figure:
    """The calibrated fast: GH (top) and IGF-1 (bottom) over days, with the published data as markers.

    Traces, in order: GH (pulses, every 0.1 h), GH 24-h means of the model (one step per day),
    the GH data (Ho 1988, Hartman 1992), IGF-1 (model), the IGF-1 data. Each datum is drawn over
    the hours it describes, with ± 1 SE bars where the paper gives them; the numbers come from
    :func:`course_lib.models.gh_axis.fasting_anchors`, i.e. from the parameter table.
    """
    sim = gh_axis.simulate_fast(days)
    series = _series(gh_axis.check_run(sim))
    t = sim["t_h"]
    n_days = int(np.floor(t[-1] / 24.0 + 1e-9))
    day_mid = np.arange(n_days) + 0.5
    day_gh = [
        float(
            np.trapezoid(sim["gh_rel"][(t >= 24 * d) & (t <= 24 * d + 24)], t[(t >= 24 * d) & (t <= 24 * d + 24)]) / 24
        )
        for d in range(n_days)
    ]
    anchors = gh_axis.fasting_anchors()
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.1,
        subplot_titles=("GH: pulses and 24-h means", "IGF-1: unchanged for two days, then falling"),
    )
    fig.update_layout(
        template=template(),
        height=560,
        title=dict(text="Illustrative: the GH–IGF-1 loop in a fast, against the published data", x=0.0),
    )
    (gx, gy), (ix, iy) = series["gh"], series["igf1"]
    fig.add_trace(
        go.Scatter(
            x=gx,
            y=gy,
            mode="lines",
            name="GH (model)",
            line=dict(color=PALETTE["vermillion"], width=0.8),
            opacity=0.5,
            hovertemplate="day %{x:.2f}: GH %{y:.2f}× fed mean<extra></extra>",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=day_mid,
            y=np.round(day_gh, 3),
            mode="lines+markers",
            name="GH 24-h mean (model)",
            line=dict(color=PALETTE["vermillion"], width=2.5, shape="hvh"),
            hovertemplate="day %{x:.1f}: 24-h mean GH %{y:.2f}× fed<extra></extra>",
        ),
        row=1,
        col=1,
    )
    for k, quantity in enumerate(("GH", "IGF-1")):
        rows = anchors[anchors["quantity"] == quantity]
        scale = 1.0 if quantity == "GH" else 100.0
        mid = (rows["t_start_h"] + rows["t_end_h"]) / 48.0
        half = (rows["t_end_h"] - rows["t_start_h"]) / 48.0
        has_se = rows["low_rel"].notna()
        fig.add_trace(
            go.Scatter(
                x=mid,
                y=scale * rows["value_rel"],
                mode="markers",
                name=f"{quantity}: published",
                marker=dict(symbol="diamond", size=11, color="white", line=dict(width=2, color=PALETTE["black"])),
                error_x=dict(type="data", array=half, visible=True, width=0),
                error_y=dict(
                    type="data",
                    array=(scale * (rows["high_rel"] - rows["value_rel"])).where(has_se, 0.0),
                    arrayminus=(scale * (rows["value_rel"] - rows["low_rel"])).where(has_se, 0.0),
                    visible=True,
                ),
                text=rows["study"] + ": " + rows["what"],
                hovertemplate="%{text}: %{y:.2f}<extra></extra>"
                if quantity == "GH"
                else "%{text}: %{y:.0f}%<extra></extra>",
            ),
            row=k + 1,
            col=1,
        )
        if quantity == "GH":
            fig.add_trace(
                go.Scatter(
                    x=ix,
                    y=iy,
                    mode="lines",
                    name="IGF-1 (model)",
                    line=dict(color=PALETTE["blue"], width=2.5),
                    hovertemplate="day %{x:.2f}: IGF-1 %{y:.1f}% of fed<extra></extra>",
                ),
                row=2,
                col=1,
            )
    fig.update_xaxes(title_text="Time from the start of the fast (days)", row=2, col=1)
    fig.update_yaxes(title_text="GH (× fed mean)", row=1, col=1, rangemode="tozero")
    fig.update_yaxes(title_text="IGF-1 (% of fed)", row=2, col=1, range=[0, 120])
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.14, x=0), margin=dict(t=80, b=120))
    return fig


def fasting_summary(days: float | None = None) -> str:
    """The calibrated fast's key numbers beside the published ones, as text (``days``: 5 to 14, default 5)."""
    m = gh_axis.fasting_metrics(days)
    a = gh_axis.fasting_anchors().set_index(["study", "quantity"])
    hours = float(a.loc[("Hartman 1992", "IGF-1"), "t_start_h"])
    ho_i, ho_g, ha_g = (
        a.loc[k, "value_rel"] for k in (("Ho 1988", "IGF-1"), ("Ho 1988", "GH"), ("Hartman 1992", "GH"))
    )
    return (
        f"IGF-1 after {hours:g} h: {100 * (m['igf1_56h_rel'] - 1):+.0f}% (Hartman 1992: unchanged). "
        f"IGF-1 on day 5 against day 1: {100 * (m['igf1_day5_over_day1'] - 1):+.0f}% (Ho 1988: {100 * (ho_i - 1):+.0f}%). "
        f"24-h GH on day 5: {m['gh_day5_rel']:.1f}× the fed day (Ho 1988: {ho_g:.1f}×). "
        f"24-h GH on day 2: {m['gh_day2_rel']:.1f}× (Hartman 1992 measured {ha_g:.1f}× in GH production: "
        "the model's GH rises late, with the ramp, so it misses this)."
    )


_ACTION_PHRASES = {
    "stimulates": "raises GH secretion",
    "inhibits": "lowers GH secretion",
    "pattern": "shapes the pattern of GH secretion",
}


def regulation_summary() -> str:
    """The upstream control of GH as text: one paragraph per finding of
    :func:`course_lib.models.gh_axis.regulation_findings`, with its evidence level, source and limit.

    >>> regulation_summary().count("Limit:") == len(gh_axis.regulation_findings())
    True
    """
    blocks = []
    for r in gh_axis.regulation_findings().itertuples():
        head = f"{r.regulator[0].upper()}{r.regulator[1:]}: {_ACTION_PHRASES[r.action_on_gh]}"
        source = f"{data.evidence_label(r.evidence_level)}, {citations.short(r.citation_key)}"
        blocks.append(f"{head}. {r.finding} [{source}; {r.population}]\n  Limit: {r.caveat}")
    return "\n".join(blocks)
