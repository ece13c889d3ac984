"""Unit 04 exercises: classify claims by model system, the acute exercise response as a function, and the
steady state of the GH-IGF-1 loop as a function.

* ``04-evidence-labels`` (a :class:`CustomExercise`): a dict ``{claim_id: model_system}``, checked by
  :func:`check_labels` against the evidence table. Labels may be spelled as the tables display them
  ("randomised trial", "meta-analysis of trials") or as the vocabulary does ("human_rct"). Wrong rows are
  named with the kind of slip (who or what was studied; or, for a study in people, what was done with them),
  never with the right label.
* ``04-acute-response`` (a :class:`FunctionExercise`): the model card's two-phase equation,
  ``serum_change_pct``; the reference is the library's :func:`acute_exercise.serum_igf1_change_pct`.
* ``04-gh-steady-state`` (a :class:`FunctionExercise`): the pulse-averaged steady state ``I = s a m(I)``,
  ``steady_igf1``; the reference is :func:`gh_axis.steady_state` (its ``igf1_rel``).
"""

from __future__ import annotations

import numpy as np

from .. import data
from ..models import acute_exercise, evidence, gh_axis
from ..questions import Feedback
from . import Case, CustomExercise, FunctionExercise, register

_LABELS = ", ".join(f'"{v["label"]}"' for v in evidence.MODEL_SYSTEMS.values())


def _spelling(raw) -> str | None:
    """A label as the vocabulary spells it ("randomised trial" -> "human_rct"), or None if unknown."""
    if not isinstance(raw, str) or not raw.strip():
        return None
    try:
        key = data.evidence_level(raw)
    except ValueError:
        return None
    return key if key in evidence.MODEL_SYSTEMS else None


def _who(model_system: str) -> str:
    """Who or what a design studies: cells, animals or people (every design in people is one kind here)."""
    return "people" if model_system in evidence.HUMAN_SYSTEMS else model_system


def check_labels(answers, claim_ids=evidence.EXERCISE_CLAIMS) -> Feedback:
    """Check a learner's ``{claim_id: model_system}`` dict against the evidence table, without giving labels.

    Labels are accepted in either spelling ("randomised trial" or "human_rct", any case). A wrong
    row is named with the kind of slip: a claim put among the wrong subjects (cells, animals or people), or a
    study in people given the wrong design (given something, only measured, or trials pooled). An unknown
    label or claim id gets a sentence, not a traceback. ``None`` is "not attempted yet".

    >>> print(check_labels(None))
    Not attempted yet: replace None with a dict {claim_id: label}, one entry for each of the 6 claims.
    >>> check_labels({c: evidence.claims().set_index("claim_id").loc[c, "model_system"]
    ...               for c in evidence.EXERCISE_CLAIMS}).ok
    True
    """
    ids = list(claim_ids)
    if answers is None:
        return Feedback(
            f"Not attempted yet: replace None with a dict {{claim_id: label}}, one entry for each of the {len(ids)} "
            "claims.",
            False,
        )
    if not isinstance(answers, dict):
        raise TypeError(
            "your answer must be a dict {claim_id: label}, for example "
            f'{{"{ids[0]}": "animal", ...}}; got {answers!r} (a {type(answers).__name__}).'
        )
    truth = evidence.claims().set_index("claim_id")["model_system"]
    unknown_ids = [str(k) for k in answers if k not in ids]
    missing = [c for c in ids if c not in answers]
    bad_spelling = [f"{c}: {answers[c]!r}" for c in ids if c in answers and _spelling(answers[c]) is None]
    who: list[str] = []
    design: list[str] = []
    for cid in ids:
        given = _spelling(answers.get(cid))
        if given is None or given == truth[cid]:
            continue
        (who if _who(given) != _who(truth[cid]) else design).append(cid)
    right = len(ids) - len(missing) - len(bad_spelling) - len(who) - len(design)
    if right == len(ids) and not unknown_ids:
        return Feedback(f"Correct: all {len(ids)} claims carry the label the table gives them.", True)
    parts = [f"{right} of {len(ids)} right."]
    if unknown_ids:
        parts.append(f"Not one of the {len(ids)} claims: {', '.join(unknown_ids)} (check the id's spelling).")
    if missing:
        parts.append(f"Not answered yet: {', '.join(missing)}.")
    if bad_spelling:
        parts.append(f"Not a label: {'; '.join(bad_spelling)}. Use one of {_LABELS}.")
    if who:
        parts.append(
            f"Wrong subjects for {', '.join(who)}: re-read who or what was studied (cells or tissue kept in a dish, "
            "living animals, or people)."
        )
    if design:
        parts.append(
            f"Right subjects, wrong design for {', '.join(design)}: these are studies in people; re-read whether "
            "the people were only measured, given something for a short experiment on a mechanism, given a "
            "treatment by random assignment or not, or whether several trials were pooled."
        )
    return Feedback(" ".join(parts), False)


register(
    CustomExercise(
        id="04-evidence-labels",
        name="the evidence labels of six claims",
        checker=check_labels,
        hints=(
            "for each claim ask who or what was studied (cells, animals or people) and, for people, whether "
            "they were given something (a short experiment on a mechanism, a treatment assigned at random or "
            "not) or only measured.",
            "a pooled analysis of several trials has its own label; an organ culture of animal tissue is a "
            "cell-culture study, not an animal study, because the experiment happened in a dish.",
        ),
        objectives=(1,),
    )
)


# ---------------------------------------------------------------- 04-acute-response

register(
    FunctionExercise(
        id="04-acute-response",
        name="serum_change_pct",
        reference=acute_exercise.serum_igf1_change_pct,
        cases=(
            Case("a time during a 10-minute hard bout", (5.0,), dict(intensity="high", duration_min=10.0)),
            Case(
                "the last minute of a 10-minute low-intensity bout", (10.0,), dict(intensity="low", duration_min=10.0)
            ),
            Case("a time in recovery after a 10-minute bout", (30.0,), dict(intensity="high", duration_min=10.0)),
            Case(
                "recovery after a bout shorter than the 10-minute anchor",
                (15.0,),
                dict(intensity="high", duration_min=5.0),
            ),
            Case(
                "the end of a bout longer than the 10-minute anchor",
                (20.0,),
                dict(intensity="high", duration_min=20.0),
            ),
            Case("the moment a bout starts", (0.0,), dict(intensity="low", duration_min=10.0)),
            Case("a resistance session", (12.0,), dict(modality="resistance", intensity="high", duration_min=10.0)),
            Case(
                "an array of times across the bout and its recovery",
                (np.array([0.0, 2.0, 8.0, 12.0, 45.0, 120.0]),),
                dict(intensity="high", duration_min=8.0),
            ),
        ),
        rel_tol=1e-3,
        abs_tol=1e-6,
        hints=(
            "the plateau P is not the published rise: choose P so that a 10-minute bout reaches the published "
            "rise at t = 10 min; recovery starts from the value reached at the end of the bout, and its clock "
            "starts when the bout ends.",
            "P = acute_exercise.peak_rise_pct(modality, intensity) / (1 - exp(-10 / 3)). Without an `if` (which an "
            "array of times cannot take): rise = P * (1 - np.exp(-np.minimum(t_min, duration_min) / 3)), then "
            "multiply by np.exp(-np.maximum(t_min - duration_min, 0) / 25).",
        ),
        objectives=(3,),
    )
)


# ---------------------------------------------------------------- 04-gh-steady-state


def steady_igf1(pulse_amplitude, *, hepatic_sensitivity=1.0, feedback_scale=1.0):
    """The library's pulse-averaged steady-state IGF-1 (relative to default), in the learner's signature."""
    return gh_axis.steady_state(
        pulse_amplitude=pulse_amplitude, hepatic_sensitivity=hepatic_sensitivity, feedback_scale=feedback_scale
    )["igf1_rel"]


register(
    FunctionExercise(
        id="04-gh-steady-state",
        name="steady_igf1",
        reference=steady_igf1,
        cases=(
            Case("the default loop", (1.0,)),
            Case("GH pulses twice the default", (2.0,)),
            Case("GH pulses at a quarter of the default", (0.25,)),
            Case("no feedback at all", (2.0,), dict(feedback_scale=0.0)),
            Case("a liver at half its GH sensitivity", (1.0,), dict(hepatic_sensitivity=0.5)),
            Case("the strongest pulses with three times the feedback", (3.0,), dict(feedback_scale=3.0)),
            Case("weak pulses and a very insensitive liver (a deep fast)", (0.25,), dict(hepatic_sensitivity=0.1)),
        ),
        rel_tol=1e-4,
        abs_tol=1e-9,
        hints=(
            "the steady state is the IGF-1 value I at which s * a * m(I) - I is zero. Repeating "
            "I = s * a * m(I) from a guess can jump back and forth without settling, because the feedback is "
            "steep; find the zero with a root finder (or by bisection) instead.",
            "def excess(i): return hepatic_sensitivity * pulse_amplitude * gh_axis.gh_secretion_multiplier(i, "
            "feedback_scale=feedback_scale) - i; then brentq(excess, 0, 10) from scipy.optimize. excess is "
            "positive at 0 and negative at 10 for every setting the sliders allow.",
        ),
        objectives=(4,),
    )
)
