"""Pacing and readability of the unit notebooks, measured on their cells (issue 24).

A *check* is a moment where the learner commits to something: a prediction (``predict.ask``), a
self-check quiz (``quiz.quiz``), or an exercise cell (tag ``exercise``). The rules are the course's
promise that a learner is asked to think often, from early on:

* the first check comes within the first third of the notebook's cells;
* no stretch between checks (nor before the first or after the last) is longer than a quarter of the cells;
* there is at least one check per 15 minutes of the notebook's stated time.

The stored outputs are also read the way a learner reads them: no table is cut short by pandas'
``...``, and no maintainer's note ("not checked") sits in learner text.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
UNITS = sorted((ROOT / "notebooks").glob("0*.ipynb"))
CHECK = re.compile(r"\bpredict\.ask\(|\bquiz\.quiz\(")
TIME = re.compile(r"\*\*Time:\*\*\s*about\s*(\d+)\s*min")
MAINTAINER_VOICE = re.compile(r"not checked|could not check|could not be checked|not been checked", re.IGNORECASE)


def checks(nb) -> list[int]:
    return [
        i
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and (CHECK.search(c.source) or "exercise" in c.metadata.get("tags", []))
    ]


def stated_minutes(nb) -> int:
    for c in nb.cells[:3]:
        m = TIME.search(c.source)
        if m:
            return int(m.group(1))
    raise AssertionError("no '**Time:** about N minutes' in the first three cells")


def longest_gap(indices: list[int], n: int) -> int:
    edges = [-1, *indices, n]
    return max(b - a - 1 for a, b in zip(edges, edges[1:], strict=False))


def pacing(path: Path) -> dict:
    nb = nbformat.read(path, as_version=4)
    found = checks(nb)
    return {
        "cells": len(nb.cells),
        "checks": len(found),
        "first": found[0] if found else None,
        "longest_gap": longest_gap(found, len(nb.cells)),
        "minutes": stated_minutes(nb),
    }


@pytest.mark.parametrize("path", UNITS, ids=[p.stem for p in UNITS])
def test_first_check_within_the_first_third(path):
    p = pacing(path)
    assert p["first"] is not None and p["first"] <= p["cells"] / 3, p


@pytest.mark.parametrize("path", UNITS, ids=[p.stem for p in UNITS])
def test_no_stretch_longer_than_a_quarter_without_a_check(path):
    p = pacing(path)
    assert p["longest_gap"] <= p["cells"] / 4, p


@pytest.mark.parametrize("path", UNITS, ids=[p.stem for p in UNITS])
def test_a_check_at_least_every_15_minutes(path):
    p = pacing(path)
    assert p["checks"] >= math.ceil(p["minutes"] / 15), p


def test_the_gap_measure_sees_the_edges():
    """The measure counts the cells before the first check and after the last one too."""
    assert longest_gap([5], 6) == 5
    assert longest_gap([0, 5], 6) == 4
    assert longest_gap([], 4) == 4
    assert longest_gap([0, 1, 2, 3], 4) == 0


def _outputs(path: Path):
    for i, c in enumerate(nbformat.read(path, as_version=4).cells):
        for out in c.get("outputs", []):
            yield i, out


TD = re.compile(r"<td[^>]*>(.*?)</td>", re.DOTALL)


def truncated(out) -> bool:
    """True when pandas cut a table short: '...' as a cell, at the end of a cell, or as a row/column of dots."""
    data = out.get("data", {})
    html_ = data.get("text/html", "")
    if "dataframe" in html_ or "<table" in html_:
        if any(cell.strip() == "..." or cell.strip().endswith("...") for cell in TD.findall(html_)):
            return True
    plain = data.get("text/plain", "") if "text/html" in data else out.get("text", "")
    return any(
        re.fullmatch(r"\s*(\.\.\.\s*)+", line) or re.search(r"\w\.\.\.\s{2,}\S|\s{2}\.\.\.\s{2}", line)
        for line in plain.splitlines()
    )


@pytest.mark.parametrize("path", UNITS, ids=[p.stem for p in UNITS])
def test_no_table_is_cut_short(path):
    bad = [i for i, out in _outputs(path) if truncated(out)]
    assert bad == [], f"{path.stem}: cells {bad} show a table cut short by pandas"


def test_the_truncation_detector_catches_pandas():
    import pandas as pd

    long = pd.DataFrame({"meaning": ["x" * 200], "n": [1]})
    with pd.option_context("display.max_colwidth", 50):
        assert truncated({"data": {"text/html": long._repr_html_(), "text/plain": repr(long)}})
        assert truncated({"text": repr(long)})
    many = pd.DataFrame({f"c{i}": [i] for i in range(40)})
    with pd.option_context("display.max_columns", 10):
        assert truncated({"text": repr(many)})
    assert not truncated({"text": repr(pd.DataFrame({"a": [1, 2]}))})


@pytest.mark.parametrize("path", UNITS, ids=[p.stem for p in UNITS])
def test_no_maintainer_voice_in_learner_text(path):
    nb = nbformat.read(path, as_version=4)
    hits = [i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and MAINTAINER_VOICE.search(c.source)]
    hits += [
        i
        for i, out in _outputs(path)
        if MAINTAINER_VOICE.search(str(out.get("data", {}).get("text/html", "")) + out.get("text", ""))
    ]
    assert hits == [], f"{path.stem}: cells {sorted(set(hits))} speak to maintainers, not learners"
