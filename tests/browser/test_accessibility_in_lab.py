"""The course's own output areas in JupyterLab under axe-core WCAG 2.2 AA (issue 20): every prediction committed,
so the widgets, figures, quizzes and predictions a learner sees are all on the page."""

from __future__ import annotations

import pytest
from helpers import PANEL, notebooks

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: Violations inside third-party widgets the course cannot fix: rule -> (markup it is found on, upstream issue).
#: The list may only shrink.
UPSTREAM_AXE = {
    # ipywidgets draws sliders with noUiSlider, whose handle (role=slider) has no accessible name.
    "aria-input-field-name": ("noUi-handle", "https://github.com/leongersen/noUiSlider/issues/1223"),
}


@pytest.mark.browser
@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.stem)
def test_output_areas_pass_axe(lab, path):
    from axe_playwright_python.sync_playwright import Axe

    nb = lab.notebook(path)
    for index in nb.prediction_cells():
        nb.commit_predictions(index)
    result = Axe().run(
        nb.page,
        context={"include": [[f"{PANEL} .jp-OutputArea"]]},
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}},
    )
    unexplained = [
        (v["id"], n["html"][:80])
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
        for n in v["nodes"]
        if not (v["id"] in UPSTREAM_AXE and UPSTREAM_AXE[v["id"]][0] in n["html"])
    ]
    assert unexplained == []
