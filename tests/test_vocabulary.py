"""One evidence vocabulary, spelt the same everywhere (issue 18 §2).

The course's labels are its central teaching device, so a retired label, or a second spelling of a current one,
must not survive anywhere a learner or a maintainer reads: the tables, the question and prediction files, the
notebooks' sources, the library. The retired words are known independently of the code: they are the labels the
review found broken ("human intervention" mixed randomised trials with uncontrolled before-after studies;
"meta-analysis" mixed pooled trials with pooled cohorts; "rodent" was a second word for "animal").
"""

import json
import re
from pathlib import Path

import pytest

from course_lib import data
from course_lib.models import evidence

ROOT = Path(__file__).resolve().parents[1]
#: As a label, not as a word: a table cell, a key in quotes, or "(rodent, ..." in prose.
RETIRED_IN_PROSE = re.compile(
    r"\bhuman[ _]intervention\b|['\"`]meta_analysis['\"`]|['\"`]rodent['\"`]|\(rodent,|model_system[^\n]{0,20}rodent"
)


def _texts():
    for p in sorted((ROOT / "course_lib").rglob("*")):
        if p.suffix in {".py", ".yaml", ".csv"} and "__pycache__" not in p.parts:
            yield p, p.read_text(encoding="utf-8")
    for p in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = json.loads(p.read_text(encoding="utf-8"))
        yield p, "\n".join("".join(c["source"]) for c in nb["cells"])


@pytest.mark.parametrize("path,body", list(_texts()), ids=lambda v: v.name if isinstance(v, Path) else "")
def test_no_retired_evidence_label_survives(path, body):
    found = sorted({m.group(0) for m in RETIRED_IN_PROSE.finditer(body)})
    assert not found, f"{path.relative_to(ROOT)} still uses the retired label(s) {found}"


def test_the_scan_can_fail():
    assert RETIRED_IN_PROSE.search("a claim (rodent, Sjogren 1999)")
    assert RETIRED_IN_PROSE.search('{"met05": "human_intervention"}')
    assert not RETIRED_IN_PROSE.search("rodent studies and a randomised trial (human_rct)")


def test_every_label_is_distinct_and_every_key_has_one():
    assert list(data.EVIDENCE_LABELS) == list(data.EVIDENCE_LEVELS)
    labels = [v.lower() for v in data.EVIDENCE_LABELS.values()]
    assert len(set(labels)) == len(labels)
    for key, label in data.EVIDENCE_LABELS.items():
        assert data.evidence_level(label) == key == data.evidence_level(key.replace("_", " ").upper())
    with pytest.raises(ValueError, match="label must be one of"):
        data.evidence_level("human intervention")


def test_the_design_distinctions_the_issue_asks_for_exist():
    levels = set(data.EVIDENCE_LEVELS)
    assert {"human_rct", "human_nonrandomised"} <= levels  # randomised vs uncontrolled before-after
    assert {"meta_analysis_trials", "meta_analysis_observational"} <= levels
    assert {"narrative_review", "human_physiology", "protein_chemistry", "cell_culture"} <= levels
    assert "narrative_review" in data.NOT_PRIMARY and "narrative_review" not in evidence.MAP_SYSTEMS


def test_every_table_row_and_sidecar_uses_the_vocabulary():
    for name in data.list_datasets():
        assert data.info(name)["evidence_level"] in data.EVIDENCE_LEVELS, name
        df = data.load(name)
        for column in ("evidence_level", "model_system"):
            if column in df:
                assert set(df[column]) <= set(data.EVIDENCE_LEVELS), (name, set(df[column]) - set(data.EVIDENCE_LEVELS))
