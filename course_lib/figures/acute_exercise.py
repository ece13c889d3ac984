"""Figures of :mod:`course_lib.models.acute_exercise`: serum IGF-1 after one bout of exercise (unit 04).

Each builder returns a ``go.Figure`` (never shown) and has a ``*_summary`` companion
that states the figure's key numbers as text for nbval and screen readers.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .. import data
from .._validate import choice, instance, real
from ..models import acute_exercise
from ..plotting import PALETTE, figure

__all__ = ["exercise_figure", "exercise_curve", "exercise_summary"]


def exercise_curve(*, modality: str, intensity: str, duration_min: float, t_max_min: float = 90.0):
    """Times (min) and % changes of one illustrative bout, on a 0.5-min grid up to ``t_max_min``."""
    real(
        t_max_min,
        name="t_max_min",
        unit="min",
        low=0,
        low_open=True,
        high=data.parameter("exercise_parameters", "window_max_min"),
        allow_array=False,
    )
    t = np.arange(0.0, t_max_min + 0.25, 0.5)
    return t, acute_exercise.serum_igf1_change_pct(t, modality=modality, intensity=intensity, duration_min=duration_min)


_BOUTS = (
    ("cycling", "high", "Cycling above the lactate threshold", PALETTE["vermillion"], "solid"),
    ("cycling", "low", "Cycling below the lactate threshold", PALETTE["blue"], "dash"),
    ("resistance", "high", "Heavy resistance session", PALETTE["black"], "dot"),
)


def exercise_figure(*, duration_min: float = 10.0, selected: tuple[str, str] | None = None) -> go.Figure:
    """Illustrative change in serum IGF-1 after one bout: three modes, the published anchors as markers.

    Traces, in order: one line per mode in ``_BOUTS`` (the ``selected`` one thicker), the published
    rises at 10 min, then Cappon 1994's "still significantly raised 20 min into recovery" (a triangle
    at the detection limit, which the curve should pass above). A grey band around 0 is the detection
    limit: resistance exercise gave "no detectable change in small studies", not exactly 0.
    ``selected`` is None or a ``(modality, intensity)`` pair such as ``("cycling", "high")``.
    """
    if selected is not None:
        what = "None or a (modality, intensity) pair such as ('cycling', 'high')"
        instance(selected, name="selected", types=(tuple, list), what=what)
        if len(selected) != 2:
            raise ValueError(f"selected must be {what}; got {selected!r}, which is not two items.")
        choice(selected[0], name="selected[0] (the modality)", choices=acute_exercise.MODALITIES)
        choice(selected[1], name="selected[1] (the intensity)", choices=acute_exercise.INTENSITIES)
    fig = figure(
        title="Illustrative: serum IGF-1 after one bout of exercise",
        x_title="Time from the start of exercise (min)",
        y_title="Change in serum IGF-1 from baseline (%)",
        height=420,
    )
    for modality, intensity, name, colour, dash in _BOUTS:
        t, x = exercise_curve(modality=modality, intensity=intensity, duration_min=duration_min)
        chosen = selected is not None and (modality, intensity if modality == "cycling" else "high") == (
            selected[0],
            selected[1] if selected[0] == "cycling" else "high",
        )
        fig.add_trace(
            go.Scatter(
                x=t.astype(np.float32),
                y=np.asarray(x, dtype=np.float32),
                mode="lines",
                name=name,
                line=dict(color=colour, dash=dash, width=4 if chosen else 2),
                hovertemplate="%{x:.0f} min: %{y:+.1f}%<extra>" + name + "</extra>",
            )
        )
    anchors = acute_exercise.published_anchors()
    acute = anchors[anchors["time_min"] <= 90]
    fig.add_trace(
        go.Scatter(
            x=acute["time_min"],
            y=acute["rise_pct"].round(1),
            mode="markers",
            name="Published rise at 10 min",
            marker=dict(symbol="diamond", size=11, color="white", line=dict(width=2, color=PALETTE["black"])),
            text=acute["study"] + " (" + acute["intensity"] + ")",
            hovertemplate="%{text}: %{y:+.1f}%<extra></extra>",
        )
    )
    limit = acute_exercise.detection_limit_pct()
    rec = data.parameter("exercise_parameters", "cappon_elevated_recovery_min")
    ref = data.parameter("exercise_parameters", "bout_reference_min")
    fig.add_trace(
        go.Scatter(
            x=[ref + rec],
            y=[limit],
            mode="markers",
            name=f"Still significantly raised {rec:g} min into recovery (Cappon 1994): at least {limit:.1f}%",
            marker=dict(symbol="triangle-up", size=12, color="white", line=dict(width=2, color=PALETTE["vermillion"])),
            hovertemplate=f"Cappon 1994: still significant {rec:g} min after a {ref:g}-min bout"
            + f" (at least {limit:.1f}%, the detection limit)<extra></extra>",
        )
    )
    fig.add_vrect(
        x0=0,
        x1=duration_min,
        fillcolor=PALETTE["yellow"],
        opacity=0.25,
        line_width=0,
        annotation_text="exercise",
        annotation_position="top left",
    )
    fig.add_hrect(
        y0=-limit,
        y1=limit,
        fillcolor=PALETTE["grey"],
        opacity=0.15,
        line_width=0,
        annotation_text=f"no detectable change in small studies (±{limit:.1f}%)",
        annotation_position="bottom right",
    )
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.25, x=0), margin=dict(b=120))
    fig.update_yaxes(range=[-1.2 * limit, 20])
    return fig


def exercise_summary(*, duration_min: float = 10.0) -> str:
    """The exercise figure's key numbers, one line per mode, plus the published anchors."""
    limit = acute_exercise.detection_limit_pct()
    lines = []
    for modality, intensity, name, _, _ in _BOUTS:
        s = acute_exercise.response_summary(modality=modality, intensity=intensity, duration_min=duration_min)
        if s["peak_pct"] < data.parameter("exercise_parameters", "baseline_band_pct"):
            lines.append(
                f"{name}: drawn at 0 (24-h mean {s['mean_24h_pct']:+.1f}%) inside a ±{limit:.1f}% band: "
                "no detectable change in small studies."
            )
        else:
            lines.append(
                f"{name}: peak {s['peak_pct']:+.1f}% at {s['peak_min']:.0f} min, at or above the {limit:.1f}% "
                f"detection limit for {s['detectable_min']:.0f} min after the bout, within 1 point of baseline "
                f"{s['back_to_baseline_min']:.0f} min after it; 24-h mean {s['mean_24h_pct']:+.2f}%."
            )
    a = acute_exercise.published_anchors()
    rises = a[a["rise_pct"].notna()]
    nulls = a[a["rise_pct"].isna()]
    lines.append(
        "Published rises at 10 min: "
        + "; ".join(f"{r.study} {r.modality} {r.intensity} {r.rise_pct:+.1f}%" for r in rises.itertuples())
        + f". Cappon 1994: still significantly raised {data.parameter('exercise_parameters', 'cappon_elevated_recovery_min'):g} "
        "min into recovery."
    )
    lines.append(
        "No significant change: "
        + "; ".join(f"{r.study} {r.modality} ({r.n} men, samples {r.sampling})" for r in nulls.itertuples())
        + "."
    )
    return "\n".join(lines)
