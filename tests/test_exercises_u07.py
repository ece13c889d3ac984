"""Unit 07's exercises: each check refuses a stub and a typical wrong answer, teaches, and passes the solution.

The solutions are not copied here: they are executed from the notebook's own solution cells, so the two cannot
drift. The right answers are also worked out here by hand (the quadratic root, the LMS formula with the table's
rows and a hand interpolation, the normal CDF from ``math.erf``), not only compared with the library.
"""

from __future__ import annotations

import math
from pathlib import Path

import nbformat
import numpy as np
import pytest
from scipy.stats import norm

from course_lib import data, exercises
from course_lib.models import reference_ranges

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "07_capstone.ipynb"
MOLAR_MASS = 7649.0  # g/mol, IGF-1 (unit 01 computes it from the sequence)
KD_IGF1R = 0.86  # nM, IGF-1 at IGF-1R (Janssen et al. 2016 EC50, unit 02)


def _cells():
    return nbformat.read(NOTEBOOK, as_version=4).cells


def _solution_source(exercise_id: str) -> str:
    """The source of the hidden solution cell that checks ``exercise_id``."""
    cells = _cells()
    for i, cell in enumerate(cells):
        if "exercise" in cell.metadata.get("tags", []) and f'"{exercise_id}"' in cell.source:
            solution = cells[i + 1]
            assert "solution" in solution.metadata.get("tags", [])
            return solution.source
    raise AssertionError(f"no exercise cell checks {exercise_id}")


def _solution(exercise_id: str, name: str):
    """Run the notebook's solution cell (its must_pass check included) and return the function it defines."""
    namespace = {
        "np": np,
        "norm": norm,
        "exercises": exercises,
        "reference_ranges": reference_ranges,
        "isys": data.load("igf1_lms_isys2014"),
    }
    exec(_solution_source(exercise_id), namespace)
    return namespace[name]


def _stub(*args, **kwargs):
    raise NotImplementedError


def _renderings(x: float) -> set[str]:
    """How a value might be printed (3-4 significant figures, 2 decimals, or as a percentage)."""
    out = {f"{x:.3g}", f"{x:.4g}", f"{x:.2f}"}
    if 0 < abs(x) <= 1:
        out |= {f"{100 * x:.1f}%", f"{100 * x:.2f}%"}
    return out - {"0", "1", "0.00", "1.00", "-0.00"}


def _case_values(exercise_id: str) -> list[float]:
    ex = exercises.get(exercise_id)
    return [float(ex.reference(*c.args, **c.kwargs)) for c in ex.cases]


# --------------------------------------------------------------------------------------------------------------
# 07-occupancy-from-total
# --------------------------------------------------------------------------------------------------------------
def _free_by_hand(total, sites, kd):
    """Free IGF-1 from F**2 + (P + Kd - L) F - Kd L = 0, the positive root found by numpy's polynomial solver."""
    roots = np.roots([1.0, sites + kd - total, -kd * total])
    return float(max(r.real for r in roots))


def test_occupancy_reference_matches_a_hand_calculation():
    ex = exercises.get("07-occupancy-from-total")
    # typical serum: 26 nM IGF-1, 100 nM sites, Kd 0.1 nM -> free about 0.0351 nM, occupancy F / (F + 0.86)
    free = _free_by_hand(26.0, 100.0, 0.1)
    assert free == pytest.approx(0.1 * 26 / 74, rel=0.01)  # the large-excess limit Kd * L / (P - L)
    assert ex.reference(26.0, igfbp_nM=100.0, kd_bp_nM=0.1, kd_receptor_nM=KD_IGF1R) == pytest.approx(
        free / (free + KD_IGF1R), rel=1e-6
    )
    # no binding protein: everything is free, occupancy 26 / 26.86
    assert ex.reference(26.0, igfbp_nM=0.0, kd_bp_nM=0.1, kd_receptor_nM=KD_IGF1R) == pytest.approx(26 / 26.86)
    # IGF-1 in excess of sites: about 30 nM stays free
    free = _free_by_hand(50.0, 20.0, 0.1)
    assert free == pytest.approx(30.0, rel=0.01)
    assert ex.reference(50.0, igfbp_nM=20.0, kd_bp_nM=0.1, kd_receptor_nM=KD_IGF1R) == pytest.approx(
        free / (free + KD_IGF1R), rel=1e-6
    )


def test_occupancy_check_refuses_the_stub():
    feedback = exercises.check_function("07-occupancy-from-total", _stub)
    assert not feedback.ok and "Not attempted yet" in feedback


def test_occupancy_check_refuses_total_in_place_of_free():
    """The capstone's misconception: the receptor sees total IGF-1. Right only where nothing binds it."""

    def total_as_free(total_igf1_nM, *, igfbp_nM, kd_bp_nM, kd_receptor_nM):
        return total_igf1_nM / (total_igf1_nM + kd_receptor_nM)

    feedback = exercises.check_function("07-occupancy-from-total", total_as_free)
    assert not feedback.ok
    assert "typical serum: more binding sites than IGF-1" in feedback
    assert "a low-affinity receptor" in feedback
    assert "1 of 6 cases" in feedback  # only the case without a binding protein passes
    assert "FREE IGF-1" in feedback  # the first hint points at the step to re-check
    for value in _case_values("07-occupancy-from-total"):
        assert not any(r in feedback for r in _renderings(value)), feedback


def test_occupancy_check_passes_the_notebook_solution():
    solution = _solution("07-occupancy-from-total", "igf1r_occupancy")
    assert exercises.check_function("07-occupancy-from-total", solution).ok


# --------------------------------------------------------------------------------------------------------------
# 07-sds-from-nmol
# --------------------------------------------------------------------------------------------------------------
def _row(sex: str, age_y: float):
    t = data.load("igf1_lms_isys2014")
    return t[(t.sex == sex) & (t.age_y == age_y)].iloc[0]


def _lms_z(y, L, M, S):
    return ((y / M) ** L - 1) / (L * S)


def test_sds_reference_matches_a_hand_calculation():
    ex = exercises.get("07-sds-from-nmol")
    # a tabulated age: 25 nmol/L for a 43-year-old woman
    r = _row("female", 43.0)
    by_hand = _lms_z(25 * MOLAR_MASS / 1000, r.L_nu, r.M_mu, r.S_sigma)
    assert ex.reference(25.0, age_y=43.0, sex="female") == pytest.approx(by_hand, rel=1e-9)
    # between rows: 65.5 y is halfway between the 63- and 68-year rows
    lo, hi = _row("male", 63.0), _row("male", 68.0)
    w = (65.5 - 63.0) / 5.0
    L, M, S = ((1 - w) * lo[c] + w * hi[c] for c in ("L_nu", "M_mu", "S_sigma"))
    by_hand = _lms_z(20 * MOLAR_MASS / 1000, L, M, S)
    assert ex.reference(20.0, age_y=65.5, sex="male") == pytest.approx(by_hand, rel=1e-9)
    # the prediction in the notebook: 20 nmol/L (153 ng/mL) at 67 y is ABOVE the median (about 90 ng/mL)
    assert ex.reference(20.0, age_y=67.0, sex="female") > 0


def test_sds_check_refuses_the_stub():
    feedback = exercises.check_function("07-sds-from-nmol", _stub)
    assert not feedback.ok and "Not attempted yet" in feedback


def test_sds_check_refuses_a_forgotten_unit_conversion():
    """nmol/L read as if it were ng/mL: wrong for every case, and the hint says to convert first."""

    def no_conversion(value_nmol_per_L, *, age_y, sex):
        L, M, S = reference_ranges.lms(age_y, dataset="igf1_lms_isys2014", sex=sex)
        return ((value_nmol_per_L / M) ** L - 1) / (L * S)

    feedback = exercises.check_function("07-sds-from-nmol", no_conversion)
    assert not feedback.ok
    assert "a woman's result at a tabulated age" in feedback and "a very low result" in feedback
    assert "convert first" in feedback
    for value in _case_values("07-sds-from-nmol"):
        assert not any(r in feedback for r in _renderings(value)), feedback


def test_sds_check_names_the_between_rows_case_when_the_nearest_row_is_used():
    def nearest_row(value_nmol_per_L, *, age_y, sex):
        t = data.load("igf1_lms_isys2014")
        t = t[t.sex == sex]
        r = t.iloc[int(np.argmin(np.abs(t.age_y.to_numpy() - age_y)))]
        return _lms_z(value_nmol_per_L * MOLAR_MASS / 1000, r.L_nu, r.M_mu, r.S_sigma)

    feedback = exercises.check_function("07-sds-from-nmol", nearest_row)
    assert not feedback.ok
    assert "a man's result at an age between two tabulated rows" in feedback and "4 of 5 cases" in feedback


def test_sds_check_passes_the_notebook_solution():
    solution = _solution("07-sds-from-nmol", "sds_from_nmol")
    assert exercises.check_function("07-sds-from-nmol", solution).ok


# --------------------------------------------------------------------------------------------------------------
# 07-teen-own-age (numeric)
# --------------------------------------------------------------------------------------------------------------
def _teen_by_hand() -> tuple[float, float]:
    r = _row("female", 14.0)
    z = _lms_z(250.0, r.L_nu, r.M_mu, r.S_sigma)
    return z, 50.0 * (1.0 + math.erf(z / math.sqrt(2.0)))


def test_teen_answer_by_hand_and_below_half():
    z, percent = _teen_by_hand()
    assert z < 0 and 25 < percent < 40  # below the median of 14-year-old girls (M = 296 ng/mL)
    assert exercises.check("07-teen-own-age", percent).ok
    # while an adult reference would flag the same value: above the 97.5th percentile at 40 y
    assert reference_ranges.percentile_rank(250.0, age_y=40, sex="female") > 97.5


@pytest.mark.parametrize(
    ("attempt", "words"),
    [
        (lambda z, p: z, "SDS itself"),
        (lambda z, p: p / 100, "a fraction"),
        (lambda z, p: 100 - p, "ABOVE her"),
    ],
    ids=["sds-not-percent", "fraction", "share-above"],
)
def test_teen_each_mistake_gets_its_hint(attempt, words):
    z, percent = _teen_by_hand()
    feedback = exercises.check("07-teen-own-age", attempt(z, percent))
    assert not feedback.ok and words in feedback
    assert not any(r in feedback for r in _renderings(percent))


def test_teen_mistakes_cover_every_registered_mistake():
    ex = exercises.get("07-teen-own-age")
    for mistake in ex.mistakes:
        assert mistake.hint in exercises.check("07-teen-own-age", mistake.value())


def test_teen_check_passes_the_notebook_solution():
    namespace = {"np": np, "norm": norm, "exercises": exercises, "isys": data.load("igf1_lms_isys2014")}
    exec(_solution_source("07-teen-own-age"), namespace)  # ends in check(..., must_pass=True)
    assert exercises.check("07-teen-own-age", namespace["solution_percent"]).ok


def test_no_exercise_answer_is_printed_before_its_exercise():
    """The old capstone exercise asked for a number printed twice above it; these must not be."""
    cells = _cells()
    _, percent = _teen_by_hand()
    shown = {f"{percent:.0f}%", f"{percent:.1f}%", f"{percent:.2f}"}
    for i, cell in enumerate(cells):
        if "07-teen-own-age" in cell.source and "exercise" in cell.metadata.get("tags", []):
            break
        text = cell.source + "".join(
            o.get("text", "") if o.output_type == "stream" else o.get("data", {}).get("text/plain", "")
            for o in cell.get("outputs", [])
        )
        assert not any(s in text for s in shown), f"cell {i} shows the answer to 07-teen-own-age"
