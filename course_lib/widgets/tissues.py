"""Widgets of unit 04: the evidence filter, the acute-exercise response and the GH–IGF-1 loop."""
from __future__ import annotations

import html

import ipywidgets as widgets

from ..models import acute_exercise, evidence, gh_axis
from .._validate import choice, real
from ..figures import tissues as ft
from .frontend import FigureWidget

__all__ = ["EvidenceExplorer", "evidence_explorer", "ExerciseResponse", "exercise_response",
           "GHAxisLoop", "gh_axis_loop"]

_STYLE = {"description_width": "190px"}  # fits "Liver GH sensitivity (×)"
_WIDE = widgets.Layout(width="500px")
_ILLUSTRATIVE = ("<small><b>Illustrative.</b> A simple model anchored on the cited numbers in "
                 "<code>data/{table}.csv</code>; it shows direction and rough size, not a prediction for anyone.</small>")


class EvidenceExplorer(widgets.VBox):
    """Filter the evidence table by tissue and model system; see the counts and the claims with their sources.

    ``controls``: ``tissue`` and ``model_system`` drop-downs (each with "all").
    ``figure``: bar chart of the matching claims by model system (a FigureWidget).
    ``summary``: the count as text. ``table``: the matching claims with citations and caveats.
    """

    def __init__(self, tissue: str = "all", model_system: str = "all"):
        self.controls = {
            "tissue": widgets.Dropdown(options=[("All tissues", "all")] + [(evidence.TISSUE_LABELS[t], t) for t in evidence.TISSUES],
                                       value=tissue, description="Tissue", style=_STYLE, layout=_WIDE),
            "model_system": widgets.Dropdown(options=[("All model systems", "all")] + [(evidence.label(m), m) for m in evidence.MODEL_SYSTEMS],
                                             value=model_system, description="Evidence level", style=_STYLE, layout=_WIDE),
        }
        self.figure = FigureWidget(ft.evidence_bars(evidence.claims(tissue), highlight=model_system))
        self.summary = widgets.HTML()
        self.table = widgets.HTML()
        for c in self.controls.values():
            c.observe(self._update, names="value")
        self._update()
        super().__init__([self.controls["tissue"], self.controls["model_system"], self.figure, self.summary, self.table])

    def _update(self, _change=None) -> None:
        tissue, system = self.controls["tissue"].value, self.controls["model_system"].value
        in_tissue = evidence.claims(tissue)
        shown = evidence.claims(tissue, system)
        fresh = ft.evidence_bars(in_tissue, highlight=system)
        with self.figure.batch_update():
            self.figure.data[0].y = fresh.data[0].y
            self.figure.data[0].text = fresh.data[0].text
            self.figure.data[0].marker.color = fresh.data[0].marker.color
            self.figure.layout.yaxis.range = fresh.layout.yaxis.range
        where = "all tissues" if tissue == "all" else evidence.TISSUE_LABELS[tissue].lower()
        level = "" if system == "all" else f" from {evidence.label(system)} studies"
        human = int(in_tissue["model_system"].isin(evidence.HUMAN_SYSTEMS).sum())
        self.summary.value = (f"<b>{len(shown)} claim{'s' if len(shown) != 1 else ''}</b> about {html.escape(where)}{level}. "
                              f"Of the {len(in_tissue)} claims about {html.escape(where)}, {human} come from studies in people.")
        self.table.value = evidence.as_html(shown)

    def __repr__(self) -> str:
        return (f"EvidenceExplorer(tissue={self.controls['tissue'].value!r}, "
                f"model_system={self.controls['model_system'].value!r})")


def evidence_explorer(tissue: str = "all", model_system: str = "all") -> EvidenceExplorer:
    """A filter over the evidence table: pick a tissue and an evidence level, read the claims and their sources."""
    choice(tissue, name="tissue", choices=("all", *evidence.TISSUES))
    choice(model_system, name="model_system", choices=("all", *evidence.MODEL_SYSTEMS))
    return EvidenceExplorer(tissue, model_system)


class ExerciseResponse(widgets.VBox):
    """Pick a modality, an intensity and a bout length; the selected curve is drawn thick, the anchors as diamonds.

    ``controls``: ``modality`` and ``intensity`` (toggle buttons), ``duration_min`` (slider, 5–20 min).
    ``figure``: a FigureWidget with the three modes and the published anchors. ``summary``: the key numbers.
    """

    def __init__(self, modality: str = "cycling", intensity: str = "high", duration_min: float = 10.0):
        lo, hi = acute_exercise.duration_range()
        self.controls = {
            "modality": widgets.ToggleButtons(options=list(acute_exercise.MODALITIES), value=modality, description="Modality",
                                              style=_STYLE),
            "intensity": widgets.ToggleButtons(options=list(acute_exercise.INTENSITIES), value=intensity,
                                               description="Intensity", style=_STYLE,
                                               tooltips=["below the lactate threshold", "above the lactate threshold"]),
            "duration_min": widgets.IntSlider(value=int(duration_min), min=int(lo), max=int(hi), step=1,
                                              description="Bout length (min)", style=_STYLE, layout=_WIDE),
        }
        self.figure = FigureWidget(ft.exercise_figure(duration_min=duration_min, selected=(modality, intensity)))
        self.summary = widgets.HTML()
        self.note = widgets.HTML(_ILLUSTRATIVE.format(table="exercise_parameters") + (
            "<br><small>Serum only: acute rises like these did not predict muscle growth (West et al. 2010), and IGF-1 "
            "made inside the working muscle is not shown.</small>"))
        for c in self.controls.values():
            c.observe(self._update, names="value")
        self._update()
        super().__init__([self.controls["modality"], self.controls["intensity"], self.controls["duration_min"],
                          self.figure, self.summary, self.note])

    def _update(self, _change=None) -> None:
        modality, intensity = self.controls["modality"].value, self.controls["intensity"].value
        duration = float(self.controls["duration_min"].value)
        self.controls["intensity"].disabled = modality == "resistance"
        fresh = ft.exercise_figure(duration_min=duration, selected=(modality, intensity))
        with self.figure.batch_update():
            for i in range(3):
                self.figure.data[i].y = fresh.data[i].y
                self.figure.data[i].line.width = fresh.data[i].line.width
            self.figure.layout.shapes = fresh.layout.shapes
            self.figure.layout.annotations = fresh.layout.annotations
        s = acute_exercise.response_summary(modality=modality, intensity=intensity, duration_min=duration)
        base = acute_exercise.default_baseline_ng_per_mL()
        if modality == "resistance":
            text = ("<b>Heavy resistance session:</b> no change in serum IGF-1 over 24 h, as Kraemer 1995 and Nindl 2009 "
                    "found (intensity does not change this in the model).")
        else:
            text = (f"<b>{duration:.0f} min of cycling, {intensity} intensity:</b> peak {s['peak_pct']:+.1f}% "
                    f"(about {base * (1 + s['peak_pct'] / 100):.0f} ng/mL from {base:.0f}) at {s['peak_min']:.0f} min; "
                    f"back within 1 point of baseline {s['back_to_baseline_min']:.0f} min after the bout; "
                    f"24-h average change {s['mean_24h_pct']:+.2f}%.")
        self.summary.value = text

    def __repr__(self) -> str:
        c = self.controls
        return (f"ExerciseResponse(modality={c['modality'].value!r}, intensity={c['intensity'].value!r}, "
                f"duration_min={c['duration_min'].value})")


def exercise_response(modality: str = "cycling", intensity: str = "high", duration_min: float = 10.0) -> ExerciseResponse:
    """The acute-exercise widget: how serum IGF-1 moves after one bout (illustrative)."""
    choice(modality, name="modality", choices=acute_exercise.MODALITIES)
    choice(intensity, name="intensity", choices=acute_exercise.INTENSITIES)
    lo, hi = acute_exercise.duration_range()
    real(duration_min, name="duration_min", unit="min", low=lo, high=hi, allow_array=False)
    return ExerciseResponse(modality, intensity, duration_min)


class GHAxisLoop(widgets.VBox):
    """Change GH pulse amplitude, feedback strength or liver sensitivity; watch GH and IGF-1 over 7 days.

    ``controls``: ``pulse_amplitude``, ``feedback_scale``, ``hepatic_sensitivity`` (sliders; the model
    re-runs when a slider is released). ``figure``: GH and IGF-1 panels (FigureWidget). ``summary``: key numbers.
    """

    def __init__(self, pulse_amplitude: float = 1.0, feedback_scale: float = 1.0, hepatic_sensitivity: float = 1.0):
        def slider(name, value, label, step):
            lo, _, hi = gh_axis.control_range(name)
            return widgets.FloatSlider(value=value, min=lo, max=hi, step=step, description=label, style=_STYLE,
                                       layout=_WIDE, continuous_update=False, readout_format=".2f")

        self.controls = {
            "pulse_amplitude": slider("pulse_amplitude_rel", pulse_amplitude, "GH pulse amplitude (×)", 0.05),
            "feedback_scale": slider("feedback_scale", feedback_scale, "IGF-1 feedback (×)", 0.1),
            "hepatic_sensitivity": slider("hepatic_sensitivity_rel", hepatic_sensitivity, "Liver GH sensitivity (×)", 0.05),
        }
        self._reference = gh_axis.simulate()
        sim = self._run()
        self.figure = FigureWidget(ft.gh_axis_figure(sim, self._reference))
        self.summary = widgets.HTML()
        self.note = widgets.HTML(_ILLUSTRATIVE.format(table="gh_axis_parameters") + (
            "<br><small>Relative units: 1 (100%) is the default steady state. GH pulses every ~3 h (7.8 per 24 h) and is "
            "cleared in minutes; IGF-1 follows over hours to days and feeds back to lower GH. The dashed line is IGF-1 "
            "with the default settings.</small>"))
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
        series = ft.gh_axis_series(sim)
        with self.figure.batch_update():  # the time axis is the same for every run: only y changes
            for i, key in enumerate(("gh", "igf1")):
                self.figure.data[i].y = series[key][1]
        self.summary.value = html.escape(ft.gh_axis_summary(sim, pulse_amplitude=a, feedback_scale=f, hepatic_sensitivity=s))

    def __repr__(self) -> str:
        a, f, s = self._values()
        return f"GHAxisLoop(pulse_amplitude={a:g}, feedback_scale={f:g}, hepatic_sensitivity={s:g})"


def gh_axis_loop(pulse_amplitude: float = 1.0, feedback_scale: float = 1.0, hepatic_sensitivity: float = 1.0) -> GHAxisLoop:
    """The GH–IGF-1 loop widget (illustrative): change a control and see the push–pull over a week."""
    for value, name, argname in ((pulse_amplitude, "pulse_amplitude_rel", "pulse_amplitude"),
                                 (feedback_scale, "feedback_scale", "feedback_scale"),
                                 (hepatic_sensitivity, "hepatic_sensitivity_rel", "hepatic_sensitivity")):
        lo, _, hi = gh_axis.control_range(name)
        real(value, name=argname, unit="× default", low=lo, high=hi, allow_array=False)
    return GHAxisLoop(pulse_amplitude, feedback_scale, hepatic_sensitivity)
