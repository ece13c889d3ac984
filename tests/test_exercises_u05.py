"""Unit 05's exercises: the SDS by hand (05-sds-67y) and two function exercises, 05-lms-sds (``sds_from_table``)
and 05-reference-interval (``reference_interval``).

Each function check fails on the stub and on typical wrong implementations (no interpolation; no log form for
L = 0; a search for "the row above" that finds nothing at the last tabulated age; an interval symmetric around
the median or a log-normal one), naming the kind of case that failed and not the expected number, and passes
on the notebook's own solution (exec'd from its cell, so the two cannot drift). The right answers are known
independently of the registry: the by-hand SDS from the two table rows typed in; percentiles of the library
turned back into SDS; the L = 0 row of the Japanese table, where the interval is M*exp(+-1.96*S).
"""

from __future__ import annotations

import math
from pathlib import Path

import nbformat
import numpy as np
import pytest

from course_lib import data, exercises
from course_lib.exercises import _u05
from course_lib.models import reference_ranges

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "05_lifespan_trajectory.ipynb"
ISYS = _u05.ISYS  # the very tables the hidden cases use
JAPAN = _u05.JAPAN


def _solution(exercise_id: str, name: str):
    """Run the notebook's solution cell (its must_pass check included) and return the function it defines."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    (source,) = [
        c.source for c in nb.cells if "solution" in c.metadata.get("tags", []) and f'"{exercise_id}"' in c.source
    ]
    namespace = {
        "np": np,
        "exercises": exercises,
        "reference_ranges": reference_ranges,
        "isys": data.load("igf1_lms_isys2014"),
        "japan": data.load("igf1_lms_japan2012"),
    }
    exec(source, namespace)
    return namespace.get(name)


def _stub(*args, **kwargs):
    raise NotImplementedError


def _renderings(x: float) -> set[str]:
    """How a value might be printed (3-4 significant figures, 2-3 decimals)."""
    out = {f"{x:.3g}", f"{x:.4g}", f"{x:.2f}", f"{x:.3f}"} - {"0.00", "1.00", "-0.00", "0.000"}
    return {r for r in out if len(r.lstrip("-")) > 1}  # a lone digit ("2") is in every hint's call


def _case_values(exercise_id: str) -> list[float]:
    ex = exercises.get(exercise_id)
    return [float(v) for c in ex.cases for v in np.ravel(ex.reference(*c.args, **c.kwargs))]


def _hides_every_case_value(exercise_id: str, feedback) -> None:
    for value in _case_values(exercise_id):
        assert not any(r in feedback for r in _renderings(value)), (value, str(feedback))


def _failed_kinds(feedback) -> str:
    """The part of the feedback that lists the failing kinds of case."""
    return str(feedback).split("wrong for", 1)[1].split("Re-check", 1)[0]


# ---------------------------------------------------------------- the by-hand number: 05-sds-67y

# The male rows at 63 and 68 years (iSYS table, printed in the notebook): L is 0.4568 in both;
# M 105.9676 and 105.7704 ng/mL; S 0.3335 and 0.3492. 67 y is 4/5 of the way from 63 to 68.
M_67 = 105.9676 + 0.8 * (105.7704 - 105.9676)  # 105.81536 ng/mL
S_67 = 0.3335 + 0.8 * (0.3492 - 0.3335)  # 0.34606
HAND_SDS = ((150 / M_67) ** 0.4568 - 1) / (0.4568 * S_67)


def test_the_by_hand_answer_is_known_independently():
    assert HAND_SDS == pytest.approx(1.0933, abs=1e-4)
    assert exercises.check("05-sds-67y", HAND_SDS).ok
    assert exercises.check("05-sds-67y", 1.09).ok  # rounded as the solution prints it


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (((150 / 105.9676) ** 0.4568 - 1) / (0.4568 * 0.3335), "without interpolating"),  # the 63-year row only
        (  # weights reversed: 1/5 of the way from 63 to 68
            ((150 / (105.9676 + 0.2 * (105.7704 - 105.9676))) ** 0.4568 - 1)
            / (0.4568 * (0.3335 + 0.2 * (0.3492 - 0.3335))),
            "wrong way round",
        ),
        ((150 / M_67 - 1) / S_67, "left out L"),  # the normal-distribution z, L taken as 1
    ],
)
def test_each_mistake_gets_its_own_hint(value, words):
    feedback = exercises.check("05-sds-67y", value)
    assert not feedback.ok and words in feedback
    assert not any(r in feedback for r in _renderings(HAND_SDS)), str(feedback)


def test_a_plain_wrong_number_gets_direction_not_the_answer():
    percentile_instead = exercises.check("05-sds-67y", 86.3)  # the percentile rank, not the SDS
    assert not percentile_instead.ok and "too high" in percentile_instead
    assert not any(r in percentile_instead for r in _renderings(HAND_SDS))


def test_the_by_hand_solution_in_the_notebook_passes():
    _solution("05-sds-67y", "solution_sds")  # the cell's own must_pass=True check raises if it is wrong


# ---------------------------------------------------------------- 05-lms-sds: sds_from_table


def test_the_sds_reference_agrees_with_the_library_and_hand_values():
    ref = exercises.get("05-lms-sds").reference
    assert ref(150.0, age_y=67.0, sex="male", table=ISYS) == pytest.approx(HAND_SDS, rel=1e-4)
    assert ref(200.0, age_y=40.0, sex="female", table=ISYS) == pytest.approx(1.600, abs=5e-4)  # worked example
    # a percentile turned back into an SDS: the 97.5th is +1.96, at the first and last tabulated ages too
    for age, sex, table, name in ((0.0, "male", ISYS, "isys2014"), (94.0, "female", ISYS, "isys2014")):
        p975 = reference_ranges.percentile(age, sex=sex, p=97.5, reference=name)
        assert ref(p975, age_y=age, sex=sex, table=table) == pytest.approx(1.959964, abs=1e-5)
    # L = 0 (Japanese girls, 10 y: M 302 ng/mL, S 0.333): z = ln(y/M)/S
    assert ref(250.0, age_y=10.0, sex="female", table=JAPAN) == pytest.approx(math.log(250 / 302) / 0.333)
    for case in exercises.get("05-lms-sds").cases:
        name = "isys2014" if case.kwargs["table"] is ISYS else "japan2012"
        kw = {k: v for k, v in case.kwargs.items() if k != "table"}
        want = reference_ranges.sds(case.args[0], reference=name, **kw)
        assert np.allclose(ref(*case.args, **case.kwargs), want, rtol=1e-9), case.kind


def test_sds_stub_is_not_attempted():
    feedback = exercises.check_function("05-lms-sds", _stub)
    assert not feedback.ok and "Not attempted yet" in feedback
    with pytest.raises(AssertionError):
        exercises.check_function("05-lms-sds", _stub, must_pass=True)


def no_interpolation(value_ng_per_mL, *, age_y, sex, table):
    """Typical wrong implementation: takes the tabulated row at or below the age, as if ages were rounded down."""
    row = table[(table.sex == sex) & (table.age_y <= age_y)].iloc[-1]
    L, M, S = row["L_nu"], row["M_mu"], row["S_sigma"]
    return ((value_ng_per_mL / M) ** L - 1) / (L * S)


def test_no_interpolation_fails_between_rows_and_names_those_cases():
    with np.errstate(invalid="ignore", divide="ignore"):  # it has no log form either: 0 / 0 where L is 0
        feedback = exercises.check_function("05-lms-sds", no_interpolation)
    assert not feedback.ok
    failed = _failed_kinds(feedback)
    assert "a man at an age between two tabulated rows" in failed
    assert "a negative L, between two rows" in failed
    assert "a woman at a tabulated age" not in failed and "the oldest tabulated age" not in failed  # right there
    assert "interpolate each of L, M and S" in feedback  # the first hint points at the step
    _hides_every_case_value("05-lms-sds", feedback)


def no_log_form(value_ng_per_mL, *, age_y, sex, table):
    """Typical wrong implementation: interpolates correctly but has no special case for L = 0 (0 / 0 there)."""
    rows = table[table.sex == sex]
    L, M, S = (np.interp(age_y, rows.age_y, rows[c]) for c in ("L_nu", "M_mu", "S_sigma"))
    return ((value_ng_per_mL / M) ** L - 1) / (L * S)


def test_the_formula_without_its_log_form_fails_only_where_l_is_zero():
    with np.errstate(invalid="ignore", divide="ignore"):
        feedback = exercises.check_function("05-lms-sds", no_log_form)
    assert not feedback.ok and "7 of 8 cases" in feedback
    assert "L is exactly 0" in _failed_kinds(feedback)
    _hides_every_case_value("05-lms-sds", feedback)


def bracket_search(value_ng_per_mL, *, age_y, sex, table):
    """Typical wrong implementation: the row at or below and the row strictly above; none above the last age."""
    rows = table[table.sex == sex]
    lo = rows[rows.age_y <= age_y].iloc[-1]
    hi = rows[rows.age_y > age_y].iloc[0]
    w = (age_y - lo["age_y"]) / (hi["age_y"] - lo["age_y"])
    L, M, S = ((1 - w) * lo[c] + w * hi[c] for c in ("L_nu", "M_mu", "S_sigma"))
    if abs(L) < 1e-6:
        return np.log(value_ng_per_mL / M) / S
    return ((value_ng_per_mL / M) ** L - 1) / (L * S)


def test_a_bracket_search_that_finds_no_row_above_the_last_age_is_named():
    feedback = exercises.check_function("05-lms-sds", bracket_search)
    assert not feedback.ok and "the oldest tabulated age: it raised IndexError" in feedback
    assert "7 of 8 cases" in feedback


def test_the_sds_solution_in_the_notebook_passes():
    solution = _solution("05-lms-sds", "sds_from_table")
    assert exercises.check_function("05-lms-sds", solution).ok


# ---------------------------------------------------------------- 05-reference-interval: reference_interval


def test_the_interval_reference_agrees_with_the_library_and_a_hand_value():
    ref = exercises.get("05-reference-interval").reference
    # L = 0 (Japanese girls, 10 y: M 302 ng/mL, S 0.333): M*exp(-+1.96*S), about 157-580 ng/mL
    low, high = ref(10.0, sex="female", table=JAPAN)
    assert (low, high) == pytest.approx((302 * math.exp(-1.959964 * 0.333), 302 * math.exp(1.959964 * 0.333)))
    # the ends are the 2.5th and 97.5th percentiles: their SDS is -+1.96 on the library's own scale
    low, high = ref(52.0, sex="male", table=ISYS)
    assert reference_ranges.sds(low, age_y=52, sex="male") == pytest.approx(-1.959964, abs=1e-6)
    assert reference_ranges.sds(high, age_y=52, sex="male") == pytest.approx(1.959964, abs=1e-6)
    for case in exercises.get("05-reference-interval").cases:
        name = "isys2014" if case.kwargs["table"] is ISYS else "japan2012"
        want = reference_ranges.interval(case.args[0], sex=case.kwargs["sex"], reference=name)
        assert ref(*case.args, **case.kwargs) == pytest.approx(want, rel=1e-9), case.kind


def test_the_interval_is_not_symmetric_and_differs_between_references():
    """The two predictions the notebook asks for, known from the table: L < 1 stretches the upper tail, and the
    Japanese reference sits higher for men of 52."""
    ref = exercises.get("05-reference-interval").reference
    low, high = ref(38.0, sex="female", table=ISYS)
    assert high - 135.6504 > 135.6504 - low
    assert ref(52.0, sex="male", table=JAPAN)[0] > ref(52.0, sex="male", table=ISYS)[0]
    assert ref(52.0, sex="male", table=JAPAN)[1] > ref(52.0, sex="male", table=ISYS)[1]


def test_interval_stub_is_not_attempted():
    feedback = exercises.check_function("05-reference-interval", _stub)
    assert not feedback.ok and "Not attempted yet" in feedback
    with pytest.raises(AssertionError):
        exercises.check_function("05-reference-interval", _stub, must_pass=True)


def symmetric_interval(age_y, *, sex, table):
    """Typical wrong implementation: the median plus or minus 1.96 S times the median (skew ignored, L = 1)."""
    rows = table[table.sex == sex]
    M, S = (np.interp(age_y, rows.age_y, rows[c]) for c in ("M_mu", "S_sigma"))
    return M * (1 - 1.96 * S), M * (1 + 1.96 * S)


def log_normal_interval(age_y, *, sex, table):
    """Typical wrong implementation: the L = 0 form everywhere, as if every row's L were 0."""
    rows = table[table.sex == sex]
    M, S = (np.interp(age_y, rows.age_y, rows[c]) for c in ("M_mu", "S_sigma"))
    return M * np.exp(-1.96 * S), M * np.exp(1.96 * S)


def test_a_symmetric_interval_fails_and_the_feedback_points_at_the_skew():
    feedback = exercises.check_function("05-reference-interval", symmetric_interval)
    assert not feedback.ok and "It is right for" not in feedback  # no row has L = 1
    assert "a woman at a tabulated age" in _failed_kinds(feedback)
    assert "upper tail longer" in feedback
    _hides_every_case_value("05-reference-interval", feedback)


def test_a_log_normal_interval_passes_only_the_row_where_l_is_zero():
    feedback = exercises.check_function("05-reference-interval", log_normal_interval)
    assert not feedback.ok and "1 of 7 cases" in feedback
    failed = _failed_kinds(feedback)
    assert "L is exactly 0" not in failed and "a man of the same age on another reference's table" in failed
    _hides_every_case_value("05-reference-interval", feedback)


def test_the_interval_solution_in_the_notebook_passes():
    solution = _solution("05-reference-interval", "reference_interval")
    assert exercises.check_function("05-reference-interval", solution).ok
