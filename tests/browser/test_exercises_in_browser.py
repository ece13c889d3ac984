"""Exercises in JupyterLab, as a learner meets them: untouched, answered wrongly, then the solution.

For every cell tagged ``exercise`` in every notebook:

1. after Run All, its output says "Not attempted yet" (the stub runs without error and gives nothing away);
2. the learner's ``None`` is replaced by a wrong number, or ``raise NotImplementedError`` by ``return 0.0``, in
   the cell's editor model, and the cell is run: the output says "Not yet:" and shows no traceback;
3. the hidden solution cell below it is run: its output says "Correct".

That the feedback never contains the expected value is checked without a browser, in tests/test_exercises.py.
"""

from __future__ import annotations

import re

import pytest
from helpers import notebooks, texts

NOTEBOOKS = notebooks()
RUN_TIMEOUT_MS = 60_000

_SET_AND_RUN = """([index, source]) => {
    const panel = window.jupyterapp.shell.currentWidget;
    const cell = panel.content.widgets[index];
    if (source !== null) cell.model.sharedModel.setSource(source);
    panel.content.activeCellIndex = index;
    return window.jupyterapp.commands.execute('notebook:run-cell');
}"""
_COUNT = """(index) => window.jupyterapp.shell.currentWidget.content.widgets[index].model.executionCount"""


def _run(nb, index: int, source: str | None) -> str:
    before = nb.page.evaluate(_COUNT, index)
    nb.page.evaluate(_SET_AND_RUN, [index, source])
    nb.page.wait_for_function(
        f"([i, b]) => {{ const c = ({_COUNT})(i); return c !== null && c !== b; }}",
        arg=[index, before],
        timeout=RUN_TIMEOUT_MS,
    )
    nb.page.wait_for_timeout(200)
    return " ".join(texts(nb.output(index)))


def _wrong_attempt(source: str) -> str | None:
    if "my_labels = None" in source:  # unit 04: one right label in the display spelling, one wrong, the rest missing
        return source.replace(
            "my_labels = None", 'my_labels = {"met05": "human intervention", "bon02": "human intervention"}', 1
        )
    if "raise NotImplementedError" in source:
        return source.replace("raise NotImplementedError", "return 0.0", 1)
    if re.search(r"=\s*None\b", source):
        return re.sub(r"=\s*None\b", "= 12345.678", source, count=1)
    return None


@pytest.mark.browser
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_exercises_say_not_attempted_then_hint_then_correct(lab, path):
    nb = lab.notebook(path)
    cells = nb.source.cells
    found = [i for i, c in enumerate(cells) if "exercise" in c.get("metadata", {}).get("tags", [])]
    if not found:
        pytest.skip(f"{path.name} has no exercises")
    problems = []
    for i in found:
        first = " ".join(texts(nb.output(i)))
        if "Not attempted yet" not in first:
            problems.append(f"cell {i}: after Run All the untouched exercise says {first[:120]!r}")
        wrong = _wrong_attempt(cells[i].source)
        if wrong is not None:
            said = _run(nb, i, wrong)
            if "Not yet" not in said or "Traceback" in said:
                problems.append(f"cell {i}: a wrong attempt gave {said[:200]!r}")
            nb.screenshot(nb.cell(i), f"cell{i:02d}_exercise_wrong_attempt")
        solved = _run(nb, i + 1, None)
        if "Correct" not in solved:
            problems.append(f"cell {i + 1}: the solution says {solved[:200]!r}")
        _run(nb, i, cells[i].source)  # leave the learner's cell as it was
    assert problems == [], f"{path.name}:\n" + "\n".join(problems)
