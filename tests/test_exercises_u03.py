"""Unit 03's exercises: the by-hand free IGF-1 (03-free-igf1) and two function exercises, 03-stable-quadratic
(``free_igf1``) and 03-molar-ratio (``molar_ratio``).

Each function check fails on the stub and on a typical wrong implementation (the textbook root that cancels;
a ratio of ng/mL, or IGFBP-3 counted with its glycosylated mass), naming the kind of case that failed and not
the expected number, and passes on the notebook's own solution (exec'd from its cell, so the two cannot
drift). The right answers are known independently of the registry's reference: the by-hand root worked out
step by step; with no binding protein all IGF-1 is free, and in a huge excess of sites the free concentration
tends to Kd*L/P; the molar ratio is the mass ratio times 28,700 / 7,649.
"""

from __future__ import annotations

import math
from pathlib import Path

import nbformat
import numpy as np
import pytest

from course_lib import exercises

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "03_binding_proteins.ipynb"


def _renderings(x: float) -> set[str]:
    return {f"{x:.{n}g}" for n in (3, 4)} | {f"{x:.2f}", f"{x:.3f}"} - {"0.00", "0.000"}


def _notebook_solution(name: str):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    source = next(c.source for c in nb.cells if "solution" in c.metadata.get("tags", []) and f"def {name}" in c.source)
    namespace = {"exercises": exercises}
    exec(source.replace("must_pass=True", "must_pass=False"), namespace)
    return namespace[name]


def _failed_kinds(feedback) -> str:
    """The part of the feedback that lists the failing kinds of case."""
    return str(feedback).split("wrong for", 1)[1].split("Re-check", 1)[0]


# ---------------------------------------------------------------- the by-hand number: 03-free-igf1

# L = 13, P = 60, Kd = 0.1 nM: b = 47.1, sqrt(47.1**2 + 5.2) = sqrt(2223.61) = 47.15517, F = 2.6 / 94.25517
HAND_ANSWER = 2.6 / (47.1 + math.sqrt(2223.61))


def test_the_by_hand_answer_is_known_independently():
    assert HAND_ANSWER == pytest.approx(0.027585, abs=1e-6)
    assert exercises.check("03-free-igf1", HAND_ANSWER).ok
    assert exercises.check("03-free-igf1", 0.0276).ok  # rounded as the solution comment gives it


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (0.1 * 13 / 60, "large-excess shortcut"),  # Kd*L/P: ignores the sites IGF-1 fills
        (13 - HAND_ANSWER, "bound IGF-1"),  # the complex instead of the free
        (-47.1 - HAND_ANSWER, "other root"),  # (-b - sqrt(...)) / 2
    ],
)
def test_each_mistake_gets_its_own_hint(value, words):
    feedback = exercises.check("03-free-igf1", value)
    assert not feedback.ok and words in feedback
    assert not any(r in feedback for r in _renderings(HAND_ANSWER))


def test_a_plain_wrong_number_gets_direction_not_the_answer():
    feedback = exercises.check("03-free-igf1", 0.05)
    assert not feedback.ok and "too high" in feedback
    assert not any(r in feedback for r in _renderings(HAND_ANSWER))


# ---------------------------------------------------------------- 03-stable-quadratic: free_igf1


def textbook(total_nM, sites_nM, kd_nM):  # the typical wrong implementation: cancels when sites are in excess
    b = sites_nM + kd_nM - total_nM
    return (-b + math.sqrt(b * b + 4 * kd_nM * total_nM)) / 2


def test_the_reference_matches_the_limits_it_must_obey():
    ref = exercises.get("03-stable-quadratic").reference
    assert ref(26.0, 0.0, 0.1) == pytest.approx(26.0)  # nothing to bind to
    assert ref(26.0, 1e6, 1e-3) == pytest.approx(1e-3 * 26.0 / 1e6, rel=1e-4)  # F -> Kd*L/P in excess
    assert ref(13.0, 60.0, 0.1) == pytest.approx(HAND_ANSWER, rel=1e-12)


def test_stub_is_not_attempted():
    def free_igf1(total_nM, sites_nM, kd_nM):
        raise NotImplementedError

    assert "Not attempted yet" in exercises.check_function("03-stable-quadratic", free_igf1)
    with pytest.raises(AssertionError):
        exercises.check_function("03-stable-quadratic", free_igf1, must_pass=True)


def test_textbook_root_fails_on_the_cancelling_cases_and_names_them():
    feedback = exercises.check_function("03-stable-quadratic", textbook)
    assert not feedback.ok
    failed = _failed_kinds(feedback)
    assert "a very small Kd" in failed and "a huge excess of binding sites" in failed
    assert "adult serum-like" not in failed and "more IGF-1 than binding sites" not in failed  # right there
    ref = exercises.get("03-stable-quadratic").reference
    for case in exercises.get("03-stable-quadratic").cases:
        assert not any(r in feedback for r in _renderings(ref(*case.args)) - {"26", "26.0", "26.00", "26.000"})
    assert "e-10" not in feedback and "e-08" not in feedback


def stable_form_everywhere(total_nM, sites_nM, kd_nM):  # the other half-right version: cancels when b < 0
    b = sites_nM + kd_nM - total_nM
    return 2 * kd_nM * total_nM / (b + math.sqrt(b * b + 4 * kd_nM * total_nM))


def test_the_stable_form_used_everywhere_fails_when_igf1_swamps_the_sites():
    feedback = exercises.check_function("03-stable-quadratic", stable_form_everywhere)
    assert not feedback.ok
    failed = _failed_kinds(feedback)
    assert "IGF-1 far in excess of the sites" in failed
    assert "a very small Kd" not in failed and "a huge excess of binding sites" not in failed
    # the right answer there is known without the library: F = L - P + Kd*P/(L - P) to first order, about 999
    ref = exercises.get("03-stable-quadratic").reference
    assert ref(1000.0, 1.0, 1e-6) == pytest.approx(999.0 + 1e-6 / 999.0, rel=1e-12)
    assert "999" not in feedback


def test_the_quadratic_solution_in_the_notebook_passes():
    assert exercises.check_function("03-stable-quadratic", _notebook_solution("free_igf1")).ok


# ---------------------------------------------------------------- 03-molar-ratio: molar_ratio

MOLAR_PER_MASS = 28700 / 7649  # an IGF-1 molecule is 3.75 times lighter than IGFBP-3's core


def ratio_of_mass(igf1_ng_per_mL, igfbp3_ng_per_mL):
    """Typical wrong implementation: divides the ng/mL values, so it compares grams, not molecules."""
    return igf1_ng_per_mL / igfbp3_ng_per_mL


def ratio_with_glycosylated_mass(igf1_ng_per_mL, igfbp3_ng_per_mL):
    """Typical wrong implementation: IGFBP-3 counted with the 44 kDa it shows on gels, not the assay's 28.7 kDa."""
    return (igf1_ng_per_mL / 7649) / (igfbp3_ng_per_mL / 44000)


def test_the_ratio_reference_is_known_independently():
    ref = exercises.get("03-molar-ratio").reference
    assert ref(200.0, 4000.0) == pytest.approx(0.05 * MOLAR_PER_MASS, rel=1e-4)  # 0.1876
    assert ref(200.0, 4000.0) == pytest.approx(0.1876, abs=1e-4)
    assert ref(0.0, 3000.0) == 0.0
    for case in exercises.get("03-molar-ratio").cases:
        igf1, bp3 = case.args
        assert np.allclose(ref(igf1, bp3), np.asarray(igf1) / np.asarray(bp3) * MOLAR_PER_MASS, rtol=1e-3, atol=0)


def test_ratio_stub_is_not_attempted():
    def molar_ratio(igf1_ng_per_mL, igfbp3_ng_per_mL):
        raise NotImplementedError

    assert "Not attempted yet" in exercises.check_function("03-molar-ratio", molar_ratio)
    with pytest.raises(AssertionError):
        exercises.check_function("03-molar-ratio", molar_ratio, must_pass=True)


@pytest.mark.parametrize("wrong", [ratio_of_mass, ratio_with_glycosylated_mass])
def test_a_wrong_ratio_fails_every_person_and_does_not_give_the_number(wrong):
    feedback = exercises.check_function("03-molar-ratio", wrong)
    assert not feedback.ok
    failed = _failed_kinds(feedback)
    for kind in ("a typical adult", "a teenager in puberty", "an older adult", "several people at once"):
        assert kind in failed
    assert "no IGF-1 detected" not in failed  # zero is zero whatever the masses
    assert "molar mass" in feedback  # the hint names the step, not the value
    for case in exercises.get("03-molar-ratio").cases[:3]:
        igf1, bp3 = case.args
        assert not any(r in feedback for r in _renderings(igf1 / bp3 * MOLAR_PER_MASS)), feedback


def test_the_ratio_solution_in_the_notebook_passes():
    solution = _notebook_solution("molar_ratio")
    assert solution(200.0, 4000.0) == pytest.approx(0.1876, abs=1e-4)
    assert exercises.check_function("03-molar-ratio", solution).ok


# --- the findings table of section 10 ------------------------------------------------------------------------


def test_every_protease_finding_cites_a_resolving_key_and_a_valid_label():
    from course_lib import citations, data

    table = data.load("igfbp_protease_findings")
    known = set(citations.keys())
    for row in table.itertuples():
        keys = [k.strip() for k in row.citation_key.split(";")]
        assert keys and all(k in known for k in keys), row.id
        assert row.evidence_level in data.EVIDENCE_LEVELS, row.id
    labels = dict(zip(table["id"], table["evidence_level"]))
    assert labels["papp_a2_deficiency"] == labels["als_deficiency"] == "human_case_series"
    assert labels["glucose_fast_free"] == "human_physiology"


def test_numbers_in_the_findings_match_their_value_column():
    from course_lib import data

    table = data.load("igfbp_protease_findings").set_index("id")
    assert table.at["papp_a2_igfbp5", "value"] == 45 and "45%" in table.at["papp_a2_igfbp5", "claim"]
    assert (
        table.at["igfbp1_insulin", "value"] == 0.48 and "113 non-diabetic adults" in table.at["igfbp1_insulin", "claim"]
    )
    assert (
        table.at["papp_a2_deficiency", "value"] == 2
        and "two unrelated families" in table.at["papp_a2_deficiency", "claim"]
    )
    assert table.at["als_deficiency", "value"] == 3 and "three more patients" in table.at["als_deficiency", "claim"]
