"""The exercise checks (course_lib.exercises): feedback that teaches without giving the answer.

Registry-wide rules here; each unit's function exercises are tested against a stub, a typical wrong
implementation and the solution in ``tests/test_exercises_uNN.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from course_lib import exercises
from course_lib.exercises import Case, FunctionExercise, Mistake, NumericExercise

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
IDS = exercises.ids()
NUMERIC = [i for i in IDS if isinstance(exercises.get(i), NumericExercise)]
FUNCTIONS = [i for i in IDS if isinstance(exercises.get(i), FunctionExercise)]


def _renderings(x: float) -> list[str]:
    """How an expected value might be printed (2 to 4 significant figures), to check that feedback hides it."""
    return sorted({f"{x:.{n}g}" for n in (3, 4)} | {f"{x:.2f}"} - {"0", "1", "2", "0.00", "1.00"})


def test_the_worked_example_teaches_without_the_answer():
    expected = 250 / 7649 * 1000  # by hand: 250 µg/L / 7649 g/mol, in nmol/L
    assert exercises.check("00-ng-to-nmol", expected).ok
    wrong = exercises.check("00-ng-to-nmol", 250 * 7649)  # multiplied instead of divided
    assert not wrong.ok and "multiplied" in wrong
    high = exercises.check("00-ng-to-nmol", expected * 1.08)
    assert "too high by about 8%" in high
    low = exercises.check("00-ng-to-nmol", expected / 1000)
    assert "1000 times too small" in low
    far = exercises.check("00-ng-to-nmol", expected * 3.1)
    assert "about 3 times too high" in far
    assert "wrong sign" in exercises.check("00-ng-to-nmol", -expected)
    for feedback in (wrong, high, low, far):
        assert not any(r in feedback for r in _renderings(expected)), feedback


@pytest.mark.parametrize("exercise_id", NUMERIC)
def test_numeric_exercise_accepts_its_answer_and_hides_it_otherwise(exercise_id):
    ex = exercises.get(exercise_id)
    expected = float(ex.expected())
    assert exercises.check(exercise_id, expected).ok
    assert not exercises.check(exercise_id, None).ok
    for attempt in (expected * 1.3, expected * 0.6, expected * 10 + 1):
        feedback = exercises.check(exercise_id, attempt)
        assert not feedback.ok
        assert not any(r in feedback for r in _renderings(expected)), feedback
    for text in ex.hints:
        assert not any(r in text for r in _renderings(expected)), f"a hint gives the answer: {text}"
    for mistake in ex.mistakes:
        value = float(mistake.value())
        assert abs(value - expected) > ex.rel_tol * abs(expected), "a 'mistake' equals the right answer"
        feedback = exercises.check(exercise_id, value)
        assert mistake.hint in feedback and not feedback.ok


@pytest.mark.parametrize("exercise_id", FUNCTIONS)
def test_function_exercise_passes_its_reference_and_refuses_a_stub(exercise_id):
    ex = exercises.get(exercise_id)

    def stub(*args, **kwargs):
        raise NotImplementedError

    assert exercises.check_function(exercise_id, ex.reference).ok
    assert "Not attempted yet" in exercises.check_function(exercise_id, stub)
    assert "returned None" in exercises.check_function(exercise_id, lambda *a, **k: None)
    with pytest.raises(AssertionError):
        exercises.check_function(exercise_id, stub, must_pass=True)
    assert len({c.kind for c in ex.cases}) == len(ex.cases), "each case names a different kind of input"


@pytest.mark.parametrize("exercise_id", FUNCTIONS)
def test_every_function_exercise_has_its_own_unit_tests(exercise_id):
    unit_tests = ROOT / "tests" / f"test_exercises_u{exercise_id[:2]}.py"
    assert unit_tests.is_file() and exercise_id in unit_tests.read_text(encoding="utf-8"), (
        f"{exercise_id}: tests/{unit_tests.name} must show the check failing on a stub and on a typical wrong "
        "implementation, and passing on the solution"
    )


def test_function_feedback_names_the_kind_of_case_not_the_value():
    def reference(x):
        return 1.0 / x

    exercises._REGISTRY.pop("07-test-only", None)
    ex = exercises.register(
        FunctionExercise(
            id="07-test-only",
            name="inverse",
            reference=reference,
            cases=(
                Case("a typical value", (2.0,)),
                Case("a very small value", (1e-9,)),
                Case("a negative value", (-4.0,)),
            ),
            hints=("divide one by x.", "return 1 / x."),
        )
    )
    try:
        feedback = exercises.check_function(ex.id, lambda x: 1.0 / x if x > 0 else 0.0)
        assert not feedback.ok and "a negative value" in feedback and "2 of 3" in feedback
        assert "-0.25" not in feedback
        crash = exercises.check_function(ex.id, lambda x: 1.0 / (x - 2.0))
        assert "a typical value: it raised ZeroDivisionError" in crash
        assert exercises.check_function(ex.id, reference).ok
    finally:
        exercises._REGISTRY.pop("07-test-only", None)


def test_bad_registrations_and_inputs_are_clear_errors():
    with pytest.raises(ValueError, match="unit number"):
        exercises.register(NumericExercise(id="x-1", name="n", expected=lambda: 1.0, hints=("a", "b")))
    with pytest.raises(ValueError, match="registered twice"):
        exercises.register(exercises.get("00-ng-to-nmol"))
    with pytest.raises(ValueError, match="exercise_id"):
        exercises.check("00-no-such-exercise", 1.0)
    with pytest.raises(TypeError, match="must be a number"):
        exercises.check("00-ng-to-nmol", "32")
    with pytest.raises(ValueError, match="level"):
        exercises.hint("00-ng-to-nmol", 3)
    assert exercises.hint("00-ng-to-nmol", 2) != exercises.hint("00-ng-to-nmol", 1)
    assert isinstance(Mistake(value=lambda: 1.0, hint="h"), Mistake)


CHECK_CALL = re.compile(r"exercises\.check(?:_function)?\(\s*[\"']([0-9]{2}-[\w-]+)[\"']")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_exercise_cells_compute_no_expected_value_and_solutions_must_pass(path):
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        tags = cell.get("metadata", {}).get("tags", [])
        if "exercise" in tags:
            assert "expected=" not in cell.source, f"cell {i}: the expected value is computed in the learner's cell"
            assert CHECK_CALL.search(cell.source), f"cell {i}: the exercise is not checked by course_lib.exercises"
            for exercise_id in CHECK_CALL.findall(cell.source):
                exercises.get(exercise_id)
        if "solution" in tags and CHECK_CALL.search(cell.source):
            assert "must_pass=True" in cell.source, f"cell {i}: a solution's check must use must_pass=True"
