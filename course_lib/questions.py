"""Self-check questions and exercise checks, as data and plain Python (no widgets).

Questions live in ``course_lib/data/questions/<unit>.yaml``: a prompt, the choices (each with its
own feedback, addressed to the misconception that choice represents), the index of the right answer,
an explanation shown once the right answer is picked, a citation key, and the numbers of the unit's
learning objectives the question assesses (``objectives: [1, 3]``, as numbered in the notebook). This module
reads them (:func:`units`, :func:`load_questions`) and checks exercises
(:func:`check_answer`, which returns a :class:`Feedback`). It imports no
ipywidgets and no IPython, so :mod:`course_lib.progress` and the models can use
it; the widgets that show the questions are in :mod:`course_lib.quiz`.

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
import math
from dataclasses import dataclass
from numbers import Real

import yaml

from . import data
from ._validate import choice, instance, integer, real, text

__all__ = ["Question", "units", "load_questions", "feedback_for", "Feedback", "check_answer"]

_QUESTIONS_DIR = "questions"


@dataclass(frozen=True)
class Question:
    """One multiple-choice question; :meth:`validate` says what is wrong with it, if anything."""

    id: str
    prompt: str
    choices: tuple[str, ...]
    answer: int
    explanation: str
    citation_key: str
    #: Per-choice feedback, one per choice ("" where a file has not given one).
    feedback: tuple[str, ...] = ()
    #: Learning-objective numbers (1-based, as numbered in the unit's notebook) this question assesses.
    objectives: tuple[int, ...] = ()
    #: Why the question cites no paper, when it does not (a property of the course itself or of an equation);
    #: then ``citation_key`` is "". A question has exactly one of the two.
    uncited: str = ""

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
        if self.feedback and len(self.feedback) != len(self.choices):
            problems.append(f"has {len(self.feedback)} feedback texts for {len(self.choices)} choices")
        if any(not isinstance(o, int) or isinstance(o, bool) or o < 1 for o in self.objectives):
            problems.append(f"objectives {self.objectives!r} must be learning-objective numbers (1, 2, ...)")
        if self.uncited:
            if self.citation_key:
                problems.append("has both a citation_key and an 'uncited' reason; keep the one that is true")
            elif len(self.uncited.strip()) < 20:
                problems.append("'uncited' must say in a sentence why no paper supports the statement")
        elif self.citation_key not in known_keys:
            problems.append(f"citation_key {self.citation_key!r} is not in data/references.bib")
        return [f"question {self.id!r}: {p}" for p in problems]


@functools.cache
def _units() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in (data.data_dir() / _QUESTIONS_DIR).glob("*.yaml")))


def units() -> list[str]:
    """The units that have a question file, sorted."""
    return list(_units())


@functools.cache
def _load(unit: str) -> tuple[Question, ...]:
    raw = yaml.safe_load((data.data_dir() / _QUESTIONS_DIR / f"{unit}.yaml").read_text(encoding="utf-8"))
    return tuple(_question(q) for q in raw["questions"])


def _question(q: dict) -> Question:
    """One question from its YAML mapping; a choice is a string or ``{text: ..., feedback: ...}``."""
    choices = [c if isinstance(c, dict) else {"text": c} for c in q["choices"]]
    feedback = tuple(str(c.get("feedback", "")) for c in choices)
    return Question(
        id=str(q["id"]),
        prompt=str(q["prompt"]),
        choices=tuple(str(c["text"]) for c in choices),
        answer=q["answer"],
        explanation=str(q["explanation"]),
        citation_key=str(q.get("citation_key") or ""),
        feedback=feedback if any(feedback) else (),
        objectives=tuple(q.get("objectives", ())),
        uncited=str(q.get("uncited") or ""),
    )


def load_questions(unit: str) -> list[Question]:
    """The questions of one unit (for example ``"05_lifespan_trajectory"``), in file order."""
    text(unit, name="unit", what="a unit name")
    choice(unit, name="unit", choices=_units())
    return list(_load(unit))


def feedback_for(question: Question, index: int) -> tuple[str, str]:
    """The verdict and the text shown when choice ``index`` is picked.

    A wrong choice gets its own feedback (the misconception it stands for) and an invitation to try again,
    not the explanation, which would give the answer away. The right choice gets its feedback and the
    explanation. Questions without per-choice feedback show the explanation for every choice.
    """
    instance(question, name="question", types=Question, what="a Question, such as load_questions(unit) returns")
    index = integer(index, name="index", unit="", low=0, high=len(question.choices) - 1)
    own = question.feedback[index] if question.feedback else ""
    if index == question.answer:
        return "✔ Correct.", " ".join(t for t in (own, question.explanation) if t)
    if own:
        return "✘ Not quite.", f"{own} Try another answer."
    return "✘ Not quite.", question.explanation


class Feedback(str):
    """The verdict of :func:`check_answer`: a string, so it prints as a sentence; ``.ok`` says if it passed."""

    ok: bool

    def __new__(cls, message: str, ok: bool):
        obj = super().__new__(cls, message)
        obj.ok = ok
        return obj

    def __repr__(self) -> str:
        return str(self)


def _miss_size(answer: float, expected: float) -> str:
    """Direction and rough size of a wrong number, without giving the right one."""
    if expected != 0 and math.copysign(1, answer) != math.copysign(1, expected) and answer != 0:
        return "has the wrong sign"
    if expected == 0 or answer == 0:
        return "is too high" if answer > expected else "is too low"
    ratio = answer / expected
    if 0.5 <= ratio <= 2:
        pct = abs(ratio - 1) * 100
        rounded = float(f"{pct:.1g}") if pct >= 1 else round(pct, 1)
        return f"is too {'high' if ratio > 1 else 'low'} by about {rounded:g}%"
    factor = ratio if ratio > 1 else 1 / ratio
    rounded = float(f"{factor:.1g}")
    way = "high" if ratio > 1 else "low"
    note = " (a power of ten: check the units)" if abs(math.log10(factor) - round(math.log10(factor))) < 0.02 else ""
    return f"is about {rounded:g} times too {way}{note}"


def check_answer(
    answer, *, expected: float, name: str = "your answer", rel_tol: float = 0.01, unit: str = ""
) -> Feedback:
    """Compare a learner's number with the library's value and say how it went.

    ``None`` means "not attempted yet" and is not an error, so an unanswered
    exercise still runs top to bottom. A non-number is a TypeError naming ``name``.
    """
    text(name, name="name", what="a label for the answer, such as 'your SDS'")
    if not isinstance(unit, str):
        raise TypeError(
            f"unit must be the answer's unit as text (may be empty); got {unit!r} (a {type(unit).__name__})."
        )
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
        return Feedback(
            f"Correct: {name} = {answer:.4g}{suffix} matches the library's {expected:.4g}{suffix} ({within}).", True
        )
    return Feedback(
        f"Not yet: {name} = {answer:.4g}{suffix} {_miss_size(answer, expected)}. "
        "Check each step against the formula above and try again.",
        False,
    )
