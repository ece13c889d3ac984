"""Every notebook, run top to bottom in JupyterLab in Chromium, shows what a learner should see.

nbval proves the kernel side runs; this proves the page renders: no error or
stderr output, no broken widget, every plotly figure drawn with traces, no
browser console error, and no request leaving 127.0.0.1 (the course works offline).
"""

from __future__ import annotations

import pytest
from helpers import ARTIFACTS, PANEL, notebooks

PLOTLY_MIME = "application/vnd.plotly.v1+json"
NOTEBOOKS = notebooks()

#: Console errors that are not the course's fault, each with the reason it is tolerated.
#: Keep this empty unless a message is understood and harmless.
CONSOLE_ALLOWED: dict[str, str] = {}


def _stored_figure_cells(nb) -> list[int]:
    return [
        i
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and any(PLOTLY_MIME in o.get("data", {}) for o in c.get("outputs", []))
    ]


def test_the_browser_tests_find_the_notebooks():
    assert NOTEBOOKS, "no notebooks/NN_*.ipynb found"


def page_problems(nb) -> list[str]:
    """Everything a learner would see go wrong on ``nb``'s page after Run All."""
    source = nb.source
    problems = list(nb.output_problems())

    # Every code cell ran in this session (outputs were cleared before Run All).
    counts = nb.execution_counts()
    if len(counts) != len(nb.code_cell_indices()) or None in counts:
        problems.append(f"not every code cell ran: execution counts {counts}")

    # Every cell that stores a plotly figure shows one again, drawn with traces.
    for i in _stored_figure_cells(source):
        sig = nb.figure_signature(nb.output(i))
        if not sig:
            problems.append(f"cell {i}: stores a plotly figure but none rendered")
        elif not all(f["traces"] or f["images"] for f in sig):
            problems.append(f"cell {i}: a plotly figure rendered without any trace")
    # ... and so does every other figure on the page (FigureWidgets inside widgets).
    for n, fig in enumerate(nb.figure_signature(nb.panel)):
        if not (fig["traces"] or fig["images"]):
            problems.append(f"figure {n} on the page has no rendered trace")

    if any("no rendered trace" in p for p in problems):
        models = nb.figure_widget_models() or []
        empty = [m for m in models if not m["traces"]]
        if empty:
            problems.append(
                f"diagnosis: {len(empty)} of {len(models)} FigureWidget models in the browser hold no trace data "
                "(_widget_data empty, _view_count unset). The course's widgets build their figures with traces, so the "
                "state update the kernel sends right after opening a FigureWidget never reached the browser model: "
                "a FigureWidget that never started in the browser (see course_lib/widgets/frontend.py). A learner sees "
                "empty axes."
            )
    # plotly's FigureWidget code came from the server once for the whole page, not with every figure
    # (course_lib/widgets/frontend.py; make installs the copy). Per-figure loading missed anywidget's
    # 2 s start-up limit on a busy machine, leaving figures that never followed their controls.
    loads = nb.plotly_code_loads()
    if (nb.figure_widget_models() or []) and loads != 1:
        problems.append(
            f"plotly's widget code was fetched {loads} times from the server; expected once per page "
            "(is the copy installed? python -m course_lib.widgets.frontend)"
        )
    errors = [e for e in nb.console_errors if not any(a in e for a in CONSOLE_ALLOWED)]
    if errors:
        problems.append(f"browser console errors: {errors[:5]}")
    if nb.external_requests:
        problems.append(f"requests left 127.0.0.1 (the course must work offline): {nb.external_requests[:5]}")
    return problems


@pytest.mark.browser
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_and_renders_in_jupyterlab(lab, path):
    nb = lab.notebook(path)
    problems = page_problems(nb)

    # Screenshots: the top of the notebook, and every cell with a figure, widget or table.
    nb.panel.locator(".jp-WindowedPanel-outer").first.evaluate("e => { e.scrollTop = 0; }")
    nb.page.wait_for_timeout(300)
    nb.page.locator(PANEL).screenshot(path=str(ARTIFACTS / path.stem / "00_page_top.png"))
    for i in nb.code_cell_indices():
        out = nb.output(i)
        if out.locator(".js-plotly-plot, .jupyter-widgets, table").count():
            nb.screenshot(nb.cell(i), f"cell{i:02d}_after_run_all")

    assert problems == [], f"{path.name}:\n" + "\n".join(problems)
