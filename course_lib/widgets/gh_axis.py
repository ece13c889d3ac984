"""The GH–IGF-1 loop widget of :mod:`course_lib.models.gh_axis` (unit 04): change a control, watch GH and IGF-1 over a week."""

from __future__ import annotations

import html

import ipywidgets as widgets

from .._validate import real
from ..figures import gh_axis as fig_gh_axis
from ..models import gh_axis
from .frontend import FigureWidget

__all__ = ["GHAxisLoop", "gh_axis_loop"]

_STYLE = {"description_width": "190px"}  # fits "Liver GH sensitivity (×)"
_WIDE = widgets.Layout(width="500px")
_NOTE = (
    "<small><b>Illustrative.</b> A simple model anchored on the cited numbers in "
    "<code>data/gh_axis_parameters.csv</code>; it shows direction and rough size, not a prediction for anyone.</small>"
    "<br><small>Relative units: 1 (100%) is the default steady state. GH pulses every ~3 h (7.8 per 24 h, evenly "
    "spaced; real pulses are irregular and cluster in sleep) and is cleared in minutes; IGF-1 follows over hours "
    "to days and feeds back to lower GH. The dashed line is IGF-1 with the default settings.</small>"
    "<br><small>Each slider change acts at once, at day 0. In a real fast the liver's resistance develops over "
    "days, so IGF-1 falls far more slowly than here: the calibrated fast above the widget shows that time "
    "course against the data.</small>"
)


class GHAxisLoop(widgets.VBox):
    """Change GH pulse amplitude, feedback strength or liver sensitivity; watch GH and IGF-1 over 7 days.

    ``controls``: ``pulse_amplitude``, ``feedback_scale``, ``hepatic_sensitivity`` (sliders; the model
    re-runs when a slider is released). ``figure``: GH and IGF-1 panels (FigureWidget). ``summary``: key numbers.
    """

    def __init__(self, pulse_amplitude: float = 1.0, feedback_scale: float = 1.0, hepatic_sensitivity: float = 1.0):
        def slider(name, value, label, step):
            lo, _, hi = gh_axis.control_range(name)
            return widgets.FloatSlider(
                value=value,
                min=lo,
                max=hi,
                step=step,
                description=label,
                style=_STYLE,
                layout=_WIDE,
                continuous_update=False,
                readout_format=".2f",
            )

        self.controls = {
            "pulse_amplitude": slider("pulse_amplitude_rel", pulse_amplitude, "GH pulse amplitude (×)", 0.05),
            "feedback_scale": slider("feedback_scale", feedback_scale, "IGF-1 feedback (×)", 0.1),
            "hepatic_sensitivity": slider(
                "hepatic_sensitivity_rel", hepatic_sensitivity, "Liver GH sensitivity (×)", 0.05
            ),
        }
        self._reference = gh_axis.simulate()
        sim = self._run()
        self.figure = FigureWidget(fig_gh_axis.gh_axis_figure(sim, self._reference))
        self.summary = widgets.HTML()
        self.note = widgets.HTML(_NOTE)
        for c in self.controls.values():
            c.observe(self._update, names="value")
        self._update(sim=sim)
        super().__init__([*self.controls.values(), self.figure, self.summary, self.note])

    def _values(self):
        c = self.controls
        return c["pulse_amplitude"].value, c["feedback_scale"].value, c["hepatic_sensitivity"].value

    def _run(self):
        a, f, s = self._values()
        return gh_axis.simulate(pulse_amplitude=a, feedback_scale=f, hepatic_sensitivity=s)

    def _update(self, _change=None, *, sim=None) -> None:
        sim = self._run() if sim is None else sim
        a, f, s = self._values()
        series = fig_gh_axis.gh_axis_series(sim)
        with self.figure.batch_update():  # the time axis is the same for every run: only y changes
            for i, key in enumerate(("gh", "igf1")):
                self.figure.data[i].y = series[key][1]
        self.summary.value = html.escape(
            fig_gh_axis.gh_axis_summary(sim, pulse_amplitude=a, feedback_scale=f, hepatic_sensitivity=s)
        )

    def __repr__(self) -> str:
        a, f, s = self._values()
        return f"GHAxisLoop(pulse_amplitude={a:g}, feedback_scale={f:g}, hepatic_sensitivity={s:g})"


def gh_axis_loop(
    pulse_amplitude: float = 1.0, feedback_scale: float = 1.0, hepatic_sensitivity: float = 1.0
) -> GHAxisLoop:
    """The GH–IGF-1 loop widget (illustrative): change a control and see the push–pull over a week."""
    for value, name, argname in (
        (pulse_amplitude, "pulse_amplitude_rel", "pulse_amplitude"),
        (feedback_scale, "feedback_scale", "feedback_scale"),
        (hepatic_sensitivity, "hepatic_sensitivity_rel", "hepatic_sensitivity"),
    ):
        lo, _, hi = gh_axis.control_range(name)
        real(value, name=argname, unit="× default", low=lo, high=hi, allow_array=False)
    return GHAxisLoop(pulse_amplitude, feedback_scale, hepatic_sensitivity)
