"""Unit 05's published findings (``lifespan_findings``) and the numbers its learner text states from them.

Each row cites a bibliography key and carries one label of the course's evidence vocabulary; each number the
notebook's prose states for the rows added in issue 18 (sex differences, plant protein, severe energy deficit,
training in an energy deficit, mouse lifespans, acromegaly) is checked against the table, so the prose and the
data cannot drift apart.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from course_lib import citations, data, questions
from course_lib.figures import html_tables

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "05_lifespan_trajectory.ipynb"
FINDINGS = data.load("lifespan_findings").set_index("id")


def _prose() -> str:
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def _value(row: str) -> float:
    return float(FINDINGS.loc[row, "value"])


@pytest.mark.parametrize("row", list(FINDINGS.index))
def test_every_row_cites_a_known_key_and_one_vocabulary_label(row):
    keys = [k.strip() for k in FINDINGS.loc[row, "citation_key"].split(";")]
    assert keys and all(k in citations.keys() for k in keys)
    assert FINDINGS.loc[row, "evidence_level"] in data.EVIDENCE_LEVELS


def test_only_a_narrative_review_row_may_lack_a_value():
    missing = FINDINGS[FINDINGS["value"].isna()]
    assert list(missing.index) == ["leung_oestrogen_gh_signalling"]
    assert set(missing["evidence_level"]) == {"narrative_review"}


@pytest.mark.parametrize(
    "row, stated",
    [
        ("roelfsema_n", "In 130 healthy adults"),
        ("roelfsema_sex_gh_age", "until about 50 years"),
        ("allen_vegan_men", "9% lower in men"),
        ("allen_vegan_women", "13% lower in women"),
        ("golden_an_n", "In 28 adolescent girls"),
        ("golden_an_refed_n", "in the 23 girls measured again"),
        ("friedl_deficit_kcal", "deficit of about 1,200 kcal a day"),
        ("friedl_igf1_end", "to 75 ng/mL"),
        ("nindl09_igfbp1_before", "it\nrose from 14 to"),
        ("nindl09_igfbp1_peak", "34–47 ng/mL"),
        ("ames_gain", "live about 50% longer"),
        ("holz_het_female_days", "mutant* females (756 days)"),
        ("bokov_wt_female_days", "*controls* (923 days)"),
        ("holz_wt_female_days", "568 days in the first study"),
        ("nshd_igf1_change_pct", "12.8% lower at 60–64 years"),
    ],
)
def test_numbers_in_the_text_come_from_the_table(row, stated):
    prose = " ".join(_prose().split())
    assert " ".join(stated.split()) in prose
    number = abs(_value(row))
    assert f"{number:,.0f}" in stated or f"{number:g}" in stated


def test_the_training_quiz_and_the_ranger_rows_agree():
    (q,) = [q for q in questions.load_questions("05_lifespan_trajectory") if q.id == "life-energy-availability"]
    assert f"{_value('friedl_deficit_kcal'):,.0f} kcal" in q.prompt
    assert f"{_value('friedl_igf1_end'):g} ng/mL" in q.explanation


def test_the_acromegaly_rows_shown_in_unit_05_exist_with_their_labels():
    excess = data.load("igf1_excess_findings").set_index("id")
    shown = [
        "acro_smr_all",
        "acro_smr_surgery",
        "acro_control",
        "acro_complications",
        "acro_diabetes_pct",
        "acro_hypertension_pct",
        "ukb_carpal_tunnel",
    ]
    assert set(shown) <= set(excess.index)
    assert excess.loc["acro_smr_all", "value"] > 1  # raised mortality
    assert excess.loc["acro_smr_surgery", "value"] < excess.loc["acro_smr_all", "value"]
    assert excess.loc["acro_control", "evidence_level"] == "narrative_review"
    html_ = html_tables.findings_html("igf1_excess_findings", shown, columns=("finding", "value", "evidence_level"))
    assert html_.count("<tr>") == len(shown) + 1 and "narrative review" in html_


def test_findings_html_refuses_unknown_rows_and_columns():
    with pytest.raises(ValueError, match="ids"):
        html_tables.findings_html("lifespan_findings", ["no_such_row"])
    with pytest.raises(ValueError, match="columns"):
        html_tables.findings_html("lifespan_findings", ["ames_gain"], columns=("colour",))
    with pytest.raises(TypeError):
        html_tables.findings_html("lifespan_findings", "ames_gain")
    assert "–" in html_tables.findings_html("lifespan_findings", ["leung_oestrogen_gh_signalling"])
