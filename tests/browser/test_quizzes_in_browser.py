"""Self-check quizzes give the right feedback when a learner clicks an answer in JupyterLab.

For every question shown, the test clicks a wrong choice and expects
"✘ Not quite." plus that choice's own feedback (not the explanation, which would give the answer away),
then the right choice and expects "✔ Correct." plus the explanation. Which choice is right comes from ``course_lib/data/questions/*.yaml``
(read through ``course_lib.quiz``), matched to the page by the prompt text.
"""

from __future__ import annotations

import re

import pytest
from helpers import notebooks, texts

from course_lib import quiz

NOTEBOOKS = notebooks()
FEEDBACK_TIMEOUT_MS = 10_000


def _all_questions() -> dict[str, quiz.Question]:
    return {q.prompt: q for unit in quiz.units() for q in quiz.load_questions(unit)}


@pytest.mark.browser
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_quiz_feedback_for_right_and_wrong_answers(lab, path):
    nb = lab.notebook(path)
    cells = nb.quiz_cells()
    assert cells, f"{path.name} has no self-check quiz (a cell calling quiz.quiz(...)); CONTRIBUTING asks for one"
    known = _all_questions()
    problems, asked = [], 0
    for i in cells:
        boxes = nb.output(i).locator(".widget-vbox:has(> .widget-radio)").all()
        if not boxes:
            problems.append(f"cell {i}: the quiz rendered no question")
        for box in boxes:
            prompt_text = texts(box.locator(":scope > .widget-html .widget-html-content"))[0].strip()
            prompt = re.sub(r"^Q\d+\.\s*", "", prompt_text)
            q = known.get(prompt)
            if q is None:
                problems.append(f"cell {i}: question {prompt[:60]!r} is not in data/questions")
                continue
            labels = box.locator(".widget-radio-box label")
            shown = [t.strip() for t in texts(labels)]
            if shown != list(q.choices):
                problems.append(f"cell {i}, {q.id}: choices shown {shown} differ from the stored {list(q.choices)}")
                continue
            feedback = box.locator(":scope > .widget-html").last
            wrong = (q.answer + 1) % len(q.choices)
            box.scroll_into_view_if_needed()
            for index, verdict in ((wrong, "✘ Not quite."), (q.answer, "✔ Correct.")):
                labels.nth(index).click()
                try:
                    nb.page.wait_for_function(
                        "([el, v]) => el.textContent.includes(v)",
                        arg=[feedback.element_handle(), verdict],
                        timeout=FEEDBACK_TIMEOUT_MS,
                    )
                except Exception:
                    problems.append(
                        f"cell {i}, {q.id}: clicked {q.choices[index]!r}, expected {verdict!r}, "
                        f"feedback reads {texts(feedback)[0][:80]!r}"
                    )
                    continue
                shown_text = texts(feedback)[0]
                own = q.feedback[index][:40] if q.feedback else ""
                if own and own not in shown_text:
                    problems.append(f"cell {i}, {q.id}: feedback does not show that choice's own feedback")
                if index == q.answer and q.explanation[:40] not in shown_text:
                    problems.append(f"cell {i}, {q.id}: the right answer does not show the explanation")
                if index != q.answer and q.feedback and q.explanation[:40] in shown_text:
                    problems.append(f"cell {i}, {q.id}: a wrong answer shows the explanation (the answer)")
            asked += 1
        nb.screenshot(nb.cell(i), f"cell{i:02d}_quiz_answered")
    assert asked > 0 or problems, f"{path.name}: no quiz question was answered"
    assert problems == [], f"{path.name}:\n" + "\n".join(problems)
