"""The appraisal checklist: the stored cases are sound and clearly fictional, and feedback is right."""

import html

import numpy as np
import pytest

from course_lib import citations, data
from course_lib.figures import html_tables
from course_lib.models import appraisal


def test_stored_checklist_and_cases_are_sound():
    assert appraisal.case_problems(set(citations.keys())) == []
    assert len(appraisal.cases()) >= 5 and len(appraisal.checklist()) >= 6


def test_every_case_is_labelled_fictional():
    assert "invented" in appraisal.fictional_notice().lower()
    for c in appraisal.cases():
        assert c.title.startswith("Fictional study") and c.id.startswith("fictional-")


def test_broken_cases_are_caught(monkeypatch):
    good = appraisal._raw()
    broken = {
        **good,
        "cases": good["cases"]
        + [{"id": "real-study", "title": "A real trial", "design": "x", "summary": "y", "flaws": {"made_up": "short"}}],
    }
    monkeypatch.setattr(appraisal, "_raw", lambda: broken)
    appraisal._cases.cache_clear()
    try:
        found = "\n".join(appraisal.case_problems(set(citations.keys())))
    finally:
        appraisal._cases.cache_clear()
    assert "must start 'fictional-'" in found and "'made_up' is not a checklist item" in found and "too short" in found


@pytest.mark.parametrize("c", appraisal.cases(), ids=lambda c: c.id)
def test_marking_exactly_the_flaws_is_perfect_and_marking_nothing_misses_all(c):
    right = appraisal.assess(c.id, list(c.flaws))
    assert right.perfect and right.score == 1.0 and set(right.hits) == set(c.flaws)
    assert all(line.startswith("✔ Found") for line in right.lines)
    empty = appraisal.assess(c.id, [])
    assert empty.score == 0.0 and set(empty.misses) == set(c.flaws) and not empty.hits
    assert all(line.startswith("✘ Missed") for line in empty.lines)


def test_false_alarms_lower_the_score_and_are_explained():
    c = appraisal.case("fictional-lakeside-muscle")
    wrong = [k for k in appraisal.checklist() if k not in c.flaws][0]
    result = appraisal.assess(c.id, list(c.flaws) + [wrong])
    assert result.false_alarms == (wrong,) and not result.perfect
    assert result.score == pytest.approx((len(c.flaws) - 1) / len(c.flaws))
    assert any(
        line.startswith("✘ Not a main flaw") and appraisal.checklist()[wrong].label in line for line in result.lines
    )
    everything = appraisal.assess(c.id, list(appraisal.checklist()))
    assert everything.score < 1.0 and not everything.misses


def test_order_and_repeats_do_not_matter():
    a = appraisal.assess("fictional-hospital-admissions", ["confounding", "reverse_causation", "confounding"])
    b = appraisal.assess("fictional-hospital-admissions", ["reverse_causation", "confounding"])
    assert a == b


def test_bad_input_is_rejected():
    with pytest.raises(ValueError, match="case_id must be one of"):
        appraisal.assess("fictional-nothing", [])
    with pytest.raises(ValueError, match="marked must be one of"):
        appraisal.assess("fictional-hungry-mice", ["bad_maths"])
    with pytest.raises(TypeError, match="marked must be a list of checklist ids"):
        appraisal.assess("fictional-hungry-mice", "animal_to_human")


def test_translation_table_reproduces_its_published_anchors():
    df = appraisal.translation_examples().set_index("citation_key", append=True)
    bokov = df.xs("bokov2011", level="citation_key")["change_pct"].iloc[0]
    assert bokov == pytest.approx(100 * (967 / 923 - 1)) and bokov < 5  # "under 5%"
    holz = df.xs("holzenberger2003", level="citation_key")["change_pct"].iloc[0]
    assert holz > 6 * bokov
    calerie = df.xs("fontana2016", level="citation_key")["change_pct"].iloc[0]
    assert calerie == 0
    levels = set(appraisal.translation_examples()["evidence_level"])
    assert {"animal", "human_rct", "human_nonrandomised", "human_observational"} <= levels


def test_appraisal_html_has_every_case_and_hides_the_answers():
    page = html_tables.appraisal_html()
    assert page.count("<details>") == len(appraisal.cases())
    for c in appraisal.cases():
        assert html.escape(c.title) in page
    assert "invented" in page


def test_training_case_does_the_standard_error_arithmetic_right():
    # Rosario 2010: 99% of 12-week changes within 20% -> SD of one change <= 20 / z_0.995 = 7.76%. A mean of 12
    # independent changes has SE <= 7.76 / sqrt(12) = 2.24%, so an 8% mean rise is > 3.5 SE from zero: within-person
    # noise cannot explain it, and the flaw is the missing control group, not single measurements.
    from scipy import stats

    c = appraisal.case("fictional-bioactive-training")
    assert "Twelve" in c.summary and "8%" in c.summary and "no control group" in c.summary
    assert set(c.flaws) == {"total_vs_free", "no_control"}
    sd = 20 / stats.norm.ppf(0.995)
    se = sd / np.sqrt(12)
    why = c.flaws["no_control"]
    assert f"{sd:.1f}%" in why and f"{se:.1f}%" in why
    assert 8 / se > 3.5 and "more than 3.5 standard errors" in why
    assert "regression to the mean" in why


def test_within_person_item_is_kept_for_single_people_only():
    item = appraisal.checklist()["single_measurement"]
    assert "person" in item.label and "group" in item.explanation
    cases_with = [c.id for c in appraisal.cases() if "single_measurement" in c.flaws]
    assert cases_with == ["fictional-clinic-audit"]  # one value per patient, classified against a limit


def test_checklist_items_cite_a_paper_that_documents_the_pitfall():
    """Review F2: each item cites a paper about the pitfall itself, never one that only supplies a number."""
    items = appraisal.checklist()
    # reverse causation: a cohort that tested it by leaving out the early years of follow-up
    assert items["reverse_causation"].citation_key == "papier2022"
    assert "5 or more years" in items["reverse_causation"].explanation
    # confounding: pooled cohorts in which IGF-1 travels with other risk factors of the outcome
    assert items["confounding"].citation_key == "ehbccg2010"
    assert "risk factor" in items["confounding"].explanation
    assert items["no_control"].citation_key == "barnett2005"
    # the protein-restriction and reference-interval papers stay as sources of numbers only
    assert {i.citation_key for i in items.values()}.isdisjoint({"fontana2008", "bidlingmaier2014"})


def test_case_designs_use_the_vocabulary_labels():
    designs = {c.id: c.design for c in appraisal.cases()}
    assert designs["fictional-bioactive-training"].startswith(data.evidence_label("human_nonrandomised"))
    assert designs["fictional-diet-trial"] == data.evidence_label("human_rct")
    assert not any("intervention" in d for d in designs.values())


def test_ladder_has_one_rung_per_vocabulary_level_in_its_order():
    ladder = appraisal.evidence_ladder()
    assert list(ladder["key"]) == list(data.EVIDENCE_LEVELS)
    assert list(ladder["label"]) == [data.EVIDENCE_LABELS[k] for k in data.EVIDENCE_LEVELS]
    assert set(ladder.loc[~ladder["primary"], "key"]) == set(data.NOT_PRIMARY)
    assert ladder.set_index("key").loc["narrative_review", "cannot_show"].find("not primary evidence") >= 0
    # the distinctions issue 18 asks the ladder to make
    rungs = ladder.set_index("key")
    assert "cause" in rungs.loc["human_rct", "can_show"]
    assert "caused" in rungs.loc["human_nonrandomised", "cannot_show"]
    assert "cause" in rungs.loc["meta_analysis_observational", "cannot_show"]
    assert "trials" in rungs.loc["meta_analysis_trials", "can_show"]
    page = html_tables.ladder_html()
    assert page.count("<tr>") == len(data.EVIDENCE_LEVELS) + 1
    assert all(f"<code>{k}</code>" in page for k in data.EVIDENCE_LEVELS)


def test_ladder_fails_when_the_vocabulary_gains_a_level(monkeypatch):
    monkeypatch.setitem(data.EVIDENCE_LEVELS, "expert_opinion", "what someone said")
    with pytest.raises(RuntimeError, match="expert_opinion"):
        appraisal.evidence_ladder()


def test_translation_table_splits_fontana_2008_by_design():
    """Review D2: the calorie-restriction arms of Fontana 2008 carry the labels of their designs, and unit 04's
    evidence table labels the same arms the same way once it is split (met07 cross-sectional, met16 1-year)."""
    ex = appraisal.translation_examples()
    fontana = ex[ex["citation_key"] == "fontana2008"].set_index("label")["evidence_level"]
    assert fontana["People practising calorie restriction, about 6 years (cross-sectional)"] == "human_observational"
    assert fontana["People, 1 year of calorie restriction (before-after)"] == "human_nonrandomised"
    assert fontana["People, protein cut for 3 weeks (n = 6)"] == "human_nonrandomised"
    tissue = data.load("tissue_evidence").set_index("claim_id")
    if "met16" in tissue.index:  # unit 04's split (met07 / met16 / met17) is in the table
        assert tissue.loc["met07", "model_system"] == "human_observational"
        assert tissue.loc["met16", "model_system"] == "human_nonrandomised"


def test_sarcopenia_definition_is_read_from_its_table_with_source_and_label():
    row = data.load("outcome_definitions").set_index("id").loc["sarcopenia_ewgsop2"]
    assert row["citation_key"] in set(citations.keys()) and row["evidence_level"] in data.EVIDENCE_LEVELS
    text = appraisal.outcome_definition("sarcopenia_ewgsop2")
    # EWGSOP2: strength first, confirmed by quantity or quality, severe with poor performance
    assert "low muscle strength is the primary sign" in text
    assert "quantity or quality" in text and "severe" in text and "performance" in text
    assert text.endswith("(Cruz-Jentoft et al. 2019; narrative review)")
    with pytest.raises(ValueError, match="definition_id must be one of"):
        appraisal.outcome_definition("frailty")
