"""Unit 07's predictions: each result computed here independently of the prediction file.

A choice prediction's ``answer`` must be the choice that the computed result bears out. The results are
worked out by hand from the cited data (the LMS tables of iSYS 2014 and Isojima 2012, the Pokrajac 2007
survey, the lifespan rows of Holzenberger 2003 and Bokov 2011) with the LMS formula, the binding
quadratic and F / (F + Kd) written out here, not read back from the YAML or from the notebook. A number
prediction's truth is the model call the notebook passes as ``truth=``; it is checked against a hand
value, and the notebook is checked to pass exactly that call.
"""

from __future__ import annotations

import math
from pathlib import Path

import nbformat
import numpy as np
import pytest
from scipy.stats import norm

from course_lib import data, predictions, units
from course_lib.models import appraisal, assays, binding, receptors, reference_ranges

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "07_capstone.ipynb"
UNIT = "07_capstone"
MOLAR_MASS = 7649  # g/mol, IGF-1


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


def _lms_by_hand(dataset: str, sex: str, age_y: float) -> tuple[float, float, float]:
    table = data.load(dataset)
    rows = table[table["sex"] == sex].sort_values("age_y")
    return tuple(float(np.interp(age_y, rows["age_y"], rows[col])) for col in ("L_nu", "M_mu", "S_sigma"))


def _z(y: float, lms: tuple[float, float, float]) -> float:
    L, M, S = lms
    return ((y / M) ** L - 1) / (L * S)


def _centile(z: float, lms: tuple[float, float, float]) -> float:
    L, M, S = lms
    return M * (1 + L * S * z) ** (1 / L)


ISYS, JAPAN = "igf1_lms_isys2014", "igf1_lms_japan2012"


# --- number predictions: the truth the notebook passes, against a hand value -------------------------


def test_retest_truth_is_rosarios_20_percent():
    source = _ask_cell("pred-07-retest")
    assert 'retest_limit = data.parameter("assay_parameters", "rosario_change_limit_pct")' in source
    assert "truth=retest_limit" in source
    truth = data.parameter("assay_parameters", "rosario_change_limit_pct")
    assert truth == pytest.approx(20)  # Rosario 2010: 99% of 100 healthy adults changed by less than 20%
    p = _p("pred-07-retest")
    assert predictions.respond(p, 5, truth)[1] == p.number_responses["low"]
    assert predictions.respond(p, 20, truth)[1] == p.number_responses["close"]
    assert predictions.respond(p, 60, truth)[1] == p.number_responses["high"]


def test_wrong_reference_truth_is_the_count_of_b_values_above_as_upper_limit():
    source = _ask_cell("pred-07-wrong-reference")
    assert 'read_b_against="A"' in source and "bias_b_pct=20" in source
    assert 'truth=mistake.flagged_high("class_b")' in source
    seed = int(data.parameter("assay_parameters", "sim_seed"))
    mistake = assays.inter_assay_study(rng=np.random.default_rng(seed), bias_b_pct=20, read_b_against="A")
    people = mistake.people
    # by hand: each person's 97.5th centile from the iSYS LMS row at their age and sex
    upper = [
        _centile(norm.ppf(0.975), _lms_by_hand(ISYS, s, a)) for a, s in zip(people["age_y"], people["sex"], strict=True)
    ]
    hand = int((people["assay_b_ng_per_mL"].to_numpy() > np.array(upper)).sum())
    truth = mistake.flagged_high("class_b")
    assert truth == hand
    own = assays.inter_assay_study(rng=np.random.default_rng(seed), bias_b_pct=20, read_b_against="own")
    # the explanation's claims: B against its own reference removes most of the excess
    assert own.flagged_high("class_b") - own.flagged_high("class_a") < (truth - mistake.flagged_high("class_a")) / 2
    p = _p("pred-07-wrong-reference")
    assert predictions.respond(p, 12, truth)[1] == p.number_responses["low"]
    assert predictions.respond(p, truth, truth)[1] == p.number_responses["close"]
    assert predictions.respond(p, 200, truth)[1] == p.number_responses["high"]


# --- choice predictions: the result computed independently, then matched to the answer --------------


def test_plus_10_percent_at_the_median_is_about_a_third_of_an_sds():
    lms = _lms_by_hand(ISYS, "female", 40)
    z = _z(1.10 * lms[1], lms)  # M is the median
    assert 0.25 < z < 0.45
    assert z == pytest.approx(
        reference_ranges.sds(1.10 * reference_ranges.percentile(40, sex="female", p=50), age_y=40, sex="female"),
        abs=1e-6,
    )
    lo, hi = _centile(norm.ppf(0.025), lms), _centile(norm.ppf(0.975), lms)
    assert lo < 1.10 * lms[1] < hi
    # the replies' "about half to one and two-thirds of the median" and "a factor of about three"
    assert lo / lms[1] == pytest.approx(0.5, abs=0.05) and hi / lms[1] == pytest.approx(5 / 3, abs=0.05)
    assert 3 <= hi / lo <= 3.5
    _answer_is("pred-07-size", "Still well inside it")


def test_occupancy_rises_almost_in_proportion_to_free_igf1():
    free = data.parameter("receptor_parameters", "free_igf1_nM")
    kd = data.parameter("receptor_parameters", "kd_igf1r_igf1_nM")
    before, after = free / (free + kd), 1.1 * free / (1.1 * free + kd)
    rel = after / before - 1
    assert 0.08 < rel < 0.10
    model = (
        receptors.occupancy(igf1_nM=1.1 * free, insulin_nM=0.0).loc["IGF-1R", "igf1"]
        / receptors.occupancy(igf1_nM=free, insulin_nM=0.0).loc["IGF-1R", "igf1"]
        - 1
    )
    assert model == pytest.approx(rel, abs=1e-9)
    _answer_is("pred-07-occupancy", "By almost 10%")


def test_one_binding_protein_in_excess_leaves_receptor_occupancy_under_5_percent():
    total, sites, kd_bp = 26.0, 100.0, 0.1
    kd_r = data.parameter("receptor_parameters", "kd_igf1r_igf1_nM")
    assert kd_r == pytest.approx(0.86)
    b = sites + kd_bp - total
    free = (-b + math.sqrt(b * b + 4 * kd_bp * total)) / 2  # F**2 + b F - Kd L = 0
    assert free == pytest.approx(binding.free_concentration(total, igfbp_nM=sites, kd_nM=kd_bp), rel=1e-6)
    assert free / (free + kd_r) < 0.05
    assert total / (total + kd_r) > 0.95  # the prompt's "almost fully occupied" if all were free
    _answer_is("pred-07-total-to-receptor", "Under 5%")


def test_the_lowest_lab_is_normal_and_the_highest_high_for_a_45_year_old_man():
    spread = data.parameters("assay_parameters").loc["pokrajac_median_nmol_per_L"]
    low_ng, high_ng = (float(spread[k]) * MOLAR_MASS / 1000 for k in ("low", "high"))
    assert round(low_ng) == 186 and round(high_ng) == 466
    lms = _lms_by_hand(ISYS, "male", 45)
    lo, hi = _centile(norm.ppf(0.025), lms), _centile(norm.ppf(0.975), lms)
    assert lo < low_ng < hi < high_ng
    assert high_ng > 2 * hi  # the reply's "more than twice its upper limit"
    assert list(assays.classify([low_ng, high_ng], age_y=45, sex="male")) == ["normal", "high"]
    _answer_is("pred-07-two-labs", "186 normal, 466 high")


def test_20_nmol_per_L_at_67_is_above_the_median():
    ng = 20 * MOLAR_MASS / 1000
    lms = _lms_by_hand(ISYS, "female", 67)
    assert lms[1] == pytest.approx(90, abs=3)  # the prompt's "about 90 ng/mL"
    assert _z(ng, lms) > 0
    assert units.nmol_per_L_to_ng_per_mL(20) == pytest.approx(ng, rel=1e-3)
    _answer_is("pred-07-nmol-sign", "Positive")


def test_the_70_year_median_is_at_about_the_1st_percentile_of_20_year_olds():
    m70 = _lms_by_hand(ISYS, "female", 70)[1]
    share = norm.cdf(_z(m70, _lms_by_hand(ISYS, "female", 20)))
    assert 0.005 < share < 0.02
    assert m70 / _lms_by_hand(ISYS, "female", 20)[1] < 0.5  # the reply's "well under half"
    _answer_is("pred-07-age-matched", "About 1%")


def test_89_ng_per_mL_is_below_the_japanese_median_at_70():
    value = round(reference_ranges.percentile(70, sex="female", p=50))
    assert value == 89
    lms = _lms_by_hand(JAPAN, "female", 70)
    assert lms[1] > value
    share = norm.cdf(_z(value, lms))
    assert share < 1 / 3  # the notebook's "under a third"
    assert share == pytest.approx(
        reference_ranges.percentile_rank(value, age_y=70, sex="female", reference="japan2012") / 100, abs=1e-6
    )
    assert "lifespan_explorer(" in _ask_cell("pred-07-other-reference")
    _answer_is("pred-07-other-reference", "Fewer than half")


def test_the_second_strain_gained_under_5_percent():
    het = data.parameter("translation_parameters", "bokov_female_lifespan_het_days")
    wt = data.parameter("translation_parameters", "bokov_female_lifespan_wt_days")
    gain = 100 * (het / wt - 1)
    assert 0 < gain < 5
    assert gain / data.parameter("translation_parameters", "holzenberger_female_lifespan_gain_pct") < 1 / 6
    rows = appraisal.translation_examples()
    rows = rows[rows["measure"] == "lifespan"]
    assert rows["change_pct"].iloc[1] == pytest.approx(gain, abs=0.05)
    # the prompt's landmark numbers (Holzenberger 2003)
    assert data.parameter("translation_parameters", "holzenberger_male_lifespan_gain_pct") == 16
    findings = data.load("lifespan_findings").set_index("id")
    assert findings.loc["holz_all", "value"] == 26 and findings.loc["holz_female", "value"] == 33
    _answer_is("pred-07-second-strain", "Under +5%")


def test_case_4_reads_the_controls_and_the_ames_dwarf_from_unit_05s_rows():
    """Review E6/E7: the case's words about the controls and the Ames dwarf are what the rows say."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    sources = [c.source for c in nb.cells]
    (table,) = [s for s in sources if '"lifespan_findings"' in s and "findings_html" in s]
    ids = ["holz_wt_female_days", "holz_het_female_days", "bokov_wt_female_days", "bokov_het_female_days", "ames_gain"]
    assert all(f'"{i}"' in table for i in ids)
    v = data.load("lifespan_findings").set_index("id")["value"]
    assert v["holz_wt_female_days"] == 568 and v["bokov_wt_female_days"] == 923
    # "its mutants lived shorter lives than Bokov's controls"; "the Ames dwarf's gain is large"
    assert v["holz_het_female_days"] < v["bokov_wt_female_days"]
    assert v["ames_gain"] > v["holz_female"] > v["bokov_female"]
    assert v["ames_first_report"] <= 0.001  # "significant in the first report"
    prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "controls are a central reason" in prose and "Ames dwarf" in prose


def test_the_explorer_carries_the_cancer_warning_cited_through_unit_06s_table():
    """Review section I: beside the explorer (07 and the app), higher IGF-1 and some cancers, no curve a target."""
    table = data.load("igf1_excess_findings").set_index("id")
    for path in (NOTEBOOK, ROOT / "app" / "lifespan_explorer.ipynb"):
        nb = nbformat.read(path, as_version=4)
        prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        assert "within the normal range" in prose and "no curve here is" in prose
        for key, name in (("renehan2004", "Renehan"), ("knuppel2020", "Knuppel"), ("larsson2020", "Larsson")):
            assert name in prose
            rows = table[table["citation_key"] == key]
            assert len(rows) and (rows["value"] > 1).any() and (rows["topic"] == "cancer").all()
    assert table.loc["larsson_colorectal_ukb", "evidence_level"] == "mendelian_randomisation"
    nb = nbformat.read(NOTEBOOK, as_version=4)
    (cell,) = [c.source for c in nb.cells if '"igf1_excess_findings"' in c.source]
    assert all(f'"{i}"' in cell for i in ("renehan_prostate", "knuppel_breast", "larsson_colorectal_ukb"))
