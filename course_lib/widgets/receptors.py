"""The occupancy explorer of :mod:`course_lib.models.receptors` (unit 02): IGF-1 and insulin competing for
IGF-1R, IR-A, IR-B and hybrid receptors.

It exposes ``.controls`` (name -> ipywidget), ``.figure`` (a ``FigureWidget``
updated in place) and ``.summary`` (an ``ipywidgets.HTML`` with the key numbers),
so tests can drive it exactly as a learner does. Slider ranges come from
``course_lib/data/receptor_parameters.csv``, the table the model validates against.
"""

from __future__ import annotations

import math

import ipywidgets as widgets

from .. import data, units
from .._validate import real
from ..figures import receptors as fig_receptors
from ..models import receptors
from .frontend import FigureWidget

__all__ = ["log_concentration_range", "occupancy_explorer", "OccupancyExplorer", "UNPHYSIOLOGICAL_PRESET"]

_STYLE = {"description_width": "initial"}


def log_concentration_range() -> tuple[float, float]:
    """log10 of the lowest and highest concentration (nM) the unit's concentration sliders offer.

    From ``course_lib/data/receptor_parameters.csv`` (``slider_min_nM``, ``slider_max_nM``); the pathway
    explorer's dose slider uses the same range.
    """
    lo = data.parameter("receptor_parameters", "slider_min_nM")
    hi = data.parameter("receptor_parameters", "slider_max_nM")
    return math.log10(lo), math.log10(hi)


def _pct(x: float) -> str:
    return "&lt;0.1%" if x < 0.0005 else f"{x:.1%}"


#: The last preset: a concentration free IGF-1 never reaches, kept to show what full cross-binding would need.
UNPHYSIOLOGICAL_PRESET = "unphysiological: 72 nM free IGF-1 (free IGF-1 stays below ~1 nM even under infusion)"


def _presets() -> dict[str, tuple[float, float] | None]:
    p = data.parameters("receptor_parameters")
    free, fasting = p.loc["free_igf1_nM", "value"], p.loc["insulin_fasting_upper_nM", "value"]
    return {
        "custom": None,
        "fasting adult (free IGF-1, upper limit of fasting insulin)": (free, fasting),
        "30 min after a glucose load": (free, p.loc["insulin_post_glucose_nM", "value"]),
        "highest free IGF-1 measured during an infusion (Frystyk 1999)": (
            p.loc["free_igf1_infusion_nM", "value"],
            fasting,
        ),
        UNPHYSIOLOGICAL_PRESET: (p.loc["total_igf1_nM", "high"], fasting),
    }


class OccupancyExplorer(widgets.VBox):
    """IGF-1 and insulin on log sliders; stacked bars of IGF-1R, IR-A, IR-B and hybrid occupancy."""

    def __init__(self, igf1_nM: float, insulin_nM: float):
        lo, hi = log_concentration_range()
        self._presets = _presets()
        self._applying_preset = False
        self.controls = {
            "igf1_nM": widgets.FloatLogSlider(
                value=igf1_nM,
                base=10,
                min=lo,
                max=hi,
                step=0.05,
                description="free IGF-1 (nM)",
                readout_format=".3g",
                style=_STYLE,
                layout=widgets.Layout(width="460px"),
            ),
            "insulin_nM": widgets.FloatLogSlider(
                value=insulin_nM,
                base=10,
                min=lo,
                max=hi,
                step=0.05,
                description="insulin (nM)",
                readout_format=".3g",
                style=_STYLE,
                layout=widgets.Layout(width="460px"),
            ),
            "preset": widgets.Dropdown(
                options=list(self._presets),
                value="custom",
                description="preset",
                style=_STYLE,
                layout=widgets.Layout(width="460px"),
            ),
        }
        self.figure = FigureWidget(fig_receptors.occupancy_bars(self._occupancy()))
        self.summary = widgets.HTML()
        self.controls["igf1_nM"].observe(self._on_slider, names="value")
        self.controls["insulin_nM"].observe(self._on_slider, names="value")
        self.controls["preset"].observe(self._on_preset, names="value")
        self._update()
        caption = widgets.HTML(
            "<i>Competitive binding. Kd anchors are receptor-activation EC50s (Janssen 2016), ratios from JBC 2018; "
            "the hybrid insulin Kd and IR-B's IGF-1 ratio are teaching assumptions "
            "(data/receptor_parameters.csv). 1 nM insulin = 1,000 pmol/L; 1 nM IGF-1 = 7.65 ng/mL.</i>"
        )
        super().__init__(
            [
                self.controls["preset"],
                self.controls["igf1_nM"],
                self.controls["insulin_nM"],
                caption,
                self.figure,
                self.summary,
            ]
        )

    def _occupancy(self):
        return receptors.occupancy(igf1_nM=self.controls["igf1_nM"].value, insulin_nM=self.controls["insulin_nM"].value)

    def _on_preset(self, change) -> None:
        values = self._presets[change["new"]]
        if values is None:
            return
        self._applying_preset = True
        try:
            with self.figure.batch_update():
                self.controls["igf1_nM"].value = float(values[0])
                self.controls["insulin_nM"].value = float(values[1])
        finally:
            self._applying_preset = False
        self._update()

    def _on_slider(self, _change) -> None:
        if self._applying_preset:
            return
        self.controls["preset"].value = "custom"
        self._update()

    def _update(self, _change=None) -> None:
        occ = self._occupancy()
        with self.figure.batch_update():
            self.figure.data[0].y = occ["igf1"].to_numpy()
            self.figure.data[1].y = occ["insulin"].to_numpy()
        igf1, ins = self.controls["igf1_nM"].value, self.controls["insulin_nM"].value
        lines = [
            f"<b>{r}</b>: {_pct(occ.loc[r, 'total'])} occupied "
            f"({_pct(occ.loc[r, 'igf1'])} by IGF-1, {_pct(occ.loc[r, 'insulin'])} by insulin)"
            for r in receptors.RECEPTORS
        ]
        igf1_on_ir = max(occ.loc["IR-A", "igf1"], occ.loc["IR-B", "igf1"])
        ins_on_igf1r = occ.loc["IGF-1R", "insulin"]
        if max(igf1_on_ir, ins_on_igf1r) < 0.05:
            verdict = (
                "Cross-binding is small: IGF-1 holds under 5% of insulin receptors "
                "and insulin under 5% of IGF-1 receptors."
            )
        else:
            parts = []
            if igf1_on_ir >= 0.05:
                parts.append(
                    f"IGF-1 holds up to {_pct(igf1_on_ir)} of insulin receptors (IR-A, IR-B). In the body IGF-1 "
                    "lowers glucose mostly by other routes (its own receptors and hybrids in muscle, "
                    "and less growth hormone)"
                )
            if ins_on_igf1r >= 0.05:
                parts.append(f"insulin holds {_pct(ins_on_igf1r)} of IGF-1 receptors")
            verdict = "Cross-binding is substantial: " + "; ".join(parts) + "."
        infusion = data.parameter("receptor_parameters", "free_igf1_infusion_nM")
        if igf1 >= 10 * infusion:
            verdict += (
                f" This free IGF-1 is over {math.floor(igf1 / infusion)} times the highest value in the course's sources, "
                f"{infusion:.2f} nM during a supraphysiological infusion (Frystyk 1999): unphysiological."
            )
        pmol = ins * 1000
        pmol_text = f"{pmol:,.0f}" if pmol >= 10 else f"{pmol:.2g}"
        self.summary.value = (
            f"IGF-1 {igf1:.3g} nM ({units.nmol_per_L_to_ng_per_mL(igf1):.3g} ng/mL), "
            f"insulin {ins:.3g} nM ({pmol_text} pmol/L).<br>" + "<br>".join(lines) + f"<br>{verdict}"
        )

    def __repr__(self) -> str:
        c = self.controls
        return f"OccupancyExplorer(igf1_nM={c['igf1_nM'].value:.3g}, insulin_nM={c['insulin_nM'].value:.3g})"


def occupancy_explorer(igf1_nM: float | None = None, insulin_nM: float | None = None) -> OccupancyExplorer:
    """Occupancy widget; defaults to adult free IGF-1 and the upper limit of the fasting insulin range."""
    lo, hi = (10**x for x in log_concentration_range())
    p = data.parameters("receptor_parameters")["value"]
    igf1 = p["free_igf1_nM"] if igf1_nM is None else igf1_nM
    ins = p["insulin_fasting_upper_nM"] if insulin_nM is None else insulin_nM
    real(igf1, name="igf1_nM", unit="nM", low=lo, high=hi, allow_array=False)
    real(ins, name="insulin_nM", unit="nM", low=lo, high=hi, allow_array=False)
    return OccupancyExplorer(float(igf1), float(ins))
