"""Notebook structure a screen reader relies on (issue 20, WCAG 1.3.1, 2.4.4, 2.4.6): one H1 that opens the
notebook, no skipped heading level, and links whose text says where they go."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
HEADING = re.compile(r"^(#{1,6})\s+\S")
LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)")
#: Link texts that do not say where the link goes (WCAG 2.4.4).
VAGUE = {"here", "click here", "this", "link", "this link", "more", "read more", "see here"}


def _markdown(path: Path) -> list[str]:
    return [
        "".join(c["source"])
        for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
        if c["cell_type"] == "markdown"
    ]


def heading_levels(markdown_cells: list[str]) -> list[int]:
    levels = []
    for src in markdown_cells:
        fenced = False
        for line in src.splitlines():
            if line.lstrip().startswith("```"):
                fenced = not fenced
            elif not fenced and (m := HEADING.match(line)):
                levels.append(len(m.group(1)))
    return levels


def heading_problems(levels: list[int]) -> list[str]:
    problems = []
    if not levels or levels[0] != 1:
        problems.append("the first heading is not an H1")
    if levels.count(1) != 1:
        problems.append(f"{levels.count(1)} H1 headings (one is the notebook's title)")
    problems += [f"H{a} is followed by H{b}" for a, b in zip(levels, levels[1:]) if b > a + 1]
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_one_h1_and_no_skipped_heading_level(path):
    assert heading_problems(heading_levels(_markdown(path))) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_link_texts_say_where_they_go(path):
    vague = [t for src in _markdown(path) for t, _ in LINK.findall(src) if t.strip().lower().strip(".:") in VAGUE]
    assert vague == []


def test_the_structure_checks_can_fail():
    assert heading_problems(heading_levels(["## Intro", "# Title\n### Deep"])) == [
        "the first heading is not an H1",
        "H1 is followed by H3",
    ]
    assert heading_levels(["# T\n```\n# a comment in code\n```"]) == [1]
    assert heading_problems([1, 2, 1]) == ["2 H1 headings (one is the notebook's title)"]
    assert LINK.findall("see [here](x.ipynb) and ![img](a.png)") == [("here", "x.ipynb")]
