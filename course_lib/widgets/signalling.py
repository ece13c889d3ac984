"""The pathway explorer of :mod:`course_lib.models.signalling` (unit 02): dose, nutrient state and pathway
balance over the illustrative ODE model.

It exposes ``.controls`` (name -> ipywidget), ``.figure`` (a ``FigureWidget``
updated in place) and ``.summary`` (an ``ipywidgets.HTML`` with the key numbers),
so tests can drive it exactly as a learner does. Slider ranges come from
``course_lib/data/receptor_parameters.csv`` and ``course_lib/data/signalling_parameters.csv``, the
same tables the model validates against.
"""

from __future__ import annotations

import functools

import ipywidgets as widgets
import numpy as np

from .. import data, units
from .._validate import choice, real
from ..figures import signalling as fig_signalling
from ..models import signalling
from .frontend import FigureWidget
from .receptors import log_concentration_range

__all__ = ["pathway_explorer", "PathwayExplorer"]

_STYLE = {"description_width": "initial"}


@functools.lru_cache(maxsize=64)
def _time_course(dose: float, nutrients: float, balance: float):
    """Cached simulation for the widget, so switching the readout does not re-run the time course."""
    return signalling.simulate(dose, nutrients=nutrients, balance=balance, duration_min=120, n_points=121)


class PathwayExplorer(widgets.VBox):
    """Dose, nutrient state, pathway balance and readout controls over the illustrative ODE model."""

    def __init__(self, igf1_nM: float, readout: str):
        lo, hi = log_concentration_range()
        self._doses = signalling.dose_grid()
        self.controls = {
            "igf1_nM": widgets.FloatLogSlider(
                value=igf1_nM,
                base=10,
                min=lo,
                max=hi,
                step=0.05,
                description="IGF-1 dose (nM)",
                readout_format=".3g",
                continuous_update=False,
                style=_STYLE,
                layout=widgets.Layout(width="460px"),
            ),
            "nutrients": widgets.FloatSlider(
                value=data.parameter("signalling_parameters", "default_nutrients"),
                min=0.0,
                max=1.0,
                step=0.05,
                description="amino acids (0 starved, 1 fed)",
                continuous_update=False,
                style=_STYLE,
                layout=widgets.Layout(width="460px"),
            ),
            "balance": widgets.FloatSlider(
                value=data.parameter("signalling_parameters", "default_balance"),
                min=0.0,
                max=1.0,
                step=0.05,
                description="balance (0 all Ras/ERK, 1 all PI3K/Akt)",
                continuous_update=False,
                style=_STYLE,
                layout=widgets.Layout(width="460px"),
            ),
            "readout": widgets.Dropdown(
                options=[(v, k) for k, v in signalling.READOUTS.items()],
                value=readout,
                description="dose-response of",
                style=_STYLE,
                layout=widgets.Layout(width="460px"),
            ),
        }
        tc, dr, e50 = self._compute()
        self.figure = FigureWidget(fig_signalling.pathway_figure(tc, dr, readout=readout, ec50_nM=e50, dose_nM=igf1_nM))
        self.summary = widgets.HTML()
        for c in self.controls.values():
            c.observe(self._update, names="value")
        self._update()
        caption = widgets.HTML(
            "<i><b>Illustrative model.</b> Rate constants are teaching assumptions "
            "(data/signalling_parameters.csv); the curves show shapes, not measured values. The receptor is "
            f"half-active at its Kd by construction (Kd = the measured {signalling.default_parameters()['kd_nM']:g} nM "
            "EC50, Janssen 2016); downstream "
            "EC50s below it come from the assumed rates, not from measurements.</i>"
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
            curve.line.color = fig_signalling.READOUT_COLOURS[readout]
            self.figure.data[5].x = [e50, e50] if np.isfinite(e50) else []
            self.figure.data[5].y = [0, 0.5] if np.isfinite(e50) else []
            self.figure.data[7].x = [dose]
            self.figure.data[7].y = [float(np.interp(np.log10(dose), np.log10(self._doses), frac))]
        t_akt, v_akt = signalling.peak(tc, "akt")
        t_erk, v_erk = signalling.peak(tc, "erk")
        at60 = tc.loc[(tc["time_min"] - 60).abs().idxmin()]
        kd = signalling.default_parameters()["kd_nM"]
        if np.isfinite(e50):
            ec = (
                f"EC50 of {signalling.READOUTS[readout]}: <b>{e50:.3g} nM</b> "
                f"({units.nmol_per_L_to_ng_per_mL(e50):.3g} ng/mL), {e50 / kd:.2g} x the receptor Kd ({kd:g} nM)."
            )
        else:
            ec = f"{signalling.READOUTS[readout]} does not respond to IGF-1 in this setting, so it has no EC50."
        erk_left = at60["erk"] / v_erk if v_erk > 1e-9 else float("nan")
        self.summary.value = (
            f"Dose {dose:.3g} nM. Akt peaks at {t_akt:.0f} min ({v_akt:.2f}); "
            f"ERK peaks at {t_erk:.0f} min ({v_erk:.2f})"
            + (f" and has fallen to {erk_left:.0%} of its peak by 60 min. " if np.isfinite(erk_left) else ". ")
            + f"At 60 min: mTORC1/S6K {at60['mtorc1_s6k']:.2f}, nuclear FOXO {at60['foxo']:.2f}, "
            f"autophagy {at60['autophagy']:.2f} (before IGF-1: {tc['autophagy'].iloc[0]:.2f}).<br>{ec}"
        )

    def __repr__(self) -> str:
        c = self.controls
        return (
            f"PathwayExplorer(igf1_nM={c['igf1_nM'].value:.3g}, nutrients={c['nutrients'].value:.2f}, "
            f"balance={c['balance'].value:.2f}, readout={c['readout'].value!r})"
        )


def pathway_explorer(igf1_nM: float = 1.0, readout: str = "akt") -> PathwayExplorer:
    """Pathway widget: dose, nutrient state, balance; time course plus a dose-response with its EC50."""
    lo, hi = (10**x for x in log_concentration_range())
    real(igf1_nM, name="igf1_nM", unit="nM", low=lo, high=hi, allow_array=False)
    choice(readout, name="readout", choices=list(signalling.READOUTS))
    return PathwayExplorer(float(igf1_nM), readout)
