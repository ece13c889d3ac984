"""Every bundled table against its provenance sidecar (found automatically)."""

import pandas as pd
import pytest

from course_lib import citations, data

REQUIRED = ("title", "each_row", "citation_key", "locator", "obtained", "evidence_level", "columns")


def sidecar_problems(df: pd.DataFrame, meta: dict, bib_keys: set[str]) -> list[str]:
    """What is wrong between a table and its sidecar; empty when they agree."""
    problems = [f"sidecar lacks {k!r}" for k in REQUIRED if k not in meta]
    if problems:
        return problems
    if not str(meta["each_row"]).startswith("Each row is"):
        problems.append("each_row must be a sentence starting 'Each row is'")
    keys = meta["citation_key"] if isinstance(meta["citation_key"], list) else [meta["citation_key"]]
    problems += [f"citation_key {k!r} is not in citations.bib" for k in keys if k not in bib_keys]
    if not str(meta["locator"]).strip():
        problems.append("locator (table, figure or DOI) is empty")
    if meta["obtained"] not in data.OBTAINED:
        problems.append(f"obtained {meta['obtained']!r} is not one of {data.OBTAINED}")
    if meta["evidence_level"] not in data.EVIDENCE_LEVELS:
        problems.append(f"evidence_level {meta['evidence_level']!r} is not in the vocabulary")
    columns = meta["columns"]
    if list(columns) != list(df.columns):
        problems.append(f"sidecar columns {list(columns)} differ from CSV columns {list(df.columns)}")
    for col, spec in columns.items():
        if not isinstance(spec, dict) or "unit" not in spec or "description" not in spec:
            problems.append(f"column {col!r} needs a unit and a description")
    if df.empty:
        problems.append("the table has no rows")
    # Row-level provenance, where a table carries it.
    if "citation_key" in df:
        for key in set(df["citation_key"].dropna()):
            for k in str(key).split(";"):
                if k.strip() not in bib_keys:
                    problems.append(f"row citation_key {k.strip()!r} is not in citations.bib")
    if "evidence_level" in df:
        bad = set(df["evidence_level"]) - set(data.EVIDENCE_LEVELS)
        problems += [f"row evidence_level {b!r} is not in the vocabulary" for b in sorted(map(str, bad))]
    return problems


@pytest.mark.parametrize("name", data.list_datasets())
def test_dataset_matches_its_sidecar(name):
    assert sidecar_problems(data.load(name), data.info(name), set(citations.keys())) == []


PARAMETER_TABLES = data._parameter_tables()


def test_parameter_tables_are_found():
    """The tables are discovered from their sidecars, never named here; a few must exist."""
    assert len(PARAMETER_TABLES) >= 5 and "constants" in PARAMETER_TABLES


def range_problems(df: pd.DataFrame) -> list[str]:
    """Rows whose value lies outside its own range; each bound is checked wherever it is given."""
    problems = []
    for _, row in df.iterrows():
        if pd.notna(row["low"]) and not row["low"] <= row["value"]:
            problems.append(f"{row['name']}: value {row['value']} is below low {row['low']}")
        if pd.notna(row["high"]) and not row["value"] <= row["high"]:
            problems.append(f"{row['name']}: value {row['value']} is above high {row['high']}")
    return problems


@pytest.mark.parametrize("name", PARAMETER_TABLES)
def test_parameter_tables_have_ranges_that_hold_their_values(name):
    df = data.load(name)
    assert {"name", "value", "low", "high"} <= set(df.columns)
    assert df["name"].is_unique
    assert range_problems(df) == []


def test_one_sided_ranges_are_checked():
    """A row with only a low (or only a high) bound is still checked against it."""
    df = pd.DataFrame(
        {"name": ["a", "b", "c"], "value": [1.0, 5.0, 2.0], "low": [2.0, None, None], "high": [None, 4.0, None]}
    )
    assert range_problems(df) == ["a: value 1.0 is below low 2.0", "b: value 5.0 is above high 4.0"]


def test_every_csv_has_a_sidecar():
    csvs = {p.stem for p in data.DATA_DIR.glob("*.csv")}
    assert csvs == set(data.list_datasets())


def test_broken_sidecars_are_caught():
    df = pd.DataFrame({"age_y": [1.0], "value": [2.0]})
    good = {
        "title": "t",
        "each_row": "Each row is one age.",
        "citation_key": "cole1992",
        "locator": "Table 1",
        "obtained": "transcribed",
        "evidence_level": "reference_population",
        "columns": {"age_y": {"unit": "years", "description": "age"}, "value": {"unit": "ng/mL", "description": "v"}},
    }
    keys = set(citations.keys())
    assert sidecar_problems(df, good, keys) == []
    assert sidecar_problems(df, {**good, "citation_key": "nobody2099"}, keys) == [
        "citation_key 'nobody2099' is not in citations.bib"
    ]
    assert sidecar_problems(df, {**good, "evidence_level": "vibes"}, keys) == [
        "evidence_level 'vibes' is not in the vocabulary"
    ]
    assert "each_row must be" in sidecar_problems(df, {**good, "each_row": "Rows are ages."}, keys)[0]
    assert "differ from CSV columns" in sidecar_problems(df.assign(extra=1), good, keys)[0]
    missing = {k: v for k, v in good.items() if k != "locator"}
    assert sidecar_problems(df, missing, keys) == ["sidecar lacks 'locator'"]


def test_load_returns_a_copy_and_rejects_unknown_names():
    a = data.load("constants")
    a.loc[0, "value"] = -1
    assert data.load("constants").loc[0, "value"] == 7649
    with pytest.raises(ValueError, match="name must be one of"):
        data.load("igf1_made_up")
    with pytest.raises(TypeError, match="name must be"):
        data.load(None)
