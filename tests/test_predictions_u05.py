"""Unit 05's predictions: each result computed here independently of the prediction file.

A choice prediction's ``answer`` must be the choice that the computed result bears out. The results are
worked out by hand from the cited data (the LMS tables of iSYS 2014 and Isojima 2012, the lifestyle
parameters, the lifespan findings of Burgers 2011, Rahmani 2022, Holzenberger 2003 and Bokov 2011) with
the LMS formula and the band's two slopes written out here, not read back from the YAML or the notebook.
A number prediction's truth is the model call the notebook passes as ``truth=``; it is checked against a
hand value, and the notebook is checked to pass exactly that call.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import numpy as np
import pytest
from scipy.stats import norm

from course_lib import data, predictions
from course_lib.models import lifestyle, reference_ranges

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "05_lifespan_trajectory.ipynb"
UNIT = "05_lifespan_trajectory"
ISYS, JAPAN = "igf1_lms_isys2014", "igf1_lms_japan2012"


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


def _rows(dataset: str, sex: str):
    table = data.load(dataset)
    return table[table["sex"] == sex].sort_values("age_y")


def _lms(dataset: str, sex: str, age_y: float) -> tuple[float, float, float]:
    rows = _rows(dataset, sex)
    return tuple(float(np.interp(age_y, rows["age_y"], rows[col])) for col in ("L_nu", "M_mu", "S_sigma"))


def _z(y: float, lms: tuple[float, float, float]) -> float:
    L, M, S = lms
    return float(np.log(y / M) / S) if abs(L) < 1e-6 else ((y / M) ** L - 1) / (L * S)


def _centile(z: float, lms: tuple[float, float, float]) -> float:
    L, M, S = lms
    return M * (1 + L * S * z) ** (1 / L)


def _finding(row: str) -> float:
    return float(data.load("lifespan_findings").set_index("id").loc[row, "value"])


# --- number predictions: the truth the notebook passes, against a hand value -------------------------


def test_decline_truth_is_the_geometric_fall_of_the_womens_median():
    source = _ask_cell("pred-05-decline")
    assert 'truth=reference_ranges.annual_decline_pct(25, 65, sex="female")' in source
    m25, m65 = _lms(ISYS, "female", 25)[1], _lms(ISYS, "female", 65)[1]
    hand = 100 * (1 - (m65 / m25) ** (1 / 40))
    truth = reference_ranges.annual_decline_pct(25, 65, sex="female")
    assert truth == pytest.approx(hand, rel=1e-9)
    assert 1.5 < hand < 1.8  # "about 1.6-1.7% per year" in the learner text
    # the prompt's two medians, as the figure and the printout show them
    assert round(m25) == 181 and round(_lms(ISYS, "female", 40)[1]) == 130
    p = _p("pred-05-decline")
    assert predictions.respond(p, 0.5, truth)[1] == p.number_responses["low"]
    assert predictions.respond(p, 1.7, truth)[1] == p.number_responses["close"]
    assert predictions.respond(p, 5, truth)[1] == p.number_responses["high"]


def test_protein_band_truth_is_the_trial_slope_over_half_a_gram():
    source = _ask_cell("pred-05-protein-band")
    assert "truth=100 * (lifestyle.protein_band(1.7)[1] - 1)" in source
    par = data.parameters("lifestyle_parameters")["value"]
    trial_slope = par["whey_rct_igf1_change_pct"] / (par["whey_rct_protein_g_per_day"] / par["body_mass_kg"])
    epic_slope = par["epic_pct_per_sd_protein"] / par["epic_sd_protein_g_per_kg_day"]
    hand = trial_slope * (1.7 - par["protein_reference_g_per_kg_day"])
    assert hand == pytest.approx(8 / (30 / 70) * 0.5)  # 9.33%
    truth = 100 * (lifestyle.protein_band(1.7)[1] - 1)
    assert truth == pytest.approx(hand)
    # the "close" reply: the EPIC edge is less than half of the trial edge
    assert epic_slope * 0.5 < hand / 2
    p = _p("pred-05-protein-band")
    assert predictions.respond(p, 5, truth)[1] == p.number_responses["low"]
    assert predictions.respond(p, 9, truth)[1] == p.number_responses["close"]
    assert predictions.respond(p, 25, truth)[1] == p.number_responses["high"]


# --- choice predictions: the result computed independently, then matched to the answer --------------


def test_the_womens_median_peaks_at_about_15_years():
    rows = _rows(ISYS, "female")
    peak_age = float(rows["age_y"].to_numpy()[np.argmax(rows["M_mu"].to_numpy())])
    assert peak_age == pytest.approx(_finding("bidlingmaier_peak_age"))
    assert 14 <= peak_age <= 16
    # no adult plateau: the median at 25 and at 50 years is far below the peak
    assert (
        _lms(ISYS, "female", 25)[1] < 0.7 * rows["M_mu"].max()
        and _lms(ISYS, "female", 50)[1] < _lms(ISYS, "female", 25)[1]
    )
    _answer_is("pred-05-peak", "At about 15 years")


def test_japanese_girls_peak_earlier_and_higher():
    j, i = _rows(JAPAN, "female"), _rows(ISYS, "female")
    j_age = float(j["age_y"].to_numpy()[np.argmax(j["M_mu"].to_numpy())])
    i_age = float(i["age_y"].to_numpy()[np.argmax(i["M_mu"].to_numpy())])
    assert j_age < i_age and j["M_mu"].max() > i["M_mu"].max()
    assert j["M_mu"].max() == pytest.approx(_finding("isojima_female_13y_median"))
    # the explanation: Japanese adult medians lie above iSYS ones too
    assert all(_lms(JAPAN, "female", a)[1] > _lms(ISYS, "female", a)[1] for a in (20, 30, 50, 70))
    _answer_is("pred-05-japan-peak", "Earlier and higher")


def test_200_at_40_is_between_one_sds_and_the_975th_percentile():
    lms = _lms(ISYS, "female", 40)
    assert round(lms[1]) == 130 and round(lms[2], 1) == 0.3  # the prompt's "about 130" and "about 0.3"
    z = _z(200.0, lms)
    assert 1 < z < norm.ppf(0.975)
    assert z == pytest.approx(reference_ranges.sds(200.0, age_y=40, sex="female"), abs=1e-6)
    assert _centile(norm.ppf(0.975), lms) > 200  # the upper limit lies above 200 ng/mL
    _answer_is("pred-05-sds-200", "Between +1 and +1.96")


def test_160_climbs_from_below_the_median_to_near_the_top_with_age():
    ranks = [100 * norm.cdf(_z(160.0, _lms(ISYS, "male", a))) for a in (25, 45, 65, 85)]
    assert ranks == sorted(ranks)  # rises at every step: no turn
    assert ranks[0] < 50 and ranks[-1] > 95
    assert ranks[0] == pytest.approx(reference_ranges.percentile_rank(160.0, age_y=25, sex="male"), abs=1e-6)
    _answer_is("pred-05-ranks", "It rises, from below the median")


def test_trained_widens_the_band_both_ways():
    par = data.parameters("lifestyle_parameters")["value"]
    median = _lms(ISYS, "female", 40)[1]
    hand_low = median * (1 + par["nishida_igf1_change_pct"] / 100)  # 1.2 g/kg/day: the protein band is the median
    hand_high = median + par["amiri_md_ng_per_mL"]
    assert hand_low < median < hand_high
    low, high = lifestyle.illustrative_band(40, sex="female", protein_g_per_kg_day=1.2, training="trained")
    assert (low, high) == pytest.approx((hand_low, hand_high))
    assert lifestyle.illustrative_band(
        40, sex="female", protein_g_per_kg_day=1.2, training="untrained"
    ) == pytest.approx((median, median))
    assert "widgets.lifespan_explorer(" in _ask_cell("pred-05-trained")
    _answer_is("pred-05-trained", "Widens it both ways")


def test_both_ends_have_higher_mortality_than_the_middle():
    ratios = [_finding(r) for r in ("burgers_low", "burgers_high", "rahmani_low", "rahmani_high")]
    assert all(hr > 1 for hr in ratios)
    _answer_is("pred-05-u-shape", "Both the lowest and the highest")


def test_the_mouse_gain_shrank_on_another_strain():
    assert _finding("holz_female") == 33 and _finding("holz_all") == 26
    assert data.parameter("translation_parameters", "holzenberger_male_lifespan_gain_pct") == 16
    assert _finding("bokov_female") <= 5 < _finding("holz_female")
    _answer_is("pred-05-mouse-strain", "It shrank to under 5%")


def test_short_controls_truth_is_holzenbergers_control_lifespan():
    source = _ask_cell("pred-05-short-controls")
    assert 'truth=findings.loc["holz_wt_female_days", "value"]' in source
    wt, het = _finding("holz_wt_female_days"), _finding("holz_het_female_days")
    assert (wt, het) == (568, 756)
    # the quoted lifespans reproduce Holzenberger's +33% for females
    assert 100 * (het / wt - 1) == pytest.approx(_finding("holz_female"), abs=0.5)
    # Bokov's own lifespans agree with the translation parameters and give a gain under 5%
    bokov_wt, bokov_het = _finding("bokov_wt_female_days"), _finding("bokov_het_female_days")
    assert bokov_wt == data.parameter("translation_parameters", "bokov_female_lifespan_wt_days")
    assert bokov_het == data.parameter("translation_parameters", "bokov_female_lifespan_het_days")
    assert 100 * (bokov_het / bokov_wt - 1) < _finding("bokov_female")
    # the prompt's surprise: Holzenberger's mutants lived shorter lives than Bokov's controls
    assert het < bokov_wt
    p = _p("pred-05-short-controls")
    assert predictions.respond(p, 400, wt)[1] == p.number_responses["low"]
    assert predictions.respond(p, 600, wt)[1] == p.number_responses["close"]
    assert predictions.respond(p, 900, wt)[1] == p.number_responses["high"]
