"""Unit 04's predictions: each result computed here independently of the prediction file.

A choice prediction's ``answer`` must be the choice that the computed result bears out. The results are
worked out from the cited data: the rows of ``tissue_evidence.csv`` read with the csv module (not
through ``evidence.claims``), the parameter tables of the exercise and GH-axis models, and the loop's
steady state solved by hand (a cubic for n = 2). A number prediction's truth is the model call the
notebook passes as ``truth=``; it is checked against a hand value, and the notebook is checked to pass
exactly that call.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import nbformat
import numpy as np
import pytest

from course_lib import data, predictions
from course_lib.models import acute_exercise, evidence, gh_axis

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "04_tissue_roles.ipynb"
UNIT = "04_tissue_roles"
HUMAN = set(evidence.HUMAN_SYSTEMS)  # its members are pinned in tests/test_evidence.py


def _p(pid: str) -> predictions.Prediction:
    return predictions.get(UNIT, pid)


def _ask_cell(pid: str) -> str:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    (source,) = [c.source for c in nb.cells if c.cell_type == "code" and f'"{pid}"' in c.source]
    return source


def _answer_is(pid: str, starts: str) -> None:
    """The choice the result bears out (the one whose text starts with ``starts``) is the YAML answer."""
    p = _p(pid)
    (index,) = [i for i, c in enumerate(p.choices) if c.startswith(starts)]
    assert p.answer == index, (pid, p.choices[p.answer], starts)


def _rows() -> list[dict]:
    with (data.data_dir() / "tissue_evidence.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _row(citation_key: str) -> dict:
    (row,) = [r for r in _rows() if r["citation_key"] == citation_key]
    return row


def _param(table: str, name: str) -> float:
    with (data.data_dir() / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        (row,) = [r for r in csv.DictReader(f) if r["name"] == name]
    return float(row["value"])


def _gain_by_hand() -> float:
    """g with m(r) = 0.15 at r = 452 / 163.5 and n = 2: (1 + g) / (1 + g r^2) = 0.15."""
    r = _param("gh_axis_parameters", "bermann_igf1_infusion_ug_per_L") / _param(
        "gh_axis_parameters", "bermann_igf1_baseline_ug_per_L"
    )
    kept = 1 - _param("gh_axis_parameters", "bermann_gh_suppression_pct") / 100
    return (1 - kept) / (kept * r**2 - 1)


def _steady_by_hand(a: float = 1.0, s: float = 1.0) -> float:
    """The positive root of s a (1 + g) / (1 + g I^2) = I, i.e. g I^3 + I - s a (1 + g) = 0."""
    g = _gain_by_hand()
    roots = np.roots([g, 0.0, 1.0, -s * a * (1 + g)])
    (real,) = [float(x.real) for x in roots if abs(x.imag) < 1e-9 and x.real > 0]
    return real


# --- the evidence map and the tissue explorers -----------------------------------------------------


def test_bone_has_the_smallest_share_of_claims_from_people():
    share = {}
    for tissue in {r["tissue"] for r in _rows()}:
        rows = [r for r in _rows() if r["tissue"] == tissue and r["model_system"] != "narrative_review"]
        share[tissue] = sum(r["model_system"] in HUMAN for r in rows) / len(rows)
    assert min(share, key=share.get) == "bone"
    assert math.isclose(share["bone"], 3 / 7) and math.isclose(share["brain"], 4 / 8)  # the explanation's counts
    assert "3 of its 7" in _p("pred-04-map").explanation and "4 of 8" in _p("pred-04-map").explanation
    _answer_is("pred-04-map", "Bone")
    assert "evidence_map" in _ask_cell("pred-04-map")


def test_overloaded_muscle_grew_without_a_working_receptor():
    row = _row("spangenburg2008")
    assert row["tissue"] == "muscle" and row["direction"] == "no_change" and row["model_system"] == "animal"
    assert "122%" in row["claim"] and "as much as wild-type" in row["claim"]
    _answer_is("pred-04-muscle-overload", "As much as")
    assert 'evidence_explorer(tissue="muscle")' in _ask_cell("pred-04-muscle-overload")


def test_liver_knockout_mice_grew_normally():
    row = _row("sjogren1999")
    assert row["direction"] == "no_change" and "75%" in row["claim"] and "without any discernible" in row["claim"]
    _answer_is("pred-04-liver-knockout", "No discernible")
    assert 'evidence_explorer(tissue="bone")' in _ask_cell("pred-04-liver-knockout")


def test_the_tendinopathy_trial_found_no_benefit():
    row = _row("olesen2021")
    assert row["direction"] == "no_change" and row["model_system"] == "human_rct"
    assert "no treatment benefit" in row["claim"]
    _answer_is("pred-04-tendon-trial", "No benefit")
    assert 'evidence_explorer(tissue="connective_tissue")' in _ask_cell("pred-04-tendon-trial")


def test_two_years_of_calorie_restriction_left_igf1_unchanged():
    row = _row("fontana2016")
    assert row["direction"] == "no_change" and "did not change" in row["claim"]
    _answer_is("pred-04-calorie-restriction", "It did not change")
    assert 'evidence_explorer(tissue="metabolism")' in _ask_cell("pred-04-calorie-restriction")


def test_the_causal_brain_claims_are_rodent_and_cell_only():
    brain = [r for r in _rows() if r["tissue"] == "brain"]
    treated = [r for r in brain if r["model_system"] in {"human_nonrandomised", "human_rct", "meta_analysis_trials"}]
    assert [(r["citation_key"], r["model_system"]) for r in treated] == [("baker2012", "human_rct")]
    assert "GHRH analogue" in treated[0]["claim"] and "executive function" in treated[0]["claim"]
    non_human = [r for r in brain if r["model_system"] not in HUMAN]
    assert {r["model_system"] for r in non_human} == {"animal", "cell_culture"} and len(non_human) == 4
    _answer_is("pred-04-brain", "Rats, neurons and one trial")
    assert 'evidence_explorer(tissue="brain")' in _ask_cell("pred-04-brain")


# --- the acute exercise model ----------------------------------------------------------------------


def test_the_published_hard_cycling_rise_is_the_mean_of_cappon_and_schwarz():
    cappon = 100 * (
        _param("exercise_parameters", "cappon_peak_ng_per_mL")
        / _param("exercise_parameters", "cappon_baseline_ng_per_mL")
        - 1
    )
    by_hand = (cappon + _param("exercise_parameters", "schwarz_high_rise_pct")) / 2
    assert math.isclose(cappon, 16.6, abs_tol=0.05)
    assert math.isclose(acute_exercise.peak_rise_pct("cycling", "high"), by_hand, rel_tol=1e-3)
    assert 'truth=acute_exercise.peak_rise_pct("cycling", "high")' in _ask_cell("pred-04-acute-peak")
    p = _p("pred-04-acute-peak")
    assert predictions.respond(p, 15.0, by_hand)[1] == p.number_responses["close"]


def test_resistance_exercise_gave_no_detectable_change():
    assert _param("exercise_parameters", "resistance_rise_pct") == 0
    assert acute_exercise.peak_rise_pct("resistance", "high") == 0
    assert acute_exercise.serum_igf1_change_pct(15.0, modality="resistance") == 0
    _answer_is("pred-04-resistance", "No detectable change")
    assert 'anchor_rows("resistance")' in _ask_cell("pred-04-resistance")


def test_a_20_minute_bout_barely_exceeds_a_10_minute_one():
    tau = _param("exercise_parameters", "rise_time_constant_min")
    peak10 = acute_exercise.peak_rise_pct("cycling", "high")
    by_hand = peak10 / (1 - math.exp(-10 / tau)) * (1 - math.exp(-20 / tau))
    model = acute_exercise.serum_igf1_change_pct(20.0, duration_min=20.0)
    assert math.isclose(model, by_hand, rel_tol=1e-6)
    assert 1.0 < model / peak10 < 1.04  # the explanation: within 4% of the plateau by 10 minutes
    assert "truth=acute_exercise.serum_igf1_change_pct(20.0, duration_min=20.0)" in _ask_cell("pred-04-long-bout")
    assert "exercise_response(duration_min=20.0)" in _ask_cell("pred-04-long-bout")


# --- the GH-IGF-1 loop -----------------------------------------------------------------------------


def test_the_feedback_gain_is_fitted_to_bermann():
    assert math.isclose(gh_axis.feedback_gain(), _gain_by_hand(), rel_tol=1e-6)


def test_doubling_gh_pulses_raises_igf1_by_under_a_third():
    by_hand = 100 * _steady_by_hand(a=2.0)
    model = 100 * gh_axis.steady_state(pulse_amplitude=2.0)["igf1_rel"]
    assert math.isclose(model, by_hand, rel_tol=1e-6)
    assert 100 < model < 133
    assert gh_axis.steady_state(pulse_amplitude=2.0, feedback_scale=0.0)["igf1_rel"] == pytest.approx(2.0)
    assert 'truth=100 * gh_axis.steady_state(pulse_amplitude=2.0)["igf1_rel"]' in _ask_cell("pred-04-gh-double")


def test_halving_liver_sensitivity_lowers_igf1_less_than_half_and_raises_gh():
    igf1 = _steady_by_hand(s=0.5)
    gh = igf1 / 0.5  # at steady state the liver makes I = s H with H = G
    ss = gh_axis.steady_state(hepatic_sensitivity=0.5)
    assert ss["igf1_rel"] == pytest.approx(igf1) and ss["gh_mean_rel"] == pytest.approx(gh)
    assert 0.5 < igf1 < 1 < gh
    # the explanation: s and a enter as s·a, so halving the pulses gives the same IGF-1 but lower GH
    pulses = gh_axis.steady_state(pulse_amplitude=0.5)
    assert pulses["igf1_rel"] == pytest.approx(igf1) and pulses["gh_mean_rel"] < 1
    cell = _ask_cell("pred-04-liver-sensitivity")
    assert 'truth=100 * gh_axis.steady_state(hepatic_sensitivity=0.5)["igf1_rel"]' in cell
    assert "gh_axis_loop(hepatic_sensitivity=0.5)" in cell
    p = _p("pred-04-liver-sensitivity")
    assert predictions.respond(p, 50.0, 100 * igf1)[1] == p.number_responses["low"]


def test_igf1_was_unchanged_after_56_hours_of_fasting():
    assert _param("gh_axis_parameters", "hartman_igf1_unchanged_h") == 56
    assert abs(gh_axis.fasting_metrics()["igf1_56h_rel"] - 1) < 0.05  # the model agrees with Hartman
    _answer_is("pred-04-fast-56h", "About unchanged")
    assert "fasting_figure" in _ask_cell("pred-04-fast-56h")
