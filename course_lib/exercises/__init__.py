"""Exercise checks, keyed by exercise id: feedback that points at the mistake, never at the answer.

A notebook's exercise cell holds only the learner's work and one call::

    my_nmol_per_L = None  # replace None with your calculation
    exercises.check("00-ng-to-nmol", my_nmol_per_L)

The expected value lives here, computed from the library, so it is not in the learner's cell. Two kinds:

* :class:`NumericExercise` - the learner computes a number. A wrong number gets its direction and rough size
  ("too high by about 8%", "about 1000 times too high") and the first hint; a number that matches a known
  mistake (a :class:`Mistake`, for example "forgot to divide by the molar mass") gets that mistake's hint
  instead. :func:`hint` with ``level=2`` gives a stronger hint on request.
* :class:`FunctionExercise` - the learner writes a function. :func:`check_function` runs it on several
  cases (:class:`Case`), some of them edge cases the learner does not see, and names the *kind* of case that
  failed ("a very small Kd"), never the expected value.

Each unit's exercises are registered in a module ``_uNN`` (``NN`` is the unit number and the id's prefix),
imported on first use, so checking one exercise does not import every model.

>>> print(check("00-ng-to-nmol", None))
Not attempted yet: replace None with your value for 250 ng/mL in nmol/L.
>>> check("00-ng-to-nmol", 32.68).ok
True
>>> print(check("00-ng-to-nmol", 32.68 * 1.08))
Not yet: your value is too high by about 8%. Re-check: divide the mass concentration by the molar mass, with both in the same units (g/L and g/mol). For a stronger hint: exercises.hint("00-ng-to-nmol", 2).
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from numbers import Real

import numpy as np

from .._validate import choice, flag, instance, integer, text
from ..questions import Feedback, _miss_size

__all__ = [
    "Mistake",
    "NumericExercise",
    "Case",
    "FunctionExercise",
    "CustomExercise",
    "register",
    "get",
    "ids",
    "check",
    "check_function",
    "hint",
    "answer",
]

#: Unit number (the id's prefix) -> the module that registers that unit's exercises.
_UNIT_MODULES = {f"{n:02d}": f"_u{n:02d}" for n in range(8)}
_REGISTRY: dict[str, Exercise] = {}


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer (computed, like the expected value) and the step to re-check when it is given."""

    value: Callable[[], float]
    hint: str


@dataclass(frozen=True)
class NumericExercise:
    """An exercise whose answer is one number.

    ``expected`` computes the right value from the library; ``hints`` are a first and a stronger hint (neither
    may contain the answer); ``mistakes`` are recognised wrong answers with their own hints.
    """

    id: str
    name: str  # what the number is, e.g. "250 ng/mL in nmol/L"
    expected: Callable[[], float]
    hints: tuple[str, str]
    unit: str = ""
    rel_tol: float = 0.01
    mistakes: tuple[Mistake, ...] = ()
    #: Learning-objective numbers (as numbered in the unit's notebook) that the exercise assesses.
    objectives: tuple[int, ...] = ()

    kind = "numeric"


@dataclass(frozen=True)
class Case:
    """One input for a function exercise, with the kind of case it is (shown to the learner when it fails)."""

    kind: str  # e.g. "a very small Kd", "an age between two tabulated rows"
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)


@dataclass(frozen=True)
class FunctionExercise:
    """An exercise in which the learner writes a function; ``reference`` is the library's version of it."""

    id: str
    name: str  # the function's name in the scaffold
    reference: Callable
    cases: tuple[Case, ...]
    hints: tuple[str, str]
    rel_tol: float = 1e-6
    abs_tol: float = 1e-12
    objectives: tuple[int, ...] = ()

    kind = "function"


@dataclass(frozen=True)
class CustomExercise:
    """An exercise whose answer is neither one number nor a function (e.g. a dict of labels).

    ``checker`` takes the learner's answer and returns a :class:`~course_lib.questions.Feedback` that, like
    every check here, says what to re-check without giving the answer.
    """

    id: str
    name: str
    checker: Callable[[object], Feedback]
    hints: tuple[str, str]
    objectives: tuple[int, ...] = ()

    kind = "custom"


Exercise = NumericExercise | FunctionExercise | CustomExercise


def register(exercise: Exercise) -> Exercise:
    """Add an exercise to the registry (each id once; its prefix must be a unit number)."""
    instance(
        exercise,
        name="exercise",
        types=(NumericExercise, FunctionExercise, CustomExercise),
        what="a NumericExercise, FunctionExercise or CustomExercise",
    )
    if exercise.id in _REGISTRY:
        raise ValueError(f"exercise id {exercise.id!r} is registered twice; ids must be unique.")
    if exercise.id[:2] not in _UNIT_MODULES or exercise.id[2:3] != "-":
        raise ValueError(f"exercise id {exercise.id!r} must start with a unit number and a dash, e.g. '03-free-igf1'.")
    if len(exercise.hints) != 2 or not all(isinstance(h, str) and h.strip() for h in exercise.hints):
        raise ValueError(f"exercise {exercise.id!r} needs two non-empty hints (a first and a stronger one).")
    if isinstance(exercise, FunctionExercise) and len(exercise.cases) < 3:
        raise ValueError(f"function exercise {exercise.id!r} needs at least three cases.")
    _REGISTRY[exercise.id] = exercise
    return exercise


def _load_unit(prefix: str) -> None:
    importlib.import_module(f"{__name__}.{_UNIT_MODULES[prefix]}")


def ids() -> list[str]:
    """Every registered exercise id, in course order (imports every unit's exercises)."""
    for prefix in _UNIT_MODULES:
        _load_unit(prefix)
    return sorted(_REGISTRY)


def get(exercise_id: str) -> Exercise:
    """The exercise registered under ``exercise_id`` (a clear ValueError naming the known ids if there is none)."""
    text(exercise_id, name="exercise_id", what="an exercise id such as '03-free-igf1'")
    prefix = exercise_id[:2]
    if prefix in _UNIT_MODULES:
        _load_unit(prefix)
    if exercise_id not in _REGISTRY:
        known = sorted(k for k in _REGISTRY if k.startswith(prefix)) or ids()
        choice(exercise_id, name="exercise_id", choices=known)
    return _REGISTRY[exercise_id]


def _more(exercise_id: str) -> str:
    return f'For a stronger hint: exercises.hint("{exercise_id}", 2).'


def check(exercise_id: str, answer, *, must_pass: bool = False) -> Feedback:
    """Check a learner's number for a numeric exercise; the feedback never states the expected value.

    ``must_pass=True`` (used by the hidden solution cells) raises AssertionError unless the answer is right,
    so a broken solution fails the notebook run and nbval.
    """
    must_pass = flag(must_pass, name="must_pass")
    feedback = _check(exercise_id, answer)
    if must_pass and not feedback.ok:
        raise AssertionError(f"the solution for {exercise_id!r} does not pass its check: {feedback}")
    return feedback


def _check(exercise_id: str, answer) -> Feedback:
    ex = get(exercise_id)
    if isinstance(ex, CustomExercise):
        feedback = ex.checker(answer)
        if feedback.ok or str(feedback).startswith("Not attempted"):
            return feedback
        return Feedback(f"Not yet: {feedback} {_more(exercise_id)}", False)
    if not isinstance(ex, NumericExercise):
        raise TypeError(f"{exercise_id!r} is a function exercise: use exercises.check_function({exercise_id!r}, f).")
    if answer is None:
        return Feedback(f"Not attempted yet: replace None with your value for {ex.name}.", False)
    if isinstance(answer, bool) or not isinstance(answer, Real):
        raise TypeError(
            f"your answer for {ex.name} must be a number{f' in {ex.unit}' if ex.unit else ''}; "
            f"got {answer!r} (a {type(answer).__name__})."
        )
    answer = float(answer)
    if not math.isfinite(answer):
        return Feedback(f"Not yet: your value for {ex.name} is {answer}, not a finite number. {ex.hints[0]}", False)
    expected = float(ex.expected())
    suffix = f" {ex.unit}" if ex.unit else ""
    if math.isclose(answer, expected, rel_tol=ex.rel_tol, abs_tol=1e-12):
        return Feedback(f"Correct: {ex.name} = {answer:.4g}{suffix}.", True)
    for mistake in ex.mistakes:
        if math.isclose(answer, float(mistake.value()), rel_tol=ex.rel_tol, abs_tol=1e-12):
            return Feedback(f"Not yet: {mistake.hint} {_more(exercise_id)}", False)
    return Feedback(
        f"Not yet: your value {_miss_size(answer, expected)}. Re-check: {ex.hints[0]} {_more(exercise_id)}", False
    )


def _close(got, want, ex: FunctionExercise) -> bool:
    try:
        g = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return False
    w = np.asarray(want, dtype=float)
    return g.shape == w.shape and bool(np.all(np.isclose(g, w, rtol=ex.rel_tol, atol=ex.abs_tol)))


def check_function(exercise_id: str, function, *, must_pass: bool = False) -> Feedback:
    """Run a learner's function on the exercise's cases; name the kind of case that failed, never the value.

    ``must_pass=True`` (solution cells) raises AssertionError unless every case passes.
    """
    must_pass = flag(must_pass, name="must_pass")
    feedback = _check_function(exercise_id, function)
    if must_pass and not feedback.ok:
        raise AssertionError(f"the solution for {exercise_id!r} does not pass its check: {feedback}")
    return feedback


def _check_function(exercise_id: str, function) -> Feedback:
    ex = get(exercise_id)
    if not isinstance(ex, FunctionExercise):
        raise TypeError(f"{exercise_id!r} is a numeric exercise: use exercises.check({exercise_id!r}, value).")
    if not callable(function):
        raise TypeError(
            f"function must be your function itself, e.g. check_function({exercise_id!r}, {ex.name}); "
            f"got {function!r} (a {type(function).__name__})."
        )
    passed: list[str] = []
    failed: list[str] = []
    for case in ex.cases:
        want = ex.reference(*case.args, **case.kwargs)
        try:
            got = function(*case.args, **case.kwargs)
        except NotImplementedError:
            return Feedback(
                f"Not attempted yet: write the body of {ex.name} (replace `raise NotImplementedError`).", False
            )
        except Exception as err:  # the learner's code: report, don't crash the notebook
            failed.append(f"{case.kind}: it raised {type(err).__name__} ({err})")
            continue
        if got is None:
            return Feedback(f"Not yet: {ex.name} returned None. Did you forget the `return` line?", False)
        (passed if _close(got, want, ex) else failed).append(case.kind)
    if not failed:
        return Feedback(
            f"Correct: {ex.name} gives the right answer for all {len(ex.cases)} cases, edge cases included.", True
        )
    wrong = "; ".join(failed)
    ok = f" It is right for {len(passed)} of {len(ex.cases)} cases." if passed else ""
    return Feedback(f"Not yet: {ex.name} is wrong for {wrong}.{ok} Re-check: {ex.hints[0]} {_more(exercise_id)}", False)


def hint(exercise_id: str, level: int = 1) -> str:
    """The first (``level=1``) or the stronger (``level=2``) hint for an exercise; neither states the answer."""
    ex = get(exercise_id)
    level = integer(level, name="level", unit="", low=1, high=2)
    return ex.hints[level - 1]


def answer(exercise_id: str) -> str:
    """The expected answer as text, for the instructor kit (learner notebooks never call this)."""
    ex = get(exercise_id)
    if isinstance(ex, NumericExercise):
        return f"{ex.name} = {float(ex.expected()):.4g}{f' {ex.unit}' if ex.unit else ''}"
    if isinstance(ex, CustomExercise):
        return f"{ex.name}: see the solution cell"
    kinds = ", ".join(c.kind for c in ex.cases)
    return f"{ex.name} must match the library's {ex.reference.__module__}.{ex.reference.__name__} on: {kinds}"
