"""The assay explorer of :mod:`course_lib.models.assays` (unit 06): two assays measure the same simulated cohort."""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np

from .._validate import choice, integer, real
from ..figures import assays as fig_assays
from ..models import assays
from ._controls import seed_box, slider
from .frontend import FigureWidget

__all__ = ["SEED_RANGE", "check_seed", "AssayExplorer", "assay_explorer"]

_WIDE = widgets.Layout(width="600px")
_STYLE = {"description_width": "260px"}
_SLIDER = {"style": _STYLE, "layout": _WIDE, "continuous_update": False}
_TOGGLE_STYLE = {"description_width": "260px", "button_width": "190px"}
#: The seeds the explorers' seed box offers.
SEED_RANGE = (0, 10_000)


def check_seed(seed) -> int:
    """``seed`` as an ``int`` after checking it is a whole number in :data:`SEED_RANGE` (shared by the unit 06 explorers)."""
    return integer(seed, name="seed", unit="", low=SEED_RANGE[0], high=SEED_RANGE[1])


class AssayExplorer(widgets.VBox):
    """Two assays measure the same simulated cohort; a Bland-Altman plot and the classification agreement update live.

    Attributes
    ----------
    controls : dict
        ``bias_b_pct``, ``cv_b_pct``, ``n``, ``read_b_against``, ``scale`` and ``seed``.
    figure : plotly.graph_objects.FigureWidget
        The Bland-Altman plot, updated in place (traces in :data:`course_lib.figures.assays.BA_TRACES` order).
    summary : ipywidgets.HTML
        Bias, limits of agreement, counts flagged high and Cohen's kappa, as text.
    """

    def __init__(self, *, bias_b_pct: float, cv_b_pct: float, n: int, read_b_against: str, scale: str, seed: int):
        cfg = assays.settings()
        self.controls = {
            "bias_b_pct": slider(
                bias_b_pct, cfg["bias_b_pct"], step=1, description="Assay B calibration bias (%)", **_SLIDER
            ),
            "cv_b_pct": slider(
                cv_b_pct, cfg["cv_b_pct"], step=0.5, description="Assay B imprecision, CV (%)", **_SLIDER
            ),
            "n": slider(n, cfg["n"], step=50, description="People in the study", whole=True, **_SLIDER),
            "read_b_against": widgets.ToggleButtons(
                options=[("assay A's reference", "A"), ("assay B's own reference", "own")],
                value=read_b_against,
                description="Read assay B against",
                style=_TOGGLE_STYLE,
            ),
            "scale": widgets.ToggleButtons(
                options=[("ng/mL", "absolute"), ("% of mean", "percent")],
                value=scale,
                description="Differences in",
                style=_TOGGLE_STYLE,
            ),
            "seed": seed_box(seed, SEED_RANGE, style=_STYLE),
        }
        self.study = self._run()
        self.figure = FigureWidget(fig_assays.bland_altman_figure(self.study))
        self.summary = widgets.HTML()
        self.note = widgets.HTML(
            "<small><b>Illustrative simulation.</b> True values are drawn from the iSYS 2014 reference (a healthy "
            "cohort, so about 2.5% are truly above the 97.5th percentile). Assay A made that reference; assay B's bias "
            "and imprecision are yours to set. Real assays differ by amounts like these: one sample read 24.3-60.9 "
            "nmol/L across 23 laboratories (Pokrajac 2007).</small>"
        )
        for c in self.controls.values():
            c.observe(self._update, names="value")
        self._write_summary()
        c = self.controls
        super().__init__(
            [
                c["bias_b_pct"],
                c["cv_b_pct"],
                c["n"],
                c["read_b_against"],
                c["scale"],
                c["seed"],
                self.figure,
                self.summary,
                self.note,
            ]
        )

    def _run(self) -> assays.InterAssayStudy:
        c = self.controls
        return assays.inter_assay_study(
            c["n"].value,
            rng=np.random.default_rng(c["seed"].value),
            bias_b_pct=c["bias_b_pct"].value,
            cv_b_pct=c["cv_b_pct"].value,
            read_b_against=c["read_b_against"].value,
            scale=c["scale"].value,
        )

    def _update(self, _change=None) -> None:
        self.study = self._run()
        traces = fig_assays.bland_altman_traces(self.study)
        with self.figure.batch_update():
            for i, name in enumerate(fig_assays.BA_TRACES):
                self.figure.data[i].update(x=traces[name]["x"], y=traces[name]["y"])
            self.figure.layout.title.text, self.figure.layout.yaxis.title.text = fig_assays.bland_altman_titles(
                self.study
            )
        self._write_summary()

    def _write_summary(self) -> None:
        self.summary.value = "<br>".join(
            html.escape(line) for line in fig_assays.describe_bland_altman(self.study).split("\n")
        )

    def __repr__(self) -> str:
        c = self.controls
        return (
            f"AssayExplorer(bias_b_pct={c['bias_b_pct'].value:g}, cv_b_pct={c['cv_b_pct'].value:g}, n={c['n'].value}, "
            f"read_b_against={c['read_b_against'].value!r}, scale={c['scale'].value!r}, seed={c['seed'].value})"
        )


def assay_explorer(
    *,
    bias_b_pct: float | None = None,
    cv_b_pct: float | None = None,
    n: int | None = None,
    read_b_against: str = "A",
    scale: str = "absolute",
    seed: int | None = None,
) -> AssayExplorer:
    """Build the inter-assay explorer (not displayed). Defaults come from ``course_lib/data/assay_parameters.csv``."""
    cfg = assays.settings()
    values = {}
    for key, given in (("bias_b_pct", bias_b_pct), ("cv_b_pct", cv_b_pct)):
        default, lo, hi = cfg[key]
        values[key] = real(
            default if given is None else given, name=key, unit="percent", low=lo, high=hi, allow_array=False
        )
    n_value = integer(
        cfg["n"][0] if n is None else n, name="n", unit="people", low=int(cfg["n"][1]), high=int(cfg["n"][2])
    )
    choice(read_b_against, name="read_b_against", choices=assays.READ_AGAINST)
    choice(scale, name="scale", choices=assays.SCALES)
    seed_value = check_seed(assays.cohort_defaults()["seed"] if seed is None else seed)
    return AssayExplorer(n=n_value, read_b_against=read_b_against, scale=scale, seed=seed_value, **values)
