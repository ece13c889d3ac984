"""Hygiene of the stored notebooks (nbval checks their outputs; this checks everything else)."""

import json
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
MAX_BYTES = 300_000
DISCLAIMER = re.compile(r"not\s+medical\s+advice", re.I)
SHELL_MAGIC = re.compile(r"^\s*(!|%pip|%conda|%system|%%bash|%%sh)", re.M)
WARNING_TEXT = re.compile(r"(Warning:|Traceback|DeprecationWarning|RuntimeWarning|FutureWarning)")
#: Words about selling that have no place in the course text (the course check flags them).
TRADE_WORDS = re.compile(r"\b(suppliers?|vendors?)\b", re.I)
EMBEDDED_PLOTLY = ("window.PlotlyConfig", "plotly.js v", "cdn.plot.ly")


def notebook_problems(nb: nbformat.NotebookNode, size_bytes: int) -> list[str]:
    """Everything wrong with one stored notebook; empty when it is clean."""
    problems = []
    raw = json.dumps(nb)
    if size_bytes > MAX_BYTES:
        problems.append(f"{size_bytes} bytes stored (limit {MAX_BYTES})")
    if any(marker in raw for marker in EMBEDDED_PLOTLY):
        problems.append("embeds plotly.js")
    if nb.metadata.get("widgets"):
        problems.append("stores widget state in metadata")
    counts = []
    prose = []
    for i, cell in enumerate(nb.cells):
        prose.append(cell.source)
        if cell.cell_type != "code":
            continue
        counts.append(cell.get("execution_count"))
        if SHELL_MAGIC.search(cell.source):
            problems.append(f"cell {i} uses a shell magic")
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                problems.append(f"cell {i} stores an error ({out.get('ename')})")
            if out.output_type == "stream" and out.name == "stderr":
                problems.append(f"cell {i} stores stderr")
            text = out.get("text", "") if out.output_type == "stream" else out.get("data", {}).get("text/plain", "")
            if WARNING_TEXT.search("".join(text)):
                problems.append(f"cell {i} stores warning or traceback text")
    if counts != list(range(1, len(counts) + 1)):
        problems.append("execution counts are not 1..n (run `make notebooks`)")
    body = "\n".join(prose)
    if len(DISCLAIMER.findall(body)) != 1:
        problems.append("must state 'not medical advice' exactly once")
    for word in TRADE_WORDS.findall(body):
        problems.append(f"mentions {word!r}: the course names no suppliers, vendors or products, not even to say so")
    tags = [set(c.get("metadata", {}).get("tags", [])) for c in nb.cells]
    for i, t in enumerate(tags):
        if "exercise" in t and (i + 1 >= len(tags) or "solution" not in tags[i + 1]):
            problems.append(f"exercise cell {i} is not followed by a solution cell")
        if "solution" in t and not nb.cells[i].get("metadata", {}).get("jupyter", {}).get("source_hidden"):
            problems.append(f"solution cell {i} is not hidden (metadata.jupyter.source_hidden)")
    return problems


def test_the_course_has_its_notebooks_in_order():
    names = [p.name[:2] for p in NOTEBOOKS]
    assert names == sorted(names) and "00" in names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_hygiene(path):
    assert notebook_problems(nbformat.read(path, as_version=4), path.stat().st_size) == []


def _code(source, count, outputs=()):
    cell = nbformat.v4.new_code_cell(source, execution_count=count)
    cell.outputs = list(outputs)
    return cell


def test_broken_notebook_is_caught():
    clean = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("Education only; not medical advice."),
            _code("x = 1", 1),
        ]
    )
    assert notebook_problems(clean, 1000) == []
    broken = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("No disclaimer here. Ask your supplier."),
            _code("!pip install x", 1),
            _code("1/0", 3, [nbformat.v4.new_output("error", ename="ZeroDivisionError", evalue="", traceback=[])]),
            _code("import warnings", 4, [nbformat.v4.new_output("stream", name="stderr", text="UserWarning: x")]),
            _code("exercise", 5),
        ]
    )
    broken.cells[-1].metadata["tags"] = ["exercise"]
    broken.metadata["widgets"] = {"state": {}}
    found = "\n".join(notebook_problems(broken, 400_000))
    for expected in (
        "bytes stored",
        "widget state",
        "shell magic",
        "stores an error",
        "stores stderr",
        "execution counts",
        "not medical advice",
        "not followed by a solution",
        "mentions 'supplier'",
    ):
        assert expected in found
