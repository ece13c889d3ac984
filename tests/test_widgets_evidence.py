"""Evidence explorer (widgets.evidence), driven like a learner: set each control, check the figure data and summary change."""

import numpy as np
import pytest

from course_lib import data, widgets
from course_lib.models import evidence


def _ys(fig, i):
    return np.asarray(fig.data[i].y, dtype=float)


def test_evidence_explorer_tissue_and_level_filters():
    w = widgets.evidence_explorer()
    assert f"<b>{len(data.load('tissue_evidence'))} claims</b>" in w.summary.value  # every row of the table
    before_y, before_summary, before_table = _ys(w.figure, 0).copy(), w.summary.value, w.table.value
    w.controls["tissue"].value = "brain"
    assert not np.array_equal(_ys(w.figure, 0), before_y)
    brain = evidence.claims("brain")["model_system"]  # the bars count every row, reviews included
    assert list(_ys(w.figure, 0)) == [int((brain == m).sum()) for m in evidence.MODEL_SYSTEMS]
    assert w.summary.value != before_summary and w.table.value != before_table
    colours_before = list(w.figure.data[0].marker.color)
    w.controls["model_system"].value = "animal"
    assert list(w.figure.data[0].marker.color) != colours_before
    n = len(evidence.claims("brain", "animal"))
    assert f"<b>{n} claims</b>" in w.summary.value
    assert w.table.value.count("<tr>") == n + 1
    w.controls["model_system"].value = "meta_analysis_trials"
    assert "No claims match" in w.table.value and "<b>0 claims</b>" in w.summary.value
    assert repr(w) == "EvidenceExplorer(tissue='brain', model_system='meta_analysis_trials')"


def test_evidence_explorer_controls_offer_only_valid_values():
    w = widgets.evidence_explorer()
    tissues = [v for _, v in w.controls["tissue"].options]
    systems = [v for _, v in w.controls["model_system"].options]
    assert tissues == ["all", *evidence.TISSUES] and systems == ["all", *evidence.MODEL_SYSTEMS]


def test_builder_rejects_bad_input():
    with pytest.raises(ValueError, match="tissue must be one of"):
        widgets.evidence_explorer(tissue="skin")
