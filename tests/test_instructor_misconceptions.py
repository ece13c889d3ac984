"""Each unit's misconceptions are tied to the items that diagnose them and the section that addresses them.

In ``instructor/units/NN_topic.md``, every bullet under "## Common misconceptions" names
``_Diagnosed by:_`` one or more question, prediction or exercise ids of that unit (in backticks) and
``_Addressed in:_ § <section>``, a ``##`` heading of the unit's notebook. Renaming a section or dropping a
question then fails here instead of leaving the notes pointing at nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from course_lib import exercises, predictions, quiz

ROOT = Path(__file__).resolve().parents[1]
UNITS = sorted(p.stem for p in (ROOT / "notebooks").glob("0*.ipynb"))


def _bullets(unit: str) -> list[str]:
    text = (ROOT / "instructor" / "units" / f"{unit}.md").read_text(encoding="utf-8")
    section = text.split("## Common misconceptions", 1)[1].split("\n## ", 1)[0]
    return [b.strip() for b in re.split(r"^\* ", section, flags=re.M)[1:]]


def _headings(unit: str) -> set[str]:
    nb = nbformat.read(ROOT / "notebooks" / f"{unit}.ipynb", as_version=4)
    return {
        line[3:].strip()
        for c in nb.cells
        if c.cell_type == "markdown"
        for line in c.source.splitlines()
        if line.startswith("## ")
    }


def _ids(unit: str) -> set[str]:
    ids = {q.id for q in quiz.load_questions(unit)} if unit in quiz.units() else set()
    if unit in predictions.units():
        ids |= {p.id for p in predictions.load_predictions(unit)}
    return ids | {e for e in exercises.ids() if e.startswith(unit[:2] + "-")}


@pytest.mark.parametrize("unit", UNITS)
def test_every_misconception_names_its_diagnosing_items_and_its_section(unit):
    bullets = _bullets(unit)
    assert len(bullets) >= 3
    known, headings = _ids(unit), _headings(unit)
    for b in bullets:
        flat = " ".join(b.split())
        diag = re.search(r"_Diagnosed by:_ (.+?)(?:_Addressed in:_|$)", flat)
        where = re.search(r"_Addressed in:_ § (.+?)\.?\s*$", flat)
        assert diag and where, f"{unit}: {flat[:80]!r} lacks '_Diagnosed by:_' or '_Addressed in:_ §'"
        ids = re.findall(r"`([^`]+)`", diag.group(1))
        assert ids and set(ids) <= known, f"{unit}: unknown ids {sorted(set(ids) - known)}"
        assert where.group(1).strip() in headings, f"{unit}: no section {where.group(1).strip()!r}"
