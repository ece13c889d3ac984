"""Appraisal checklist (widgets.appraisal): tick, check, change case; feedback and the static fallback."""

import pytest

from course_lib import widgets
from course_lib.models import appraisal


def test_checklist_feedback_on_check_then_live():
    w = widgets.appraisal_checklist("fictional-clinic-audit")
    assert w.figure is None
    assert "Tick the flaws" in w.summary.value
    w.controls["assay_mismatch"].value = True
    assert "1 item ticked" in w.summary.value and "Missed" not in w.summary.value  # no verdict before Check
    w.controls["check"].click()
    assert "Found 1 of 2 flaws" in w.summary.value and "Missed" in w.summary.value
    w.controls["single_measurement"].value = True  # live after the first Check
    assert "All flaws found" in w.summary.value
    w.controls["animal_to_human"].value = True
    assert "1 false alarm" in w.summary.value and "Not a main flaw here" in w.summary.value


def test_changing_case_resets_ticks_and_shows_the_new_summary():
    w = widgets.appraisal_checklist()
    w.controls["confounding"].value = True
    w.controls["check"].click()
    new = appraisal.cases()[3]
    w.controls["case"].value = new.id
    assert not any(w.controls[k].value for k in appraisal.checklist())
    assert new.title in w.case_text.value.replace("&#x27;", "'")
    assert "Tick the flaws" in w.summary.value


@pytest.mark.parametrize("c", appraisal.cases(), ids=lambda c: c.id)
def test_each_case_can_be_solved_in_the_widget(c):
    w = widgets.appraisal_checklist(c.id)
    for k in c.flaws:
        w.controls[k].value = True
    w.controls["check"].click()
    assert "All flaws found, no false alarms" in w.summary.value


def test_checklist_static_fallback_and_bad_case():
    w = widgets.appraisal_checklist()
    bundle = w._repr_mimebundle_()
    assert bundle["text/plain"].startswith("AppraisalChecklist(") and "<details>" in bundle["text/html"]
    with pytest.raises(ValueError, match="case_id must be one of"):
        widgets.appraisal_checklist("fictional-unknown")
