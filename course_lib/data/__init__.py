"""The course's bundled data, each table with its provenance.

The tables ship inside the package, next to this file, and are read through
:mod:`importlib.resources`, so an installed wheel finds them as an editable
checkout does. Every ``NAME.csv`` has a sidecar ``NAME.yaml`` that says what a
row is, where the numbers came from (a citation key in ``references.bib``
plus a table, figure or DOI), how they were obtained, the evidence level and
the unit of every column. ``tests/test_data.py`` checks every sidecar against
its CSV, so a table cannot lose its provenance without a red test.

Nothing here touches the network; files are read lazily, on first use.

>>> "glossary" in list_datasets()
True
>>> info("constants")["obtained"]
'transcribed'
"""

from __future__ import annotations

import copy
import functools
import os
from importlib import resources
from pathlib import Path

import pandas as pd
import yaml

from .._validate import choice, text

__all__ = [
    "DATA_DIR",
    "data_dir",
    "EVIDENCE_LEVELS",
    "EVIDENCE_LABELS",
    "NOT_PRIMARY",
    "evidence_label",
    "evidence_level",
    "OBTAINED",
    "list_datasets",
    "load",
    "info",
    "parameter",
    "parameter_range",
    "parameters",
]

#: Where the course's data live: this package's own folder (``course_lib/data``), or
#: ``$COURSE_DATA_DIR`` when a deployment keeps them elsewhere.
DATA_DIR = Path(os.environ.get("COURSE_DATA_DIR") or str(resources.files(__name__)))

#: The one evidence vocabulary: "what kind of evidence stands behind this number or claim". Every sidecar,
#: parameter table and finding table, unit 04's evidence table (its ``model_system`` column) and unit 06's
#: evidence ladder use these keys, spelt exactly so; :data:`EVIDENCE_LABELS` gives each its readable label.
#: The order runs from bench to bedside: test-tube and cell work, animals, people measured, people treated,
#: pooled trials; then the labels that are not primary evidence.
EVIDENCE_LEVELS: dict[str, str] = {
    "curated_database": "a curated public database entry (for example a UniProt sequence or a PDB structure)",
    "reference_population": "normative data measured in a large sample of healthy people",
    "protein_chemistry": "purified proteins or synthetic peptides in a test tube: sequence, structure, folding, binding",
    "cell_culture": "living cells or tissue explants kept in a dish",
    "animal": "an experiment in animals, mostly rodents",
    "human_physiology": (
        "a short experiment on how the body works in a few people (a tracer, an infusion, a fast or one exercise "
        "bout), each person their own control: it tests a mechanism, not a treatment"
    ),
    "human_case_series": "people with a rare condition (often one gene mutation) described as cases or families",
    "human_observational": "an association measured in people (cross-sectional or cohort), without intervention",
    "meta_analysis_observational": (
        "observational studies (cohorts or case-control studies) pooled by a systematic review: still associations"
    ),
    "mendelian_randomisation": "gene variants that set IGF-1 levels used as a natural experiment in a large sample",
    "human_nonrandomised": (
        "a treatment or programme given to people without randomisation: before and after, a single treated arm, "
        "or a control group chosen rather than randomised"
    ),
    "human_rct": "a randomised controlled trial in people",
    "meta_analysis_trials": "randomised trials pooled by a systematic review",
    "narrative_review": (
        "a review that summarises studies without pooling them: not primary evidence, so it is left out of "
        "unit 04's evidence map"
    ),
    "textbook": "a widely quoted textbook value, not traced to one primary source",
    "mixed": "studies disagree; the value is a compromise the course explains",
    "illustrative": "a teaching assumption chosen to reproduce a qualitative pattern",
}

#: The readable label of each evidence level, as tables, figures and the ladder display it.
EVIDENCE_LABELS: dict[str, str] = {
    "curated_database": "curated database",
    "reference_population": "reference population",
    "protein_chemistry": "protein chemistry",
    "cell_culture": "cell culture",
    "animal": "animal",
    "human_physiology": "human physiology",
    "human_case_series": "human case series",
    "human_observational": "human observational",
    "meta_analysis_observational": "meta-analysis of observational studies",
    "mendelian_randomisation": "Mendelian randomisation",
    "human_nonrandomised": "non-randomised trial",
    "human_rct": "randomised trial",
    "meta_analysis_trials": "meta-analysis of trials",
    "narrative_review": "narrative review",
    "textbook": "textbook",
    "mixed": "mixed",
    "illustrative": "illustrative",
}

#: Levels that are not primary evidence: a review, a textbook value, a compromise or a teaching assumption.
NOT_PRIMARY = ("narrative_review", "textbook", "mixed", "illustrative")


def evidence_label(level: str) -> str:
    """The readable label of an evidence level: ``evidence_label("human_rct")`` is ``'randomised trial'``.

    >>> evidence_label("meta_analysis_observational")
    'meta-analysis of observational studies'
    """
    text(level, name="level", what="an evidence level")
    return EVIDENCE_LABELS[choice(level, name="level", choices=EVIDENCE_LEVELS)]


def evidence_level(label: str) -> str:
    """The key of an evidence level given its key or its readable label, in any case or spacing.

    Learners may type ``"randomised trial"``, ``"human_rct"`` or ``"Meta-analysis of trials"``.

    >>> evidence_level("Meta-analysis of trials")
    'meta_analysis_trials'
    """
    text(label, name="label", what="an evidence level or its label")
    spelled = " ".join(label.strip().lower().replace("_", " ").split())
    for key, readable in EVIDENCE_LABELS.items():
        if spelled in (key.replace("_", " "), readable.lower()):
            return key
    return choice(label, name="label", choices=[*EVIDENCE_LEVELS, *EVIDENCE_LABELS.values()])


#: How the numbers in a table were obtained.
OBTAINED = ("transcribed", "computed", "simulated", "written")


def data_dir() -> Path:
    """:data:`DATA_DIR`, after checking that it holds the course's tables.

    A missing or empty folder (a broken install, or ``$COURSE_DATA_DIR`` set to the wrong place) raises
    at once, rather than making every table look absent.
    """
    if not DATA_DIR.is_dir() or not any(DATA_DIR.glob("*.yaml")):
        where = "$COURSE_DATA_DIR" if os.environ.get("COURSE_DATA_DIR") else "the installed course_lib package"
        raise FileNotFoundError(
            f"The course's data folder {str(DATA_DIR)!r} ({where}) is missing or holds no tables. "
            "Reinstall the course (make lab), or point COURSE_DATA_DIR at a folder with the .csv/.yaml tables."
        )
    return DATA_DIR


@functools.cache
def _sidecars() -> dict[str, dict]:
    DATA_DIR = data_dir()
    found = {}
    for yml in sorted(DATA_DIR.glob("*.yaml")):
        if (DATA_DIR / f"{yml.stem}.csv").exists():
            found[yml.stem] = yaml.safe_load(yml.read_text(encoding="utf-8"))
    return found


def list_datasets() -> list[str]:
    """Names of every bundled table, sorted: the arguments :func:`load` accepts."""
    return sorted(_sidecars())


def info(name: str) -> dict:
    """The provenance sidecar of a table, as a dict (a copy; safe to modify)."""
    text(name, name="name", what="a dataset name")
    choice(name, name="name", choices=list_datasets())
    return copy.deepcopy(_sidecars()[name])


@functools.cache
def _load_cached(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / f"{name}.csv", comment=None)


def load(name: str) -> pd.DataFrame:
    """Return a bundled table as a new :class:`pandas.DataFrame`.

    Parameters
    ----------
    name : str
        One of :func:`list_datasets`.

    >>> load("constants").columns[:3].tolist()
    ['name', 'value', 'unit']
    """
    text(name, name="name", what="a dataset name")
    choice(name, name="name", choices=list_datasets())
    return _load_cached(name).copy()


def _parameter_tables() -> list[str]:
    """The bundled tables that are parameter tables: their sidecar lists a ``name`` and a ``value`` column."""
    return [n for n, meta in _sidecars().items() if {"name", "value"} <= set(meta.get("columns") or ())]


def _check_table(table) -> str:
    text(table, name="table", what="a parameter table name")
    return choice(table, name="table", choices=_parameter_tables())


def parameters(table: str) -> pd.DataFrame:
    """A parameter table indexed by ``name`` (columns value, unit, low, high, citation_key, evidence_level)."""
    return load(_check_table(table)).set_index("name")


def parameter(table: str, name: str) -> float:
    """One numeric value from a parameter table, e.g. ``parameter("constants", "igf1_molar_mass_g_per_mol")``.

    >>> parameter("constants", "igf1_molar_mass_g_per_mol")
    7649.0
    """
    values = _parameter_values(_check_table(table))
    choice(name, name="name", choices=values)
    return values[name]


def parameter_range(table: str, name: str) -> tuple[float, float, float]:
    """``(value, low, high)`` of one parameter: its default and the range a model or widget may use.

    >>> parameter_range("assay_parameters", "sim_assay_b_bias_pct")[1:]
    (-50.0, 50.0)
    """
    rows = _parameter_rows(_check_table(table))
    choice(name, name="name", choices=rows)
    return rows[name]


@functools.cache
def _parameter_rows(table: str) -> dict[str, tuple[float, float, float]]:
    t = parameters(table)
    return {str(k): (float(r["value"]), float(r["low"]), float(r["high"])) for k, r in t.iterrows()}


@functools.cache
def _parameter_values(table: str) -> dict[str, float]:
    return {str(k): float(v) for k, v in parameters(table)["value"].items()}
