"""Unit 03's predictions: each result computed here independently of the prediction file.

A choice prediction's ``answer`` must be the choice the computed result bears out. The conversions and
the one-protein equilibrium are worked out by hand from the cited parameter table (Frystyk et al. 1994,
Friedrich et al. 2014) with the quadratic written out here; IGF-2's competition for IGFBP-3 is solved by
hand with a bisection on free IGFBP-3; the serum, age-ratio and pool results come from the illustrative
models, read directly and bounded by a hand argument. A number prediction's truth is the model call the
notebook passes as ``truth=``; it is checked against a hand value, and the notebook is checked to pass
exactly that call.
"""

from __future__ import annotations

import math
from pathlib import Path

import nbformat
import numpy as np
import pytest

from course_lib import data, predictions
from course_lib.figures import binding as fig_binding
from course_lib.models import binding

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "03_binding_proteins.ipynb"
UNIT = "03_binding_proteins"
P = data.parameters("binding_parameters")["value"]
MEASURED_PCT = 0.38  # Frystyk 1994, ultrafiltration


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


def _free_by_hand(total, sites, kd):
    """Free ligand from F**2 + b*F - Kd*L = 0, b = sites + Kd - total (the stable root)."""
    b = sites + kd - total
    return 2 * kd * total / (b + math.sqrt(b * b + 4 * kd * total))


def _nM(ng_per_mL, g_per_mol):
    return ng_per_mL / g_per_mol * 1000


def test_cited_values_are_the_ones_the_prompts_quote():
    assert P["igf1_total_ng_per_mL"] == pytest.approx(200)
    assert P["igf2_total_ng_per_mL"] == pytest.approx(740)
    assert P["igfbp3_ng_per_mL"] == pytest.approx(4400)
    assert P["free_fraction_frystyk_pct"] == pytest.approx(MEASURED_PCT)


# --- number predictions --------------------------------------------------------------------------------


def test_free_ng_truth_is_the_percentage_of_the_total_in_ng_per_L():
    source = _ask_cell("pred-03-free-ng")
    assert 'free_ng_per_L = total * P["free_fraction_frystyk_pct"] / 100 * 1000' in source
    assert "truth=free_ng_per_L" in source
    truth = P["igf1_total_ng_per_mL"] * P["free_fraction_frystyk_pct"] / 100 * 1000
    assert truth == pytest.approx(200 * 0.0038 * 1000)  # 760 ng/L by hand
    p = _p("pred-03-free-ng")
    assert predictions.respond(p, 0.76, truth)[1] == p.number_responses["low"]  # forgot the x 1000
    assert predictions.respond(p, 760, truth)[1] == p.number_responses["close"]
    assert predictions.respond(p, 7600, truth)[1] == p.number_responses["high"]  # 3.8% instead of 0.38%


def test_proteolysis_truth_is_the_model_at_ten_percent_lost():
    source = _ask_cell("pred-03-proteolysis")
    assert "truth=binding.proteolysis_free_igf1(0.10)" in source
    truth = binding.proteolysis_free_igf1(0.10)
    base = binding.default_serum()
    after = binding.default_serum(igfbp3_nM=base.inputs["igfbp3_nM"] * 0.9)
    assert truth == pytest.approx(after.igf1["free"] / base.igf1["free"], rel=1e-9)
    assert truth == pytest.approx(1.44, abs=0.01)
    assert truth > 1 / 0.9  # amplified: more than the 10% of sites lost would give in proportion
    assert binding.proteolysis_free_igf1(0.20) > 2  # the explanation: 20% more than doubles it
    p = _p("pred-03-proteolysis")
    assert predictions.respond(p, 1.1, truth)[1] == p.number_responses["low"]  # the proportional guess
    assert predictions.respond(p, 1.44, truth)[1] == p.number_responses["close"]
    assert predictions.respond(p, 5, truth)[1] == p.number_responses["high"]


# --- choice predictions --------------------------------------------------------------------------------


def test_saturation_is_about_four_fifths_by_hand():
    igfs = _nM(200, 7649) + _nM(740, 7469)
    core = igfs / _nM(4400, 28700)
    assert core == pytest.approx(0.817, abs=0.005)
    assert igfs / _nM(4400, 44000) > 1  # the explanation: overfilled at the gel mass
    assert _nM(200, 7649) / _nM(4400, 28700) == pytest.approx(0.17, abs=0.01)  # IGF-1 alone: the 0.2 distractor
    model = (binding.to_nM(200, molecule="igf1") + binding.to_nM(740, molecule="igf2")) / binding.to_nM(
        4400, molecule="igfbp3"
    )
    assert model == pytest.approx(core, rel=0.01)
    _answer_is("pred-03-saturation", "About 0.8")


def test_one_protein_free_share_is_five_times_below_the_measurement():
    pct = 100 * _free_by_hand(26.0, 150.0, 0.102) / 26.0
    assert pct == pytest.approx(0.08, abs=0.005)
    assert MEASURED_PCT / pct == pytest.approx(4.7, abs=0.3)
    assert 100 * binding.free_fraction(26.0, igfbp_nM=150.0, kd_nM=0.102) == pytest.approx(pct, rel=1e-6)
    source = _ask_cell("pred-03-one-protein")
    assert "widgets.free_fraction_explorer(total_igf1_nM=26.0, igfbp_nM=150.0)" in source
    _answer_is("pred-03-one-protein", "About 0.08%")


def _two_ligands_free_igf1(l1, k1, l2, k2, sites):
    """IGF-1 and IGF-2 competing for one site, by hand: bisect on free sites x with
    sites = x + l1*x/(k1 + x) + l2*x/(k2 + x); free IGF-1 = l1*k1/(k1 + x)."""
    lo, hi = 0.0, sites
    for _ in range(200):
        x = (lo + hi) / 2
        if x + l1 * x / (k1 + x) + l2 * x / (k2 + x) > sites:
            hi = x
        else:
            lo = x
    return l1 * k1 / (k1 + x)


def test_adding_igf2_raises_the_free_share_about_fourfold():
    i = binding.default_inputs()
    alone = 100 * _free_by_hand(i["igf1_nM"], i["igfbp3_nM"], 0.102) / i["igf1_nM"]
    with_igf2 = 100 * _two_ligands_free_igf1(i["igf1_nM"], 0.102, i["igf2_nM"], 0.044, i["igfbp3_nM"]) / i["igf1_nM"]
    assert 3.5 < with_igf2 / alone < 5.5
    assert with_igf2 == pytest.approx(MEASURED_PCT, rel=0.1)
    steps = binding.free_fraction_steps()
    assert steps["free_pct"].iloc[0] == pytest.approx(alone, rel=0.01)
    assert steps["free_pct"].iloc[1] == pytest.approx(with_igf2, rel=0.01)
    _answer_is("pred-03-add-igf2", "It rises about fourfold")


def test_without_igf2_free_igf1_falls_about_sixfold():
    s = fig_binding.serum_scenarios()
    default = s["default (IGF-1 + IGF-2, IGFBP-3 at 28.7 kDa)"].fraction("free")
    no_igf2 = s["no IGF-2 (a thought experiment)"].fraction("free")
    assert 4 < default / no_igf2 < 9
    # hand check of the direction and size with IGFBP-3 alone: no competitor leaves more empty sites
    i = binding.default_inputs()
    with_igf2 = _two_ligands_free_igf1(i["igf1_nM"], 0.102, i["igf2_nM"], 0.044, i["igfbp3_nM"])
    assert with_igf2 / _free_by_hand(i["igf1_nM"], i["igfbp3_nM"], 0.102) > 3
    _answer_is("pred-03-no-igf2", "It falls several-fold")


def test_molar_ratio_peaks_in_puberty():
    ages = np.arange(1, 81, 0.5)
    for sex in ("male", "female"):
        ratio = np.asarray(binding.molar_ratio_by_age(ages, sex=sex), dtype=float)
        peak = ages[int(np.argmax(ratio))]
        assert 12 <= peak <= 18, (sex, peak)
        at = dict(zip(ages, ratio, strict=True))
        assert at[60.0] < 0.55 * ratio.max()  # halves by 60
        assert at[1.0] < ratio.max() and at[40.0] < ratio.max() and at[80.0] < ratio.max()
    _answer_is("pred-03-ratio-peak", "Around 15 years")


def test_total_igf1_halves_in_about_half_a_day_when_production_stops():
    s = fig_binding.pool_series(scenario="production_stops", hours=48)
    half_h = binding.time_to_fraction(s["t_min"], s["total"], 0.5) / 60
    _, _, slow_min = binding.tracer_phases_min()
    # by hand: the total can fall no slower than its slowest phase, and it is mostly ternary (85%),
    # so it halves a little before that phase's half-life, hours after the binary 25 min
    assert half_h <= slow_min / 60
    assert 8 < half_h < 14
    _answer_is("pred-03-production-stops", "About half a day")


def test_weaker_truth_divides_the_bound_to_free_ratio_by_the_fold():
    source = _ask_cell("pred-03-weaker")
    assert "truth=binding.tracer_free_fraction(100) * 100" in source
    truth = binding.tracer_free_fraction(100) * 100
    f0 = binding.default_serum().fraction("free")  # IGF-1's own free share
    # by hand: every binding term scales with 1/Kd, so bound/free = (1/f0 - 1) / fold for a trace
    hand = 100 / (1 + (1 / f0 - 1) / 100)
    assert truth == pytest.approx(hand, rel=1e-6)
    assert truth == pytest.approx(1.42, abs=0.01)
    assert binding.tracer_free_fraction(1000) * 100 > 10  # the explanation: over 10% at 1,000-fold
    p = _p("pred-03-weaker")
    assert predictions.respond(p, 0.02, truth)[1] == p.number_responses["low"]
    assert predictions.respond(p, 1.4, truth)[1] == p.number_responses["close"]
    assert predictions.respond(p, 50, truth)[1] == p.number_responses["high"]


# --- section 10: proteases and two human cases -----------------------------------------------------------


def _finding(row_id: str) -> str:
    return data.load("igfbp_protease_findings").set_index("id").at[row_id, "claim"]


def test_papp_a2_deficiency_has_a_high_total_and_a_low_free():
    # the result is the cited case series, read from the table the reveal shows
    claim = _finding("papp_a2_deficiency")
    assert "total IGF-I" in claim and "were all high" in claim
    assert "free IGF-I was low" in claim
    assert 'protease_findings_html(["papp_a2_deficiency"])' in _ask_cell("pred-03-papp-a2")
    _answer_is("pred-03-papp-a2", "Total rises and free falls")


def test_without_the_ternary_complex_total_collapses_and_free_holds():
    k = binding.pool_rates()
    # by hand, steady state with production P into free: B = k_B F / (r_B + c_B), T = k_T F / (r_T + c_T), and
    # P = c_F F + c_B B + c_T T. Without the ternary complex k_T = 0, so T = 0 and F rises by the lost clearance.
    to_b = k["bind_binary"] / (k["release_binary"] + k["clear_binary"])
    to_t = k["bind_ternary"] / (k["release_ternary"] + k["clear_ternary"])
    loss_with = k["clear_free"] + k["clear_binary"] * to_b + k["clear_ternary"] * to_t
    loss_without = k["clear_free"] + k["clear_binary"] * to_b
    f_with, f_without = k["production"] / loss_with, k["production"] / loss_without
    total_with, total_without = f_with * (1 + to_b + to_t), f_without * (1 + to_b)
    table = binding.als_deficiency().set_index("state")
    assert table.at["no ALS", "total_pct_of_normal"] == pytest.approx(100 * total_without / total_with, rel=1e-9)
    assert table.at["no ALS", "free_pct_of_normal"] == pytest.approx(100 * f_without / f_with, rel=1e-9)
    assert 10 < table.at["no ALS", "total_pct_of_normal"] < 15  # "about an eighth", "about 13%"
    assert 100 < table.at["no ALS", "free_pct_of_normal"] < 105  # "within a few percent of normal"
    assert "describe_als_deficiency()" in _ask_cell("pred-03-no-als")
    _answer_is("pred-03-no-als", "Total falls to about an eighth")
