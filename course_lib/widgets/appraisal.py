"""The appraisal checklist of :mod:`course_lib.models.appraisal` (unit 06): spot the flaws of a fictional study."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..figures import html_tables
from ..models import appraisal

__all__ = ["AppraisalChecklist", "appraisal_checklist"]


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
        self.controls = {
            "case": widgets.Dropdown(
                options=[(c.title, c.id) for c in appraisal.cases()],
                value=case_id,
                description="Study",
                layout=widgets.Layout(width="560px"),
            )
        }
        for key, item in items.items():
            self.controls[key] = widgets.Checkbox(
                value=False, description=item.label, indent=False, layout=widgets.Layout(width="640px")
            )
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
        super().__init__(
            [
                self.notice,
                self.controls["case"],
                self.case_text,
                widgets.HTML("<b>Which flaws does it have?</b> Tick all that apply."),
                *boxes,
                self.controls["check"],
                self.summary,
            ]
        )

    @property
    def marked(self) -> list[str]:
        return [k for k in appraisal.checklist() if self.controls[k].value]

    def _on_case(self, _change=None) -> None:
        c = appraisal.case(self.controls["case"].value)
        self.checked = False
        for k in appraisal.checklist():
            self.controls[k].value = False
        self.case_text.value = (
            f"<p><b>{html.escape(c.title)}</b><br><i>Design: {html.escape(c.design)}</i></p>"
            f"<p>{html.escape(c.summary)}</p>"
        )
        self.summary.value = "<i>Tick the flaws you see, then press Check.</i>"

    def _on_tick(self, _change=None) -> None:
        if self.checked:
            self._show()
        else:
            n = len(self.marked)
            self.summary.value = (
                f"<i>{n} item{'s' if n != 1 else ''} ticked. Press Check for feedback.</i>"
                if n
                else "<i>Tick the flaws you see, then press Check.</i>"
            )

    def _on_check(self, _button=None) -> None:
        self.checked = True
        self._show()

    def _show(self) -> None:
        result = appraisal.assess(self.controls["case"].value, self.marked)
        n_flaws = len(result.hits) + len(result.misses)
        head = (
            f"<b>{'✔ All flaws found, no false alarms.' if result.perfect else 'Not quite yet.'}</b> "
            f"Found {len(result.hits)} of {n_flaws} flaws; {len(result.false_alarms)} false alarm(s)."
        )
        colour = {"✔": "#009E73", "✘": "#D55E00"}
        lines = "".join(
            f"<li style='color:{colour[line[0]]}'><span style='color:#222'>{html.escape(line)}</span></li>"
            for line in result.lines
        )
        self.summary.value = f"{head}<ul>{lines}</ul>"

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        bundle["text/html"] = html_tables.appraisal_html()
        return bundle

    def __repr__(self) -> str:
        return f"AppraisalChecklist(case={self.controls['case'].value!r}, {len(appraisal.cases())} cases)"


def appraisal_checklist(case_id: str | None = None) -> AppraisalChecklist:
    """Build the appraisal checklist (not displayed), opened at ``case_id`` or the first case."""
    first = appraisal.cases()[0].id
    return AppraisalChecklist(first if case_id is None else appraisal.case(case_id).id)
