"""The confounding explorer of :mod:`course_lib.models.confounding` (unit 06): age drives IGF-1 and muscle."""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np

from ..figures import confounding as fig_confounding
from ..models import assays, confounding
from ._controls import seed_box, slider
from .assays import SEED_RANGE, check_seed
from .frontend import FigureWidget

__all__ = ["ConfoundingExplorer", "confounding_explorer"]

_WIDE = widgets.Layout(width="600px")
_STYLE = {"description_width": "260px"}
_SLIDER = {"style": _STYLE, "layout": _WIDE, "continuous_update": False}


class ConfoundingExplorer(widgets.VBox):
    """A simulated cohort where age drives IGF-1 and muscle; crude vs age-adjusted slopes update live.

    ``controls``: ``age_strength`` (the confounder's strength), ``direct_effect``,
    ``n`` and ``seed``. ``figure``: the scatter with both regression lines.
    ``summary``: the truth and both estimates as text.
    """

    def __init__(self, *, age_strength: float, direct_effect: float, n: int, seed: int):
        cfg = confounding.settings()
        self.controls = {
            "age_strength": slider(
                age_strength, cfg["age_strength"], step=0.05, description="Age → muscle (SD per decade)", **_SLIDER
            ),
            "direct_effect": slider(
                direct_effect,
                cfg["direct_effect"],
                step=0.05,
                description="True IGF-1 → muscle (SD/100 ng/mL)",
                **_SLIDER,
            ),
            "n": slider(n, cfg["n"], step=100, description="People in the study", whole=True, **_SLIDER),
            "seed": seed_box(seed, SEED_RANGE, style=_STYLE),
        }
        self._run()
        self.figure = FigureWidget(fig_confounding.confounding_figure(self.people, self.result))
        self.summary = widgets.HTML()
        self.note = widgets.HTML(
            "<small><b>Illustrative simulation.</b> IGF-1 values come from the iSYS 2014 reference, so their fall with "
            "age is real; the muscle-mass score and both effects are teaching choices. Set the true IGF-1 effect to 0 "
            "and watch the crude slope appear anyway.</small>"
        )
        for c in self.controls.values():
            c.observe(self._update, names="value")
        self._write_summary()
        c = self.controls
        super().__init__(
            [c["age_strength"], c["direct_effect"], c["n"], c["seed"], self.figure, self.summary, self.note]
        )

    def _run(self) -> None:
        c = self.controls
        self.people = confounding.simulate(
            c["n"].value,
            rng=np.random.default_rng(c["seed"].value),
            age_strength=c["age_strength"].value,
            direct_effect=c["direct_effect"].value,
        )
        self.result = confounding.fit(self.people)

    def _update(self, _change=None) -> None:
        self._run()
        traces = fig_confounding.confounding_traces(self.people, self.result)
        with self.figure.batch_update():
            people = self.figure.data[0]
            people.update(x=traces["people"]["x"], y=traces["people"]["y"])
            people.marker.color = traces["people"]["marker_color"]
            for i, name in enumerate(fig_confounding.CONFOUNDING_TRACES[1:], start=1):
                self.figure.data[i].update(x=traces[name]["x"], y=traces[name]["y"])
        self._write_summary()

    def _write_summary(self) -> None:
        c = self.controls
        text = fig_confounding.describe_confounding(
            self.result, age_strength=c["age_strength"].value, direct_effect=c["direct_effect"].value
        )
        self.summary.value = "<br>".join(html.escape(line) for line in text.split("\n"))

    def __repr__(self) -> str:
        c = self.controls
        return (
            f"ConfoundingExplorer(age_strength={c['age_strength'].value:g}, direct_effect={c['direct_effect'].value:g}, "
            f"n={c['n'].value}, seed={c['seed'].value})"
        )


def confounding_explorer(
    *,
    age_strength: float | None = None,
    direct_effect: float | None = None,
    n: int | None = None,
    seed: int | None = None,
) -> ConfoundingExplorer:
    """Build the confounding explorer (not displayed). Defaults come from ``course_lib/data/confounding_parameters.csv``."""
    strength = confounding.setting("age_strength", age_strength, name="age_strength")
    direct = confounding.setting("direct_effect", direct_effect, name="direct_effect")
    n_value = confounding.setting("n", n, name="n")
    seed_value = check_seed(assays.cohort_defaults()["seed"] if seed is None else seed)
    return ConfoundingExplorer(age_strength=strength, direct_effect=direct, n=int(n_value), seed=seed_value)
