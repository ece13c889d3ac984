"""The glossary (issue 24, item 4): the CSV, the generated page notebooks/glossary.ipynb, links to it, the linker."""

import doctest
import json
import re
from pathlib import Path

import nbformat
import pytest
from test_notebooks import notebook_problems

from course_lib import citations, data
from tools import link_glossary as lg
from tools import make_glossary as mg

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
GLOSSARY = NOTEBOOK_DIR / "glossary.ipynb"
TERMS = mg.load_terms()
#: Terms the pedagogy review and issue 24 name as the ones learners trip over, plus what the units use.
REQUIRED = (
    """IR-A IR-B Kd EC50 mTORC1 autophagy ALS SPR cryo-EM SDS LMS PI3K Akt MAPK IRS-1 pI IGF-2 IGFBP-3 IGFBP-1
HOMA-IR sarcopenia proteolysis ultrafiltration half-life GHR pulsatility acromegaly immunoassay LC-MS/MS
Bland-Altman bias kappa confounding meta-analysis percentile z-score U-shape dose-response hypertrophy myoblast
knockout heterozygous ODE anchor""".split()
    + [
        "ternary complex",
        "hazard ratio",
        "confidence interval",
        "Hill coefficient",
        "disulfide bond",
        "isoelectric point",
        "sequence identity",
        "alignment",
        "Laron syndrome",
        "limits of agreement",
        "reverse causation",
        "observational study",
        "randomised trial",
        "Mendelian randomisation",
        "reference interval",
        "satellite cell",
        "LID mouse",
        "illustrative model",
    ]
)


# ---- the CSV ---------------------------------------------------------------------------------------


def test_the_glossary_has_at_least_60_terms_including_the_ones_learners_trip_over():
    names = [t.term for t in TERMS]
    assert len(names) >= 60 and len(names) == len(set(names))
    assert [r for r in REQUIRED if r not in names] == []


def test_every_row_has_a_short_definition_a_unit_and_a_real_key_or_none():
    units = {p.name[:2] for p in NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb")}
    keys = set(citations.keys())
    for t in TERMS:
        assert t.see_unit in units, t
        assert t.citation_key == "" or t.citation_key in keys, t
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", t.definition)
        assert len(sentences) <= 2 and len(t.definition) <= 260, t.term
    # data.load reads the same table (see_unit as an integer); the sidecar lists exactly the keys the rows use.
    df = data.load("glossary")
    assert list(df["term"]) == [t.term for t in TERMS]
    assert list(data.info("glossary")["citation_key"]) == list(
        dict.fromkeys(t.citation_key for t in TERMS if t.citation_key)
    )


def test_the_receptor_is_not_cited_to_a_lifespan_paper():
    (igf1r,) = [t for t in TERMS if t.term == "IGF-1R"]
    assert igf1r.citation_key != "holzenberger2003"


def test_no_doses_or_products_in_definitions():
    text = " ".join(t.definition for t in TERMS)
    assert not re.search(r"\b(\d+\s*(mg|µg|mcg|IU)\b|per day|dose of|suppliers?|vendors?|brand)", text, re.I)


def test_load_terms_rejects_bad_rows(tmp_path):
    bad = tmp_path / "g.csv"
    bad.write_text("term,definition,citation_key,see_unit\nIGF–1,x,,1\nA b,y,,02\nA-b,z,,02\n", encoding="utf-8")
    with pytest.raises(ValueError) as err:
        mg.load_terms(bad)
    message = str(err.value)
    assert "'IGF–1': use ASCII" in message and "see_unit '1'" in message and "anchor 'A-b' is used twice" in message


def test_anchor_doctests():
    assert doctest.testmod(mg, verbose=False).failed == 0


# ---- the page --------------------------------------------------------------------------------------


def test_stored_glossary_notebook_is_what_the_tool_writes_from_the_csv():
    """Drift test: edit glossary.csv, then run `make glossary`."""
    assert GLOSSARY.read_text(encoding="utf-8") == mg.notebook_text(), "run `make glossary`"


def test_the_tool_check_mode_reports_drift(tmp_path, capsys):
    out = tmp_path / "glossary.ipynb"
    assert mg.main(["--check", "--out", str(out)]) == 1
    assert mg.main(["--out", str(out)]) == 0
    assert mg.main(["--check", "--out", str(out)]) == 0


def test_glossary_page_layout_and_notebook_rules():
    nb = nbformat.read(GLOSSARY, as_version=4)
    assert nb.cells[0].source.startswith("# Glossary\n")
    assert all(c.cell_type == "markdown" for c in nb.cells)  # no kernel needed
    # The hygiene rules of every unit hold for the glossary too (disclaimer once, no trade words, ...).
    assert notebook_problems(nb, GLOSSARY.stat().st_size) == []
    headings = [line[4:] for c in nb.cells for line in c.source.splitlines() if line.startswith("### ")]
    assert headings == sorted((t.term for t in TERMS), key=lambda s: (s.lower(), s))
    (cell,) = [c for c in nb.cells if "\n### " in "\n" + c.source]  # every term in one cell (see make_glossary)
    for t in TERMS:
        (entry,) = [e for e in re.split(r"\n\n(?=<a id|### )", cell.source) if e.startswith(f"### {t.term}\n")] or [
            e for e in re.split(r"\n\n(?=### )", cell.source) if f"### {t.term}\n" in e
        ]
        assert t.definition in entry
        assert f"[unit {t.see_unit}]({mg.unit_notebook(t.see_unit)})" in entry
        if t.citation_key:
            assert citations.cite(t.citation_key) in entry


def glossary_anchors(nb) -> set[str]:
    """The ids a link into this notebook can use: heading ids (text with spaces as '-') and explicit <a id>."""
    ids = set()
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            m = re.match(r"^#{1,6}\s+(.*?)\s*$", line)
            if m:
                ids.add(mg.heading_id(m.group(1)))
        ids.update(re.findall(r"<a\s+id=\"([^\"]+)\"", cell.source))
    return ids


def test_every_term_has_an_anchor_that_resolves():
    anchors = glossary_anchors(nbformat.read(GLOSSARY, as_version=4))
    assert [t.term for t in TERMS if t.anchor not in anchors] == []


def test_anchor_scheme_matches_nbconvert_heading_ids():
    """nbconvert (what `make site` uses) gives each heading the id the scheme expects, or keeps the explicit anchor."""
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_notebook_node(nbformat.read(GLOSSARY, as_version=4))
    ids = set(re.findall(r'\sid="([^"]+)"', body))
    assert [t.term for t in TERMS if t.anchor not in ids] == []


# ---- links into the glossary -----------------------------------------------------------------------

LINK = re.compile(r"glossary\.ipynb#([^)\s\"'>]+)")


def broken_glossary_links(notebooks: dict[str, nbformat.NotebookNode], glossary) -> list[str]:
    """Every glossary.ipynb#X link (and, in the glossary itself, every #X link) whose X is not an anchor."""
    anchors = glossary_anchors(glossary)
    broken = []
    for name, nb in notebooks.items():
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "markdown":
                continue
            found = LINK.findall(cell.source)
            if name == "glossary.ipynb":
                found += re.findall(r"\]\(#([^)\s]+)\)", cell.source)
            broken += [f"{name} cell {i}: #{x}" for x in found if x not in anchors]
    return broken


def test_every_glossary_link_in_any_notebook_resolves():
    notebooks = {p.name: nbformat.read(p, as_version=4) for p in sorted(NOTEBOOK_DIR.glob("*.ipynb"))}
    assert broken_glossary_links(notebooks, notebooks["glossary.ipynb"]) == []


def test_a_bad_glossary_link_is_caught():
    glossary = nbformat.read(GLOSSARY, as_version=4)
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("See [Kd](glossary.ipynb#Kd) and [ALS](glossary.ipynb#Als).")]
    )
    assert broken_glossary_links({"99_x.ipynb": nb}, glossary) == ["99_x.ipynb cell 0: #Als"]


# ---- the linker ------------------------------------------------------------------------------------


def T(term, unit="02"):
    return mg.Term(term, "d", "", unit)


SMALL = [
    T("Kd"),
    T("ALS"),
    T("SDS"),
    T("autophagy"),
    T("IGFBP"),
    T("IGFBP-3"),
    T("IGF-1"),
    T("free IGF-1"),
    T("Bland-Altman"),
    T("LC-MS/MS"),
    T("anchor"),
]


def md(*sources):
    return [{"cell_type": "markdown", "metadata": {}, "source": s} for s in sources]


def linked(*sources, terms=SMALL):
    cells = md(*sources)
    lg.link_cells(cells, terms)
    return ["".join(c["source"]) for c in cells]


def test_first_use_only_is_linked_as_written():
    assert linked("The Kd is low. A lower Kd binds tighter.", "Kd again.") == [
        "The [Kd](glossary.ipynb#Kd) is low. A lower Kd binds tighter.",
        "Kd again.",
    ]


def test_acronyms_are_case_sensitive_and_plain_words_are_not():
    assert linked("Also als and kd stay. Autophagy rises.") == [
        "Also als and kd stay. [Autophagy](glossary.ipynb#autophagy) rises."
    ]
    assert linked("Two anchors.") == ["Two [anchors](glossary.ipynb#anchor)."]


def test_whole_words_only():
    assert linked("ALSO KdX IGFBP-3 binds; SDSs.") == ["ALSO KdX [IGFBP-3](glossary.ipynb#IGFBP-3) binds; SDSs."]
    assert linked("Free IGF-1 and free IGF-1.") == [
        "Free [IGF-1](glossary.ipynb#IGF-1) and [free IGF-1](glossary.ipynb#free-IGF-1)."
    ]


def test_longer_term_wins_and_dashes_match():
    assert linked("free IGF-1 then IGF-1; a Bland–Altman plot and LC-MS/MS.") == [
        "[free IGF-1](glossary.ipynb#free-IGF-1) then [IGF-1](glossary.ipynb#IGF-1); "
        "a [Bland–Altman](glossary.ipynb#Bland-Altman) plot and [LC-MS/MS](glossary.ipynb#LC-MS/MS)."
    ]


@pytest.mark.parametrize(
    "protected",
    [
        "## The Kd of ALS",  # heading
        "Use `Kd` or ``ALS``.",  # inline code
        "```\nKd = 1\nALS\n```",  # fenced code
        "~~~python\nKd\n~~~",  # fenced code, tildes
        "$K_d$ and $$\\text{Kd} + ALS$$ and \\(Kd\\) \\[ALS\\]",  # LaTeX
        "[the Kd value](https://doi.org/10/x) and ![ALS](a.png)",  # link texts and images
        "See [Kd][ref] and https://example.org/Kd",  # reference link, bare URL
        "[ref]: https://example.org/ALS",  # reference definition
        '<span title="Kd">x</span> <a href="#y">ALS</a> <code>Kd</code>',  # tags and element texts
        "<details><summary>Kd</summary>\nALS here is raw HTML\n</details>",  # HTML block
        "<!-- Kd ALS -->",  # comment
    ],
)
def test_protected_text_is_never_linked_and_is_not_a_use(protected):
    out = linked(protected, "Then Kd and ALS.")
    assert out == [protected, "Then [Kd](glossary.ipynb#Kd) and [ALS](glossary.ipynb#ALS)."]


def test_the_disclaimer_cell_code_cells_and_instructor_cells_are_skipped():
    cells = md("> **Education only.** Kd is not medical advice.", "Kd", "ALS")
    cells[2]["metadata"]["tags"] = ["instructor"]
    code = {"cell_type": "code", "metadata": {}, "source": "Kd = 1  # ALS", "outputs": [{"text": "ALS"}]}
    cells.insert(1, code)
    lg.link_cells(cells, SMALL)
    assert ["".join(c["source"]) for c in cells] == [
        "> **Education only.** Kd is not medical advice.",
        "Kd = 1  # ALS",
        "[Kd](glossary.ipynb#Kd)",
        "ALS",
    ]
    assert cells[1]["outputs"] == [{"text": "ALS"}]


def test_an_existing_glossary_link_counts_as_the_first_use():
    assert linked("Kd", "a [Kd](glossary.ipynb#Kd) later") == ["Kd", "a [Kd](glossary.ipynb#Kd) later"]


def test_linking_is_idempotent_on_the_real_terms():
    text = [
        "The IGF-1R and the IR-A bind; Kd and EC50 differ. Autophagy, ALS, SDS and LMS.",
        "Free IGF-1 by ultrafiltration; the Bland–Altman bias; kappa; LC-MS/MS; des(1-3)IGF-1.",
    ]
    once = linked(*text, terms=TERMS)
    assert once != text and linked(*once, terms=TERMS) == once
    assert "[des(1-3)IGF-1](glossary.ipynb#des-1-3-IGF-1)" in once[1]


def _write_nb(path, sources):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(s) for s in sources])
    nb.cells.append(nbformat.v4.new_code_cell("x = 1", execution_count=1))
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def test_cli_rewrites_sources_only_and_check_lists_unlinked_first_uses(tmp_path, capsys):
    path = tmp_path / "99_test.ipynb"
    _write_nb(path, ["# 99 · A test", "The Kd of IGF-1.\n\nMore Kd."])
    before = json.loads(path.read_text(encoding="utf-8"))
    assert lg.main(["--check", str(path)]) == 1
    assert "99_test.ipynb cell 1: 'Kd'" in capsys.readouterr().out
    assert json.loads(path.read_text(encoding="utf-8")) == before  # --check writes nothing
    assert lg.main([str(path)]) == 0
    after = json.loads(path.read_text(encoding="utf-8"))
    assert "".join(after["cells"][1]["source"]) == (
        "The [Kd](glossary.ipynb#Kd) of [IGF-1](glossary.ipynb#IGF-1).\n\nMore Kd."
    )
    del after["cells"][1]["source"], before["cells"][1]["source"]
    assert after == before  # nothing else changed
    assert lg.main(["--check", str(path)]) == 0
    text = path.read_text(encoding="utf-8")
    assert lg.main([str(path)]) == 0 and path.read_text(encoding="utf-8") == text  # idempotent on disk


@pytest.mark.parametrize("path", sorted(NOTEBOOK_DIR.glob("0*.ipynb")), ids=lambda p: p.stem)
def test_every_term_is_linked_at_its_first_use_in_each_unit(path):
    """New learner prose that uses a glossary term before linking it fails here; `python tools/link_glossary.py`
    adds the links."""
    missing = lg.link_notebook(path, write=False)
    assert missing == [], f"{path.name}: first uses not linked: " + ", ".join(f"{u}" for u in missing[:10])
