"""The lifespan explorer of :mod:`course_lib.models.lifestyle` (unit 05): age, sex, protein intake, training status
and reference population.

The protein and training controls act on adults only: below 20 years they are disabled and the widget says why.
The illustrative band is drawn beside a statement that it is not a target (``figures.lifestyle.NOT_A_TARGET``)."""

from __future__ import annotations

import ipywidgets as widgets

from .._validate import choice, real
from ..figures import lifestyle as fig_lifestyle
from ..figures import reference_ranges as fig_reference_ranges
from ..models import lifestyle, reference_ranges
from .frontend import FigureWidget

__all__ = ["LifespanExplorer", "lifespan_explorer"]

_IDX = {name: i for i, name in enumerate(fig_lifestyle.TRACES)}
_WIDE = widgets.Layout(width="460px")
_STYLE = {"description_width": "160px"}


class LifespanExplorer(widgets.VBox):
    """Reference bands across life, an illustrative lifestyle band (adults) and a live summary.

    Attributes
    ----------
    controls : dict
        ``age_y``, ``sex``, ``protein_g_per_kg_day``, ``training``, ``reference``
        and ``measured_ng_per_mL`` (the example value, free text; empty means "no value").
        ``protein_g_per_kg_day`` and ``training`` are disabled below 20 years.
    adult_note : ipywidgets.HTML
        Why the lifestyle controls are off, shown only below 20 years (empty otherwise).
    figure : plotly.graph_objects.FigureWidget
        Updated in place: only the traces that depend on the changed control.
    summary : ipywidgets.HTML
        The key numbers as text.
    """

    def __init__(self, *, age_y: float, sex: str, protein_g_per_kg_day: float, training: str, reference: str):
        lo, hi = reference_ranges.age_range(reference)
        p_lo, p_hi = lifestyle.protein_range()
        self.controls = {
            "age_y": widgets.FloatSlider(
                value=age_y, min=lo, max=hi, step=0.5, description="Age (years)", style=_STYLE, layout=_WIDE
            ),
            "sex": widgets.ToggleButtons(
                options=list(reference_ranges.SEXES), value=sex, description="Sex", style=_STYLE
            ),
            "protein_g_per_kg_day": widgets.FloatSlider(
                value=protein_g_per_kg_day,
                min=p_lo,
                max=p_hi,
                step=0.05,
                description="Protein (g/kg/day)",
                style=_STYLE,
                layout=_WIDE,
            ),
            "training": widgets.ToggleButtons(
                options=[("untrained", "untrained"), ("trained: evidence range", "trained")],
                value=training,
                description="Training",
                style=_STYLE,
                tooltips=["no training band", "widen the band both ways: -9% (Nishida 2010) to +17 ng/mL (Amiri 2021)"],
            ),
            "reference": widgets.Dropdown(
                options=[(reference_ranges.REFERENCE_LABELS[k], k) for k in reference_ranges.REFERENCES],
                value=reference,
                description="Reference population",
                style=_STYLE,
                layout=widgets.Layout(width="560px"),
            ),
            "measured_ng_per_mL": widgets.Text(
                value="",
                placeholder="optional, e.g. 180",
                description="Example value (ng/mL)",
                style=_STYLE,
                layout=_WIDE,
            ),
        }
        self.adult_note = widgets.HTML()
        self.example_note = widgets.HTML()
        self.figure = FigureWidget(
            fig_lifestyle.lifespan_figure(
                sex=sex, reference=reference, age_y=age_y, protein_g_per_kg_day=protein_g_per_kg_day, training=training
            )
        )
        self.summary = widgets.HTML()
        self.note = widgets.HTML(
            "<small><b>Illustrative, adults only.</b> The shaded blue bands are published reference data. The hatched "
            "band is the range the protein and training studies allow around the median (unit 05 explains their "
            f"evidence); it is not a prediction for any person. <b>{fig_lifestyle.NOT_A_TARGET}</b> The iSYS table "
            "holds its parameters constant from 88 to 94 years.</small>"
        )
        c = self.controls
        c["age_y"].observe(self._on_age, names="value")
        c["measured_ng_per_mL"].observe(self._on_age, names="value")
        c["protein_g_per_kg_day"].observe(self._on_lifestyle, names="value")
        c["training"].observe(self._on_lifestyle, names="value")
        c["sex"].observe(self._on_population, names="value")
        c["reference"].observe(self._on_population, names="value")
        self._syncing = False
        self._set_adult_controls()
        self._update_summary()
        super().__init__(
            [
                c["age_y"],
                c["sex"],
                c["protein_g_per_kg_day"],
                c["training"],
                self.adult_note,
                c["reference"],
                c["measured_ng_per_mL"],
                self.example_note,
                self.figure,
                self.summary,
                self.note,
            ]
        )

    # -- state --------------------------------------------------------------
    @property
    def state(self) -> dict:
        c = self.controls
        return dict(
            sex=c["sex"].value,
            reference=c["reference"].value,
            age_y=c["age_y"].value,
            protein_g_per_kg_day=c["protein_g_per_kg_day"].value,
            training=c["training"].value,
        )

    def measured(self) -> tuple[float | None, str]:
        """The typed value in ng/mL, or None, and a message when the text is not a usable number."""
        raw = self.controls["measured_ng_per_mL"].value.strip()
        if not raw:
            return None, ""
        try:
            return real(
                float(raw),
                name="measured value",
                unit="ng/mL",
                low=0,
                low_open=True,
                high=reference_ranges.MAX_VALUE_NG_PER_ML,
            ), ""
        except (ValueError, TypeError):
            return None, (
                f"'{raw}' is not a usable value: type a number of ng/mL above 0 and at most "
                f"{reference_ranges.MAX_VALUE_NG_PER_ML:g}."
            )

    # -- updates: each touches only what its control changes -----------------
    def _on_age(self, _change=None) -> None:
        if self._syncing:
            return
        self._set_adult_controls()
        numbers = self._numbers()
        self._set_markers(numbers)
        self._update_summary(numbers)

    def _on_lifestyle(self, _change=None) -> None:
        s = self.state
        numbers = self._numbers()
        self._set_markers(numbers, curve=(fig_lifestyle.adult_age_grid(s["reference"]), *self._curve()))
        self._update_summary(numbers)

    def _curve(self) -> tuple:
        s = self.state
        return fig_lifestyle.illustrative_curve(
            sex=s["sex"],
            reference=s["reference"],
            protein_g_per_kg_day=s["protein_g_per_kg_day"],
            training=s["training"],
        )

    def _set_adult_controls(self) -> None:
        """Disable the protein and training controls below 20 years, and say why in the widget."""
        child = self.controls["age_y"].value < lifestyle.adult_age_range(self.controls["reference"].value)[0]
        for key in ("protein_g_per_kg_day", "training"):
            self.controls[key].disabled = child
        self.adult_note.value = f"<small><b>{fig_lifestyle.ADULTS_ONLY}</b></small>" if child else ""
        assay = reference_ranges.REFERENCE_ASSAYS[self.controls["reference"].value]
        self.example_note.value = f"<small>{fig_lifestyle.EXAMPLE_VALUE_CAVEAT.format(assay=assay)}</small>"

    def _on_population(self, _change=None) -> None:
        lo, hi = reference_ranges.age_range(self.controls["reference"].value)
        self._syncing = True  # the slider's max may clamp its value; redraw once, below
        try:
            slider = self.controls["age_y"]
            if lo > slider.max:  # keep min <= max at every step
                slider.max, slider.min = hi, lo
            else:
                slider.min, slider.max = lo, hi
        finally:
            self._syncing = False
        s = self.state
        self._set_adult_controls()
        numbers = self._numbers()
        b = fig_reference_ranges.bands(sex=s["sex"], reference=s["reference"])
        ages = fig_reference_ranges.age_grid(s["reference"])
        adult_ages = fig_lifestyle.adult_age_grid(s["reference"])
        low, high = self._curve()
        with self.figure.batch_update():
            for name in ("p2.5", "p97.5", "p25", "p75", "median"):
                self.figure.data[_IDX[name]].update(x=ages, y=b[name])
            self.figure.data[_IDX["band low"]].update(x=adult_ages, y=low)
            self.figure.data[_IDX["band high"]].update(x=adult_ages, y=high)
            self.figure.layout.title.text = fig_lifestyle.title(sex=s["sex"], reference=s["reference"])
            self._set_markers(numbers)
        self._update_summary(numbers)

    def _numbers(self) -> dict:
        return fig_lifestyle.at_age(**self.state, measured_ng_per_mL=self.measured()[0])

    def _set_markers(self, n: dict, curve: tuple | None = None) -> None:
        """Move both markers (and, if given, the band's two edges) in one restyle message."""
        mx, my = ([n["age_y"]], [n["measured"]]) if "measured" in n else ([], [])
        if "band_low" in n:
            cx, cy = [n["age_y"], n["age_y"]], [round(n["band_low"], 1), round(n["band_high"], 1)]
        else:  # below 20 years: the marker sits on the reference median
            cx, cy = [n["age_y"]], [round(n["median"], 1)]
        xs, ys = [cx, mx], [cy, my]
        indexes = [_IDX["chosen age"], _IDX["example value"]]
        if curve is not None:
            ages, low, high = curve
            xs, ys = [ages, ages, *xs], [low, high, *ys]
            indexes = [_IDX["band low"], _IDX["band high"], *indexes]
        self.figure.plotly_restyle({"x": xs, "y": ys}, trace_indexes=indexes)

    def _update_summary(self, numbers: dict | None = None) -> None:
        _, problem = self.measured()
        text = fig_lifestyle.summary_text(numbers or self._numbers())
        self.summary.value = text + (f" <span style='color:#D55E00'>{problem}</span>" if problem else "")

    def __repr__(self) -> str:
        s = self.state
        return (
            f"LifespanExplorer(age_y={s['age_y']:g}, sex={s['sex']!r}, protein_g_per_kg_day={s['protein_g_per_kg_day']:g}, "
            f"training={s['training']!r}, reference={s['reference']!r})"
        )


def lifespan_explorer(
    *,
    age_y: float = 40.0,
    sex: str = "female",
    protein_g_per_kg_day: float = 1.2,
    training: str = "untrained",
    reference: str = "isys2014",
) -> LifespanExplorer:
    """Build the lifespan explorer (not displayed). Every starting value is checked against the model's domain."""
    choice(reference, name="reference", choices=reference_ranges.REFERENCES)
    lo, hi = reference_ranges.age_range(reference)
    real(age_y, name="age_y", unit="years", low=lo, high=hi, allow_array=False)
    choice(sex, name="sex", choices=reference_ranges.SEXES)
    p_lo, p_hi = lifestyle.protein_range()
    real(protein_g_per_kg_day, name="protein_g_per_kg_day", unit="g/kg/day", low=p_lo, high=p_hi, allow_array=False)
    choice(training, name="training", choices=lifestyle.TRAINING_STATUSES)
    return LifespanExplorer(
        age_y=age_y, sex=sex, protein_g_per_kg_day=protein_g_per_kg_day, training=training, reference=reference
    )
