"""Unit 01 §3, where IGF-1 comes from: the findings table ``igf1_gene_findings`` and the text that quotes it.

Every row cites a key that resolves and carries a label of the course's evidence vocabulary; the numbers the
notebook's markdown states (the liver knockout, the MGF potencies, the children's height velocity) are the
table's; the renderers show every row of a topic; and the splice routes the figure draws are those of the row
they come from.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from course_lib import citations, data
from course_lib.figures import igf1_gene

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "01_structure.ipynb"
TABLE = data.load("igf1_gene_findings").set_index("id")


def _unlinked(text: str) -> str:
    """The text without the glossary links added at first use: ``[term](glossary.ipynb#x)`` becomes ``term``."""
    return re.sub(r"\[([^\]]+)\]\(glossary\.ipynb#[^)]*\)", r"\1", text)


def _markdown(starts: str) -> str:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    cells = [_unlinked(c.source) for c in nb.cells if c.cell_type == "markdown"]
    (text,) = [s for s in cells if s.startswith(starts)]
    return text


def test_every_row_cites_a_resolving_key_and_a_vocabulary_label():
    keys = set(citations.keys())
    for rid, row in TABLE.iterrows():
        assert row["citation_key"] in keys, rid
        assert row["evidence_level"] in data.EVIDENCE_LEVELS, rid
        assert row["topic"] in igf1_gene.TOPICS, rid
        assert str(row["caveat"]).strip(), rid


def test_reviews_are_labelled_as_reviews_and_the_children_as_a_nonrandomised_trial():
    # Chernausek 2007: "predominantly open-label design", no randomised control group
    assert set(TABLE.loc[["human-hv-baseline", "human-hv-treated"], "evidence_level"]) == {"human_nonrandomised"}
    for key in ("hwa2016", "philippou2014", "zablocka2012", "matheny2010"):
        assert set(TABLE.loc[TABLE["citation_key"] == key, "evidence_level"]) == {"narrative_review"}, key
    # receptor-activation assays in cells are cell culture, not protein chemistry
    assert set(TABLE.loc[TABLE["citation_key"] == "janssen2016", "evidence_level"]) == {"cell_culture"}


def test_the_published_numbers():
    v = TABLE["value"]
    assert (v["lid-serum"], v["lid-gh"], v["alsko-serum"], v["lidals-serum"]) == (75, 4, 65, 85)  # Haluzik 2003
    assert (v["mgf-full-igf1r-ec50"], v["mgf-igf1-igf1r-ec50"]) == (7.83, 0.86)  # Janssen 2016
    assert (v["mgf-full-ira-ec50"], v["mgf-full-irb-ec50"], v["mgf-full-igf1r-max"]) == (73.11, 35.10, 89)
    assert (v["human-hv-baseline"], v["human-hv-treated"]) == (2.8, 8.0)  # Chernausek 2007
    assert v["gene-exons"] == 6 and v["mgf-naming"] == 24
    # the liver knockout row agrees with the structure parameter the prediction uses (Sjögren 1999)
    assert v["lid-serum"] == data.parameter("structure_parameters", "liver_igf1_knockout_serum_reduction_pct")


def _numbers(text: str) -> list[float]:
    found = [float(x) for x in re.findall(r"(?<![\w.])(\d+(?:\.\d+)?)(?![\w.])", text)]
    return [x for x in found if not 1900 <= x <= 2100]  # citation years are not findings


def test_the_knockout_reading_quotes_the_table():
    text = _markdown("**Reading the knockout.**")
    v = TABLE["value"]
    assert "fourfold" in text and v["lid-gh"] == 4
    assert f"by {v['lidals-serum']:.0f}%" in text
    assert f"from {v['human-hv-baseline']:.1f} to {v['human-hv-treated']:.1f} cm/yr" in text
    assert "76 children" in text and "76 children" in TABLE.loc["human-hv-baseline", "claim"]
    assert "both** contribute" in text


def test_the_mgf_paragraph_quotes_the_table():
    text = _markdown('**The "MGF" story is contested.**')
    v = TABLE["value"]
    assert f"{v['mgf-full-igf1r-ec50']:.2f} nmol/L against {v['mgf-igf1-igf1r-ec50']:.2f} nmol/L" in text
    ratio = v["mgf-full-igf1r-ec50"] / v["mgf-igf1-igf1r-ec50"]
    assert "about nine times" in text and 8.5 < ratio < 9.5
    assert f"last {v['mgf-naming']:.0f} residues" in text
    assert "the E-peptide alone does not activate the IGF-1 receptor" in text
    # every number in the paragraph is one of the table's (or a residue count the unit computes elsewhere)
    allowed = {float(x) for x in TABLE["value"].dropna()} | {70, 49, 118, 1}
    assert set(_numbers(text)) <= allowed, set(_numbers(text)) - allowed


def test_the_gh_paragraph_cites_the_rows_it_summarises():
    text = _markdown("## 3 · Where IGF-1 is made")
    for key in ("davey2001", "hwa2016", "haluzik2003"):
        assert citations.short(key).split(" et al.")[0].split(" ")[0] in text, key
    assert "JAK2" in text and "STAT5b" in text


@pytest.mark.parametrize("topic", list(igf1_gene.TOPICS))
def test_renderers_show_every_row_of_a_topic(topic):
    rows = igf1_gene.findings(topic)
    assert len(rows) >= 2
    html_ = igf1_gene.findings_html(topic)
    text = igf1_gene.describe_findings(topic)
    assert html_.count("<tr>") == len(rows) + 1
    assert text.count("\n") == len(rows)
    for _, r in rows.iterrows():
        assert citations.short(r["citation_key"]) in text
        assert data.evidence_label(r["evidence_level"]) in text


def test_unknown_topic_is_refused_by_name():
    with pytest.raises(ValueError, match="topic must be one of"):
        igf1_gene.findings("muscle")


def test_value_text_keeps_the_unit_and_is_empty_without_a_number():
    assert igf1_gene._value_text(TABLE.loc["mgf-full-igf1r-ec50"]) == "7.83 nmol/L"
    assert igf1_gene._value_text(TABLE.loc["proigf-muscle"]) == ""


def test_gene_map_draws_the_routes_of_its_source_row():
    claim = TABLE.loc["gene-splicing", "claim"]
    assert "exon 4 directly to exon 6" in claim and "part of exon 5" in claim and "further into exon 5" in claim
    assert igf1_gene.SPLICE_ROUTES["IGF-1Ea"] == ("4", "6")
    assert igf1_gene.SPLICE_ROUTES["IGF-1Ec (MGF)"] == ("4", "5 (part)", "6")
    fig = igf1_gene.gene_map()
    boxes = sum(len(route) for route in igf1_gene.SPLICE_ROUTES.values())
    assert len(fig.layout.shapes) == boxes
    labels = [t for tr in fig.data if tr.mode == "text" for t in tr.text]
    assert labels.count("exon 4") == 3 and labels.count("exon 6") == 2
    text = igf1_gene.describe_gene_map()
    for name, route in igf1_gene.SPLICE_ROUTES.items():
        assert f"{name}: " + " -> ".join(f"exon {e}" for e in route) in text
