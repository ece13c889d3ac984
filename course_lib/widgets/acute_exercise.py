"""The exercise-response widget of :mod:`course_lib.models.acute_exercise` (unit 04): serum IGF-1 after one bout."""

from __future__ import annotations

import ipywidgets as widgets

from .. import data
from .._validate import choice, real
from ..figures import acute_exercise as fig_exercise
from ..models import acute_exercise
from .frontend import FigureWidget

__all__ = ["ExerciseResponse", "exercise_response"]

_STYLE = {"description_width": "190px"}
_WIDE = widgets.Layout(width="500px")
_NOTE = (
    "<small><b>Illustrative.</b> A simple model anchored on the cited numbers in "
    "<code>data/exercise_parameters.csv</code>; it shows direction and rough size, not a prediction for anyone.</small>"
    "<br><small>Serum only, and not corrected for the fall in plasma volume during exercise: after that "
    "correction the rise was no longer significant in McCall et al. 1999. Acute rises like these did not predict "
    "muscle growth (West et al. 2010), and IGF-1 made inside the working muscle is not shown.</small>"
)


def _n(name: str) -> str:
    return f"{data.parameter('exercise_parameters', name):g}"


class ExerciseResponse(widgets.VBox):
    """Pick a modality, an intensity and a bout length; the selected curve is drawn thick, the anchors as diamonds.

    ``controls``: ``modality`` and ``intensity`` (toggle buttons), ``duration_min`` (slider, 5–20 min).
    ``figure``: a FigureWidget with the three modes and the published anchors. ``summary``: the key numbers.
    """

    def __init__(self, modality: str = "cycling", intensity: str = "high", duration_min: float = 10.0):
        lo, hi = acute_exercise.duration_range()
        self.controls = {
            "modality": widgets.ToggleButtons(
                options=list(acute_exercise.MODALITIES), value=modality, description="Modality", style=_STYLE
            ),
            "intensity": widgets.ToggleButtons(
                options=list(acute_exercise.INTENSITIES),
                value=intensity,
                description="Intensity",
                style=_STYLE,
                tooltips=["below the lactate threshold", "above the lactate threshold"],
            ),
            "duration_min": widgets.IntSlider(
                value=int(duration_min),
                min=int(lo),
                max=int(hi),
                step=1,
                description="Bout length (min)",
                style=_STYLE,
                layout=_WIDE,
            ),
        }
        self.figure = FigureWidget(
            fig_exercise.exercise_figure(duration_min=duration_min, selected=(modality, intensity))
        )
        self.summary = widgets.HTML()
        self.note = widgets.HTML(_NOTE)
        for c in self.controls.values():
            c.observe(self._update, names="value")
        self._update()
        super().__init__(
            [
                self.controls["modality"],
                self.controls["intensity"],
                self.controls["duration_min"],
                self.figure,
                self.summary,
                self.note,
            ]
        )

    def _update(self, _change=None) -> None:
        modality, intensity = self.controls["modality"].value, self.controls["intensity"].value
        duration = float(self.controls["duration_min"].value)
        self.controls["intensity"].disabled = modality == "resistance"
        fresh = fig_exercise.exercise_figure(duration_min=duration, selected=(modality, intensity))
        with self.figure.batch_update():
            for i in range(3):
                self.figure.data[i].y = fresh.data[i].y
                self.figure.data[i].line.width = fresh.data[i].line.width
            self.figure.layout.shapes = fresh.layout.shapes
            self.figure.layout.annotations = fresh.layout.annotations
        s = acute_exercise.response_summary(modality=modality, intensity=intensity, duration_min=duration)
        base = acute_exercise.default_baseline_ng_per_mL()
        limit = acute_exercise.detection_limit_pct()
        if modality == "resistance":
            text = (
                "<b>Heavy resistance session:</b> no detectable change in serum IGF-1 in small studies "
                f"(Kraemer 1995, {_n('kraemer_n')} men; Nindl 2009, {_n('nindl_n')} men, sampled every "
                f"{_n('nindl_sampling_interval_h')} h). The model draws 0 inside a "
                f"±{limit:.1f}% band, the smallest change studies of this size could detect "
                "(intensity does not change this in the model)."
            )
        else:
            text = (
                f"<b>{duration:.0f} min of cycling, {intensity} intensity:</b> peak {s['peak_pct']:+.1f}% "
                f"(about {base * (1 + s['peak_pct'] / 100):.0f} ng/mL from {base:.0f}) at {s['peak_min']:.0f} min; "
                f"detectable (at least {limit:.1f}%) for {s['detectable_min']:.0f} min after the bout, "
                f"within 1 point of baseline {s['back_to_baseline_min']:.0f} min after it; "
                f"24-h average change {s['mean_24h_pct']:+.2f}%."
            )
        self.summary.value = text

    def __repr__(self) -> str:
        c = self.controls
        return (
            f"ExerciseResponse(modality={c['modality'].value!r}, intensity={c['intensity'].value!r}, "
            f"duration_min={c['duration_min'].value})"
        )


def exercise_response(
    modality: str = "cycling", intensity: str = "high", duration_min: float = 10.0
) -> ExerciseResponse:
    """The acute-exercise widget: how serum IGF-1 moves after one bout (illustrative)."""
    choice(modality, name="modality", choices=acute_exercise.MODALITIES)
    choice(intensity, name="intensity", choices=acute_exercise.INTENSITIES)
    lo, hi = acute_exercise.duration_range()
    real(duration_min, name="duration_min", unit="min", low=lo, high=hi, allow_array=False)
    return ExerciseResponse(modality, intensity, duration_min)
