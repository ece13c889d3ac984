"""Widgets of :mod:`course_lib.models.binding` (unit 03): the free-fraction explorer and the pools-over-time explorer."""

from __future__ import annotations

import math

import ipywidgets as widgets

from .. import data
from .._validate import choice, integer, real
from ..figures import binding as fb
from ..models import binding
from ._controls import slider
from .frontend import FigureWidget

__all__ = ["FreeFractionExplorer", "free_fraction_explorer", "PoolsExplorer", "pools_explorer"]

_TABLE = "binding_parameters"
_WIDE = widgets.Layout(width="480px")
_STYLE = {"description_width": "190px"}
_SLIDER = {"style": _STYLE, "layout": _WIDE}
_FREE = {name: i for i, name in enumerate(fb.FREE_TRACES)}
_POOLS = {name: i for i, name in enumerate(fb.POOL_TRACES)}
#: The time windows (whole hours) the pools explorer offers.
_HOURS_RANGE = (2, 72)


def _p(name: str) -> float:
    return data.parameter(_TABLE, name)


def _setting(name: str) -> tuple[float, float, float]:
    return data.parameter_range(_TABLE, name)


class FreeFractionExplorer(widgets.VBox):
    """Total IGF-1, IGFBP-3 and Kd in; free fraction and free concentration out (exact one-site model).

    Attributes
    ----------
    controls : dict
        ``total_igf1_nM``, ``igfbp_nM`` and ``kd_nM`` (a log slider).
    figure : plotly.graph_objects.FigureWidget
    summary : ipywidgets.HTML
    """

    def __init__(self, *, total_igf1_nM: float, igfbp_nM: float, kd_nM: float):
        self.controls = {
            "total_igf1_nM": widgets.FloatSlider(
                value=total_igf1_nM,
                min=1.0,
                max=_p("widget_igf1_max_nM"),
                step=0.5,
                description="Total IGF-1 (nM)",
                style=_STYLE,
                layout=_WIDE,
            ),
            "igfbp_nM": widgets.FloatSlider(
                value=igfbp_nM,
                min=0.0,
                max=_p("widget_igfbp3_max_nM"),
                step=1.0,
                description="IGFBP-3 binding sites (nM)",
                style=_STYLE,
                layout=_WIDE,
            ),
            "kd_nM": widgets.FloatLogSlider(
                value=kd_nM,
                base=10,
                min=math.log10(_p("widget_kd_min_nM")),
                max=math.log10(_p("widget_kd_max_nM")),
                step=0.05,
                readout_format=".3g",
                description="Kd (nM)",
                style=_STYLE,
                layout=_WIDE,
            ),
        }
        self.figure = FigureWidget(fb.free_fraction_figure(**self.state))
        self.summary = widgets.HTML()
        self.note = widgets.HTML(
            "<small>Exact mass action for IGF-1 and one binding protein; IGF-2 and the other carriers are left out "
            "(the next section adds them). The dashed line is the free fraction measured in serum by ultrafiltration "
            "(human observational, 49 adults). 26 nM of IGF-1 is 200 ng/mL; 150 nM of IGFBP-3 is about 4.3 mg/L.</small>"
        )
        for name in ("total_igf1_nM", "kd_nM"):
            self.controls[name].observe(self._on_curve, names="value")
        self.controls["igfbp_nM"].observe(self._on_point, names="value")
        self._update_summary()
        super().__init__([*self.controls.values(), self.figure, self.summary, self.note])

    @property
    def state(self) -> dict:
        return {k: float(c.value) for k, c in self.controls.items()}

    def _set_point(self, s: dict) -> None:
        ff = binding.free_fraction(s["total_igf1_nM"], igfbp_nM=s["igfbp_nM"], kd_nM=s["kd_nM"]) * 100.0
        self.figure.data[_FREE["chosen"]].update(x=[s["igfbp_nM"]], y=[ff])

    def _on_curve(self, _change=None) -> None:
        s = self.state
        with self.figure.batch_update():
            self.figure.data[_FREE["curve"]].y = fb.free_fraction_curve(
                total_igf1_nM=s["total_igf1_nM"], kd_nM=s["kd_nM"]
            )
            self._set_point(s)
        self._update_summary()

    def _on_point(self, _change=None) -> None:
        with self.figure.batch_update():
            self._set_point(self.state)
        self._update_summary()

    def _update_summary(self) -> None:
        self.summary.value = fb.describe_free_fraction(**self.state)

    def __repr__(self) -> str:
        s = self.state
        return (
            f"FreeFractionExplorer(total_igf1_nM={s['total_igf1_nM']:g}, igfbp_nM={s['igfbp_nM']:g}, "
            f"kd_nM={s['kd_nM']:.3g})"
        )


def free_fraction_explorer(
    *, total_igf1_nM: float = 26.0, igfbp_nM: float = 150.0, kd_nM: float | None = None
) -> FreeFractionExplorer:
    """Build the free-fraction explorer (not displayed); starting values are checked against the slider ranges."""
    kd = _p("kd_igf1_igfbp3_nM") if kd_nM is None else kd_nM
    real(total_igf1_nM, name="total_igf1_nM", unit="nmol/L", low=1.0, high=_p("widget_igf1_max_nM"), allow_array=False)
    real(igfbp_nM, name="igfbp_nM", unit="nmol/L", low=0.0, high=_p("widget_igfbp3_max_nM"), allow_array=False)
    real(kd, name="kd_nM", unit="nmol/L", low=_p("widget_kd_min_nM"), high=_p("widget_kd_max_nM"), allow_array=False)
    return FreeFractionExplorer(total_igf1_nM=total_igf1_nM, igfbp_nM=igfbp_nM, kd_nM=kd)


class PoolsExplorer(widgets.VBox):
    """Free, binary and ternary IGF-1 over time after a perturbation (three-pool model; mechanism only).

    ``controls``: ``scenario``, ``t_half_free_min`` (intrinsic), ``t_half_binary_min`` and
    ``t_half_ternary_h`` (apparent tracer half-lives; the model refits its intrinsic clearances) and
    ``hours`` (the time window).
    """

    def __init__(
        self, *, scenario: str, hours: int, t_half_free_min: float, t_half_binary_min: float, t_half_ternary_h: float
    ):
        self.controls = {
            "scenario": widgets.ToggleButtons(
                options=[("tracer of free IGF-1", "tracer"), ("production stops", "production_stops")],
                value=scenario,
                description="Perturbation",
                style=_STYLE,
            ),
            "t_half_free_min": slider(
                t_half_free_min,
                _setting("t_half_free_min"),
                step=0.1,
                description="Free IGF-1, intrinsic t½ (min)",
                **_SLIDER,
            ),
            "t_half_binary_min": slider(
                t_half_binary_min,
                _setting("t_half_binary_min"),
                step=1.0,
                description="Binary, apparent t½ (min)",
                **_SLIDER,
            ),
            "t_half_ternary_h": slider(
                t_half_ternary_h,
                _setting("t_half_ternary_h"),
                step=0.5,
                description="Ternary, apparent t½ (h)",
                **_SLIDER,
            ),
            "hours": widgets.IntSlider(
                value=hours,
                min=_HOURS_RANGE[0],
                max=_HOURS_RANGE[1],
                step=1,
                description="Time shown (h)",
                style=_STYLE,
                layout=_WIDE,
            ),
        }
        self.figure = FigureWidget(fb.pools_figure(**self.state))
        self.summary = widgets.HTML()
        self.note = widgets.HTML(
            "<small><b>Illustrative mechanism, not a prediction.</b> The free half-life is the intrinsic clearance "
            "of free IGF-1. The binary and ternary sliders set the <i>apparent</i> half-lives the simulated tracer "
            "shows (what tracer studies measure, release and re-binding included): for each choice the model refits "
            "the intrinsic clearance of each complex. Ranges are from tracer and infusion studies in a few healthy "
            "adults (Guler 1989; Frystyk 1999) and a review (Kim 2022); exchange rates are from purified proteins. "
            "The model says nothing about doses or about any product.</small>"
        )
        for c in self.controls.values():
            c.observe(self._update, names="value")
        self._update_summary()
        super().__init__([*self.controls.values(), self.figure, self.summary, self.note])

    @property
    def state(self) -> dict:
        c = self.controls
        return dict(
            scenario=c["scenario"].value,
            hours=float(c["hours"].value),
            t_half_free_min=float(c["t_half_free_min"].value),
            t_half_binary_min=float(c["t_half_binary_min"].value),
            t_half_ternary_h=float(c["t_half_ternary_h"].value),
        )

    def _update(self, _change=None) -> None:
        s = self.state
        traces = fb.pool_traces(**s)
        with self.figure.batch_update():
            for key in fb.POOL_TRACES:
                self.figure.data[_POOLS[key]].update(**traces[key])
            self.figure.layout.title.text = fb.pools_title(s["scenario"])
            self.figure.layout.yaxis.title.text = fb.pools_y_title(s["scenario"])
        self._update_summary()

    def _update_summary(self) -> None:
        self.summary.value = fb.describe_pools(**self.state)

    def __repr__(self) -> str:
        s = self.state
        return (
            f"PoolsExplorer(scenario={s['scenario']!r}, hours={s['hours']:g}, t_half_free_min={s['t_half_free_min']:g}, "
            f"t_half_binary_min={s['t_half_binary_min']:g}, t_half_ternary_h={s['t_half_ternary_h']:g})"
        )


def pools_explorer(
    *,
    scenario: str = "tracer",
    hours: int = 24,
    t_half_free_min: float | None = None,
    t_half_binary_min: float | None = None,
    t_half_ternary_h: float | None = None,
) -> PoolsExplorer:
    """Build the pools-over-time explorer (not displayed); defaults come from ``course_lib/data/binding_parameters.csv``."""
    choice(scenario, name="scenario", choices=binding.SCENARIOS)
    hours = integer(hours, name="hours", unit="hours", low=_HOURS_RANGE[0], high=_HOURS_RANGE[1])
    vals = {}
    for name, given, unit in (
        ("t_half_free_min", t_half_free_min, "min"),
        ("t_half_binary_min", t_half_binary_min, "min"),
        ("t_half_ternary_h", t_half_ternary_h, "h"),
    ):
        default, lo, hi = _setting(name)
        v = default if given is None else given
        vals[name] = real(v, name=name, unit=unit, low=lo, high=hi, allow_array=False)
    return PoolsExplorer(scenario=scenario, hours=hours, **vals)
