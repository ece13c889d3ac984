"""Unit 06's exercises: the Bland-Altman upper limit by hand (06-bland-altman-upper) and two function exercises,
06-limits-of-agreement (``limits_of_agreement``) and 06-kappa (``kappa_from_table``).

Each function check fails on the stub and on typical wrong implementations (the population SD; percent of
assay A instead of the pair's mean; A - B; the raw agreement without the chance correction; chance agreement
taken as 1 / number of classes), naming the kind of case that failed and not the expected number, and passes on
the notebook's own solution (exec'd from its cell, so the two cannot drift). The right answers are known
independently of the registry: the eight pairs typed in from the notebook's table, and hand calculations of
limits and kappa.
"""

from __future__ import annotations

import math
from pathlib import Path

import nbformat
import numpy as np
import pytest

from course_lib import exercises
from course_lib.exercises import _u06
from course_lib.models import assays

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "06_methodology.ipynb"


def _solution(exercise_id: str, name: str):
    """Run the notebook's solution cell (its must_pass check included) and return what it defines as ``name``."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    (source,) = [
        c.source for c in nb.cells if "solution" in c.metadata.get("tags", []) and f'"{exercise_id}"' in c.source
    ]
    namespace = {"np": np, "exercises": exercises, "assays": assays, "study": _u06._study()}
    if exercise_id == "06-bland-altman-upper":  # the cell reads the table shown above it
        pairs = _u06._study().people.loc[:7, ["assay_a_ng_per_mL", "assay_b_ng_per_mL"]].round(0)
        pairs.columns = ["A (ng/mL)", "B (ng/mL)"]
        namespace["pairs"] = pairs
    exec(source, namespace)
    return namespace.get(name)


def _stub(*args, **kwargs):
    raise NotImplementedError


def _renderings(x: float) -> set[str]:
    """How a value might be printed (3-4 significant figures, 2-3 decimals)."""
    out = {f"{x:.3g}", f"{x:.4g}", f"{x:.2f}", f"{x:.3f}"} - {"0.00", "1.00", "-0.00", "0.000", "1.000", "0", "1"}
    return {r for r in out if len(r.lstrip("-")) > 1}


def _hides_every_case_value(exercise_id: str, feedback) -> None:
    ex = exercises.get(exercise_id)
    for case in ex.cases:
        for value in np.ravel(ex.reference(*case.args, **case.kwargs)):
            assert not any(r in feedback for r in _renderings(float(value))), (case.kind, value, str(feedback))


def _failed_kinds(feedback) -> str:
    """The part of the feedback that lists the failing kinds of case."""
    return str(feedback).split("wrong for", 1)[1].split("Re-check", 1)[0]


# ---------------------------------------------------------------- the by-hand number: 06-bland-altman-upper

# The eight pairs as the notebook's table shows them (A, B in ng/mL).
A8 = [132, 127, 235, 107, 115, 128, 209, 156]
B8 = [154, 154, 248, 132, 153, 125, 221, 209]
D8 = [b - a for a, b in zip(A8, B8)]  # 22, 27, 13, 25, 38, -3, 12, 53: sum 187
BIAS8 = 187 / 8  # 23.375 ng/mL
SS8 = sum((d - BIAS8) ** 2 for d in D8)  # 2041.875
HAND_UPPER = BIAS8 + 1.96 * math.sqrt(SS8 / 7)


def test_the_table_in_the_notebook_is_the_one_the_check_uses():
    a, b = _u06._pairs()
    assert list(a) == A8 and list(b) == B8


def test_the_by_hand_answer_is_known_independently():
    assert HAND_UPPER == pytest.approx(56.85, abs=0.01)
    assert exercises.check("06-bland-altman-upper", HAND_UPPER).ok
    assert exercises.check("06-bland-altman-upper", 56.9).ok  # rounded as a learner would


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (BIAS8 + 1.96 * math.sqrt(SS8 / 8), "population SD"),  # divided by n
        (-BIAS8 + 1.96 * math.sqrt(SS8 / 7), "B - A, not A - B"),  # A - B: the upper limit of the other sign
        (1.96 * math.sqrt(SS8 / 7), "add the mean difference"),  # the bias left out
    ],
)
def test_each_mistake_gets_its_own_hint(value, words):
    feedback = exercises.check("06-bland-altman-upper", value)
    assert not feedback.ok and words in feedback
    assert not any(r in feedback for r in _renderings(HAND_UPPER)), str(feedback)


def test_the_by_hand_solution_in_the_notebook_passes():
    _solution("06-bland-altman-upper", "upper")  # the cell's own must_pass=True check raises if it is wrong


# ---------------------------------------------------------------- 06-limits-of-agreement


def test_the_limits_reference_agrees_with_hand_values():
    ref = exercises.get("06-limits-of-agreement").reference
    bias, lower, upper = ref(A8, B8)
    assert (bias, upper) == pytest.approx((23.375, HAND_UPPER))
    assert lower == pytest.approx(BIAS8 - 1.96 * math.sqrt(SS8 / 7))
    # three pairs: differences 2, 4, 1 -> mean 7/3, squared deviations 1/9 + 25/9 + 16/9, sample SD sqrt(21/9)
    bias, lower, upper = ref([100, 110, 120], [102, 114, 121])
    assert bias == pytest.approx(7 / 3) and upper - bias == pytest.approx(
        1.96 * math.sqrt((1 / 9 + 25 / 9 + 16 / 9) / 2)
    )
    # a constant offset: no spread, both limits at the bias
    assert ref([80, 150, 240], [92, 162, 252]) == pytest.approx((12.0, 12.0, 12.0))
    # percent of the pair's mean: B = 1.2 A exactly gives 0.2 / 1.1 = 18.18% for every pair
    assert ref([100, 200, 300], [120, 240, 360], scale="percent")[0] == pytest.approx(100 * 0.2 / 1.1)


def test_the_prediction_is_below_twenty_percent():
    """The notebook asks whether the study's bias in % of the pair's mean is above or below +20%: below."""
    people = _u06._study().people
    bias = exercises.get("06-limits-of-agreement").reference(
        people.assay_a_ng_per_mL, people.assay_b_ng_per_mL, scale="percent"
    )[0]
    assert 15 < bias < 20


def test_limits_stub_is_not_attempted():
    feedback = exercises.check_function("06-limits-of-agreement", _stub)
    assert not feedback.ok and "Not attempted yet" in feedback
    with pytest.raises(AssertionError):
        exercises.check_function("06-limits-of-agreement", _stub, must_pass=True)


def population_sd(a_ng_per_mL, b_ng_per_mL, *, scale="absolute"):
    """Typical wrong implementation: np.std's default, which divides by n (the population SD)."""
    a, b = np.asarray(a_ng_per_mL, dtype=float), np.asarray(b_ng_per_mL, dtype=float)
    d = b - a
    if scale == "percent":
        d = 100 * d / ((a + b) / 2)
    return d.mean(), d.mean() - 1.96 * d.std(), d.mean() + 1.96 * d.std()


def percent_of_a(a_ng_per_mL, b_ng_per_mL, *, scale="absolute"):
    """Typical wrong implementation: percent differences relative to assay A instead of the pair's mean."""
    a, b = np.asarray(a_ng_per_mL, dtype=float), np.asarray(b_ng_per_mL, dtype=float)
    d = b - a
    if scale == "percent":
        d = 100 * d / a
    sd = d.std(ddof=1)
    return d.mean(), d.mean() - 1.96 * sd, d.mean() + 1.96 * sd


def lists_not_converted(a_ng_per_mL, b_ng_per_mL, *, scale="absolute"):
    """Typical wrong implementation: right arithmetic, but B - A on the inputs as given (lists cannot subtract)."""
    d = b_ng_per_mL - a_ng_per_mL
    if scale == "percent":
        d = 100 * d / ((a_ng_per_mL + b_ng_per_mL) / 2)
    sd = np.std(d, ddof=1)
    return np.mean(d), np.mean(d) - 1.96 * sd, np.mean(d) + 1.96 * sd


def test_the_population_sd_fails_wherever_there_is_spread_and_names_those_cases():
    feedback = exercises.check_function("06-limits-of-agreement", population_sd)
    assert not feedback.ok and "7 of 8" not in feedback and "1 of 8 cases" in feedback
    failed = _failed_kinds(feedback)
    assert "the smallest sample, three pairs" in failed and "a negative bias" in failed
    assert "a constant offset" not in failed  # no spread: n or n - 1 makes no difference
    assert "sample SD" in feedback  # the first hint points at the step
    _hides_every_case_value("06-limits-of-agreement", feedback)


def test_percent_of_assay_a_fails_only_the_percent_cases():
    feedback = exercises.check_function("06-limits-of-agreement", percent_of_a)
    assert not feedback.ok and "6 of 8 cases" in feedback
    failed = _failed_kinds(feedback)
    assert (
        "differences in percent of each pair's mean" in failed
        and "percent differences where assay B reads lower" in failed
    )
    assert "MEAN" in feedback
    _hides_every_case_value("06-limits-of-agreement", feedback)


def test_lists_not_converted_are_named_with_the_error():
    feedback = exercises.check_function("06-limits-of-agreement", lists_not_converted)
    assert not feedback.ok and "plain Python lists instead of numpy arrays: it raised TypeError" in feedback
    assert "7 of 8 cases" in feedback


def test_the_limits_solution_in_the_notebook_passes():
    solution = _solution("06-limits-of-agreement", "limits_of_agreement")
    assert exercises.check_function("06-limits-of-agreement", solution).ok


# ---------------------------------------------------------------- 06-kappa


def _hand_kappa(t) -> float:
    """Cohen's kappa by the textbook formula, written out for small tables."""
    n = sum(map(sum, t))
    k = len(t)
    p_o = sum(t[i][i] for i in range(k)) / n
    rows = [sum(t[i]) for i in range(k)]
    cols = [sum(t[i][j] for i in range(k)) for j in range(k)]
    p_e = sum(rows[i] * cols[i] for i in range(k)) / n**2
    return (p_o - p_e) / (1 - p_e)


def test_the_kappa_reference_agrees_with_hand_values():
    ref = exercises.get("06-kappa").reference
    # the prediction table: p_o = 188/200 = 0.94, p_e = (11*9 + 189*191)/200**2 = 0.90495 -> 0.3688
    assert ref([[4, 7], [5, 184]]) == pytest.approx((0.94 - 0.90495) / (1 - 0.90495))
    assert ref([[4, 7], [5, 184]]) < 0.5  # the prediction the notebook asks for
    assert ref([[20, 0], [0, 80]]) == pytest.approx(1.0)
    assert ref([[25, 25], [25, 25]]) == pytest.approx(0.0, abs=1e-12)
    assert ref([[2, 18], [18, 2]]) == pytest.approx(-0.8)  # p_o 0.1, p_e 0.5
    for case in exercises.get("06-kappa").cases:
        table = np.asarray(case.args[0]).tolist()
        assert ref(*case.args) == pytest.approx(_hand_kappa(table)), case.kind
    # the library's own kappa for the simulated study (printed in the notebook as 0.37)
    study = _u06._study()
    assert ref(study.agreement.table) == pytest.approx(study.agreement.kappa)


def test_kappa_stub_is_not_attempted():
    feedback = exercises.check_function("06-kappa", _stub)
    assert not feedback.ok and "Not attempted yet" in feedback
    with pytest.raises(AssertionError):
        exercises.check_function("06-kappa", _stub, must_pass=True)


def raw_agreement(table):
    """Typical wrong implementation: the share on the diagonal, with no correction for chance."""
    t = np.asarray(table, dtype=float)
    return np.trace(t) / t.sum()


def uniform_chance(table):
    """Typical wrong implementation: chance agreement taken as 1 / (number of classes), not from the totals."""
    t = np.asarray(table, dtype=float)
    p_o = np.trace(t) / t.sum()
    p_e = 1 / len(t)
    return (p_o - p_e) / (1 - p_e)


def grand_total_from_sum(table):
    """Typical wrong implementation: right formula, but table.sum() taken as the grand total (a DataFrame's is
    one total per column) and no conversion of lists."""
    n = table.sum()
    p_o = np.trace(table) / n
    p_e = (table.sum(axis=1) * table.sum(axis=0)).sum() / n**2
    return (p_o - p_e) / (1 - p_e)


def test_raw_agreement_passes_only_perfect_agreement():
    feedback = exercises.check_function("06-kappa", raw_agreement)
    assert not feedback.ok and "1 of 9 cases" in feedback
    failed = _failed_kinds(feedback)
    assert "most of the agreement is expected by chance" in failed and "perfect agreement" not in failed
    assert "expected by chance" in feedback.split("Re-check", 1)[1]  # the hint names the missing step
    _hides_every_case_value("06-kappa", feedback)


def test_uniform_chance_fails_where_the_classes_are_unequal():
    feedback = exercises.check_function("06-kappa", uniform_chance)
    assert not feedback.ok
    failed = _failed_kinds(feedback)
    assert "a 3x3 table (low / normal / high)" in failed and "most of the agreement is expected by chance" in failed
    # with equal totals 1/k is the right chance agreement, so these pass
    assert "perfect agreement" not in failed and "no better than chance" not in failed
    _hides_every_case_value("06-kappa", feedback)


def test_a_dataframe_sum_and_an_unconverted_list_are_named():
    feedback = exercises.check_function("06-kappa", grand_total_from_sum)
    assert not feedback.ok and "7 of 9 cases" in feedback
    failed = _failed_kinds(feedback)
    assert "a pandas DataFrame, like study.agreement.table" in failed
    assert "a table given as a nested Python list: it raised AttributeError" in failed


def test_the_kappa_solution_in_the_notebook_passes():
    solution = _solution("06-kappa", "kappa_from_table")
    assert exercises.check_function("06-kappa", solution).ok
