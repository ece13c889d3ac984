"""Learner progress: which units and self-check questions you have completed (opt-in, local).

Nothing is recorded until you opt in, and nothing ever leaves your computer.

* **Opt in** with :func:`enable`. It creates one small JSON file; from then on,
  every answer you pick in a self-check quiz is noted there, in this and every
  later session (kernel restarts included), until you erase it.
* **Where:** ``~/.igf1-course/progress.json`` in your home folder, or the path in
  the environment variable ``IGF1_COURSE_PROGRESS`` if it is set.
  :func:`location` returns the path in use.
* **See it** with :func:`summary` (a table per unit) or :func:`status` (one line).
* **Erase it** with :func:`erase`, or delete the file by hand. Erasing also
  opts you out; :func:`enable` opts you in again with a fresh file.

What is stored per question: its unit, the number of attempts, whether any
attempt was right, and the first and last time you answered (UTC). A unit is
*complete* when every one of its questions has been answered correctly once.

Reliability
    The file is written **atomically**: the new content goes to a temporary file
    in the same folder, is flushed to disk, and then replaces the old file in one
    step (:func:`os.replace`). A crash or a killed kernel in the middle of a
    write therefore leaves either the old file or the new one, never half of
    each. A missing, unreadable or corrupt file never stops the course: the quiz
    keeps giving feedback, :func:`summary` reports nothing recorded, and the next
    recorded answer moves a corrupt file aside (``progress.json.corrupt``) and
    starts a fresh one. Two notebooks answering at the same moment are
    serialised with a lock file where the platform supports it (POSIX).

The quiz (:mod:`course_lib.quiz`) calls :func:`on_answer` with the unit and the
question after every pick; it returns at once when you have not opted in. The
questions themselves are read through :mod:`course_lib.questions`, which loads
no widget library.

>>> import os, tempfile
>>> saved = os.environ.get("IGF1_COURSE_PROGRESS")
>>> os.environ["IGF1_COURSE_PROGRESS"] = os.path.join(tempfile.mkdtemp(), "progress.json")
>>> is_enabled()
False
>>> enable()
True
>>> record("00_start_here", "start-evidence-rodent", correct=True)
True
>>> int(summary().loc["00_start_here", "correct"])
1
>>> erase()
True
>>> is_enabled()
False
>>> if saved is None:
...     del os.environ["IGF1_COURSE_PROGRESS"]
... else:
...     os.environ["IGF1_COURSE_PROGRESS"] = saved
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import tempfile
import time
from pathlib import Path

import pandas as pd

from . import predictions as _predictions
from . import questions
from ._validate import choice, flag, instance, text

__all__ = [
    "ENV_VAR",
    "DEFAULT_LOCATION",
    "location",
    "is_enabled",
    "enable",
    "erase",
    "record",
    "on_answer",
    "record_prediction",
    "predictions",
    "load",
    "summary",
    "status",
]

#: Environment variable that overrides where the file is kept.
ENV_VAR = "IGF1_COURSE_PROGRESS"
#: The default place, as a learner would type it.
DEFAULT_LOCATION = "~/.igf1-course/progress.json"
_FORMAT = "igf1-course-progress"
_VERSION = 1
_LOCK_WAIT_S = 1.0


def location() -> Path:
    """The progress file in use: ``$IGF1_COURSE_PROGRESS`` if set, else ``~/.igf1-course/progress.json``."""
    override = os.environ.get(ENV_VAR, "").strip()
    return Path(override).expanduser() if override else Path(DEFAULT_LOCATION).expanduser()


def is_enabled() -> bool:
    """True when the learner has opted in (the progress file exists, even if it is damaged)."""
    try:
        return location().exists()
    except OSError:
        return False


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()


def _empty() -> dict:
    return {"format": _FORMAT, "version": _VERSION, "opted_in": _now(), "answers": {}}


def _valid(state) -> bool:
    return (
        isinstance(state, dict)
        and state.get("format") == _FORMAT
        and isinstance(state.get("answers"), dict)
        and all(isinstance(v, dict) for v in state["answers"].values())
    )


def _read(path: Path) -> dict | None:
    """The stored state, or None when the file is missing, unreadable or not a progress file."""
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if _valid(state) else None


def _write_atomically(path: Path, state: dict) -> None:
    """Write ``state`` as JSON to a temporary file beside ``path``, fsync it, then os.replace it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(state, f, indent=1, sort_keys=True)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def _locked(path: Path):
    """Hold an advisory lock beside ``path`` for a read-modify-write (POSIX); never wait more than about 1 s."""
    try:
        import fcntl
    except ImportError:  # Windows without WSL: no lock, still atomic
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as handle:
        deadline = time.monotonic() + _LOCK_WAIT_S
        locked = False
        while not locked:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                locked = True
            except BlockingIOError:
                if time.monotonic() > deadline:
                    break  # never block the course: write without the lock
                time.sleep(0.02)
        try:
            yield
        finally:
            if locked:
                fcntl.flock(handle, fcntl.LOCK_UN)


def enable() -> bool:
    """Opt in: create the progress file (keeping any progress already recorded). Returns True on success."""
    path = location()
    if _read(path) is not None:
        return True
    try:
        with _locked(path):
            if path.exists():
                _set_aside(path)
            _write_atomically(path, _empty())
    except OSError:
        return False
    return True


def erase() -> bool:
    """Delete the progress file (and its lock and any set-aside copy); this also opts out. Returns True."""
    path = location()
    for p in (path, path.with_name(path.name + ".corrupt"), path.with_name(path.name + ".lock")):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()
    return True


def _set_aside(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.replace(path, path.with_name(path.name + ".corrupt"))


def _update(change) -> bool:
    """Apply ``change(state)`` to the stored state under the lock and write it atomically.

    Returns False (and writes nothing) unless the learner has opted in, or when the file cannot be
    written; a corrupt file is moved aside and replaced by a fresh state first.
    """
    path = location()
    if not is_enabled():
        return False
    try:
        with _locked(path):
            state = _read(path)
            if state is None:
                _set_aside(path)
                state = _empty()
            change(state)
            _write_atomically(path, state)
    except OSError:
        return False
    return True


def _question_ids(unit: str) -> list[str]:
    """The question ids of one unit (after checking ``unit``), in file order."""
    choice(unit, name="unit", choices=questions.units())
    return [q.id for q in questions.load_questions(unit)]


def record(unit: str, question_id: str, *, correct: bool) -> bool:
    """Note one answer. Does nothing and returns False unless the learner has opted in.

    ``unit`` is a unit with questions (:func:`course_lib.questions.units`), ``question_id`` the id
    of one of its questions and ``correct`` True or False; bad values raise even when the
    learner has not opted in.

    Never raises for file problems: an unwritable folder returns False, and a
    corrupt file is moved aside to ``progress.json.corrupt`` and replaced.
    """
    text(unit, name="unit", what="a unit name")
    text(question_id, name="question_id", what="a question id")
    choice(question_id, name="question_id", choices=_question_ids(unit))
    flag(correct, name="correct")

    def change(state: dict) -> None:
        now = _now()
        entry = state["answers"].setdefault(question_id, {"unit": unit, "attempts": 0, "correct": False, "first": now})
        entry["unit"] = unit
        entry["attempts"] = int(entry.get("attempts", 0)) + 1
        entry["correct"] = bool(entry.get("correct", False)) or bool(correct)
        entry["last"] = now

    return _update(change)


def record_prediction(unit: str, prediction_id: str, *, predicted: str, matched: bool) -> bool:
    """Note one committed prediction (what was predicted, and whether the result bore it out).

    Does nothing and returns False unless the learner has opted in. ``unit`` is a unit with predictions
    (:func:`course_lib.predictions.units`) and ``prediction_id`` one of its predictions. Predictions do
    not count towards a unit being complete: a prediction is a commitment, not a test. A later
    prediction of the same id replaces the earlier one and counts as another attempt.
    """
    text(unit, name="unit", what="a unit name")
    choice(unit, name="unit", choices=_predictions.units())
    text(prediction_id, name="prediction_id", what="a prediction id")
    choice(prediction_id, name="prediction_id", choices=[p.id for p in _predictions.load_predictions(unit)])
    text(predicted, name="predicted", what="the prediction as text")
    flag(matched, name="matched")

    def change(state: dict) -> None:
        made = state.setdefault("predictions", {})
        if not isinstance(made, dict):
            made = state["predictions"] = {}
        entry = made.setdefault(prediction_id, {"unit": unit, "attempts": 0, "first": _now()})
        entry.update(unit=unit, predicted=predicted, matched=bool(matched), last=_now())
        entry["attempts"] = int(entry.get("attempts", 0)) + 1

    return _update(change)


def predictions() -> dict:
    """The recorded predictions as ``{prediction_id: {...}}``; empty when not opted in or the file is damaged."""
    state = _read(location())
    made = {} if state is None else state.get("predictions", {})
    return made if isinstance(made, dict) else {}


def on_answer(unit: str, question: questions.Question, correct: bool) -> None:
    """The quiz hook: record a pick if (and only if) the learner opted in. Returns at once otherwise.

    ``unit`` is the unit whose quiz showed the question (:func:`course_lib.questions.units`),
    ``question`` a :class:`course_lib.questions.Question` of that unit (from
    :func:`course_lib.questions.load_questions`) and ``correct`` True or False.
    """
    text(unit, name="unit", what="a unit name")
    choice(unit, name="unit", choices=questions.units())
    instance(question, name="question", types=questions.Question, what="a Question from questions.load_questions(unit)")
    if question.id not in _question_ids(unit):
        raise ValueError(
            f"question must be a question of unit {unit!r} (from questions.load_questions({unit!r})); "
            f"got question {question.id!r}."
        )
    flag(correct, name="correct")
    if not is_enabled():
        return
    record(unit, question.id, correct=correct)


def load() -> dict:
    """The recorded answers as ``{question_id: {...}}``; empty when not opted in or the file is damaged."""
    state = _read(location())
    return {} if state is None else state["answers"]


def summary() -> pd.DataFrame:
    """One row per unit with questions: how many there are, answered, answered correctly, and complete or not."""
    answers = load()
    rows = []
    for unit in questions.units():
        ids = [q.id for q in questions.load_questions(unit)]
        answered = [i for i in ids if i in answers]
        correct = [i for i in answered if answers[i].get("correct")]
        rows.append(
            {
                "unit": unit,
                "questions": len(ids),
                "answered": len(answered),
                "correct": len(correct),
                "complete": len(correct) == len(ids),
            }
        )
    return pd.DataFrame(rows).set_index("unit")


def _shown(path: Path) -> str:
    """The path as a learner would type it: ``~/...`` inside the home folder."""
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except ValueError:
        return str(path)


def status() -> str:
    """One sentence: whether progress is being kept, where, and how far you are."""
    path = location()
    shown = _shown(path)
    if not is_enabled():
        return (
            f"Progress is not being recorded (opt-in). Run progress.enable() to keep it in {shown}; "
            "progress.erase() deletes it again."
        )
    if _read(path) is None:
        return (
            f"The progress file {shown} is damaged or unreadable; the course works as usual, and your next "
            "answer starts a fresh file (the old one is kept as progress.json.corrupt)."
        )
    table = summary()
    done = table.index[table["complete"]].tolist()
    return (
        f"Recording progress in {shown}: {int(table['correct'].sum())} of {int(table['questions'].sum())} "
        f"questions answered correctly; {len(predictions())} predictions made; "
        f"units complete: {', '.join(done) if done else 'none yet'}. "
        "progress.erase() deletes it."
    )
