"""The tissue evidence table and its helpers: vocabulary, citations, counts, filters, the exercise check."""

import pytest

from course_lib import citations, data
from course_lib.figures import html_tables
from course_lib.models import evidence

KEYS = set(citations.keys())


@pytest.fixture(scope="module")
def table():
    return data.load("tissue_evidence")


def test_every_row_cites_a_real_key_and_uses_the_vocabulary(table):
    assert evidence.table_problems(table, KEYS) == []
    assert set(table["citation_key"]) <= KEYS
    assert set(table["model_system"]) <= set(evidence.MODEL_SYSTEMS)
    assert set(table["tissue"]) <= set(evidence.TISSUES)
    assert set(table["direction"]) <= set(evidence.DIRECTIONS)


def test_model_systems_are_the_course_evidence_levels_spelt_the_same():
    for system, spec in evidence.MODEL_SYSTEMS.items():
        assert system in data.EVIDENCE_LEVELS, system
        assert spec["label"] == data.EVIDENCE_LABELS[system] and spec["description"] == data.EVIDENCE_LEVELS[system]
    assert "animal" in evidence.MODEL_SYSTEMS and "rodent" not in evidence.MODEL_SYSTEMS
    assert set(evidence.HUMAN_SYSTEMS) < set(evidence.MODEL_SYSTEMS)
    # Studies in people, known by reading the vocabulary: everything but the bench designs and the review.
    people = {"human_physiology", "human_case_series", "human_observational", "meta_analysis_observational"}
    people |= {"mendelian_randomisation", "human_nonrandomised", "human_rct", "meta_analysis_trials"}
    assert set(evidence.HUMAN_SYSTEMS) == people
    assert "narrative_review" in evidence.MODEL_SYSTEMS and "narrative_review" not in evidence.MAP_SYSTEMS


def test_the_four_narrative_reviews_are_labelled_so_and_left_out_of_the_map(table):
    # The review (science-units-04-07.md, D1) names four narrative reviews that had been coded as primary designs.
    rows = table.set_index("claim_id")
    for cid, key in {
        "mus08": "frystyk2010",
        "met02": "moller2009",
        "mus14": "schiaffino2011",
        "bon04": "sheng2014",
    }.items():
        assert rows.loc[cid, "citation_key"] == key and rows.loc[cid, "model_system"] == "narrative_review"
    reviews = (table["model_system"] == "narrative_review").sum()
    assert int(evidence.counts().to_numpy().sum()) == len(table) - reviews
    assert "narrative_review" not in evidence.counts().columns


def test_a_randomised_trial_is_never_filed_with_uncontrolled_studies(table):
    # A claim whose own wording says "randomised" must carry a randomised label; one of a single session in a few
    # people is a physiology experiment, not a trial.
    said = table[table["claim"].str.contains("randomised", case=False)]
    assert len(said) >= 2
    assert set(said["model_system"]) <= {"human_rct", "meta_analysis_trials"}, said[["claim_id", "model_system"]]


def test_at_least_30_claims_covering_every_tissue(table):
    assert len(table) >= 30
    per_tissue = table["tissue"].value_counts()
    assert all(per_tissue.get(t, 0) >= 5 for t in evidence.TISSUES), per_tissue.to_dict()
    # Every tissue has evidence from more than one kind of study.
    assert all(table[table["tissue"] == t]["model_system"].nunique() >= 2 for t in evidence.TISSUES)


def test_claim_ids_carry_their_tissue_prefix(table):
    prefix = {"muscle": "mus", "bone": "bon", "connective_tissue": "con", "metabolism": "met", "brain": "bra"}
    assert all(cid.startswith(prefix[t]) for cid, t in zip(table["claim_id"], table["tissue"]))


def test_published_numbers_in_claims_match_the_exercise_anchors(table):
    rows = table.set_index("claim_id")
    assert "217 to 253 ng/mL" in rows.loc["mus01", "claim"] and rows.loc["mus01", "citation_key"] == "cappon1994"
    assert "7.7%" in rows.loc["mus02", "claim"] and "13.3%" in rows.loc["mus02", "claim"]
    assert data.parameter("exercise_parameters", "cappon_baseline_ng_per_mL") == 217
    assert data.parameter("exercise_parameters", "schwarz_high_rise_pct") == 13.3


def test_counts_are_a_complete_crosstab_that_adds_up(table):
    c = evidence.counts()
    assert list(c.index) == list(evidence.TISSUES) and list(c.columns) == list(evidence.MAP_SYSTEMS)
    primary = table[table["model_system"] != "narrative_review"]
    assert int(c.to_numpy().sum()) == len(primary)
    for tissue in evidence.TISSUES:
        assert int(c.loc[tissue].sum()) == int((primary["tissue"] == tissue).sum())
    assert (c.to_numpy() >= 0).all()


def test_filters_return_only_matching_rows():
    brain_animal = evidence.claims("brain", "animal")
    assert len(brain_animal) == evidence.counts().loc["brain", "animal"]
    assert set(brain_animal["tissue"]) == {"brain"} and set(brain_animal["model_system"]) == {"animal"}
    assert len(evidence.claims("all", "all")) == len(evidence.claims())
    pooled = evidence.claims(model_system="meta_analysis_trials")
    assert len(pooled) == int(evidence.counts()["meta_analysis_trials"].sum())


def test_human_share_is_a_fraction_consistent_with_counts():
    c = evidence.counts()
    for tissue in evidence.TISSUES:
        expected = c.loc[tissue, list(evidence.HUMAN_SYSTEMS)].sum() / c.loc[tissue].sum()
        assert evidence.human_share(tissue) == pytest.approx(expected)
    assert 0 < evidence.human_share() < 1


def test_bad_filters_are_clear_errors():
    with pytest.raises(ValueError, match="tissue must be one of"):
        evidence.claims("liver")
    with pytest.raises(ValueError, match="model_system must be one of"):
        evidence.claims("bone", "mouse")
    with pytest.raises(TypeError, match="tissue must be one of"):
        evidence.claims(3)
    with pytest.raises(ValueError, match="model_system must be one of"):
        evidence.label("anecdote")


def test_broken_tables_are_caught(table):
    bad = table.copy()
    bad.loc[0, "citation_key"] = "nobody2099"
    bad.loc[1, "model_system"] = "mouse"
    bad.loc[2, "tissue"] = "liver"
    bad.loc[3, "direction"] = "up"
    bad.loc[4, "caveat"] = ""
    bad.loc[5, "claim_id"] = bad.loc[6, "claim_id"]
    found = "\n".join(evidence.table_problems(bad, KEYS))
    for expected in ("nobody2099", "'mouse'", "'liver'", "'up'", "caveat is missing", "not unique"):
        assert expected in found
    assert evidence.table_problems(table.drop(columns=["caveat"]), KEYS) == ["missing columns ['caveat']"]


def test_html_table_lists_each_claim_with_its_short_citation():
    df = evidence.claims("connective_tissue")
    out = html_tables.evidence_html(df)
    assert out.count("<tr>") == len(df) + 1
    for key in df["citation_key"]:
        assert citations.short(key) in out
    assert "No claims match" in html_tables.evidence_html(df.iloc[0:0])


def test_classification_exercise_check():
    truth = evidence.claims().set_index("claim_id").loc[list(evidence.EXERCISE_CLAIMS), "model_system"].to_dict()
    assert len(set(truth.values())) == len(truth)  # six claims, six different model systems
    assert evidence.check_classification(truth).ok
    none = evidence.check_classification(None)
    assert not none.ok and "Not attempted" in none
    first = evidence.EXERCISE_CLAIMS[0]
    wrong = {**truth, first: next(m for m in evidence.MODEL_SYSTEMS if m != truth[first])}
    fb = evidence.check_classification(wrong)
    assert not fb.ok and first in fb and f"{len(truth) - 1} of {len(truth)} right" in fb
    partial = {k: v for k, v in truth.items() if k != first}
    assert "Not answered: " + first in evidence.check_classification(partial)
    with pytest.raises(ValueError, match="must be one of"):
        evidence.check_classification({**truth, first: "mice"})
    with pytest.raises(TypeError, match="answers must be a dict"):
        evidence.check_classification(["animal"])


def test_importing_the_evidence_model_loads_no_widget_or_notebook_library():
    import subprocess
    import sys

    code = (
        "import sys, course_lib.models.evidence as e; "
        "e.check_classification(None); "
        "print(sorted(m for m in ('ipywidgets', 'IPython', 'plotly') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- the numbers unit 04's prose quotes from the new rows (issue 18) ----------------------------------

_PROSE_NUMBERS = [
    # (text in the notebook, claim id, the same number in that row's claim)
    ("131 people aged 65–88", "mus23", "131 healthy people aged 65–88"),
    ("65 adults aged 60–81", "mus24", "65 healthy adults aged 60–81"),
    ("raised fat-free mass by 1.1 kg", "mus24", "fat-free mass by 1.1 kg"),
    ("soft-tissue oedema (half of them)", "mus21", "soft-tissue oedema (50% versus 8%)"),
    ("2902 Swedish men", "bon08", "2902 Swedish men"),
    ("next 3.3 years", "bon08", "3.3 years"),
    ("lumbar spine density by 1.6%", "bon07", "lumbar spine bone density by 1.6%"),
    ("for 20 weeks; executive function", "bra08", "20-week randomised"),
    (
        "for 3 weeks lowered it, in 6 people",
        "met17",
        "for 3 weeks lowered serum IGF-1 from 194 to 152 ng/mL in 6 people",
    ),
]


def _notebook_markdown() -> str:
    import json
    from pathlib import Path

    nb = json.loads((Path(__file__).resolve().parents[1] / "notebooks" / "04_tissue_roles.ipynb").read_text("utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


@pytest.mark.parametrize(("prose", "claim_id", "in_claim"), _PROSE_NUMBERS)
def test_unit_04_prose_numbers_come_from_the_table(prose, claim_id, in_claim):
    row = evidence.claims().set_index("claim_id").loc[claim_id]
    assert prose in _notebook_markdown()
    assert in_claim in row["claim"]


def test_new_rows_cite_resolvable_keys_with_their_designs():
    from course_lib import citations

    rows = evidence.claims().set_index("claim_id")
    designs = {
        "met07": "human_observational",
        "met16": "human_nonrandomised",
        "met17": "human_nonrandomised",
        "met18": "animal",
        "mus21": "meta_analysis_trials",
        "mus22": "animal",
        "mus23": "human_rct",
        "mus24": "human_rct",
        "bon08": "human_observational",
        "bra08": "human_rct",
    }
    for cid, design in designs.items():
        assert rows.loc[cid, "model_system"] == design, cid
        assert rows.loc[cid, "citation_key"] in set(citations.keys()), cid
    assert set(rows[rows["citation_key"] == "fontana2008"].index) == {"met07", "met16", "met17"}
