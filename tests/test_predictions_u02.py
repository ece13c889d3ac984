"""Unit 02's predictions: each result computed here independently of the prediction file.

A choice prediction's ``answer`` must be the choice the computed result bears out. The occupancy results
are worked out by hand from the cited parameter table (Janssen et al. 2016 anchors, JBC 2018 ratios,
Frystyk et al. 1994/1999 concentrations) with the competition formula written out here; the signalling
results come from the illustrative model, read directly. A number prediction's truth is the model call
the notebook passes as ``truth=``; it is checked against a hand value, and the notebook is checked to
pass exactly that call.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from course_lib import data, predictions
from course_lib.models import receptors, signalling

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "02_receptor_signalling.ipynb"
UNIT = "02_receptor_signalling"


def _p(pid: str) -> predictions.Prediction:
    return predictions.get(UNIT, pid)


def _cells() -> list[str]:
    return [c.source for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.cell_type == "code"]


def _ask_cell(pid: str) -> str:
    (source,) = [s for s in _cells() if f'"{pid}"' in s and "predict.ask(" in s]
    return source


def _answer_is(pid: str, starts: str) -> None:
    """The choice the result bears out (the one whose text starts with ``starts``) is the YAML answer."""
    p = _p(pid)
    (index,) = [i for i, c in enumerate(p.choices) if c.startswith(starts)]
    assert p.answer == index, (pid, p.choices[p.answer], starts)


def _param(name: str, column: str = "value") -> float:
    return float(data.parameters("receptor_parameters").loc[name, column])


def _theta(a, ka, b=0.0, kb=1.0):
    """The competition formula, written out by hand: (A/K_A) / (1 + A/K_A + B/K_B)."""
    return (a / ka) / (1 + a / ka + b / kb)


# hand Kds from the cited anchors and ratios (section 2 of the notebook)
KD_IGF1R_IGF1 = _param("kd_igf1r_igf1_nM")  # 0.86 nM, Janssen 2016
KD_IRA_INS = _param("kd_ira_insulin_nM")  # 1.13 nM, Janssen 2016
KD_IRA_IGF1 = _param("ratio_ira_igf1_to_insulin") * KD_IRA_INS  # 88 x, JBC 2018
KD_IGF1R_INS = _param("ratio_igf1r_insulin_to_igf1") * KD_IGF1R_IGF1  # 1217 x, JBC 2018
FREE_HIGH = _param("free_igf1_nM", "high")  # 0.124 nM, Frystyk 1994
INS_FAST = _param("insulin_fasting_upper_nM")  # 12.49 uU/mL x 6.0 pmol/L per uU/mL = 0.0749 nM, Tohidi 2014
INS_GLUCOSE = _param("insulin_post_glucose_nM")


def test_cited_values_are_the_ones_the_prompts_quote():
    assert KD_IGF1R_IGF1 == pytest.approx(0.86)
    assert FREE_HIGH == pytest.approx(0.124)
    assert INS_FAST == pytest.approx(12.49 * 6.0 / 1000)
    for pid in ("pred-02-fasting-ira", "pred-02-half-ira"):  # both prompts quote it, rounded to 0.075 nM
        assert f"{INS_FAST:.3f} nM" in _p(pid).prompt, pid
    assert KD_IRA_IGF1 == pytest.approx(99.44, abs=0.01)


# --- number predictions: the truth the notebook passes, against a hand value -------------------------


def test_igf1r_share_truth_is_a_over_a_plus_kd():
    source = _ask_cell("pred-02-igf1r-share")
    assert 'igf1r_share = 100 * receptors.bound_fraction(free_high, kd_nM=kd.loc["IGF-1R", "IGF-1"])' in source
    assert "truth=igf1r_share" in source
    kd = receptors.dissociation_constants()
    truth = 100 * receptors.bound_fraction(FREE_HIGH, kd_nM=kd.loc["IGF-1R", "IGF-1"])
    hand = 100 * 0.124 / (0.124 + 0.86)
    assert truth == pytest.approx(hand, rel=1e-9)
    assert truth == pytest.approx(12.6, abs=0.05)
    p = _p("pred-02-igf1r-share")
    assert predictions.respond(p, 50, truth)[1] == p.number_responses["high"]  # "a Kd is a threshold of half"
    assert predictions.respond(p, 1, truth)[1] == p.number_responses["low"]
    assert predictions.respond(p, 100 * 0.124 / 0.86, truth)[1] == p.number_responses["close"]  # A/Kd shortcut


def test_half_ira_truth_is_kd_times_one_plus_competitor_term():
    source = _ask_cell("pred-02-half-ira")
    assert (
        'half_ira = kd.loc["IR-A", "IGF-1"] * (1 + params.loc["insulin_fasting_upper_nM", "value"] '
        '/ kd.loc["IR-A", "insulin"])' in source
    )
    assert "truth=half_ira" in source
    kd = receptors.dissociation_constants()
    truth = kd.loc["IR-A", "IGF-1"] * (1 + INS_FAST / kd.loc["IR-A", "insulin"])
    hand = 88 * 1.13 * (1 + 0.07494 / 1.13)
    assert truth == pytest.approx(hand, rel=1e-6)
    assert truth == pytest.approx(106.0, abs=0.1)
    # the library's own occupancy gives a half there
    occ = receptors.occupancy(igf1_nM=truth, insulin_nM=INS_FAST)
    assert occ.loc["IR-A", "igf1"] == pytest.approx(0.5, abs=1e-9)
    p = _p("pred-02-half-ira")
    assert predictions.respond(p, 0.86, truth)[1] == p.number_responses["low"]  # IGF-1R's Kd used
    assert predictions.respond(p, 100, truth)[1] == p.number_responses["close"]  # the Kd alone is close
    assert predictions.respond(p, 1000, truth)[1] == p.number_responses["high"]


# --- choice predictions: the result computed here ------------------------------------------------


def test_kd_sensitivity_a_tenth_of_a_nanomolar_gives_about_four_times_the_share():
    low, model = _theta(FREE_HIGH, 0.1), _theta(FREE_HIGH, KD_IGF1R_IGF1)
    assert 0.5 < low < 0.6 and 3.5 < low / model < 5  # just over half, about fourfold, not 8.6-fold
    lib = receptors.kd_sensitivity(FREE_HIGH).set_index("kd_label")["igf1r_occupancy"]
    assert lib["low"] == pytest.approx(low) and lib["model"] == pytest.approx(model)
    _answer_is("pred-02-kd-sensitivity", "It rises about fourfold")


def test_third_one_site_competition_at_both_kds():
    share = _theta(1.0, 1.0, 1.0, 1.0)
    assert share == pytest.approx(1 / 3)
    assert receptors.bound_fraction(1.0, kd_nM=1.0, competitor_nM=1.0, competitor_kd_nM=1.0) == pytest.approx(share)
    _answer_is("pred-02-third", "A third")


def test_fasting_ira_igf1_holds_well_under_one_percent():
    share = _theta(FREE_HIGH, KD_IRA_IGF1, INS_FAST, KD_IRA_INS)
    # a = 0.124 / (88 x 1.13) = 0.00125, b = 0.0749 / 1.13 = 0.066: a / (1 + a + b) = 0.00117
    assert share < 0.01 and share == pytest.approx(0.00117, abs=2e-5)
    assert receptors.occupancy(igf1_nM=FREE_HIGH, insulin_nM=INS_FAST).loc["IR-A", "igf1"] == pytest.approx(share)
    # and the rest of the explanation: insulin on IGF-1R under 1% even after glucose
    assert _theta(INS_GLUCOSE, KD_IGF1R_INS, FREE_HIGH, KD_IGF1R_IGF1) < 0.01
    _answer_is("pred-02-fasting-ira", "Well under 1%")


def test_akt_stays_up_while_erk_peaks_and_falls_back():
    course = signalling.simulate(100.0, duration_min=120, n_points=121)
    at60 = course.loc[course["time_min"] == 60].iloc[0]
    t_akt, v_akt = signalling.peak(course, "akt")
    t_erk, v_erk = signalling.peak(course, "erk")
    assert at60["akt"] / v_akt > 0.85  # Akt stays near its peak
    assert t_erk <= 10 and at60["erk"] / v_erk < 0.6  # ERK peaks early and falls back
    assert at60["erk"] > course["erk"].iloc[0]  # but not to where it started
    _answer_is("pred-02-akt-erk", "Akt rises and stays up")


def test_mtorc1_has_the_lowest_ec50_of_the_four():
    e = {r: signalling.ec50(readout=r) for r in ("receptor", "akt", "erk", "mtorc1_s6k")}
    assert min(e, key=e.get) == "mtorc1_s6k"
    assert e["receptor"] == pytest.approx(signalling.default_parameters()["kd_nM"], rel=0.01)
    _answer_is("pred-02-ec50", "mTORC1/S6K")


def test_starved_cells_more_akt_but_mtorc1_off_and_autophagy_high():
    def at60(n):
        df = signalling.simulate(100.0, nutrients=n, duration_min=120, n_points=121)
        return df.loc[df["time_min"] == 60].iloc[0]

    starved, fed = at60(0.0), at60(1.0)
    assert starved["akt"] > fed["akt"]
    assert starved["mtorc1_s6k"] < 0.05 and starved["autophagy"] > fed["autophagy"]
    _answer_is("pred-02-starved", "Akt higher, yet mTORC1/S6K off")


def test_balance_towards_pi3k_raises_akt_and_lowers_erk():
    def peaks(b):
        df = signalling.simulate(100.0, balance=b, duration_min=120, n_points=121)
        return signalling.peak(df, "akt")[1], signalling.peak(df, "erk")[1]

    (akt5, erk5), (akt8, erk8) = peaks(0.5), peaks(0.8)
    assert akt8 > akt5 and erk8 < erk5
    _answer_is("pred-02-balance", "Akt's peak rises while ERK's falls")
