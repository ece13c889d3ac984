"""Figures for unit 04 (tissue roles): the evidence map, the acute-exercise curves and the GH–IGF-1 loop.

Each builder returns a ``go.Figure`` (never shown) and has a ``*_summary`` companion
that states the figure's key numbers as text for nbval and screen readers.
"""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import data
from ..models import acute_exercise, evidence, gh_axis
from .._validate import choice, frame, instance, real
from ..plotting import PALETTE, figure, template

__all__ = [
    "evidence_map",
    "evidence_map_summary",
    "evidence_bars",
    "exercise_figure",
    "exercise_curve",
    "exercise_summary",
    "gh_axis_figure",
    "gh_axis_series",
    "gh_axis_summary",
]

_SYSTEM_COLOURS = {
    "cell_culture": PALETTE["grey"],
    "rodent": PALETTE["orange"],
    "human_observational": PALETTE["sky"],
    "human_intervention": PALETTE["blue"],
    "meta_analysis": PALETTE["green"],
}


_COUNTS = "the table evidence.counts() returns (tissues as rows, model systems as columns)"


def _counts(counts, *, needed=()):
    """``counts`` after checking it is a table like :func:`course_lib.models.evidence.counts` returns (None: that table).

    Any subset of tissues and model systems is accepted; ``needed`` lists the model systems that must be there.
    """
    if counts is None:
        return evidence.counts()
    frame(counts, name="counts", columns=needed, what=_COUNTS)
    rows = [t for t in counts.index if t not in evidence.TISSUE_LABELS]
    columns = [m for m in counts.columns if m not in evidence.MODEL_SYSTEMS]
    if rows:
        raise ValueError(f"counts must be {_COUNTS}; rows {rows} are not tissues ({', '.join(evidence.TISSUES)}).")
    if columns:
        raise ValueError(f"counts must be {_COUNTS}; columns {columns} are not model systems "
                         f"({', '.join(evidence.MODEL_SYSTEMS)}).")
    real(counts.to_numpy(), name="counts", unit="claims", low=0)
    return counts


def evidence_map(counts=None) -> go.Figure:
    """Heat map of claim counts: tissues (rows) by model system (columns), each cell labelled with its count."""
    counts = _counts(counts)
    x = [evidence.label(m) for m in counts.columns]
    y = [evidence.TISSUE_LABELS[t] for t in counts.index]
    z = counts.to_numpy()
    fig = figure(title="Evidence map: claims in the table by tissue and model system",
                 x_title="Model system (weakest to strongest test of a cause in people)", y_title="Tissue", height=400)
    fig.add_trace(go.Heatmap(
        z=z, x=x, y=y, colorscale="Blues", zmin=0, xgap=2, ygap=2,
        colorbar=dict(title="claims", thickness=12),
        text=z.astype(str), texttemplate="%{text}", hovertemplate="%{y}, %{x}: %{z} claims<extra></extra>",
    ))
    fig.update_yaxes(autorange="reversed", showline=False, ticks="", title_standoff=10)
    fig.update_xaxes(showline=False, ticks="")
    fig.update_layout(margin=dict(l=170))
    return fig


def evidence_map_summary(counts=None) -> str:
    """The evidence map as sentences: totals per tissue and where each tissue's claims come from."""
    counts = _counts(counts, needed=evidence.HUMAN_SYSTEMS)
    lines = [f"{int(counts.to_numpy().sum())} claims in total."]
    for tissue, row in counts.iterrows():
        parts = ", ".join(f"{evidence.label(m)} {int(n)}" for m, n in row.items() if n)
        human = int(row[list(evidence.HUMAN_SYSTEMS)].sum())
        lines.append(f"{evidence.TISSUE_LABELS[tissue]}: {int(row.sum())} claims ({parts}); "
                     f"{human} from studies in people.")
    return "\n".join(lines)


def evidence_bars(df, *, highlight: str | None = None) -> go.Figure:
    """Bar chart of how many of the given claims come from each model system (one bar per system).

    ``df`` is a table from :func:`course_lib.models.evidence.claims` (it may be empty); ``highlight`` is None,
    ``"all"`` or one model system, whose bar keeps its colour while the others turn grey.
    """
    frame(df, name="df", columns=("model_system",), what="the table evidence.claims(...) returns", allow_empty=True)
    if highlight is not None:
        choice(highlight, name="highlight", choices=("all", *evidence.MODEL_SYSTEMS))
    systems = list(evidence.MODEL_SYSTEMS)
    n = [int((df["model_system"] == m).sum()) for m in systems]
    colours = [_SYSTEM_COLOURS[m] if highlight in (None, "all", m) else "#d9d9d9" for m in systems]
    fig = figure(title="Claims matching the filter, by model system", x_title="Model system",
                 y_title="Number of claims", height=320)
    fig.add_trace(go.Bar(x=[evidence.label(m) for m in systems], y=n, marker_color=colours,
                         text=n, textposition="outside", hovertemplate="%{x}: %{y} claims<extra></extra>"))
    fig.update_yaxes(rangemode="tozero", range=[0, max(max(n), 1) * 1.25])
    return fig


def exercise_curve(*, modality: str, intensity: str, duration_min: float, t_max_min: float = 90.0):
    """Times (min) and % changes of one illustrative bout, on a 0.5-min grid up to ``t_max_min``."""
    real(t_max_min, name="t_max_min", unit="min", low=0, low_open=True,
         high=data.parameter("exercise_parameters", "window_max_min"), allow_array=False)
    t = np.arange(0.0, t_max_min + 0.25, 0.5)
    return t, acute_exercise.serum_igf1_change_pct(t, modality=modality, intensity=intensity, duration_min=duration_min)


_BOUTS = (
    ("cycling", "high", "Cycling above the lactate threshold", PALETTE["vermillion"], "solid"),
    ("cycling", "low", "Cycling below the lactate threshold", PALETTE["blue"], "dash"),
    ("resistance", "high", "Heavy resistance session", PALETTE["black"], "dot"),
)


def exercise_figure(*, duration_min: float = 10.0, selected: tuple[str, str] | None = None) -> go.Figure:
    """Illustrative change in serum IGF-1 after one bout: three modes, the published anchors as markers.

    Traces, in order: one line per mode in ``_BOUTS`` (the ``selected`` one thicker), then the anchors.
    ``selected`` is None or a ``(modality, intensity)`` pair such as ``("cycling", "high")``.
    """
    if selected is not None:
        what = "None or a (modality, intensity) pair such as ('cycling', 'high')"
        instance(selected, name="selected", types=(tuple, list), what=what)
        if len(selected) != 2:
            raise ValueError(f"selected must be {what}; got {selected!r}, which is not two items.")
        choice(selected[0], name="selected[0] (the modality)", choices=acute_exercise.MODALITIES)
        choice(selected[1], name="selected[1] (the intensity)", choices=acute_exercise.INTENSITIES)
    fig = figure(title="Illustrative: serum IGF-1 after one bout of exercise",
                 x_title="Time from the start of exercise (min)", y_title="Change in serum IGF-1 from baseline (%)",
                 height=420)
    for modality, intensity, name, colour, dash in _BOUTS:
        t, x = exercise_curve(modality=modality, intensity=intensity, duration_min=duration_min)
        chosen = selected is not None and (modality, intensity if modality == "cycling" else "high") == (
            selected[0], selected[1] if selected[0] == "cycling" else "high")
        fig.add_trace(go.Scatter(x=t.astype(np.float32), y=np.asarray(x, dtype=np.float32), mode="lines", name=name,
                                 line=dict(color=colour, dash=dash, width=4 if chosen else 2),
                                 hovertemplate="%{x:.0f} min: %{y:+.1f}%<extra>" + name + "</extra>"))
    anchors = acute_exercise.published_anchors()
    acute = anchors[anchors["time_min"] <= 90]
    fig.add_trace(go.Scatter(
        x=acute["time_min"], y=acute["rise_pct"].round(1), mode="markers", name="Published rise at 10 min",
        marker=dict(symbol="diamond", size=11, color="white", line=dict(width=2, color=PALETTE["black"])),
        text=acute["study"] + " (" + acute["intensity"] + ")",
        hovertemplate="%{text}: %{y:+.1f}%<extra></extra>"))
    fig.add_vrect(x0=0, x1=duration_min, fillcolor=PALETTE["yellow"], opacity=0.25, line_width=0,
                  annotation_text="exercise", annotation_position="top left")
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.25, x=0), margin=dict(b=120))
    fig.update_yaxes(range=[-1.5, 20])
    return fig


def exercise_summary(*, duration_min: float = 10.0) -> str:
    """The exercise figure's key numbers, one line per mode, plus the published anchors."""
    lines = []
    for modality, intensity, name, _, _ in _BOUTS:
        s = acute_exercise.response_summary(modality=modality, intensity=intensity, duration_min=duration_min)
        if s["peak_pct"] < acute_exercise.data.parameter("exercise_parameters", "baseline_band_pct"):
            lines.append(f"{name}: no change over 24 h (mean {s['mean_24h_pct']:+.1f}%).")
        else:
            lines.append(f"{name}: peak {s['peak_pct']:+.1f}% at {s['peak_min']:.0f} min, back within 1 point of "
                         f"baseline {s['back_to_baseline_min']:.0f} min after the bout; 24-h mean {s['mean_24h_pct']:+.2f}%.")
    a = acute_exercise.published_anchors()
    lines.append("Published: " + "; ".join(f"{r.study} {r.modality} {r.intensity} {r.rise_pct:+.1f}%"
                                           for r in a.itertuples()) + " (resistance: over 24 h).")
    return "\n".join(lines)


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
    return {"gh": ((t[g_sel] / 24.0).astype(np.float32), run["gh_rel"][g_sel].astype(np.float32)),
            "igf1": ((t[i_sel] / 24.0).astype(np.float32), (100 * run["igf1_rel"][i_sel]).astype(np.float32))}


def gh_axis_figure(sim: dict, reference: dict | None = None) -> go.Figure:
    """Two panels over time: GH (top) and IGF-1 (bottom), relative to the default; dashed: IGF-1 of the default run.

    Traces, in order: GH, IGF-1, then (if given) default IGF-1. To keep stored
    notebooks small, GH is drawn every 0.1 h and IGF-1 every hour, as float32.
    ``reference`` (optional) is another :func:`course_lib.models.gh_axis.simulate` run, usually the default one.
    """
    series = gh_axis_series(sim)
    default = None if reference is None else _series(gh_axis.check_run(reference, name="reference"))
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.1,
                        subplot_titles=("GH: lipolytic, insulin-antagonistic (fast pulses)",
                                        "IGF-1: insulin-like (slow, lags by hours)"))
    fig.update_layout(template=template(), height=520,
                      title=dict(text="Illustrative GH–IGF-1 feedback loop after a change at day 0", x=0.0))
    (gx, gy), (ix, iy) = series["gh"], series["igf1"]
    fig.add_trace(go.Scatter(x=gx, y=gy, mode="lines", name="GH", line=dict(color=PALETTE["vermillion"], width=1.2),
                             hovertemplate="day %{x:.2f}: GH %{y:.2f}× default mean<extra></extra>"), row=1, col=1)
    fig.add_trace(go.Scatter(x=ix, y=iy, mode="lines", name="IGF-1",
                             line=dict(color=PALETTE["blue"], width=2.5),
                             hovertemplate="day %{x:.2f}: IGF-1 %{y:.1f}% of default<extra></extra>"), row=2, col=1)
    if default is not None:
        rx, ry = default["igf1"]
        fig.add_trace(go.Scatter(x=rx, y=ry, mode="lines", name="IGF-1, default settings", line=dict(color=PALETTE["grey"], width=1.5, dash="dash"),
                                 hoverinfo="skip"), row=2, col=1)
    fig.update_xaxes(title_text="Time (days)", row=2, col=1)
    fig.update_yaxes(title_text="GH (× default mean)", row=1, col=1, rangemode="tozero")
    fig.update_yaxes(title_text="IGF-1 (% of default)", row=2, col=1)
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.16, x=0), margin=dict(t=80, b=110))
    return fig


def gh_axis_summary(sim: dict, *, pulse_amplitude: float, feedback_scale: float, hepatic_sensitivity: float) -> str:
    """The loop's key numbers after a run, against the pulse-averaged steady state."""
    s = gh_axis.summarise(sim)
    ss = gh_axis.steady_state(pulse_amplitude=pulse_amplitude, feedback_scale=feedback_scale,
                              hepatic_sensitivity=hepatic_sensitivity)
    days = sim["t_h"][-1] / 24.0
    half = s["igf1_half_change_h"]
    half_txt = "IGF-1 barely moved" if np.isnan(half) else f"IGF-1 took {half:.0f} h to move half-way"
    lean = ("leans lipolytic and insulin-antagonistic" if s["balance_index"] > 1.05
            else "leans insulin-like" if s["balance_index"] < 0.95 else "is balanced as by default")
    return (f"Pulse amplitude ×{pulse_amplitude:g}, feedback ×{feedback_scale:g}, liver sensitivity ×{hepatic_sensitivity:g}. "
            f"Over the last day of {days:.0f}: mean GH {100 * s['gh_mean_last_day']:.0f}% of default "
            f"(steady state {100 * ss['gh_mean_rel']:.0f}%), IGF-1 {100 * s['igf1_mean_last_day']:.0f}% "
            f"(steady state {100 * ss['igf1_rel']:.0f}%); GH peaks reach {s['gh_peak']:.1f}× the default mean. "
            f"{half_txt}. GH/IGF-1 balance index {s['balance_index']:.2f}: the mix {lean} (illustrative).")
