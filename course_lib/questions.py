"""Self-check questions and exercise checks, as data and plain Python (no widgets).

Questions live in ``course_lib/data/questions/<unit>.yaml``: a prompt, the choices, the
index of the right answer, an explanation and a citation key. This module
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
from ._validate import choice, real, text

__all__ = ["Question", "units", "load_questions", "Feedback", "check_answer"]

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
        if self.citation_key not in known_keys:
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
    return tuple(
        Question(
            id=str(q["id"]),
            prompt=str(q["prompt"]),
            choices=tuple(str(c) for c in q["choices"]),
            answer=q["answer"],
            explanation=str(q["explanation"]),
            citation_key=str(q["citation_key"]),
        )
        for q in raw["questions"]
    )


def load_questions(unit: str) -> list[Question]:
    """The questions of one unit (for example ``"05_lifespan_trajectory"``), in file order."""
    text(unit, name="unit", what="a unit name")
    choice(unit, name="unit", choices=_units())
    return list(_load(unit))


class Feedback(str):
    """The verdict of :func:`check_answer`: a string, so it prints as a sentence; ``.ok`` says if it passed."""

    ok: bool

    def __new__(cls, message: str, ok: bool):
        obj = super().__new__(cls, message)
        obj.ok = ok
        return obj

    def __repr__(self) -> str:
        return str(self)


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
        f"Not yet: {name} = {answer:.4g}{suffix}, but the library gives {expected:.4g}{suffix}. "
        "Check each step against the formula above and try again.",
        False,
    )
