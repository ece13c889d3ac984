"""Self-check quizzes in JupyterLab, with a static-HTML fallback.

The questions are data (:mod:`course_lib.questions` reads them); this module
shows them:

* **JupyterLab**: :func:`quiz` returns an ipywidgets box. Picking a choice
  shows at once whether it is right, and why, and tells the opt-in progress
  record (:mod:`course_lib.progress`) which unit and question it was.
* **A static HTML page** (nbconvert or the course site, no kernel): the same
  output carries a ``text/html`` version whose feedback needs neither a kernel
  nor JavaScript; CSS reveals the explanation of the choice the reader picks.

Exercises are checked with :func:`check_answer`, which compares a learner's
number with the library's and says so in words. It is defined in
:mod:`course_lib.questions` and is part of this module's API too, because the
notebooks' exercise cells call ``quiz.check_answer(...)``.

>>> qs = load_questions("00_start_here")
>>> all(isinstance(q, Question) for q in qs)
True
>>> print(check_answer(None, expected=2.0, name="your SDS"))
Not attempted yet: replace None with your value for your SDS.
>>> print(check_answer(2.004, expected=2.0, name="your SDS", rel_tol=0.01))
Correct: your SDS = 2.004 matches the library's 2 (within 1%).
"""

from __future__ import annotations

import html
import warnings

import ipywidgets as widgets

from . import progress
from ._validate import choice, instance, items
from .questions import Feedback, Question, check_answer, feedback_for, load_questions, units

__all__ = [
    "Question",
    "units",
    "load_questions",
    "quiz",
    "Quiz",
    "QuestionWidget",
    "static_html",
    "check_answer",
    "Feedback",
]


def _progress_hook(unit: str, question: Question, correct: bool) -> None:
    """Tell the opt-in learner-progress record (:mod:`course_lib.progress`) about a pick; never blocks feedback.

    A failure there is reported as a warning naming the error, and the quiz goes on.
    """
    try:
        progress.on_answer(unit, question, correct)
    except Exception as exc:  # progress is optional: a problem there must never stop a quiz
        warnings.warn(
            f"course_lib.progress could not record the answer to {question.id!r} "
            f"({type(exc).__name__}: {exc}); the quiz works as usual.",
            RuntimeWarning,
            stacklevel=2,
        )


class QuestionWidget(widgets.VBox):
    """One question in JupyterLab: radio buttons and a feedback line that updates on every pick.

    Tests drive it through :attr:`options` (the RadioButtons) and read
    :attr:`feedback` (an HTML widget), just as a learner clicks and reads.
    """

    def __init__(self, question: Question, number: int, unit: str):
        self.question = question
        self.unit = unit
        self.prompt = widgets.HTML(f"<b>Q{number}.</b> {html.escape(question.prompt)}")
        self.options = widgets.RadioButtons(
            options=list(question.choices), value=None, layout=widgets.Layout(width="auto")
        )
        self.feedback = widgets.HTML("<i>Pick an answer to see feedback.</i>")
        self.options.observe(self._on_pick, names="value")
        super().__init__([self.prompt, self.options, self.feedback], layout=widgets.Layout(margin="0 0 12px 0"))

    @property
    def correct(self) -> bool:
        return self.options.index == self.question.answer

    def _on_pick(self, _change=None) -> None:
        if self.options.index is None:
            return
        colour = "#009E73" if self.correct else "#D55E00"
        verdict, body = feedback_for(self.question, self.options.index)
        self.feedback.value = f"<span style='color:{colour}'><b>{verdict}</b></span> {html.escape(body)}"
        _progress_hook(self.unit, self.question, self.correct)

    def __repr__(self) -> str:
        return f"QuestionWidget({self.question.id!r})"


class Quiz(widgets.VBox):
    """A list of :class:`QuestionWidget` with a static-HTML fallback for pages without a kernel."""

    def __init__(self, unit: str, questions: list[Question]):
        self.unit = unit
        self.questions = [QuestionWidget(q, i, unit) for i, q in enumerate(questions, start=1)]
        super().__init__(self.questions)

    def __repr__(self) -> str:
        n = len(self.questions)
        return f"Quiz({self.unit!r}, {n} question{'' if n == 1 else 's'})"

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        bundle["text/html"] = static_html([w.question for w in self.questions])
        return bundle


def quiz(unit: str, ids: list[str] | None = None) -> Quiz:
    """Build the self-check quiz for a unit (all its questions, or those named in ``ids``)."""
    questions = load_questions(unit)
    if ids is not None:
        if isinstance(ids, str) or not isinstance(ids, (list, tuple)):
            raise TypeError(
                f"ids must be a list of question ids, or None for all questions; got {ids!r} (a {type(ids).__name__})."
            )
        if not ids:
            raise ValueError("ids must name at least one question, or be None for all questions; got an empty list.")
        by_id = {q.id: q for q in questions}
        for i in ids:
            choice(i, name="ids", choices=list(by_id))
        questions = [by_id[i] for i in ids]
    return Quiz(unit, questions)


def static_html(questions: list[Question]) -> str:
    """The questions as HTML whose feedback works without a kernel or JavaScript (CSS ``:checked``).

    ``questions`` is a non-empty list of :class:`Question`, such as :func:`load_questions` returns.
    """
    what = "a non-empty list of Questions, such as quiz.load_questions(unit) returns"
    for q in items(questions, name="questions", types=(list, tuple), what=what):
        instance(q, name="questions", types=Question, what=what)
    parts = []
    for n, q in enumerate(questions, start=1):
        qid = f"cq-{q.id}"
        # No inline style on the feedback blocks: an inline display:none would beat the :checked rule.
        rules = f"#{qid} .cq-fb{{display:none}} " + " ".join(
            f"#{qid}-{i}:checked ~ .{qid}-fb{i}{{display:block}}" for i in range(len(q.choices))
        )
        inputs = "".join(
            f"<input type='radio' name='{qid}' id='{qid}-{i}'>"
            f"<label for='{qid}-{i}' style='margin-right:1em'>{html.escape(c)}</label><br>"
            for i, c in enumerate(q.choices)
        )
        feedback = "".join(
            f"<div class='cq-fb {qid}-fb{i}'><b>{verdict}</b> {html.escape(body)}</div>"
            for i, (verdict, body) in enumerate(feedback_for(q, i) for i in range(len(q.choices)))
        )
        parts.append(
            f"<div class='course-quiz' id='{qid}'><style>{rules}</style>"
            f"<p><b>Q{n}.</b> {html.escape(q.prompt)}</p>{inputs}{feedback}</div>"
        )
    return "\n".join(parts)
