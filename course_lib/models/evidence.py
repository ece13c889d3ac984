"""Helpers over the tissue evidence table (``course_lib/data/tissue_evidence.csv``).

Each row of the table is one published claim about IGF-1 in one tissue, with
the direction of the effect, the *model system* it was shown in, a citation
and a caveat. This module filters the table, counts claims by tissue and model
system (the "evidence map"), checks the table's vocabulary and checks the
unit's classification exercise. It renders nothing: the HTML table is
:func:`course_lib.figures.html_tables.evidence_html`.

>>> list(MODEL_SYSTEMS)[:3]
['cell_culture', 'animal', 'human_physiology']
>>> int(counts().to_numpy().sum()) == len(claims()) - len(claims(model_system="narrative_review"))
True
"""

from __future__ import annotations

import pandas as pd

from .. import data
from .._validate import choice, frame, items, text
from ..questions import Feedback

__all__ = [
    "TISSUES",
    "TISSUE_LABELS",
    "MODEL_SYSTEMS",
    "MAP_SYSTEMS",
    "DIRECTIONS",
    "HUMAN_SYSTEMS",
    "label",
    "claims",
    "counts",
    "human_share",
    "table_problems",
    "EXERCISE_CLAIMS",
    "check_classification",
]

_TABLE = "tissue_evidence"

#: The tissues of unit 04, in teaching order.
TISSUES = ("muscle", "bone", "connective_tissue", "metabolism", "brain")
TISSUE_LABELS = {
    "muscle": "Muscle",
    "bone": "Bone",
    "connective_tissue": "Connective tissue",
    "metabolism": "Metabolism",
    "brain": "Brain",
}

#: Model systems, from the furthest to the closest test of a causal claim in people. They are the course's one
#: evidence vocabulary (``data.EVIDENCE_LEVELS``), the levels a tissue claim can have; each carries its readable
#: label and description from there, so unit 04 spells them as every other unit does.
MODEL_SYSTEMS: dict[str, dict[str, str]] = {
    key: {"label": data.EVIDENCE_LABELS[key], "description": data.EVIDENCE_LEVELS[key]}
    for key in (
        "cell_culture",
        "animal",
        "human_physiology",
        "human_case_series",
        "human_observational",
        "meta_analysis_observational",
        "mendelian_randomisation",
        "human_nonrandomised",
        "human_rct",
        "meta_analysis_trials",
        "narrative_review",
    )
}

#: The model systems the evidence map counts: every primary design. A narrative review summarises other studies,
#: so counting it would count their evidence twice; it stays in the table (and in :func:`claims`) but not the map.
MAP_SYSTEMS = tuple(m for m in MODEL_SYSTEMS if m not in data.NOT_PRIMARY)

#: Model systems that are studies in people: every primary design but the two bench ones.
HUMAN_SYSTEMS = tuple(m for m in MAP_SYSTEMS if m not in ("cell_culture", "animal"))

#: Direction of the effect or association on the outcome a claim names.
DIRECTIONS = ("increase", "decrease", "no_change", "u_shaped", "mixed")

_ALL = "all"


def label(model_system: str) -> str:
    """The readable label of a model system: ``label("meta_analysis_trials")`` is ``'meta-analysis of trials'``."""
    return MODEL_SYSTEMS[choice(model_system, name="model_system", choices=MODEL_SYSTEMS)]["label"]


def claims(tissue: str | None = None, model_system: str | None = None) -> pd.DataFrame:
    """The claims, optionally filtered by tissue and model system (``None`` or ``"all"`` keeps every row).

    >>> claims("brain", "cell_culture")["citation_key"].tolist()
    ['dmello1997']
    """
    if tissue is not None:
        choice(tissue, name="tissue", choices=(_ALL, *TISSUES))
    if model_system is not None:
        choice(model_system, name="model_system", choices=(_ALL, *MODEL_SYSTEMS))
    df = data.load(_TABLE)
    if tissue is not None and tissue != _ALL:
        df = df[df["tissue"] == tissue]
    if model_system is not None and model_system != _ALL:
        df = df[df["model_system"] == model_system]
    return df.reset_index(drop=True)


def counts(df: pd.DataFrame | None = None) -> pd.DataFrame:
    """Claim counts, tissues (rows, teaching order) by primary model systems (columns, :data:`MAP_SYSTEMS` order).

    ``df`` is ``None`` (the whole table) or a table such as :func:`claims` returns (it may be empty). Zeros are
    kept; narrative reviews are not counted (see :data:`MAP_SYSTEMS`).
    """
    if df is not None:
        frame(
            df,
            name="df",
            columns=["tissue", "model_system"],
            what="None or the table evidence.claims(...) returns",
            allow_empty=True,
        )
    df = claims() if df is None else df
    table = pd.crosstab(df["tissue"], df["model_system"])
    return table.reindex(index=list(TISSUES), columns=list(MAP_SYSTEMS), fill_value=0).astype(int)


def human_share(tissue: str | None = None) -> float:
    """Fraction of the primary claims (for one tissue, or all) that come from studies in people (reviews left out)."""
    df = claims(tissue)
    df = df[df["model_system"].isin(MAP_SYSTEMS)]
    if df.empty:  # pragma: no cover - every tissue has claims
        return float("nan")
    return float(df["model_system"].isin(HUMAN_SYSTEMS).mean())


def table_problems(df: pd.DataFrame, known_keys: set[str]) -> list[str]:
    """Everything wrong with an evidence table: vocabulary, citations, duplicates, empty text.

    ``df`` is a table such as :func:`claims` returns (a missing column is reported as a problem);
    ``known_keys`` is the non-empty set of citation keys to check against, usually
    ``set(citations.keys())``.
    """
    frame(df, name="df", what="an evidence table such as evidence.claims() returns", allow_empty=True)
    for key in items(
        known_keys, name="known_keys", what="a non-empty set of citation keys, for example set(citations.keys())"
    ):
        text(key, name="known_keys", what="a set of citation keys (strings)")
    problems = []
    needed = ["claim_id", "tissue", "claim", "direction", "model_system", "citation_key", "caveat"]
    missing = [c for c in needed if c not in df.columns]
    if missing:
        return [f"missing columns {missing}"]
    if not df["claim_id"].is_unique:
        problems.append("claim_id values are not unique")
    for _, row in df.iterrows():
        rid = row["claim_id"]
        if row["tissue"] not in TISSUES:
            problems.append(f"{rid}: tissue {row['tissue']!r} is not one of {TISSUES}")
        if row["model_system"] not in MODEL_SYSTEMS:
            problems.append(f"{rid}: model_system {row['model_system']!r} is not in the vocabulary")
        if row["direction"] not in DIRECTIONS:
            problems.append(f"{rid}: direction {row['direction']!r} is not one of {DIRECTIONS}")
        if row["citation_key"] not in known_keys:
            problems.append(f"{rid}: citation_key {row['citation_key']!r} is not in references.bib")
        for col in ("claim", "caveat"):
            if not isinstance(row[col], str) or len(row[col].strip()) < 15:
                problems.append(f"{rid}: {col} is missing or too short")
    return problems


#: The claims the unit's exercise asks a learner to classify (six different model systems, shuffled).
EXERCISE_CLAIMS = ("met05", "bon02", "bra05", "con05", "mus11", "con02")


def check_classification(answers, claim_ids=EXERCISE_CLAIMS):
    """Compare a learner's ``{claim_id: model_system}`` dict with the table and say how it went.

    ``None`` means "not attempted yet". ``claim_ids`` (default :data:`EXERCISE_CLAIMS`) is a
    non-empty list or tuple of the claim ids to check. Returns a :class:`course_lib.questions.Feedback`
    (a string with ``.ok``) naming each claim that was classified wrongly.
    """
    table = claims().set_index("claim_id")
    ids = [
        choice(c, name="claim_ids", choices=table.index.tolist())
        for c in items(
            claim_ids,
            name="claim_ids",
            types=(list, tuple),
            what="a non-empty list of claim ids from evidence.claims(), for example evidence.EXERCISE_CLAIMS",
        )
    ]
    if answers is None:
        return Feedback("Not attempted yet: replace None with a dict {claim_id: model_system}.", False)
    if not isinstance(answers, dict):
        raise TypeError(
            f"answers must be a dict {{claim_id: model_system}}; got {answers!r} (a {type(answers).__name__})."
        )
    wrong, missing = [], []
    for cid in ids:
        if cid not in answers:
            missing.append(cid)
            continue
        raw = answers[cid]
        given = data.evidence_level(raw) if isinstance(raw, str) else raw  # "randomised trial" or "human_rct"
        given = choice(given, name=f"answers[{cid!r}]", choices=MODEL_SYSTEMS)
        if given != table.loc[cid, "model_system"]:
            wrong.append(f"{cid} is not {given!r}")
    right = len(ids) - len(wrong) - len(missing)
    if not wrong and not missing:
        return Feedback(f"Correct: all {len(ids)} claims classified as the table does.", True)
    parts = [f"{right} of {len(ids)} right."]
    if missing:
        parts.append(f"Not answered: {', '.join(missing)}.")
    if wrong:
        parts.append(
            f"Check again: {'; '.join(wrong)}. Who or what was studied: cells, animals, or people; "
            "and, for people, were they given something (randomly or not) or only measured, and was it pooled?"
        )
    return Feedback(" ".join(parts), False)
