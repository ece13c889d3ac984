"""Widgets for unit 06: the inter-assay simulation, the confounding simulation and the appraisal checklist."""
from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np

from ..models import appraisal, assays, confounding
from .._validate import choice, real
from ..figures import methodology as fm
from .frontend import FigureWidget

__all__ = ["AssayExplorer", "assay_explorer", "ConfoundingExplorer", "confounding_explorer",
           "AppraisalChecklist", "appraisal_checklist"]

_WIDE = widgets.Layout(width="600px")
_STYLE = {"description_width": "260px"}
_TOGGLE_STYLE = {"description_width": "260px", "button_width": "190px"}
_SEED_RANGE = (0, 10_000)


def _seed(seed) -> int:
    value = real(seed, name="seed", unit="(a whole number)", low=_SEED_RANGE[0], high=_SEED_RANGE[1], allow_array=False)
    if value != int(value):
        raise ValueError(f"seed must be a whole number between {_SEED_RANGE[0]} and {_SEED_RANGE[1]}; got {value:g}.")
    return int(value)


class AssayExplorer(widgets.VBox):
    """Two assays measure the same simulated cohort; a Bland-Altman plot and the classification agreement update live.

    Attributes
    ----------
    controls : dict
        ``bias_b_pct``, ``cv_b_pct``, ``n``, ``read_b_against``, ``scale`` and ``seed``.
    figure : plotly.graph_objects.FigureWidget
        The Bland-Altman plot, updated in place (traces in :data:`figures.methodology.BA_TRACES` order).
    summary : ipywidgets.HTML
        Bias, limits of agreement, counts flagged high and Cohen's kappa, as text.
    """

    def __init__(self, *, bias_b_pct: float, cv_b_pct: float, n: int, read_b_against: str, scale: str, seed: int):
        cfg = assays.settings()
        self.controls = {
            "bias_b_pct": widgets.FloatSlider(value=bias_b_pct, min=cfg["bias_b_pct"][1], max=cfg["bias_b_pct"][2], step=1,
                                              description="Assay B calibration bias (%)", style=_STYLE, layout=_WIDE,
                                              continuous_update=False),
            "cv_b_pct": widgets.FloatSlider(value=cv_b_pct, min=cfg["cv_b_pct"][1], max=cfg["cv_b_pct"][2], step=0.5,
                                            description="Assay B imprecision, CV (%)", style=_STYLE, layout=_WIDE,
                                            continuous_update=False),
            "n": widgets.IntSlider(value=n, min=int(cfg["n"][1]), max=int(cfg["n"][2]), step=50,
                                   description="People in the study", style=_STYLE, layout=_WIDE, continuous_update=False),
            "read_b_against": widgets.ToggleButtons(options=[("assay A's reference", "A"), ("assay B's own reference", "own")],
                                                    value=read_b_against, description="Read assay B against",
                                                    style=_TOGGLE_STYLE),
            "scale": widgets.ToggleButtons(options=[("ng/mL", "absolute"), ("% of mean", "percent")], value=scale,
                                           description="Differences in", style=_TOGGLE_STYLE),
            "seed": widgets.BoundedIntText(value=seed, min=_SEED_RANGE[0], max=_SEED_RANGE[1],
                                           description="Random seed (new cohort)", style=_STYLE,
                                           layout=widgets.Layout(width="400px")),
        }
        self.study = self._run()
        self.figure = FigureWidget(fm.bland_altman_figure(self.study))
        self.summary = widgets.HTML()
        self.note = widgets.HTML(
            "<small><b>Illustrative simulation.</b> True values are drawn from the iSYS 2014 reference (a healthy "
            "cohort, so about 2.5% are truly above the 97.5th percentile). Assay A made that reference; assay B's bias "
            "and imprecision are yours to set. Real assays differ by amounts like these: one sample read 24.3-60.9 "
            "nmol/L across 23 laboratories (Pokrajac 2007).</small>")
        for c in self.controls.values():
            c.observe(self._update, names="value")
        self._write_summary()
        c = self.controls
        super().__init__([c["bias_b_pct"], c["cv_b_pct"], c["n"], c["read_b_against"], c["scale"],
                          c["seed"], self.figure, self.summary, self.note])

    def _run(self) -> assays.InterAssayStudy:
        c = self.controls
        return assays.inter_assay_study(c["n"].value, rng=np.random.default_rng(c["seed"].value),
                                        bias_b_pct=c["bias_b_pct"].value, cv_b_pct=c["cv_b_pct"].value,
                                        read_b_against=c["read_b_against"].value, scale=c["scale"].value)

    def _update(self, _change=None) -> None:
        self.study = self._run()
        traces = fm.bland_altman_traces(self.study)
        with self.figure.batch_update():
            for i, name in enumerate(fm.BA_TRACES):
                self.figure.data[i].update(x=traces[name]["x"], y=traces[name]["y"])
            self.figure.layout.title.text = fm._ba_title(self.study)
            self.figure.layout.yaxis.title.text = fm._ba_y_title(self.study)
        self._write_summary()

    def _write_summary(self) -> None:
        self.summary.value = "<br>".join(html.escape(line) for line in fm.describe_bland_altman(self.study).split("\n"))

    def __repr__(self) -> str:
        c = self.controls
        return (f"AssayExplorer(bias_b_pct={c['bias_b_pct'].value:g}, cv_b_pct={c['cv_b_pct'].value:g}, n={c['n'].value}, "
                f"read_b_against={c['read_b_against'].value!r}, scale={c['scale'].value!r}, seed={c['seed'].value})")


def assay_explorer(*, bias_b_pct: float | None = None, cv_b_pct: float | None = None, n: int | None = None,
                   read_b_against: str = "A", scale: str = "absolute", seed: int | None = None) -> AssayExplorer:
    """Build the inter-assay explorer (not displayed). Defaults come from ``data/assay_parameters.csv``."""
    cfg = assays.settings()
    values = {}
    for key, given in (("bias_b_pct", bias_b_pct), ("cv_b_pct", cv_b_pct)):
        default, lo, hi = cfg[key]
        values[key] = real(default if given is None else given, name=key, unit="percent", low=lo, high=hi,
                           allow_array=False)
    n_value = assays._n(cfg["n"][0] if n is None else n)
    choice(read_b_against, name="read_b_against", choices=assays.READ_AGAINST)
    choice(scale, name="scale", choices=assays.SCALES)
    seed_value = _seed(int(assays._p("sim_seed")) if seed is None else seed)
    return AssayExplorer(n=n_value, read_b_against=read_b_against, scale=scale, seed=seed_value, **values)


class ConfoundingExplorer(widgets.VBox):
    """A simulated cohort where age drives IGF-1 and muscle; crude vs age-adjusted slopes update live.

    ``controls``: ``age_strength`` (the confounder's strength), ``direct_effect``,
    ``n`` and ``seed``. ``figure``: the scatter with both regression lines.
    ``summary``: the truth and both estimates as text.
    """

    def __init__(self, *, age_strength: float, direct_effect: float, n: int, seed: int):
        cfg = confounding.settings()
        self.controls = {
            "age_strength": widgets.FloatSlider(value=age_strength, min=cfg["age_strength"][1], max=cfg["age_strength"][2],
                                                step=0.05, description="Age → muscle (SD per decade)", style=_STYLE,
                                                layout=_WIDE, continuous_update=False),
            "direct_effect": widgets.FloatSlider(value=direct_effect, min=cfg["direct_effect"][1], max=cfg["direct_effect"][2],
                                                 step=0.05, description="True IGF-1 → muscle (SD/100 ng/mL)",
                                                 style=_STYLE, layout=_WIDE, continuous_update=False),
            "n": widgets.IntSlider(value=n, min=int(cfg["n"][1]), max=int(cfg["n"][2]), step=100,
                                   description="People in the study", style=_STYLE, layout=_WIDE, continuous_update=False),
            "seed": widgets.BoundedIntText(value=seed, min=_SEED_RANGE[0], max=_SEED_RANGE[1],
                                           description="Random seed (new cohort)", style=_STYLE,
                                           layout=widgets.Layout(width="400px")),
        }
        self._run()
        self.figure = FigureWidget(fm.confounding_figure(self.people, self.result))
        self.summary = widgets.HTML()
        self.note = widgets.HTML(
            "<small><b>Illustrative simulation.</b> IGF-1 values come from the iSYS 2014 reference, so their fall with "
            "age is real; the muscle-mass score and both effects are teaching choices. Set the true IGF-1 effect to 0 "
            "and watch the crude slope appear anyway.</small>")
        for c in self.controls.values():
            c.observe(self._update, names="value")
        self._write_summary()
        c = self.controls
        super().__init__([c["age_strength"], c["direct_effect"], c["n"], c["seed"], self.figure, self.summary,
                          self.note])

    def _run(self) -> None:
        c = self.controls
        self.people = confounding.simulate(c["n"].value, rng=np.random.default_rng(c["seed"].value),
                                           age_strength=c["age_strength"].value, direct_effect=c["direct_effect"].value)
        self.result = confounding.fit(self.people)

    def _update(self, _change=None) -> None:
        self._run()
        traces = fm.confounding_traces(self.people, self.result)
        with self.figure.batch_update():
            people = self.figure.data[0]
            people.update(x=traces["people"]["x"], y=traces["people"]["y"])
            people.marker.color = traces["people"]["marker_color"]
            for i, name in enumerate(fm.CONFOUNDING_TRACES[1:], start=1):
                self.figure.data[i].update(x=traces[name]["x"], y=traces[name]["y"])
        self._write_summary()

    def _write_summary(self) -> None:
        c = self.controls
        text = fm.describe_confounding(self.result, age_strength=c["age_strength"].value,
                                       direct_effect=c["direct_effect"].value)
        self.summary.value = "<br>".join(html.escape(line) for line in text.split("\n"))

    def __repr__(self) -> str:
        c = self.controls
        return (f"ConfoundingExplorer(age_strength={c['age_strength'].value:g}, direct_effect={c['direct_effect'].value:g}, "
                f"n={c['n'].value}, seed={c['seed'].value})")


def confounding_explorer(*, age_strength: float | None = None, direct_effect: float | None = None,
                         n: int | None = None, seed: int | None = None) -> ConfoundingExplorer:
    """Build the confounding explorer (not displayed). Defaults come from ``data/assay_parameters.csv``."""
    cfg = confounding.settings()
    strength = confounding._setting("age_strength", age_strength, "SD per decade")
    direct = confounding._setting("direct_effect", direct_effect, "SD per 100 ng/mL")
    n_value = assays._n(cfg["n"][0] if n is None else n, low=cfg["n"][1], high=cfg["n"][2])
    seed_value = _seed(int(assays._p("sim_seed")) if seed is None else seed)
    return ConfoundingExplorer(age_strength=strength, direct_effect=direct, n=n_value, seed=seed_value)


class AppraisalChecklist(widgets.VBox):
    """Pick a fictional study, tick the flaws you see, press *Check*: feedback for every item.

    ``controls``: ``case`` (Dropdown), one Checkbox per checklist item under
    its id, and ``check`` (Button). Before *Check*, the summary counts the
    ticked boxes; after the first *Check*, full feedback updates as soon as a
    box changes. ``summary`` holds the feedback; there is no
    figure (``figure`` is None). Outside a kernel the output falls back to a
    static page where each case's flaws hide behind "Show the flaws".
    """

    def __init__(self, case_id: str):
        items = appraisal.checklist()
        self.controls = {"case": widgets.Dropdown(options=[(c.title, c.id) for c in appraisal.cases()], value=case_id,
                                                  description="Study", layout=widgets.Layout(width="560px"))}
        for key, item in items.items():
            self.controls[key] = widgets.Checkbox(value=False, description=item.label, indent=False,
                                                  layout=widgets.Layout(width="640px"))
        self.controls["check"] = widgets.Button(description="Check", button_style="primary")
        self.figure = None
        self.notice = widgets.HTML(f"<small><i>{html.escape(appraisal.fictional_notice())}</i></small>")
        self.case_text = widgets.HTML()
        self.summary = widgets.HTML()
        self.checked = False
        self.controls["case"].observe(self._on_case, names="value")
        for key in items:
            self.controls[key].observe(self._on_tick, names="value")
        self.controls["check"].on_click(self._on_check)
        self._on_case()
        boxes = [self.controls[k] for k in items]
        super().__init__([self.notice, self.controls["case"], self.case_text,
                          widgets.HTML("<b>Which flaws does it have?</b> Tick all that apply."), *boxes,
                          self.controls["check"], self.summary])

    @property
    def marked(self) -> list[str]:
        return [k for k in appraisal.checklist() if self.controls[k].value]

    def _on_case(self, _change=None) -> None:
        c = appraisal.case(self.controls["case"].value)
        self.checked = False
        for k in appraisal.checklist():
            self.controls[k].value = False
        self.case_text.value = (f"<p><b>{html.escape(c.title)}</b><br><i>Design: {html.escape(c.design)}</i></p>"
                                f"<p>{html.escape(c.summary)}</p>")
        self.summary.value = "<i>Tick the flaws you see, then press Check.</i>"

    def _on_tick(self, _change=None) -> None:
        if self.checked:
            self._show()
        else:
            n = len(self.marked)
            self.summary.value = (f"<i>{n} item{'s' if n != 1 else ''} ticked. Press Check for feedback.</i>" if n
                                  else "<i>Tick the flaws you see, then press Check.</i>")

    def _on_check(self, _button=None) -> None:
        self.checked = True
        self._show()

    def _show(self) -> None:
        result = appraisal.assess(self.controls["case"].value, self.marked)
        n_flaws = len(result.hits) + len(result.misses)
        head = (f"<b>{'✔ All flaws found, no false alarms.' if result.perfect else 'Not quite yet.'}</b> "
                f"Found {len(result.hits)} of {n_flaws} flaws; {len(result.false_alarms)} false alarm(s).")
        colour = {"✔": "#009E73", "✘": "#D55E00"}
        lines = "".join(f"<li style='color:{colour[line[0]]}'><span style='color:#222'>{html.escape(line)}</span></li>"
                        for line in result.lines)
        self.summary.value = f"{head}<ul>{lines}</ul>"

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        bundle["text/html"] = appraisal.static_html()
        return bundle

    def __repr__(self) -> str:
        return f"AppraisalChecklist(case={self.controls['case'].value!r}, {len(appraisal.cases())} cases)"


def appraisal_checklist(case_id: str | None = None) -> AppraisalChecklist:
    """Build the appraisal checklist (not displayed), opened at ``case_id`` or the first case."""
    first = appraisal.cases()[0].id
    return AppraisalChecklist(first if case_id is None else appraisal.case(case_id).id)
