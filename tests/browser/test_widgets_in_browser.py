"""Every widget control, operated the way a learner does, redraws its figure and updates its summary.

Controls are found in the rendered page, not listed by hand, so a new widget
is tested as soon as its notebook lands: sliders get ArrowRight (ArrowLeft at
the end of the range) on their focused handle, drop-downs a new option, toggle
and radio buttons a click on another option, checkboxes a click, text fields a
new value plus Enter. After each action the figure in the same output (its
rendered trace paths, shapes and tick labels) and the text summary (the HTML
widgets) must both change.
"""

from __future__ import annotations

import re
import time

import pytest
from helpers import notebooks

NOTEBOOKS = notebooks()
REDRAW_TIMEOUT_S = 10.0

#: Controls that legitimately change only one of figure/summary, keyed by
#: (notebook stem, control label) with the reason. Empty unless justified.
ONLY_SUMMARY: dict[tuple[str, str], str] = {}
ONLY_FIGURE: dict[tuple[str, str], str] = {}


def _wait_until_text(nb, out, text: str, timeout_s: float = REDRAW_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and nb.summary_text(out) != text:
        nb.page.wait_for_timeout(50)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:40] or "control"


def operate_every_control(nb, stem: str, *, screenshots: bool = True) -> tuple[list[str], list[str]]:
    """Operate every control of every widget in ``nb``; return (problems, actions taken)."""
    from helpers import find_controls

    problems, done = [], []
    for i in nb.widget_cells():
        out = nb.output(i)
        controls = find_controls(out)
        if screenshots:
            nb.screenshot(nb.cell(i), f"cell{i:02d}_widget_0_initial")
        for n, control in enumerate(controls, start=1):
            where = f"cell {i}, {control.kind} {control.label!r}"
            if control.is_disabled():
                done.append(f"{where}: skipped, disabled in this state")
                continue
            fig_before, text_before = nb.figure_signature(out), nb.summary_text(out)
            has_figure = any(f["traces"] or f["images"] for f in fig_before)
            if fig_before and not has_figure and n == 1:
                problems.append(f"cell {i}: the widget's figure shows no trace, so its redraws cannot be checked")
            action = control.operate()
            deadline = time.monotonic() + REDRAW_TIMEOUT_S
            fig_changed = text_changed = False
            while time.monotonic() < deadline and not (text_changed and (fig_changed or not has_figure)):
                nb.page.wait_for_timeout(50)
                fig_changed = fig_changed or nb.figure_signature(out) != fig_before
                text_changed = text_changed or nb.summary_text(out) != text_before
            key = (stem, control.label)
            if has_figure and not fig_changed and key not in ONLY_SUMMARY:
                problems.append(f"{where}: {action}, but the figure did not redraw within {REDRAW_TIMEOUT_S:.0f} s")
            if not text_changed and key not in ONLY_FIGURE:
                problems.append(f"{where}: {action}, but the text summary did not change")
            done.append(f"{where}: {action}")
            if screenshots:
                nb.screenshot(nb.cell(i), f"cell{i:02d}_widget_{n}_{_slug(control.label)}")
            if control.revert():  # back to the previous choice, so later controls are seen in the default state
                _wait_until_text(nb, out, text_before)
        if not controls:
            problems.append(f"cell {i}: no operable control found")
    problems += [f"new output problem after operating widgets: {p}" for p in nb.output_problems()]
    return problems, done


@pytest.mark.browser
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_widget_control_redraws_figure_and_summary(lab, path):
    nb = lab.notebook(path)
    if not nb.widget_cells():
        pytest.skip(f"{path.name} has no widget controls outside its quiz")
    problems, done = operate_every_control(nb, path.stem)
    assert problems == [], f"{path.name}:\n" + "\n".join(problems) + "\n\nactions:\n" + "\n".join(done)


@pytest.mark.browser
def test_lifespan_explorer_lifestyle_controls_are_adults_only(lab):
    """Typed into the age readout as a learner would: at 5 and 19 years the protein and training controls are
    off and the widget says why; at 20 and 80 years they work again (the band rests on adult studies only)."""
    from helpers import NOTEBOOK_DIR, find_controls

    nb = lab.notebook(NOTEBOOK_DIR / "05_lifespan_trajectory.ipynb")
    cell = next(i for i in nb.widget_cells() if "lifespan_explorer(" in nb.source.cells[i].source)
    out = nb.output(cell)
    problems = []
    for age, adult in ((5, False), (19, False), (20, True), (80, True)):
        before = nb.summary_text(out)
        controls = {c.label: c for c in find_controls(out)}
        readout = controls["Age (years)"].locator.locator(".widget-readout").first
        readout.click()
        readout.press("Control+a")
        readout.type(str(age))
        readout.press("Enter")
        deadline = time.monotonic() + REDRAW_TIMEOUT_S
        while time.monotonic() < deadline and (
            nb.summary_text(out) == before or f", {age} y " not in nb.summary_text(out)
        ):
            nb.page.wait_for_timeout(50)
        nb.page.wait_for_timeout(300)
        controls = {c.label: c for c in find_controls(out)}
        lifestyle = [label for label in controls if label.startswith(("Protein", "Training"))]
        if len(lifestyle) != 2:
            problems.append(f"{age} y: expected the protein and training controls, found {sorted(controls)}")
        for label in lifestyle:
            if controls[label].is_disabled() == adult:
                problems.append(f"{age} y: {label!r} is {'disabled' if adult else 'enabled'}")
        said = "off below 20 years" in nb.summary_text(out)
        if said == adult:
            problems.append(f"{age} y: the 'off below 20 years' note is {'shown' if said else 'missing'}")
        nb.screenshot(nb.cell(cell), f"cell{cell:02d}_explorer_age_{age:02d}")
    assert problems == [], "\n".join(problems)
