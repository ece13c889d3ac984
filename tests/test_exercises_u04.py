"""Unit 04's exercises: the classification (04-evidence-labels) and two function exercises,
04-acute-response (``serum_change_pct``) and 04-gh-steady-state (``steady_igf1``).

The right answers are known independently of the registry: the six labels by reading the six claims (who was
studied, and what was done with them); the acute response from the published anchors (Schwarz 1996's +7.7% at
the 10th minute, the mean of Cappon 1994's 217 -> 253 ng/mL and Schwarz's +13.3%) and the model card's two
exponentials by hand; the loop's steady state from the cubic g I^3 + I - s a (1 + g) = 0 (n = 2), with g from
Bermann 1994's 85% suppression at 452 / 163.5 times baseline, solved with numpy.roots.

Each function check fails on the stub and on a typical wrong implementation, naming the kind of case that failed
and not the expected number, and passes on the notebook's own solution (exec'd from its cell, so the two cannot
drift).
"""

from __future__ import annotations

import math
from pathlib import Path

import nbformat
import numpy as np
import pytest
from scipy.optimize import brentq

from course_lib import exercises
from course_lib.models import acute_exercise, gh_axis

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "04_tissue_roles.ipynb"


def _renderings(x: float) -> set[str]:
    return {f"{x:.{n}g}" for n in (3, 4)} | {f"{x:.2f}", f"{x:.1f}"}


def _solution_source(marker: str) -> str:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    return next(c.source for c in nb.cells if "solution" in c.metadata.get("tags", []) and marker in c.source)


def _notebook_solution(name: str):
    namespace = {
        "exercises": exercises,
        "np": np,
        "brentq": brentq,
        "acute_exercise": acute_exercise,
        "gh_axis": gh_axis,
    }
    exec(_solution_source(f"def {name}").replace("must_pass=True", "must_pass=False"), namespace)
    return namespace[name]


def _failed_kinds(feedback) -> str:
    """The part of the feedback that lists the failing kinds of case."""
    return str(feedback).split("wrong for", 1)[1].split("Re-check", 1)[0]


# ---------------------------------------------------------------- 04-evidence-labels

#: By reading the claims: an IGF-1 infusion in men (a short experiment on a mechanism); double-knockout mice; a
#: Framingham cohort (measured, followed); cow cartilage in organ culture; 11 randomised trials pooled; "in a
#: randomised trial in patellar tendinopathy".
LABELS = {
    "met05": "human_physiology",
    "bon02": "animal",
    "bra05": "human_observational",
    "con05": "cell_culture",
    "mus11": "meta_analysis_trials",
    "con02": "human_rct",
}


def test_the_labels_known_by_reading_the_claims_pass():
    assert exercises.check("04-evidence-labels", LABELS).ok


def test_display_spellings_are_accepted():
    shown = {cid: label.replace("_", " ") for cid, label in LABELS.items()}
    shown["mus11"] = "Meta-analysis of trials"
    shown["con02"] = "Randomised trial"
    shown["bra05"] = "  Human Observational "
    assert exercises.check("04-evidence-labels", shown).ok


def test_the_stub_is_not_attempted():
    feedback = exercises.check("04-evidence-labels", None)
    assert not feedback.ok and feedback.startswith("Not attempted yet")
    with pytest.raises(AssertionError):
        exercises.check("04-evidence-labels", None, must_pass=True)


def test_typical_wrong_labels_are_named_by_kind_without_the_right_label():
    wrong = {**LABELS, "con05": "animal", "mus11": "randomised trial"}  # the tissue's animal; trials not pooled
    feedback = exercises.check("04-evidence-labels", wrong)
    assert not feedback.ok and "4 of 6 right" in feedback
    subjects = feedback.split("Wrong subjects for", 1)[1].split(":", 1)[0]
    design = feedback.split("wrong design for", 1)[1].split(":", 1)[0]
    assert "con05" in subjects and "mus11" not in subjects
    assert "mus11" in design and "con05" not in design
    for label in ("cell_culture", "cell culture", "meta_analysis", "meta-analysis"):
        assert label not in feedback, f"the feedback gives the label {label!r}: {feedback}"


def test_an_unknown_label_or_claim_id_gets_a_sentence_not_a_traceback():
    feedback = exercises.check("04-evidence-labels", {**LABELS, "bon02": "mice", "met5": "animal"})
    assert not feedback.ok and "Not a label: bon02: 'mice'" in feedback and "met5" in feedback
    missing = exercises.check("04-evidence-labels", {k: v for k, v in LABELS.items() if k != "bra05"})
    assert "Not answered yet: bra05" in missing
    with pytest.raises(TypeError, match="must be a dict"):
        exercises.check("04-evidence-labels", list(LABELS.values()))


def test_the_notebook_solution_labels_pass():
    namespace = {"exercises": exercises}
    exec(_solution_source('exercises.check("04-evidence-labels"'), namespace)
    assert namespace["solution"] == LABELS
    assert exercises.check("04-evidence-labels", namespace["solution"]).ok


# ---------------------------------------------------------------- 04-acute-response: serum_change_pct

HIGH_10MIN = ((253 / 217 - 1) * 100 + 13.3) / 2  # mean of Cappon 1994 and Schwarz 1996: 14.94%
TAU_RISE, TAU_REC = 3.0, 25.0


def by_hand(t, rise_at_10, d):
    """The model card's equations, written out for one time."""
    plateau = rise_at_10 / (1 - math.exp(-10 / TAU_RISE))
    x_end = plateau * (1 - math.exp(-min(t, d) / TAU_RISE))
    return x_end * math.exp(-max(t - d, 0) / TAU_REC)


def plateau_is_the_published_rise(t_min, *, modality="cycling", intensity="high", duration_min=10.0):
    """Typical wrong implementation: the published 10-minute rise used as the plateau P (not rescaled)."""
    p = acute_exercise.peak_rise_pct(modality, intensity)
    t = np.asarray(t_min, dtype=float)
    return p * (1 - np.exp(-np.minimum(t, duration_min) / 3)) * np.exp(-np.maximum(t - duration_min, 0) / 25)


def recovery_from_the_plateau(t_min, *, modality="cycling", intensity="high", duration_min=10.0):
    """Typical wrong implementation: recovery decays from P, not from the value reached when the bout ended."""
    p = acute_exercise.peak_rise_pct(modality, intensity) / (1 - np.exp(-10 / 3))
    t = np.asarray(t_min, dtype=float)
    return np.where(t <= duration_min, p * (1 - np.exp(-t / 3)), p * np.exp(-(t - duration_min) / 25))


def test_acute_reference_obeys_the_anchors_and_the_hand_values():
    ref = exercises.get("04-acute-response").reference
    assert ref(10.0, intensity="low") == pytest.approx(7.7)  # Schwarz 1996, by construction
    assert ref(10.0, intensity="high") == pytest.approx(HIGH_10MIN, rel=1e-3)
    assert HIGH_10MIN == pytest.approx(14.94, abs=0.01)
    assert ref(30.0) == pytest.approx(HIGH_10MIN * math.exp(-20 / 25), rel=1e-3)  # 6.7%: above the 6.1% limit
    assert ref(15.0, duration_min=5.0) == pytest.approx(by_hand(15.0, HIGH_10MIN, 5.0), rel=1e-3)
    assert ref(12.0, modality="resistance") == 0.0


def test_acute_stub_is_not_attempted():
    def serum_change_pct(t_min, *, modality="cycling", intensity="high", duration_min=10.0):
        raise NotImplementedError

    assert "Not attempted yet" in exercises.check_function("04-acute-response", serum_change_pct)
    with pytest.raises(AssertionError):
        exercises.check_function("04-acute-response", serum_change_pct, must_pass=True)


def test_acute_plateau_not_rescaled_fails_and_names_the_cases():
    feedback = exercises.check_function("04-acute-response", plateau_is_the_published_rise)
    assert not feedback.ok
    failed = _failed_kinds(feedback)
    assert "the last minute of a 10-minute low-intensity bout" in failed and "a time in recovery" in failed
    assert "a resistance session" not in failed and "the moment a bout starts" not in failed  # zero either way
    for expected in (7.7, HIGH_10MIN, by_hand(30.0, HIGH_10MIN, 10.0), by_hand(5.0, HIGH_10MIN, 10.0)):
        assert not any(r in feedback for r in _renderings(expected)), feedback


def test_acute_recovery_from_the_plateau_fails_only_in_recovery():
    feedback = exercises.check_function("04-acute-response", recovery_from_the_plateau)
    failed = _failed_kinds(feedback)
    assert not feedback.ok and "a time in recovery after a 10-minute bout" in failed
    assert "recovery after a bout shorter than the 10-minute anchor" in failed
    assert "a time during a 10-minute hard bout" not in failed
    assert not any(r in feedback for r in _renderings(by_hand(30.0, HIGH_10MIN, 10.0))), feedback


def test_acute_scalar_if_fails_on_the_array_case_without_a_crash():
    def serum_change_pct(t_min, *, modality="cycling", intensity="high", duration_min=10.0):
        p = acute_exercise.peak_rise_pct(modality, intensity) / (1 - math.exp(-10 / 3))
        if t_min <= duration_min:
            return p * (1 - math.exp(-t_min / 3))
        return p * (1 - math.exp(-duration_min / 3)) * math.exp(-(t_min - duration_min) / 25)

    feedback = exercises.check_function("04-acute-response", serum_change_pct)
    assert not feedback.ok and "an array of times across the bout and its recovery: it raised" in feedback
    assert "7 of 8" in feedback


def test_acute_notebook_solution_passes():
    solution = _notebook_solution("serum_change_pct")
    assert exercises.check_function("04-acute-response", solution).ok
    assert solution(5.0, duration_min=5.0) == pytest.approx(by_hand(5.0, HIGH_10MIN, 5.0), rel=1e-3)


# ---------------------------------------------------------------- 04-gh-steady-state: steady_igf1

R = 452.0 / 163.5  # Bermann 1994: IGF-1 raised 2.76-fold
G = 0.85 / (0.15 * R**2 - 1)  # m(R) = 0.15 with n = 2


def by_cubic(a, s=1.0, scale=1.0):
    """Steady state by hand: I = s a (1 + g) / (1 + g I^2), i.e. g I^3 + I - s a (1 + g) = 0, one real root."""
    g = G * scale
    if g == 0:
        return s * a
    roots = np.roots([g, 0.0, 1.0, -s * a * (1 + g)])
    return float(roots[np.abs(roots.imag) < 1e-9].real.max())


def repeated_update(pulse_amplitude, *, hepatic_sensitivity=1.0, feedback_scale=1.0):
    """Typical wrong implementation: iterate I <- s a m(I) from I = 1, which swings and never settles."""
    i = 1.0
    for _ in range(200):
        i = hepatic_sensitivity * pulse_amplitude * gh_axis.gh_secretion_multiplier(i, feedback_scale=feedback_scale)
    return i


def test_gh_reference_obeys_the_hand_values():
    ex = exercises.get("04-gh-steady-state")
    assert G == pytest.approx(gh_axis.feedback_gain(), rel=1e-9)
    assert ex.reference(1.0) == pytest.approx(1.0)
    assert ex.reference(2.0, feedback_scale=0.0) == pytest.approx(2.0)  # no feedback: I = s a
    assert ex.reference(0.25) == pytest.approx(0.578, abs=1e-3)  # the prediction: well above a quarter
    for case in ex.cases:
        kw = case.kwargs
        want = by_cubic(case.args[0], kw.get("hepatic_sensitivity", 1.0), kw.get("feedback_scale", 1.0))
        assert ex.reference(*case.args, **kw) == pytest.approx(want, rel=1e-9), case.kind


def test_gh_stub_is_not_attempted():
    def steady_igf1(pulse_amplitude, *, hepatic_sensitivity=1.0, feedback_scale=1.0):
        raise NotImplementedError

    assert "Not attempted yet" in exercises.check_function("04-gh-steady-state", steady_igf1)
    with pytest.raises(AssertionError):
        exercises.check_function("04-gh-steady-state", steady_igf1, must_pass=True)


def test_gh_repeated_update_fails_where_the_feedback_is_steep():
    feedback = exercises.check_function("04-gh-steady-state", repeated_update)
    assert not feedback.ok
    failed = _failed_kinds(feedback)
    assert "GH pulses at a quarter of the default" in failed and "GH pulses twice the default" in failed
    assert "the default loop" not in failed and "no feedback at all" not in failed  # the update is exact there
    for a, s, scale in ((0.25, 1.0, 1.0), (2.0, 1.0, 1.0), (1.0, 0.5, 1.0), (3.0, 1.0, 3.0)):
        assert not any(r in feedback for r in _renderings(by_cubic(a, s, scale))), feedback


def test_gh_feedback_ignored_fails():
    feedback = exercises.check_function(
        "04-gh-steady-state",
        lambda pulse_amplitude, *, hepatic_sensitivity=1.0, feedback_scale=1.0: hepatic_sensitivity * pulse_amplitude,
    )
    failed = _failed_kinds(feedback)
    assert not feedback.ok and "GH pulses at a quarter of the default" in failed and "no feedback at all" not in failed


def test_gh_notebook_solution_passes():
    solution = _notebook_solution("steady_igf1")
    assert exercises.check_function("04-gh-steady-state", solution).ok
    assert solution(0.25) == pytest.approx(by_cubic(0.25), rel=1e-9)
