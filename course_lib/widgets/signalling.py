"""Widgets for unit 02: receptor occupancy with competition, and the illustrative pathway model.

Both expose ``.controls`` (name -> ipywidget), ``.figure`` (a ``FigureWidget``
updated in place) and ``.summary`` (an ``ipywidgets.HTML`` with the key numbers),
so tests can drive them exactly as a learner does. Slider ranges come from
``data/receptor_parameters.csv`` and ``data/signalling_parameters.csv``, the
same tables the models validate against.
"""
from __future__ import annotations

import functools
import math

import ipywidgets as widgets
import numpy as np

from .. import data, units
from ..models import receptors, signalling
from .._validate import choice, real
from ..figures import signalling as figs
from .frontend import FigureWidget

__all__ = ["occupancy_explorer", "pathway_explorer", "OccupancyExplorer", "PathwayExplorer"]

_STYLE = {"description_width": "initial"}


def _log_range() -> tuple[float, float]:
    lo = data.parameter("receptor_parameters", "slider_min_nM")
    hi = data.parameter("receptor_parameters", "slider_max_nM")
    return math.log10(lo), math.log10(hi)


def _pct(x: float) -> str:
    return "&lt;0.1%" if x < 0.0005 else f"{x:.1%}"


def _presets() -> dict[str, tuple[float, float] | None]:
    p = data.parameters("receptor_parameters")
    free, fasting = p.loc["free_igf1_nM", "value"], p.loc["insulin_fasting_upper_nM", "value"]
    return {
        "custom": None,
        "fasting adult (free IGF-1, fasting insulin)": (free, fasting),
        "30 min after a glucose load": (free, p.loc["insulin_post_glucose_nM", "value"]),
        "IGF-1 as if a whole high serum pool were free (pharmacological)": (p.loc["total_igf1_nM", "high"], fasting),
    }


class OccupancyExplorer(widgets.VBox):
    """IGF-1 and insulin on log sliders; stacked bars of IGF-1R, IR-A and hybrid occupancy."""

    def __init__(self, igf1_nM: float, insulin_nM: float):
        lo, hi = _log_range()
        self._presets = _presets()
        self._applying_preset = False
        self.controls = {
            "igf1_nM": widgets.FloatLogSlider(value=igf1_nM, base=10, min=lo, max=hi, step=0.05,
                                              description="free IGF-1 (nM)", readout_format=".3g",
                                              style=_STYLE, layout=widgets.Layout(width="460px")),
            "insulin_nM": widgets.FloatLogSlider(value=insulin_nM, base=10, min=lo, max=hi, step=0.05,
                                                 description="insulin (nM)", readout_format=".3g",
                                                 style=_STYLE, layout=widgets.Layout(width="460px")),
            "preset": widgets.Dropdown(options=list(self._presets), value="custom", description="preset",
                                       style=_STYLE, layout=widgets.Layout(width="460px")),
        }
        self.figure = FigureWidget(figs.occupancy_bars(self._occupancy()))
        self.summary = widgets.HTML()
        self.controls["igf1_nM"].observe(self._on_slider, names="value")
        self.controls["insulin_nM"].observe(self._on_slider, names="value")
        self.controls["preset"].observe(self._on_preset, names="value")
        self._update()
        caption = widgets.HTML(
            "<i>Competitive binding with published affinity ratios and textbook Kd anchors "
            "(data/receptor_parameters.csv). 1 nM insulin = 1,000 pmol/L; 1 nM IGF-1 = 7.65 ng/mL.</i>"
        )
        super().__init__([self.controls["preset"], self.controls["igf1_nM"], self.controls["insulin_nM"],
                          caption, self.figure, self.summary])

    def _occupancy(self):
        return receptors.occupancy(igf1_nM=self.controls["igf1_nM"].value,
                                   insulin_nM=self.controls["insulin_nM"].value)

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
        igf1_on_ir = occ.loc["IR-A", "igf1"]
        ins_on_igf1r = occ.loc["IGF-1R", "insulin"]
        if max(igf1_on_ir, ins_on_igf1r) < 0.05:
            verdict = ("Cross-activation is small: IGF-1 holds under 5% of insulin receptors "
                       "and insulin under 5% of IGF-1 receptors.")
        else:
            parts = []
            if igf1_on_ir >= 0.05:
                parts.append(f"IGF-1 holds {_pct(igf1_on_ir)} of insulin receptors (IR-A), so insulin-like effects "
                             "such as a fall in blood glucose become plausible")
            if ins_on_igf1r >= 0.05:
                parts.append(f"insulin holds {_pct(ins_on_igf1r)} of IGF-1 receptors")
            verdict = "Cross-activation is substantial: " + "; ".join(parts) + "."
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
    """Occupancy widget; defaults to adult free IGF-1 and the fasting insulin upper limit."""
    lo, hi = (10 ** x for x in _log_range())
    p = data.parameters("receptor_parameters")["value"]
    igf1 = p["free_igf1_nM"] if igf1_nM is None else igf1_nM
    ins = p["insulin_fasting_upper_nM"] if insulin_nM is None else insulin_nM
    real(igf1, name="igf1_nM", unit="nM", low=lo, high=hi, allow_array=False)
    real(ins, name="insulin_nM", unit="nM", low=lo, high=hi, allow_array=False)
    return OccupancyExplorer(float(igf1), float(ins))


@functools.lru_cache(maxsize=64)
def _time_course(dose: float, nutrients: float, balance: float):
    """Cached simulation for the widget, so switching the readout does not re-run the time course."""
    return signalling.simulate(dose, nutrients=nutrients, balance=balance, duration_min=120, n_points=121)


class PathwayExplorer(widgets.VBox):
    """Dose, nutrient state, pathway balance and readout controls over the illustrative ODE model."""

    def __init__(self, igf1_nM: float, readout: str):
        lo, hi = _log_range()
        self._doses = signalling.dose_grid()
        self.controls = {
            "igf1_nM": widgets.FloatLogSlider(value=igf1_nM, base=10, min=lo, max=hi, step=0.05,
                                              description="IGF-1 dose (nM)", readout_format=".3g",
                                              continuous_update=False, style=_STYLE,
                                              layout=widgets.Layout(width="460px")),
            "nutrients": widgets.FloatSlider(value=data.parameter("signalling_parameters", "default_nutrients"),
                                             min=0.0, max=1.0, step=0.05,
                                             description="amino acids (0 starved, 1 fed)", continuous_update=False,
                                             style=_STYLE, layout=widgets.Layout(width="460px")),
            "balance": widgets.FloatSlider(value=data.parameter("signalling_parameters", "default_balance"),
                                           min=0.0, max=1.0, step=0.05,
                                           description="balance (0 all Ras/ERK, 1 all PI3K/Akt)",
                                           continuous_update=False, style=_STYLE,
                                           layout=widgets.Layout(width="460px")),
            "readout": widgets.Dropdown(options=[(v, k) for k, v in signalling.READOUTS.items()], value=readout,
                                        description="dose-response of", style=_STYLE,
                                        layout=widgets.Layout(width="460px")),
        }
        tc, dr, e50 = self._compute()
        self.figure = FigureWidget(figs.pathway_figure(tc, dr, readout=readout, ec50_nM=e50, dose_nM=igf1_nM))
        self.summary = widgets.HTML()
        for c in self.controls.values():
            c.observe(self._update, names="value")
        self._update()
        caption = widgets.HTML(
            "<i><b>Illustrative model.</b> Rate constants are teaching assumptions "
            "(data/signalling_parameters.csv); the curves show shapes, not measured values.</i>"
        )
        super().__init__([*self.controls.values(), caption, self.figure, self.summary])

    def _compute(self):
        c = self.controls
        kw = dict(nutrients=c["nutrients"].value, balance=c["balance"].value)
        tc = _time_course(c["igf1_nM"].value, kw["nutrients"], kw["balance"])
        dr = signalling.dose_response(self._doses, readout=c["readout"].value, **kw)
        e50 = signalling.ec50(readout=c["readout"].value, **kw)
        return tc, dr, e50

    def _update(self, _change=None) -> None:
        tc, dr, e50 = self._compute()
        readout = self.controls["readout"].value
        dose = self.controls["igf1_nM"].value
        frac = np.nan_to_num(dr["fraction_of_max"].to_numpy())
        with self.figure.batch_update():
            for i, key in enumerate(signalling.READOUTS):
                self.figure.data[i].y = tc[key].to_numpy()
            curve = self.figure.data[4]
            curve.y = frac
            curve.name = f"{signalling.READOUTS[readout]}: dose-response"
            curve.line.color = figs.READOUT_COLOURS[readout]
            self.figure.data[5].x = [e50, e50] if np.isfinite(e50) else []
            self.figure.data[5].y = [0, 0.5] if np.isfinite(e50) else []
            self.figure.data[7].x = [dose]
            self.figure.data[7].y = [float(np.interp(np.log10(dose), np.log10(self._doses), frac))]
        t_akt, v_akt = signalling.peak(tc, "akt")
        t_erk, v_erk = signalling.peak(tc, "erk")
        at60 = tc.loc[(tc["time_min"] - 60).abs().idxmin()]
        kd = signalling.default_parameters()["kd_nM"]
        if np.isfinite(e50):
            ec = (f"EC50 of {signalling.READOUTS[readout]}: <b>{e50:.3g} nM</b> "
                  f"({units.nmol_per_L_to_ng_per_mL(e50):.3g} ng/mL), {e50 / kd:.2g} x the receptor Kd ({kd:g} nM).")
        else:
            ec = f"{signalling.READOUTS[readout]} does not respond to IGF-1 in this setting, so it has no EC50."
        erk_left = at60["erk"] / v_erk if v_erk > 1e-9 else float("nan")
        self.summary.value = (
            f"Dose {dose:.3g} nM. Akt peaks at {t_akt:.0f} min ({v_akt:.2f}); "
            f"ERK peaks at {t_erk:.0f} min ({v_erk:.2f})"
            + (f" and has fallen to {erk_left:.0%} of its peak by 60 min. " if np.isfinite(erk_left) else ". ")
            + f"At 60 min: mTORC1/S6K {at60['mtorc1_s6k']:.2f}, autophagy {at60['autophagy']:.2f} "
            f"(before IGF-1: {tc['autophagy'].iloc[0]:.2f}).<br>{ec}"
        )

    def __repr__(self) -> str:
        c = self.controls
        return (f"PathwayExplorer(igf1_nM={c['igf1_nM'].value:.3g}, nutrients={c['nutrients'].value:.2f}, "
                f"balance={c['balance'].value:.2f}, readout={c['readout'].value!r})")


def pathway_explorer(igf1_nM: float = 1.0, readout: str = "akt") -> PathwayExplorer:
    """Pathway widget: dose, nutrient state, balance; time course plus a dose-response with its EC50."""
    lo, hi = (10 ** x for x in _log_range())
    real(igf1_nM, name="igf1_nM", unit="nM", low=lo, high=hi, allow_array=False)
    choice(readout, name="readout", choices=list(signalling.READOUTS))
    return PathwayExplorer(float(igf1_nM), readout)
