"""Every prediction, in JupyterLab, as a learner meets it: nothing shown before committing, a wrong
prediction gets the reply to that prediction with the result, and after re-running the cell a right one
gets "matches" (a choice) or "Close" (a number). Screenshots of both land in test-artifacts/.

The right choice comes from the prediction's data; the right number is read from the reply to the wrong
one ("the result is X"), so the test needs no copy of the model.
"""

from __future__ import annotations

import re

import pytest
from helpers import PREDICT_CALL, notebooks, wait_until

from course_lib import predictions

ASK = re.compile(r"predict\.ask\(\s*\"([^\"]+)\",\s*\"([^\"]+)\"")
RESULT = re.compile(r"the result is (-?[\d.,e+]+)")
WITH_PREDICTIONS = [p for p in notebooks() if PREDICT_CALL.search(p.read_text(encoding="utf-8"))]


def _box(nb, i):
    return nb.output(i).locator(".course-prediction").first


def _reply(box) -> str:
    return box.locator(".widget-html-content").nth(1).text_content() or ""


def _rerun(nb, i) -> None:
    nb.cell(i).locator(".jp-InputPrompt").first.click()
    nb.page.keyboard.press("Control+Enter")
    wait_until(
        lambda: (
            _box(nb, i).locator(".course-prediction-input input:enabled").count() > 0
            and _box(nb, i).locator(".course-prediction-result .jp-OutputArea-output").count() == 0
        ),
        30.0,
    )


def _commit(box, p, value) -> None:
    if p.kind == "choice":
        box.locator(".course-prediction-input .widget-radio-box label").nth(value).click()
    else:
        entry = box.locator(".course-prediction-input input[type=number]").first
        entry.fill(f"{value:g}")
        entry.press("Enter")
        box.locator(".course-prediction-input button").first.click()
    wait_until(lambda: box.locator(".course-prediction-result .jp-OutputArea-output").count() > 0, 30.0)


@pytest.mark.browser
@pytest.mark.parametrize("path", WITH_PREDICTIONS, ids=[p.stem for p in WITH_PREDICTIONS])
def test_every_prediction_hides_the_result_and_replies_to_the_prediction(lab, path):
    nb = lab.notebook(path)
    problems = []
    for i in nb.prediction_cells():
        unit, pid = ASK.search(nb.source.cells[i].source).groups()
        p = predictions.get(unit, pid)
        box = _box(nb, i)
        box.scroll_into_view_if_needed()
        if box.locator(".course-prediction-result .jp-OutputArea-output").count():
            problems.append(f"cell {i} {pid}: the result is shown before any prediction")
        if p.kind == "choice":
            wrong = next(k for k in range(len(p.choices)) if k != p.answer)
            right = p.answer
        else:
            low, high = p.number["low"], p.number["high"]
            wrong = low + 0.97 * (high - low)
        _commit(box, p, wrong)
        said = _reply(box)
        nb.screenshot(nb.cell(i), f"cell{i:02d}_prediction_wrong")
        if p.kind == "choice":
            if "differs" not in said or p.responses[wrong][:30] not in said:
                problems.append(f"cell {i} {pid}: a wrong choice got {said[:120]!r}")
        else:
            m = RESULT.search(said)
            if not m or not ("above" in said or "as high" in said):
                problems.append(f"cell {i} {pid}: a far-too-high number got {said[:160]!r}")
                continue
            right = float(m.group(1).replace(",", ""))
        if box.locator(".course-prediction-input input:enabled").count():
            problems.append(f"cell {i} {pid}: the prediction can still be changed after committing")
        _rerun(nb, i)
        box = _box(nb, i)
        _commit(box, p, right)
        said = _reply(box)
        nb.screenshot(nb.cell(i), f"cell{i:02d}_prediction_right")
        if ("matches" if p.kind == "choice" else "Close") not in said:
            problems.append(f"cell {i} {pid}: the right prediction got {said[:160]!r}")
    assert problems == [], "\n".join(problems)
