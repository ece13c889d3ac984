"""Predictions: what a learner commits to before a widget or a printout shows its result (data, no widgets).

A prediction is asked *before* the result is on screen, so the learner has something of their own to
compare the result with. The widget that asks it and then reveals the result is
:func:`course_lib.predict.ask`; this module holds the content and the replies, in plain Python.

Predictions live in ``course_lib/data/predictions/<unit>.yaml``. Each has an ``id``, a ``prompt``, an
``explanation`` (shown with the result whatever was predicted) and a ``citation_key`` (a key of
``references.bib``, or ``""`` when the result comes from the course's own model). It is one of two kinds:

* **choice**: ``choices``, each ``{text, response}``, where the response talks to someone who picked
  that choice; ``answer`` is the index of the choice the result bears out. The notebook's result must
  agree with it, and each unit's tests compute the result independently to show that it does.
* **number**: ``number: {unit, low, high}`` (the range a learner may type), ``tolerance`` (relative,
  e.g. 0.25 for within 25%) and ``responses: {low, close, high}``. The true value is not stored: the
  notebook passes the value its model computes (``truth=``), so the reply and the result cannot drift.

>>> p = get("00_start_here", "pred-00-headline")
>>> p.kind
'choice'
>>> verdict, reply = respond(p, p.answer)
>>> verdict
'Your prediction matches the result.'
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import yaml

from . import data
from ._validate import choice, instance, integer, real, text

__all__ = ["Prediction", "units", "load_predictions", "get", "respond"]

_DIR = "predictions"
_NUMBER_KEYS = ("low", "close", "high")


@dataclass(frozen=True)
class Prediction:
    """One prediction; :meth:`validate` lists what is wrong with it, if anything."""

    id: str
    prompt: str
    explanation: str
    citation_key: str = ""
    #: choice kind: the choices, the reply to each, and the index the result bears out.
    choices: tuple[str, ...] = ()
    responses: tuple[str, ...] = ()
    answer: int | None = None
    #: number kind: {"unit", "low", "high"}, the relative tolerance, and replies for low / close / high.
    number: dict = field(default_factory=dict)
    tolerance: float = 0.0
    number_responses: dict = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return "number" if self.number else "choice"

    def validate(self, known_keys: set[str]) -> list[str]:
        problems = []
        if not self.id or not self.id.replace("-", "").isalnum():
            problems.append(f"id {self.id!r} must be letters, digits or '-'")
        if not self.prompt.strip() or not self.explanation.strip():
            problems.append("prompt and explanation must both be written")
        if self.citation_key and self.citation_key not in known_keys:
            problems.append(f"citation_key {self.citation_key!r} is not in references.bib")
        if self.kind == "choice":
            if len(self.choices) < 2:
                problems.append("a choice prediction needs at least two choices")
            if len(self.responses) != len(self.choices) or not all(r.strip() for r in self.responses):
                problems.append("every choice needs its own response")
            if self.answer is None or not 0 <= self.answer < len(self.choices):
                problems.append(f"answer {self.answer!r} is not the index of a choice")
        else:
            if set(self.number) != {"unit", "low", "high"} or not self.number["low"] < self.number["high"]:
                problems.append("number must be {unit, low, high} with low < high")
            if not 0 < self.tolerance < 1:
                problems.append(f"tolerance {self.tolerance!r} must be a fraction between 0 and 1")
            if set(self.number_responses) != set(_NUMBER_KEYS) or not all(self.number_responses.values()):
                problems.append("responses must give low, close and high")
        return problems


def _units() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in (data.data_dir() / _DIR).glob("*.yaml")))


def units() -> list[str]:
    """The units that have predictions, in course order."""
    return list(_units())


def _prediction(p: dict) -> Prediction:
    if "number" in p:
        return Prediction(
            id=p["id"],
            prompt=p["prompt"],
            explanation=p["explanation"],
            citation_key=p.get("citation_key", ""),
            number=dict(p["number"]),
            tolerance=float(p["tolerance"]),
            number_responses=dict(p["responses"]),
        )
    return Prediction(
        id=p["id"],
        prompt=p["prompt"],
        explanation=p["explanation"],
        citation_key=p.get("citation_key", ""),
        choices=tuple(c["text"] for c in p["choices"]),
        responses=tuple(c["response"] for c in p["choices"]),
        answer=p["answer"],
    )


@functools.cache
def _load(unit: str) -> tuple[Prediction, ...]:
    raw = yaml.safe_load((data.data_dir() / _DIR / f"{unit}.yaml").read_text(encoding="utf-8"))
    return tuple(_prediction(p) for p in raw or [])


def load_predictions(unit: str) -> list[Prediction]:
    """All predictions of ``unit`` (a name from :func:`units`), in file order."""
    text(unit, name="unit", what="a unit name")
    choice(unit, name="unit", choices=_units())
    return list(_load(unit))


def get(unit: str, prediction_id: str) -> Prediction:
    """The prediction ``prediction_id`` of ``unit``."""
    by_id = {p.id: p for p in load_predictions(unit)}
    text(prediction_id, name="prediction_id", what="a prediction id")
    choice(prediction_id, name="prediction_id", choices=list(by_id))
    return by_id[prediction_id]


def _shown(value: float) -> str:
    return f"{value:.3g}" if abs(value) < 1e3 else f"{value:,.0f}"


def respond(prediction: Prediction, predicted, truth: float | None = None) -> tuple[str, str]:
    """The verdict and the reply to a learner who predicted ``predicted``.

    For a choice prediction ``predicted`` is the index of the choice picked. For a number prediction it
    is the number typed (in the prediction's unit, inside its range) and ``truth`` is the value the
    model computed; the verdict then says how far apart the two are.
    """
    instance(prediction, name="prediction", types=Prediction, what="a Prediction from predictions.get(unit, id)")
    if prediction.kind == "choice":
        if truth is not None:
            raise TypeError(f"truth is only for number predictions; {prediction.id!r} is a choice prediction.")
        index = integer(predicted, name="predicted", unit="choice index", low=0, high=len(prediction.choices) - 1)
        verdict = (
            "Your prediction matches the result."
            if index == prediction.answer
            else "The result differs from your prediction."
        )
        return verdict, prediction.responses[index]
    unit = prediction.number["unit"]
    low, high = prediction.number["low"], prediction.number["high"]
    value = real(predicted, name="predicted", unit=unit, low=low, high=high)
    if truth is None:
        raise TypeError(f"truth must be the model's value in {unit} for a number prediction; got None.")
    true = real(truth, name="truth", unit=unit, low=low, high=high)
    scale = max(abs(true), 1e-12)
    gap = (value - true) / scale
    if abs(gap) <= prediction.tolerance:
        key = "close"
        verdict = f"Close: you said {_shown(value)} {unit}; the result is {_shown(true)} {unit}."
    else:
        key = "low" if value < true else "high"
        if abs(gap) < 2:
            size = f"about {abs(gap):.0%} {'below' if key == 'low' else 'above'} it"
        elif key == "high":
            size = f"about {value / scale:.2g} times as high"
        else:
            size = "far below it"
        verdict = f"You said {_shown(value)} {unit}; the result is {_shown(true)} {unit}, so you were {size}."
    return verdict, prediction.number_responses[key]
