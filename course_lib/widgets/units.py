"""The unit converter of :mod:`course_lib.units` (the start-here notebook): ng/mL to nmol/L."""

from __future__ import annotations

import ipywidgets as widgets

from .. import data, units
from .._validate import real

__all__ = ["UnitConverter", "unit_converter"]


class UnitConverter(widgets.VBox):
    """A slider in ng/mL and a live line giving the same IGF-1 concentration in nmol/L."""

    def __init__(self, value_ng_per_mL: float = 150.0):
        self.controls = {
            "conc_ng_per_mL": widgets.FloatSlider(
                value=value_ng_per_mL,
                min=0.0,
                max=1000.0,
                step=5.0,
                description="IGF-1 (ng/mL)",
                continuous_update=True,
                style={"description_width": "initial"},
                layout=widgets.Layout(width="420px"),
            )
        }
        self.summary = widgets.HTML()
        self.controls["conc_ng_per_mL"].observe(self._update, names="value")
        self._update()
        super().__init__([self.controls["conc_ng_per_mL"], self.summary])

    def _update(self, _change=None) -> None:
        ng = self.controls["conc_ng_per_mL"].value
        self.summary.value = (
            f"{ng:.0f} ng/mL of IGF-1 = <b>{units.ng_per_mL_to_nmol_per_L(ng):.2f} nmol/L</b> "
            f"(molar mass {data.parameter('constants', 'igf1_molar_mass_g_per_mol'):,.0f} g/mol)"
        )

    def __repr__(self) -> str:
        return f"UnitConverter(conc_ng_per_mL={self.controls['conc_ng_per_mL'].value:g})"


def unit_converter(value_ng_per_mL: float = 150.0) -> UnitConverter:
    """A movable ng/mL to nmol/L converter: the start-here notebook's widget self-check."""
    real(value_ng_per_mL, name="value_ng_per_mL", unit="ng/mL", low=0, high=1000, allow_array=False)
    return UnitConverter(value_ng_per_mL)
