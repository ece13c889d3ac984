"""Unit 02's exercises: the by-hand occupancy (02-occupancy-with-insulin) and two function exercises,
02-competitive-occupancy (``occupancy_share``) and 02-igf1-needed (``ligand_needed``).

Each function check fails on the stub and on a typical wrong implementation, naming the kind of case that
failed and not the expected number, and passes on the notebook's own solution (exec'd from its cell, so the
two cannot drift). The right answers are known independently of the registry's reference: by hand from the
competition formula theta = (A/K_A) / (1 + A/K_A + B/K_B), and from its limits (theta = 1/2 at A = K_A with no
competitor, 1/3 when both ligands sit at their own Kd; the inverse gives A = K_A for half occupancy).
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import numpy as np
import pytest

from course_lib import exercises

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "02_receptor_signalling.ipynb"


def _renderings(x: float) -> set[str]:
    return {f"{x:.{n}g}" for n in (3, 4)} | {f"{x:.2f}", f"{x:.1%}", f"{x:.0%}"}


def _notebook_solution(name: str):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    source = next(c.source for c in nb.cells if "solution" in c.metadata.get("tags", []) and f"def {name}" in c.source)
    namespace = {"exercises": exercises}
    exec(source.replace("must_pass=True", "must_pass=False"), namespace)
    return namespace[name]


def _failed_kinds(feedback) -> str:
    """The part of the feedback that lists the failing kinds of case."""
    return str(feedback).split("wrong for", 1)[1].split("Re-check", 1)[0]


# ---------------------------------------------------------------- the by-hand number: 02-occupancy-with-insulin

HAND_ANSWER = (0.1 / 0.86) / (1 + 0.1 / 0.86 + 100 / (1217 * 0.86))  # 0.1163 / 1.2118


def test_the_by_hand_answer_is_known_independently():
    assert HAND_ANSWER == pytest.approx(0.0960, abs=5e-5)
    assert exercises.check("02-occupancy-with-insulin", HAND_ANSWER).ok
    assert exercises.check("02-occupancy-with-insulin", 0.0960).ok  # rounded as the solution comment gives it


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (0.1 / (0.1 + 0.86), "left insulin out"),  # no competitor: 0.104
        ((100 / 1046.62) / (1 + 0.1 / 0.86 + 100 / 1046.62), "occupied by insulin"),  # the other ligand's share
        ((0.1 / 0.86) / (1 + 0.1 / 0.86 + 100 / 0.86), "IGF-1's Kd for insulin"),  # wrong Kd row
    ],
)
def test_each_mistake_gets_its_own_hint(value, words):
    feedback = exercises.check("02-occupancy-with-insulin", value)
    assert not feedback.ok and words in feedback
    assert not any(r in feedback for r in _renderings(HAND_ANSWER))


def test_a_plain_wrong_number_gets_direction_not_the_answer():
    feedback = exercises.check("02-occupancy-with-insulin", 0.2)
    assert not feedback.ok and "too high" in feedback
    assert not any(r in feedback for r in _renderings(HAND_ANSWER))


# ---------------------------------------------------------------- 02-competitive-occupancy: occupancy_share


def independent_share(ligand_nM, kd_nM, competitor_nM, competitor_kd_nM):  # by hand, not via the library
    a = np.asarray(ligand_nM, dtype=float) / kd_nM
    return a / (1.0 + a + competitor_nM / competitor_kd_nM)


def share_ignoring_competitor(ligand_nM, kd_nM, competitor_nM, competitor_kd_nM):
    """Typical wrong implementation: the plain Langmuir curve, insulin left out."""
    return ligand_nM / (ligand_nM + kd_nM)


def share_as_independent_sites(ligand_nM, kd_nM, competitor_nM, competitor_kd_nM):
    """Typical wrong implementation: two separate Langmuir shares multiplied, as if the sites were different."""
    return ligand_nM / (ligand_nM + kd_nM) * competitor_kd_nM / (competitor_nM + competitor_kd_nM)


def test_occupancy_reference_obeys_the_hand_values():
    ref = exercises.get("02-competitive-occupancy").reference
    assert ref(1.0, 1.0, 0.0, 1.0) == pytest.approx(0.5)
    assert ref(1.0, 1.0, 1.0, 1.0) == pytest.approx(1 / 3)
    assert ref(0.1, 0.86, 100.0, 1217 * 0.86) == pytest.approx(HAND_ANSWER, rel=1e-3)
    for case in exercises.get("02-competitive-occupancy").cases:
        assert np.allclose(ref(*case.args), independent_share(*case.args), rtol=1e-12, atol=0)


def test_occupancy_stub_is_not_attempted():
    def occupancy_share(ligand_nM, kd_nM, competitor_nM, competitor_kd_nM):
        raise NotImplementedError

    assert "Not attempted yet" in exercises.check_function("02-competitive-occupancy", occupancy_share)
    with pytest.raises(AssertionError):
        exercises.check_function("02-competitive-occupancy", occupancy_share, must_pass=True)


def test_occupancy_without_the_competitor_fails_where_a_competitor_is_present():
    feedback = exercises.check_function("02-competitive-occupancy", share_ignoring_competitor)
    assert not feedback.ok
    failed = _failed_kinds(feedback)
    assert "both ligands exactly at their own Kd" in failed and "a competitor that binds far more tightly" in failed
    assert "no competitor at all" not in failed and "no ligand at all" not in failed  # right there
    for expected in (1 / 3, independent_share(0.124, 0.86, 0.174, 1046.62)):
        assert not any(r in feedback for r in _renderings(expected)), feedback


def test_occupancy_as_independent_sites_fails_when_both_ligands_matter():
    feedback = exercises.check_function("02-competitive-occupancy", share_as_independent_sites)
    assert not feedback.ok and "both ligands exactly at their own Kd" in _failed_kinds(feedback)
    assert "0.25" not in feedback and "0.333" not in feedback


def test_occupancy_notebook_solution_passes():
    solution = _notebook_solution("occupancy_share")
    assert exercises.check_function("02-competitive-occupancy", solution).ok
    assert solution(1.0, 1.0, 1.0, 1.0) == pytest.approx(1 / 3)


# ---------------------------------------------------------------- 02-igf1-needed: ligand_needed


def proportional_needed(target_share, kd_nM, competitor_nM, competitor_kd_nM):
    """Typical wrong implementation: occupancy read as proportional to concentration (the 1 - theta dropped)."""
    return target_share * kd_nM * (1 + competitor_nM / competitor_kd_nM)


def needed_ignoring_competitor(target_share, kd_nM, competitor_nM, competitor_kd_nM):
    """Typical wrong implementation: the inverse Langmuir curve, insulin left out."""
    return kd_nM * target_share / (1 - target_share)


def test_needed_reference_obeys_the_hand_values():
    ref = exercises.get("02-igf1-needed").reference
    assert ref(0.5, 0.86, 0.0, 1.0) == pytest.approx(0.86)  # half occupancy at the Kd
    assert ref(0.5, 1.0, 1.0, 1.0) == pytest.approx(2.0)  # a competitor at its Kd doubles the apparent Kd
    # 10% of IR-A against fasting insulin, by hand: K = 88 * 1.13 nM, b = 0.174 / 1.13
    assert ref(0.10, 88 * 1.13, 0.174, 1.13) == pytest.approx(88 * 1.13 * (1 / 9) * (1 + 0.174 / 1.13))
    for case in exercises.get("02-igf1-needed").cases:  # round trip through the forward formula
        a = ref(*case.args)
        target, kd, comp, kc = case.args
        assert independent_share(a, kd, comp, kc) == pytest.approx(target, abs=1e-12)


def test_needed_stub_is_not_attempted():
    def ligand_needed(target_share, kd_nM, competitor_nM, competitor_kd_nM):
        raise NotImplementedError

    assert "Not attempted yet" in exercises.check_function("02-igf1-needed", ligand_needed)
    with pytest.raises(AssertionError):
        exercises.check_function("02-igf1-needed", ligand_needed, must_pass=True)


def test_needed_proportional_fails_and_names_the_cases():
    feedback = exercises.check_function("02-igf1-needed", proportional_needed)
    assert not feedback.ok
    failed = _failed_kinds(feedback)
    assert "a target close to full occupancy" in failed and "half of the receptors with no competitor" in failed
    assert "a target share of zero" not in failed
    ex = exercises.get("02-igf1-needed")
    for case in ex.cases:
        expected = float(ex.reference(*case.args))
        if expected:
            assert not any(r in feedback for r in _renderings(expected) - {"0.00", "0%"}), (case.kind, feedback)


def test_needed_without_the_competitor_fails_where_insulin_competes():
    feedback = exercises.check_function("02-igf1-needed", needed_ignoring_competitor)
    failed = _failed_kinds(feedback)
    assert not feedback.ok and "10% of IR-A with fasting insulin" in failed and "after a glucose load" in failed
    assert "half of the receptors with no competitor" not in failed


def test_needed_notebook_solution_passes():
    solution = _notebook_solution("ligand_needed")
    assert exercises.check_function("02-igf1-needed", solution).ok
    assert solution(0.5, 0.86, 0.0, 1.0) == pytest.approx(0.86)
