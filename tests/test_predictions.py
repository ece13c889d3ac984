"""Predictions: the rules every unit's file keeps, the replies, the widget and its static fallback.

What each prediction's result *is* is tested per unit (tests/test_predictions_uNN.py), from the model
or by hand; here the tests hold the engine to what a learner is promised: nothing is revealed before
a commitment, the reply is to *that* prediction, a commitment cannot be changed afterwards, and a page
without a kernel still replies.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from course_lib import citations, predict, predictions, progress

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("0*.ipynb"))
ASK = re.compile(r"predict\.ask\(\s*\"([^\"]+)\",\s*\"([^\"]+)\"")
ALL = [(u, p) for u in predictions.units() for p in predictions.load_predictions(u)]


def _ids(pairs):
    return [f"{u}:{p.id}" for u, p in pairs]


@pytest.mark.parametrize(("unit", "p"), ALL, ids=_ids(ALL))
def test_every_prediction_is_well_formed(unit, p):
    assert p.validate(set(citations.keys())) == []


@pytest.mark.parametrize(("unit", "p"), ALL, ids=_ids(ALL))
def test_replies_differ_between_choices(unit, p):
    """A reply per choice that is the same for every choice would not talk to the learner's prediction."""
    replies = p.responses if p.kind == "choice" else tuple(p.number_responses.values())
    assert len(set(replies)) == len(replies)


def test_ids_are_unique_across_the_course():
    ids = [p.id for _, p in ALL]
    assert len(ids) == len(set(ids))


def test_the_right_choice_is_not_given_away_by_length():
    """Across the course the result's choice is the strictly longest in at most a third of choice predictions."""
    choice_kind = [p for _, p in ALL if p.kind == "choice"]
    longest = [
        p.id
        for p in choice_kind
        if all(len(p.choices[p.answer]) > len(c) for i, c in enumerate(p.choices) if i != p.answer)
    ]
    assert len(longest) <= len(choice_kind) / 3, longest


def _asked() -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = {}
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                for unit, pid in ASK.findall(cell.source):
                    found.setdefault((unit, pid), []).append(path.stem)
    return found


def test_every_prediction_is_asked_once_in_its_own_notebook():
    asked = _asked()
    for unit, p in ALL:
        assert asked.get((unit, p.id)) == [unit], f"{unit}:{p.id} is asked in {asked.get((unit, p.id))}"
    for (unit, pid), where in asked.items():
        assert pid in {p.id for p in predictions.load_predictions(unit)}, f"{where} asks an unknown {unit}:{pid}"


def test_a_prediction_cell_shows_nothing_but_the_prediction_before_commit():
    """The cell's code must not display the result as well (a second expression, print, or display call)."""
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code" and ASK.search(cell.source):
                assert "print(" not in cell.source and "display(" not in cell.source, (path.stem, cell.source)


# --- replies -------------------------------------------------------------------------------------


def _choice():
    return predictions.get("00_start_here", "pred-00-headline")


def _number():
    return predictions.get("00_start_here", "pred-00-converter")


def test_choice_reply_is_the_reply_to_that_choice():
    p = _choice()
    for i in range(len(p.choices)):
        verdict, reply = predictions.respond(p, i)
        assert reply == p.responses[i]
        assert ("matches" in verdict) == (i == p.answer)


def test_number_reply_says_low_close_or_high_from_the_truth():
    p = _number()
    truth = 20.0
    tol = p.tolerance
    assert predictions.respond(p, truth * (1 + tol / 2), truth)[1] == p.number_responses["close"]
    assert predictions.respond(p, truth * (1 - 2 * tol), truth)[1] == p.number_responses["low"]
    assert predictions.respond(p, truth * (1 + 2 * tol), truth)[1] == p.number_responses["high"]
    verdict = predictions.respond(p, 30.0, truth)[0]
    assert "50%" in verdict and "above" in verdict


@pytest.mark.parametrize(
    ("predicted", "truth", "match"),
    [
        (-1.0, 20.0, "predicted.*nmol/L"),
        (float("nan"), 20.0, "predicted"),
        (10.0, None, "truth"),
        (5000.0, 20.0, "predicted"),
    ],
)
def test_bad_number_predictions_are_refused_with_the_unit(predicted, truth, match):
    with pytest.raises((ValueError, TypeError), match=match):
        predictions.respond(_number(), predicted, truth)


def test_bad_choice_index_is_refused():
    with pytest.raises(ValueError, match="predicted"):
        predictions.respond(_choice(), 7)


def test_unknown_unit_and_id_are_refused_by_name():
    with pytest.raises(ValueError, match="unit"):
        predictions.load_predictions("99_nowhere")
    with pytest.raises(ValueError, match="prediction_id"):
        predictions.get("00_start_here", "pred-none")


# --- the widget ----------------------------------------------------------------------------------


def test_choice_widget_reveals_only_after_a_pick_and_locks():
    built = []
    w = predict.ask("00_start_here", "pred-00-headline", reveal=lambda: built.append(1) or "RESULT")
    assert built == [] and w.result.outputs == ()
    wrong = next(i for i in range(len(w.prediction.choices)) if i != w.prediction.answer)
    w.options.index = wrong
    assert built == [1]
    assert w.prediction.responses[wrong][:40] in w.reply.value.replace("&quot;", '"')
    assert w.options.disabled
    w.options.index = w.prediction.answer  # a locked widget ignores a later change
    assert built == [1] and w.committed == wrong


def test_number_widget_reveals_on_commit_with_the_truth():
    w = predict.ask("00_start_here", "pred-00-converter", reveal=lambda: "RESULT", truth=19.61)
    assert w.result.outputs == ()
    w.entry.value = 150 * 7.649  # the classic mistake: multiplying by the molar mass
    w.commit.click()
    assert "times as high" in w.reply.value and w.prediction.number_responses["high"][:30] in w.reply.value
    assert w.entry.disabled and w.commit.disabled


def test_ask_refuses_missing_reveal_and_truth():
    with pytest.raises(TypeError, match="reveal"):
        predict.ask("00_start_here", "pred-00-headline", reveal=None)
    with pytest.raises(TypeError, match="truth"):
        predict.ask("00_start_here", "pred-00-converter", reveal="x")
    with pytest.raises(TypeError, match="truth"):
        predict.ask("00_start_here", "pred-00-headline", reveal="x", truth=1.0)


def test_static_fallback_replies_without_a_kernel():
    p = _choice()
    page = predict.static_html(p, value="THE TABLE")
    for i in range(len(p.choices)):
        assert f"id='cp-{p.id}-{i}'" in page and f"#cp-{p.id}-{i}:checked ~ .cp-{p.id}-fb{i}{{display:block}}" in page
    assert "THE TABLE" in page and ".cp-result{display:none}" in page
    lazy = predict.ask("00_start_here", p.id, reveal=lambda: "x")._repr_mimebundle_()["text/html"]
    assert "Run this notebook in JupyterLab" in lazy
    number = predict.static_html(_number(), truth=19.61)
    assert "<details>" in number and "19.6 nmol/L" in number


def test_a_commit_is_recorded_when_opted_in(tmp_path, monkeypatch):
    monkeypatch.setenv(progress.ENV_VAR, str(tmp_path / "progress.json"))
    w = predict.ask("00_start_here", "pred-00-headline", reveal="x")
    w.options.index = 0
    assert progress.predictions() == {}  # not opted in: nothing written
    progress.enable()
    w = predict.ask("00_start_here", "pred-00-headline", reveal="x")
    w.options.index = 0
    made = progress.predictions()["pred-00-headline"]
    assert made["predicted"] == w.prediction.choices[0] and made["matched"] is (w.prediction.answer == 0)
    assert json.loads((tmp_path / "progress.json").read_text())["answers"] == {}  # predictions are not answers


def test_record_prediction_refuses_unknown_ids(tmp_path, monkeypatch):
    monkeypatch.setenv(progress.ENV_VAR, str(tmp_path / "progress.json"))
    with pytest.raises(ValueError, match="prediction_id"):
        progress.record_prediction("00_start_here", "pred-none", predicted="x", matched=False)


# --- per unit: every prediction has its own result test; every question is placed once -----------

UNIT_NOTEBOOKS = [p for p in NOTEBOOKS if p.stem in predictions.units()]
QUIZ_CALL = re.compile(r"quiz\.quiz\(\s*\"([^\"]+)\"(?:\s*,\s*ids=\[([^\]]*)\])?")


@pytest.mark.parametrize("path", UNIT_NOTEBOOKS, ids=[p.stem for p in UNIT_NOTEBOOKS])
def test_every_prediction_of_a_unit_has_a_result_test(path):
    """tests/test_predictions_uNN.py names every prediction of unit NN (unit 00's are tested in this file)."""
    here = (
        Path(__file__)
        if path.stem.startswith("00")
        else Path(__file__).with_name(f"test_predictions_u{path.stem[:2]}.py")
    )
    named = set(re.findall(r"pred-\d\d-[a-z0-9-]+", here.read_text(encoding="utf-8")))
    ids = {p.id for p in predictions.load_predictions(path.stem)}
    assert ids <= named, sorted(ids - named)


@pytest.mark.parametrize("path", UNIT_NOTEBOOKS, ids=[p.stem for p in UNIT_NOTEBOOKS])
def test_every_question_of_the_unit_is_placed_exactly_once(path):
    """The end-of-unit quiz is split into the sections: across the notebook's quiz cells each question appears once."""
    from course_lib import quiz

    bank = [q.id for q in quiz.load_questions(path.stem)]
    used: list[str] = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        for unit, ids in QUIZ_CALL.findall(cell.source):
            assert unit == path.stem, (path.stem, unit)
            used += re.findall(r"\"([^\"]+)\"", ids) if ids else bank
    assert sorted(used) == sorted(bank), {
        "missing": sorted(set(bank) - set(used)),
        "twice": sorted({q for q in used if used.count(q) > 1}),
    }
