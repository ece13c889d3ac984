"""The appraisal checklist: fictional study summaries, stored as data with their design flaws.

``course_lib/data/appraisal_cases.yaml`` holds a checklist of common pitfalls in IGF-1
research (each with the paper that documents it) and short, clearly
**fictional** study summaries, each listing the checklist items it commits and
why. A learner marks the flaws they see; :func:`assess` says which were
found, missed or marked wrongly, with the explanation for each.

:func:`translation_examples` is the unit's evidence-translation table: the
same question asked in animals and in people, with the answers side by side,
read from ``course_lib/data/translation_parameters.csv`` and ``course_lib/data/lifestyle_parameters.csv``.
The HTML version of the cases, for a page without a kernel, is
:func:`course_lib.figures.html_tables.appraisal_html`.

>>> "confounding" in checklist()
True
>>> result = assess("fictional-hungry-mice", ["animal_to_human"])
>>> result.score, result.misses
(1.0, ())
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
import yaml

from .. import citations, data
from .._validate import choice, text
from .._validate import items as _items

__all__ = [
    "ChecklistItem",
    "Case",
    "Assessment",
    "fictional_notice",
    "checklist",
    "cases",
    "case",
    "assess",
    "case_problems",
    "translation_examples",
    "LADDER",
    "evidence_ladder",
    "outcome_definition",
]

_FILE = "appraisal_cases.yaml"

#: What each level of :data:`course_lib.data.EVIDENCE_LEVELS` can show and what it cannot: the unit's evidence
#: ladder. Keyed by the vocabulary's keys, in its order; a test fails if a key is added to or missing from the
#: vocabulary without a rung here, so the ladder cannot drift from the labels the tables use.
LADDER: dict[str, tuple[str, str]] = {
    "curated_database": (
        "what a sequence or structure is, as checked by curators",
        "what the molecule does in a cell or a body",
    ),
    "reference_population": (
        "the usual range in healthy people of that age and sex, on that assay",
        "which level is healthy, or what a change in one person means",
    ),
    "protein_chemistry": (
        "how purified molecules bind, fold or switch a receptor on in a test tube",
        "that it happens in living cells, let alone in a body",
    ),
    "cell_culture": (
        "that a mechanism is possible in living cells",
        "that it happens in a body, at real concentrations",
    ),
    "animal": (
        "an effect in one species, strain, sex and diet",
        "that people respond the same way, or by as much",
    ),
    "human_physiology": (
        "how the body responds within hours or days, each person compared with themselves: a mechanism",
        "long-term effects, or any effect on health",
    ),
    "human_case_series": (
        "what a lifelong loss of one gene does in people: a natural experiment",
        "what a smaller change, started in adult life, would do",
    ),
    "human_observational": (
        "an association in people",
        "cause: confounding and reverse causation remain",
    ),
    "meta_analysis_observational": (
        "how large and how consistent an association is across cohorts",
        "cause: pooling cohorts pools their confounding too",
    ),
    "mendelian_randomisation": (
        "whether genetically higher IGF-1, from conception on, goes with the outcome: little confounding, "
        "no reverse causation",
        "cause, if the variants act through other paths; nor the effect of a short change in adult life",
    ),
    "human_nonrandomised": (
        "that a change followed a treatment",
        "that the treatment caused it: season, regression to the mean and chosen controls remain",
    ),
    "human_rct": (
        "cause, for that intervention, population and duration",
        "effects on outcomes it did not measure",
    ),
    "meta_analysis_trials": (
        "the pooled size and consistency of an effect across randomised trials",
        "more than the trials it pools allow",
    ),
    "narrative_review": (
        "a map of what has been studied and argued",
        "anything new: it is not primary evidence, and its summary depends on the studies it chose",
    ),
    "textbook": (
        "a widely used working value",
        "where the value came from, or how precise it is",
    ),
    "mixed": (
        "the course's compromise where studies disagree",
        "a single settled value",
    ),
    "illustrative": (
        "a pattern the course chose in order to teach",
        "anything measured in people or animals",
    ),
}


@dataclass(frozen=True)
class ChecklistItem:
    """One pitfall: a short label, the question to ask, why it matters, and where it is documented.

    ``citation_key`` is None for general method that no single paper in the course documents
    (confounding, reverse causation); the explanation still cites the source of each number it uses.
    """

    id: str
    label: str
    question: str
    explanation: str
    citation_key: str | None


@dataclass(frozen=True)
class Case:
    """One fictional study summary and the flaws it contains (checklist id -> why, for this case)."""

    id: str
    title: str
    design: str
    summary: str
    flaws: dict


@dataclass(frozen=True)
class Assessment:
    """The verdict on one learner's marks for one case.

    ``hits``, ``misses`` and ``false_alarms`` are tuples of checklist ids;
    ``score`` is hits minus false alarms over the number of flaws, floored at
    0; ``lines`` are the feedback sentences, one per checklist item that was
    marked or should have been.
    """

    case_id: str
    hits: tuple[str, ...]
    misses: tuple[str, ...]
    false_alarms: tuple[str, ...]
    score: float
    lines: tuple[str, ...]

    @property
    def perfect(self) -> bool:
        return not self.misses and not self.false_alarms


@functools.cache
def _raw() -> dict:
    return yaml.safe_load((data.data_dir() / _FILE).read_text(encoding="utf-8"))


def fictional_notice() -> str:
    """The sentence shown above the cases: every study is invented."""
    return " ".join(str(_raw()["fictional_notice"]).split())


def _clean(s) -> str:
    return " ".join(str(s).split())


@functools.cache
def _checklist() -> dict[str, ChecklistItem]:
    return {
        key: ChecklistItem(
            id=key,
            label=_clean(v["label"]),
            question=_clean(v["question"]),
            explanation=_clean(v["explanation"]),
            citation_key=None if v["citation_key"] is None else str(v["citation_key"]),
        )
        for key, v in _raw()["checklist"].items()
    }


def checklist() -> dict[str, ChecklistItem]:
    """The checklist items, in display order, keyed by id (a new dict each call)."""
    return dict(_checklist())


@functools.cache
def _cases() -> tuple[Case, ...]:
    return tuple(
        Case(
            id=str(c["id"]),
            title=_clean(c["title"]),
            design=_clean(c["design"]),
            summary=_clean(c["summary"]),
            flaws={k: _clean(v) for k, v in c["flaws"].items()},
        )
        for c in _raw()["cases"]
    )


def cases() -> list[Case]:
    """Every fictional case, in file order."""
    return list(_cases())


def case(case_id: str) -> Case:
    """One case by id, e.g. ``"fictional-clinic-audit"``."""
    text(case_id, name="case_id", what="a case id")
    by_id = {c.id: c for c in _cases()}
    return by_id[choice(case_id, name="case_id", choices=by_id)]


def assess(case_id: str, marked: Iterable[str]) -> Assessment:
    """Compare the checklist ids a learner marked with the case's flaws.

    Parameters
    ----------
    case_id : str
        One of the ids in :func:`cases`.
    marked : list, tuple or set of str
        Checklist ids (see :func:`checklist`); order and repeats do not matter.
        An empty list is a valid answer (no flaw marked).

    Returns
    -------
    Assessment
    """
    c = case(case_id)
    if isinstance(marked, str):
        raise TypeError(
            f"marked must be a list of checklist ids, not a single string; got {marked!r}. "
            f"Write [{marked!r}] for one item."
        )
    marked = _items(
        marked,
        name="marked",
        allow_empty=True,
        what="a list of checklist ids (see appraisal.checklist()), for example ['confounding'] or []",
    )
    checklist_items = _checklist()
    chosen = []
    for m in marked:
        chosen.append(choice(m, name="marked", choices=checklist_items))
    chosen_set = set(chosen)
    flaws = set(c.flaws)
    order = list(checklist_items)
    hits = tuple(k for k in order if k in chosen_set & flaws)
    misses = tuple(k for k in order if k in flaws - chosen_set)
    false_alarms = tuple(k for k in order if k in chosen_set - flaws)
    lines = []
    for k in order:
        if k in hits:
            lines.append(f"✔ Found: {checklist_items[k].label}. {c.flaws[k]}")
        elif k in misses:
            lines.append(f"✘ Missed: {checklist_items[k].label}. {c.flaws[k]}")
        elif k in false_alarms:
            lines.append(
                f"✘ Not a main flaw here: {checklist_items[k].label}. Ask: {checklist_items[k].question} "
                "In this summary the answer is reassuring, or the item does not apply."
            )
    score = max(0.0, (len(hits) - len(false_alarms)) / len(flaws))
    return Assessment(
        case_id=c.id, hits=hits, misses=misses, false_alarms=false_alarms, score=score, lines=tuple(lines)
    )


def case_problems(known_keys: set[str]) -> list[str]:
    """What is wrong with the stored checklist and cases; empty when they are sound (used by the tests).

    ``known_keys`` is the non-empty set of citation keys to check references against,
    usually ``set(citations.keys())``.
    """
    for key in _items(
        known_keys, name="known_keys", what="a non-empty set of citation keys, for example set(citations.keys())"
    ):
        text(key, name="known_keys", what="a set of citation keys (strings)")
    problems = []
    raw = _raw()
    if "invented" not in str(raw.get("fictional_notice", "")).lower():
        problems.append("fictional_notice must say the studies are invented")
    items = _checklist()
    for item in items.values():
        if item.citation_key is not None and item.citation_key not in known_keys:
            problems.append(f"checklist {item.id!r}: citation_key {item.citation_key!r} is not in references.bib")
        if len(item.explanation) < 40 or not item.question.endswith("?"):
            problems.append(f"checklist {item.id!r}: needs a question ending in '?' and a real explanation")
    seen = set()
    for c in _cases():
        if c.id in seen:
            problems.append(f"case {c.id!r} is duplicated")
        seen.add(c.id)
        if not c.id.startswith("fictional-") or not c.title.startswith("Fictional study"):
            problems.append(f"case {c.id!r}: id must start 'fictional-' and title 'Fictional study'")
        if not c.flaws:
            problems.append(f"case {c.id!r} lists no flaws")
        for k, why in c.flaws.items():
            if k not in items:
                problems.append(f"case {c.id!r}: flaw {k!r} is not a checklist item")
            if len(why) < 40:
                problems.append(f"case {c.id!r}: the explanation of {k!r} is too short to teach anything")
    used = {k for c in _cases() for k in c.flaws}
    for k in set(items) - used:
        problems.append(f"checklist item {k!r} is never the right answer in any case")
    return problems


def translation_examples() -> pd.DataFrame:
    """The same questions asked in animals and in people: what each found, and how strong the evidence is.

    Columns: ``question``, ``setting``, ``label`` (short, for figures), ``measure``
    (what changed: "lifespan", "serum IGF-1" or "disease"), ``finding``,
    ``change_pct`` (the effect in percent, where one applies), ``evidence_level``,
    ``citation_key``.
    """
    a = lambda name: data.parameter("translation_parameters", name)  # noqa: E731
    life = lambda name: data.parameter("lifestyle_parameters", name)  # noqa: E731
    bokov_pct = 100.0 * (a("bokov_female_lifespan_het_days") / a("bokov_female_lifespan_wt_days") - 1.0)
    protein_pct = 100.0 * (life("fontana_igf1_after_ng_per_mL") / life("fontana_igf1_before_ng_per_mL") - 1.0)
    rows = [
        (
            "Does halving IGF-1 receptors extend lifespan?",
            "female Igf1r+/- mice, 129/SvPas strain",
            "Igf1r+/- female mice, 129/SvPas (Holzenberger 2003)",
            "lifespan",
            f"lifespan +{a('holzenberger_female_lifespan_gain_pct'):.0f}%",
            a("holzenberger_female_lifespan_gain_pct"),
            "animal",
            "holzenberger2003",
        ),
        (
            "Does halving IGF-1 receptors extend lifespan?",
            "female Igf1r+/- mice, C57BL/6 strain, larger cohorts",
            "Igf1r+/- female mice, C57BL/6 (Bokov 2011)",
            "lifespan",
            f"lifespan +{bokov_pct:.1f}% ({a('bokov_female_lifespan_het_days'):.0f} vs {a('bokov_female_lifespan_wt_days'):.0f} days)",
            bokov_pct,
            "animal",
            "bokov2011",
        ),
        (
            "Does calorie restriction lower IGF-1?",
            "rodents",
            "Rodents, calorie restriction",
            "serum IGF-1",
            f"IGF-1 {a('rodent_cr_igf1_change_pct'):+.0f}%",
            a("rodent_cr_igf1_change_pct"),
            "animal",
            "fontana2008",
        ),
        (
            "Does calorie restriction lower IGF-1?",
            "people practising calorie restriction for about 6 years vs people on other diets",
            "People practising calorie restriction, about 6 years (cross-sectional)",
            "serum IGF-1",
            "IGF-1 not lower",
            a("cr_society_igf1_change_pct"),
            "human_observational",
            "fontana2008",
        ),
        (
            "Does calorie restriction lower IGF-1?",
            "1 year of calorie restriction, before and after (not randomised)",
            "People, 1 year of calorie restriction (before-after)",
            "serum IGF-1",
            "IGF-1 unchanged",
            a("cr_one_year_igf1_change_pct"),
            "human_nonrandomised",
            "fontana2008",
        ),
        (
            "Does calorie restriction lower IGF-1?",
            "CALERIE 2 randomised trial, 218 non-obese adults, 2 years",
            "People, CALERIE 2 randomised trial, 2 years",
            "serum IGF-1",
            "IGF-1 unchanged",
            life("calerie_igf1_change_pct"),
            "human_rct",
            "fontana2016",
        ),
        (
            "Does cutting protein lower IGF-1?",
            "6 calorie-restriction practitioners, protein 1.67 to 0.95 g/kg/day, 3 weeks",
            "People, protein cut for 3 weeks (n = 6)",
            "serum IGF-1",
            f"IGF-1 {life('fontana_igf1_before_ng_per_mL'):.0f} to {life('fontana_igf1_after_ng_per_mL'):.0f} ng/mL",
            protein_pct,
            "human_nonrandomised",
            "fontana2008",
        ),
        (
            "Does very low IGF-1 protect against cancer and diabetes?",
            f"{a('ghrd_people'):.0f} people with GH receptor deficiency (Laron syndrome) vs control subjects, 22 years",
            "People with GH receptor deficiency (Laron syndrome)",
            "disease",
            f"{a('ghrd_cancer_cases'):.0f} non-lethal cancer and {a('ghrd_diabetes_cases'):.0f} diabetes vs "
            f"{a('ghrd_relatives_cancer_pct'):.0f}% and {a('ghrd_relatives_diabetes_pct'):.0f}% in relatives; lifespan not longer",
            float("nan"),
            "human_observational",
            "guevaraaguirre2011",
        ),
    ]
    return pd.DataFrame(
        rows,
        columns=["question", "setting", "label", "measure", "finding", "change_pct", "evidence_level", "citation_key"],
    )


def evidence_ladder() -> pd.DataFrame:
    """The evidence ladder: every level of the course's vocabulary, what it can show and what it cannot.

    Columns: ``key`` (as the tables store it), ``label`` (as the course prints it), ``meaning`` (from
    :data:`course_lib.data.EVIDENCE_LEVELS`), ``can_show``, ``cannot_show`` (from :data:`LADDER`) and
    ``primary`` (False for :data:`course_lib.data.NOT_PRIMARY`: reviews, textbook values, compromises and
    teaching assumptions). One row per level, in the vocabulary's order.

    >>> ladder = evidence_ladder()
    >>> list(ladder["key"]) == list(data.EVIDENCE_LEVELS)
    True
    >>> bool(ladder.set_index("key").loc["narrative_review", "primary"])
    False
    """
    missing = set(data.EVIDENCE_LEVELS) ^ set(LADDER)
    if missing:
        raise RuntimeError(f"LADDER and data.EVIDENCE_LEVELS disagree on {sorted(missing)}; give every level a rung")
    return pd.DataFrame(
        [
            {
                "key": key,
                "label": data.EVIDENCE_LABELS[key],
                "meaning": meaning,
                "can_show": LADDER[key][0],
                "cannot_show": LADDER[key][1],
                "primary": key not in data.NOT_PRIMARY,
            }
            for key, meaning in data.EVIDENCE_LEVELS.items()
        ]
    )


def outcome_definition(definition_id: str) -> str:
    """One consensus definition of an outcome, with its source: a row of ``outcome_definitions.csv``.

    >>> outcome_definition("sarcopenia_ewgsop2").startswith("Sarcopenia: low muscle strength")
    True
    """
    text(definition_id, name="definition_id", what="a row id of outcome_definitions, e.g. 'sarcopenia_ewgsop2'")
    table = data.load("outcome_definitions").set_index("id")
    row = table.loc[choice(definition_id, name="definition_id", choices=list(table.index))]
    body = row["definition"][0].lower() + row["definition"][1:]
    return (
        f"{row['term'][0].upper() + row['term'][1:]}: {body} "
        f"({citations.short(row['citation_key'])}; {data.evidence_label(row['evidence_level'])})"
    )
