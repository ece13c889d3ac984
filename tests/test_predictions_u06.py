"""Unit 06's predictions: each result computed here independently of the prediction file.

A choice prediction's ``answer`` must be the choice that the computed result bears out. The results are
worked out from the cited data (the translation examples, the meta-analyses' hazard ratios, the fictional
cases' flaws) or from the simulations the notebook runs, with the same seed, and checked by hand where a
hand check is possible (the spread of the Bland-Altman cloud from the people's values, the kappa of the
own reference, the death risk by fifth from the simulated people). A number prediction's truth is the
expression the notebook passes as ``truth=``; it is checked against a hand value.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

from course_lib import data, predictions, widgets
from course_lib.models import appraisal, assays, confounding, reference_ranges

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "06_methodology.ipynb"
UNIT = "06_methodology"
SEED = int(data.parameter("assay_parameters", "sim_seed"))


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


def _study(**kwargs) -> assays.InterAssayStudy:
    return assays.inter_assay_study(rng=np.random.default_rng(SEED), **kwargs)


def _kappa(table) -> float:
    t = np.asarray(table, dtype=float)
    n = t.sum()
    p_o = np.trace(t) / n
    p_e = (t.sum(axis=1) * t.sum(axis=0)).sum() / n**2
    return (p_o - p_e) / (1 - p_e)


# --- number predictions: the truth the notebook passes, against a hand value -------------------------


def test_uk_spread_truth_is_highest_over_lowest_laboratory():
    assert 'truth=uk["high"] / uk["low"]' in _ask_cell("pred-06-uk-spread")
    uk = data.parameters("assay_parameters").loc["pokrajac_median_nmol_per_L"]
    # Pokrajac 2007: one sample, 24.3 to 60.9 nmol/L across the 23 laboratories.
    assert (uk["low"], uk["high"]) == (24.3, 60.9)
    assert uk["high"] / uk["low"] == pytest.approx(60.9 / 24.3)
    p = _p("pred-06-uk-spread")
    assert p.number["low"] <= 60.9 / 24.3 <= p.number["high"]


def test_mean_change_truth_is_the_sd_of_one_change_over_root_12():
    source = _ask_cell("pred-06-mean-change")
    assert "se_12 = assays.mean_change_se_pct(12)" in source and "truth=se_12" in source
    # 99% of single changes within 20%: the SD of one change is 20 / z(0.995) = 20 / 2.576 at most.
    hand = 20 / 2.5758 / math.sqrt(12)
    assert assays.mean_change_se_pct(12) == pytest.approx(hand, rel=1e-3)


def test_high_count_truth_is_the_people_assay_b_calls_high():
    assert 'truth=study.count("class_b", "high")' in _ask_cell("pred-06-high-count")
    study = _study()
    by_hand = int((study.people["class_b"] == "high").sum())
    assert study.count("class_b", "high") == by_hand
    # several times as many as are truly high, out of 400
    assert by_hand > 3 * int((study.people["class_true"] == "high").sum())
    p = _p("pred-06-high-count")
    assert p.number["low"] <= by_hand <= p.number["high"]


# --- choice predictions: the result, computed here -------------------------------------------------


def test_strain_bokov_female_gain_is_under_5_percent():
    ex = appraisal.translation_examples().set_index("citation_key")
    (gain,) = re.findall(r"lifespan \+([\d.]+)%", ex.loc["bokov2011", "finding"])
    days = [float(x) for x in re.findall(r"(\d+) vs (\d+) days", ex.loc["bokov2011", "finding"])[0]]
    assert float(gain) < 5 and 100 * (days[0] / days[1] - 1) < 5
    assert "+33%" in ex.loc["holzenberger2003", "finding"]
    _answer_is("pred-06-strain", "Under 5%")


def test_calorie_restriction_in_people_left_igf1_unchanged():
    ex = appraisal.translation_examples()
    # Fontana 2008's two calorie-restriction arms, each with its own design: "practising" is the
    # cross-sectional comparison only; the 1-year study is a before-after change, not randomised.
    cr = ex[(ex["citation_key"] == "fontana2008") & (ex["question"] == "Does calorie restriction lower IGF-1?")]
    cr = cr[~cr["setting"].str.startswith("rodents")]
    assert dict(zip(cr["evidence_level"], cr["finding"])) == {
        "human_observational": "IGF-1 not lower",
        "human_nonrandomised": "IGF-1 unchanged",
    }
    practising = cr[cr["setting"].str.contains("practising")]
    assert list(practising["evidence_level"]) == ["human_observational"]
    assert (cr["change_pct"] == 0).all()
    assert "IGF-1 unchanged" in set(ex.loc[ex["citation_key"] == "fontana2016", "finding"])
    _answer_is("pred-06-cr-people", "It did not change")


def test_bland_altman_cloud_rises_and_widens_with_the_level():
    people = _study().people
    a, b = people["assay_a_ng_per_mL"], people["assay_b_ng_per_mL"]
    d, m = b - a, (a + b) / 2
    low, high = m <= m.median(), m > m.median()
    assert d[high].mean() > d[low].mean()  # rises
    assert d[high].std() > 1.3 * d[low].std()  # widens
    _answer_is("pred-06-fan", "A band that rises and widens")


def test_own_reference_raises_kappa_but_not_to_one():
    against_a, own = _study(), _study(read_b_against="own")
    k_a, k_own = _kappa(against_a.agreement.table), _kappa(own.agreement.table)
    assert k_a == pytest.approx(against_a.agreement.kappa)
    assert k_own == pytest.approx(own.agreement.kappa)
    assert k_a + 0.1 < k_own < 0.9
    _answer_is("pred-06-own-reference", "It rises, but stays well below 1")


def test_bias_zero_moves_exactly_as_many_people_as_the_own_reference():
    own = _study(read_b_against="own")
    unbiased = _study(bias_b_pct=0)
    assert unbiased.agreement.n_discordant == own.agreement.n_discordant > 0
    # the same people, not only the same count
    assert (unbiased.people["class_b"] == own.people["class_b"]).all()
    # and the explorer the notebook opens at bias 0 draws the same cohort
    assert "widgets.assay_explorer(bias_b_pct=0)" in _ask_cell("pred-06-bias-zero")
    explorer = widgets.assay_explorer(bias_b_pct=0)
    assert explorer.study.agreement.n_discordant == own.agreement.n_discordant
    _answer_is("pred-06-bias-zero", "Exactly as many")


def test_japan_reference_calls_many_more_people_low():
    people = _study().people
    table = assays.reference_disagreement(people).table  # rows iSYS, columns Japan
    isys_low, japan_low = int(table.loc["low"].sum()), int(table["low"].sum())
    isys_high, japan_high = int(table.loc["high"].sum()), int(table["high"].sum())
    assert japan_low > 5 * isys_low and japan_high <= isys_high
    # by hand for one person: the Japan lower limit for a 50-year-old man is above the iSYS one
    japan = reference_ranges.percentile(50, sex="male", p=2.5, reference="japan2012")
    assert japan > reference_ranges.percentile(50, sex="male", p=2.5, reference="isys2014")
    _answer_is("pred-06-japan", "Many more people called low")


def test_crude_slope_is_clearly_positive_when_igf1_does_nothing():
    fit = confounding.fit(confounding.simulate(rng=np.random.default_rng(SEED)))
    assert fit.crude.ci_low > 0
    assert fit.adjusted.ci_low < 0 < fit.adjusted.ci_high
    _answer_is("pred-06-crude-slope", "Clearly positive")


def test_crude_slope_is_near_zero_without_the_age_to_muscle_path():
    fit = confounding.fit(confounding.simulate(rng=np.random.default_rng(SEED), age_strength=0))
    assert fit.crude.ci_low < 0 < fit.crude.ci_high
    assert abs(fit.crude.estimate - fit.adjusted.estimate) < 0.15
    assert "widgets.confounding_explorer(age_strength=0)" in _ask_cell("pred-06-age-zero")
    shown = widgets.confounding_explorer(age_strength=0)
    shown_fit = confounding.fit(shown.people)  # what the explorer shows is the same kind of result
    assert shown_fit.crude.ci_low < 0 < shown_fit.crude.ci_high
    _answer_is("pred-06-age-zero", "Close to zero")


def test_reverse_causation_risk_is_highest_in_the_lowest_fifth():
    reverse = confounding.reverse_causation_study(rng=np.random.default_rng(SEED))
    risk = reverse.by_fifth["risk_pct"]
    assert risk.iloc[0] == risk.max() and risk.iloc[0] > 1.5 * risk.iloc[-1]
    by_hand = 100 * reverse.by_fifth["deaths"] / reverse.by_fifth["n"]
    assert np.allclose(by_hand, risk)
    _answer_is("pred-06-reverse", "Highest in the lowest fifth")


def test_u_shape_mortality_is_higher_at_both_ends():
    df = confounding.mortality_meta_analyses()
    for comparison in ("low vs middle", "high vs middle"):
        rows = df[df["comparison"] == comparison]
        assert len(rows) == 2 and (rows["ci_low"] > 1).all()
    _answer_is("pred-06-u-shape", "At both ends")


def test_first_fictional_case_is_marked_animal_to_human():
    first = appraisal.cases()[0]
    assert first.id == "fictional-hungry-mice" and set(first.flaws) == {"animal_to_human"}
    assert "40 laboratory mice" in first.summary and "30% fewer calories" in first.summary
    _answer_is("pred-06-appraise", "A mouse result turned into advice")
