"""Self-check questions stored as data, with instant feedback.

Questions live in ``data/questions/<unit>.yaml``: a prompt, the choices, the
index of the right answer, an explanation and a citation key. The same data
serve two places:

* **JupyterLab**: :func:`quiz` returns an ipywidgets box. Picking a choice
  shows at once whether it is right, and why.
* **A static HTML page** (nbconvert or the course site, no kernel): the same
  output carries a ``text/html`` version whose feedback needs neither a kernel
  nor JavaScript; CSS reveals the explanation of the choice the reader picks.

Exercises are checked with :func:`check_answer`, which compares a learner's
number with the library's and says so in words.

>>> qs = load_questions("00_start_here")
>>> all(isinstance(q, Question) for q in qs)
True
>>> print(check_answer(None, expected=2.0, name="your SDS"))
Not attempted yet: replace None with your value for your SDS.
>>> print(check_answer(2.004, expected=2.0, name="your SDS", rel_tol=0.01))
Correct: your SDS = 2.004 matches the library's 2 (within 1%).
"""
from __future__ import annotations

import functools
import html
import math
from dataclasses import dataclass
from numbers import Real

import ipywidgets as widgets
import yaml

from . import data
from ._validate import choice, real, text

__all__ = ["Question", "units", "load_questions", "quiz", "QuestionWidget", "check_answer", "Feedback"]

_QUESTIONS_DIR = "questions"


@dataclass(frozen=True)
class Question:
    """One multiple-choice question; :meth:`validate` says what is wrong with it, if anything."""

    id: str
    prompt: str
    choices: tuple[str, ...]
    answer: int
    explanation: str
    reference: str

    def validate(self, known_keys: set[str]) -> list[str]:
        problems = []
        if not self.id or not self.id.replace("-", "").replace("_", "").isalnum():
            problems.append(f"id {self.id!r} must be letters, digits, '-' or '_'")
        if not self.prompt.strip():
            problems.append("prompt is empty")
        if len(self.choices) < 2:
            problems.append("needs at least two choices")
        if len(set(self.choices)) != len(self.choices):
            problems.append("has duplicate choices")
        if not isinstance(self.answer, int) or not 0 <= self.answer < len(self.choices):
            problems.append(f"answer {self.answer!r} is not an index into its {len(self.choices)} choices")
        if len(self.explanation.strip()) < 20:
            problems.append("explanation is missing or too short to teach anything")
        if self.reference not in known_keys:
            problems.append(f"reference {self.reference!r} is not in data/references.bib")
        return [f"question {self.id!r}: {p}" for p in problems]


def units() -> list[str]:
    """The units that have a question file, sorted."""
    return sorted(p.stem for p in (data.data_dir() / _QUESTIONS_DIR).glob("*.yaml"))


@functools.cache
def _load(unit: str) -> tuple[Question, ...]:
    raw = yaml.safe_load((data.data_dir() / _QUESTIONS_DIR / f"{unit}.yaml").read_text(encoding="utf-8"))
    return tuple(
        Question(
            id=str(q["id"]),
            prompt=str(q["prompt"]),
            choices=tuple(str(c) for c in q["choices"]),
            answer=q["answer"],
            explanation=str(q["explanation"]),
            reference=str(q["reference"]),
        )
        for q in raw["questions"]
    )


def load_questions(unit: str) -> list[Question]:
    """The questions of one unit (for example ``"05_lifespan_trajectory"``), in file order."""
    text(unit, name="unit", what="a unit name")
    choice(unit, name="unit", choices=units())
    return list(_load(unit))


def _progress_hook(question: Question, correct: bool) -> None:
    """Tell the opt-in learner-progress record (:mod:`course_lib.progress`) about a pick; never blocks feedback."""
    try:
        from . import progress

        progress.on_answer(question, correct)
    except Exception:  # progress is optional: a problem there must never stop a quiz
        pass


class QuestionWidget(widgets.VBox):
    """One question in JupyterLab: radio buttons and a feedback line that updates on every pick.

    Tests drive it through :attr:`options` (the RadioButtons) and read
    :attr:`feedback` (an HTML widget), just as a learner clicks and reads.
    """

    def __init__(self, question: Question, number: int):
        self.question = question
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
        verdict = "✔ Correct." if self.correct else "✘ Not quite."
        colour = "#009E73" if self.correct else "#D55E00"
        self.feedback.value = (
            f"<span style='color:{colour}'><b>{verdict}</b></span> {html.escape(self.question.explanation)}"
        )
        _progress_hook(self.question, self.correct)

    def __repr__(self) -> str:
        return f"QuestionWidget({self.question.id!r})"


class Quiz(widgets.VBox):
    """A list of :class:`QuestionWidget` with a static-HTML fallback for pages without a kernel."""

    def __init__(self, unit: str, questions: list[Question]):
        self.unit = unit
        self.questions = [QuestionWidget(q, i) for i, q in enumerate(questions, start=1)]
        super().__init__(self.questions)

    def __repr__(self) -> str:
        return f"Quiz({self.unit!r}, {len(self.questions)} questions)"

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
            raise TypeError(f"ids must be a list of question ids, or None for all questions; got {ids!r} "
                            f"(a {type(ids).__name__}).")
        if not ids:
            raise ValueError("ids must name at least one question, or be None for all questions; got an empty list.")
        by_id = {q.id: q for q in questions}
        for i in ids:
            choice(i, name="ids", choices=list(by_id))
        questions = [by_id[i] for i in ids]
    return Quiz(unit, questions)


def static_html(questions: list[Question]) -> str:
    """The questions as HTML whose feedback works without a kernel or JavaScript (CSS ``:checked``)."""
    parts = []
    for n, q in enumerate(questions, start=1):
        qid = f"cq-{q.id}"
        # No inline style on the feedback blocks: an inline display:none would beat the :checked rule.
        rules = f"#{qid} .cq-fb{{display:none}} " + " ".join(
            f"#{qid}-{i}:checked ~ .{qid}-fb{i}{{display:block}}" for i in range(len(q.choices)))
        inputs = "".join(
            f"<input type='radio' name='{qid}' id='{qid}-{i}'>"
            f"<label for='{qid}-{i}' style='margin-right:1em'>{html.escape(c)}</label><br>"
            for i, c in enumerate(q.choices)
        )
        feedback = "".join(
            f"<div class='cq-fb {qid}-fb{i}'><b>{'✔ Correct.' if i == q.answer else '✘ Not quite.'}</b> "
            f"{html.escape(q.explanation)}</div>"
            for i in range(len(q.choices))
        )
        parts.append(
            f"<div class='course-quiz' id='{qid}'><style>{rules}</style>"
            f"<p><b>Q{n}.</b> {html.escape(q.prompt)}</p>{inputs}{feedback}</div>"
        )
    return "\n".join(parts)


class Feedback(str):
    """The verdict of :func:`check_answer`: a string, so it prints as a sentence; ``.ok`` says if it passed."""

    ok: bool

    def __new__(cls, message: str, ok: bool):
        obj = super().__new__(cls, message)
        obj.ok = ok
        return obj

    def __repr__(self) -> str:
        return str(self)


def check_answer(answer, *, expected: float, name: str = "your answer", rel_tol: float = 0.01, unit: str = "") -> Feedback:
    """Compare a learner's number with the library's value and say how it went.

    ``None`` means "not attempted yet" and is not an error, so an unanswered
    exercise still runs top to bottom. A non-number is a TypeError naming ``name``.
    """
    text(name, name="name", what="a label for the answer, such as 'your SDS'")
    if not isinstance(unit, str):
        raise TypeError(f"unit must be the answer's unit as text (may be empty); got {unit!r} (a {type(unit).__name__}).")
    expected = real(expected, name="expected", unit=unit or "the answer's unit", allow_array=False)
    real(rel_tol, name="rel_tol", unit="fraction", low=0, high=1, low_open=True)
    if answer is None:
        return Feedback(f"Not attempted yet: replace None with your value for {name}.", False)
    if isinstance(answer, bool) or not isinstance(answer, Real):
        raise TypeError(f"{name} must be a number; got {answer!r} (a {type(answer).__name__}).")
    answer = float(answer)
    suffix = f" {unit}" if unit else ""
    within = f"within {rel_tol:.0%}" if rel_tol >= 0.01 else f"within {rel_tol:g} relative"
    if math.isfinite(answer) and math.isclose(answer, expected, rel_tol=rel_tol, abs_tol=1e-12):
        return Feedback(f"Correct: {name} = {answer:.4g}{suffix} matches the library's {expected:.4g}{suffix} ({within}).", True)
    return Feedback(
        f"Not yet: {name} = {answer:.4g}{suffix}, but the library gives {expected:.4g}{suffix}. "
        "Check each step against the formula above and try again.",
        False,
    )
