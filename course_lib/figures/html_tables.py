"""HTML renderings of the course's curated tables, for notebooks, widgets and pages without a kernel.

The models (:mod:`course_lib.models.evidence`, :mod:`course_lib.models.appraisal`)
hold the data and the checks; this module only turns them into HTML.

* :func:`evidence_html`: the tissue-evidence claims as a compact table with
  author-year citations (unit 04's notebook and evidence explorer).
* :func:`appraisal_html`: the fictional appraisal cases with their flaws
  hidden in ``<details>`` elements (unit 06's static fallback).
* :func:`vocabulary_html`: the course's evidence vocabulary (or part of it) as a table of
  label, key and meaning, so every unit shows the same words.
* :func:`findings_html`: chosen rows of a findings table (``lifespan_findings``,
  ``igf1_excess_findings`` and others with ``id``, ``finding``, ``value`` and ``unit`` columns), with readable
  evidence labels and author-year sources.
* :func:`ladder_html`: unit 06's evidence ladder, built from the same vocabulary: what each level can
  show, what it cannot, and whether it is primary evidence.

>>> "<table" in evidence_html(evidence.claims("brain"))
True
>>> appraisal_html().count("<details>") == len(appraisal.cases())
True
"""

from __future__ import annotations

import html

import pandas as pd

from .. import citations, data
from .._validate import choice, frame, integer, items
from ..models import appraisal, evidence

__all__ = ["evidence_html", "appraisal_html", "vocabulary_html", "ladder_html"]


def vocabulary_html(levels=None) -> str:
    """The evidence vocabulary as an HTML table: readable label, the key a table stores, and what it means.

    ``levels`` is ``None`` (every level, in the vocabulary's order) or a non-empty list or tuple of keys of
    :data:`course_lib.data.EVIDENCE_LEVELS`, shown in the order given.

    >>> vocabulary_html(["animal", "human_rct"]).count("<tr>")
    3
    """
    keys = (
        list(data.EVIDENCE_LEVELS)
        if levels is None
        else [
            choice(k, name="levels", choices=data.EVIDENCE_LEVELS)
            for k in items(levels, name="levels", types=(list, tuple), what="a list of evidence-level keys")
        ]
    )
    rows = "".join(
        f"<tr><td>{html.escape(data.EVIDENCE_LABELS[k])}</td><td><code>{k}</code></td>"
        f"<td style='text-align:left'>{html.escape(data.EVIDENCE_LEVELS[k])}</td></tr>"
        for k in keys
    )
    head = "<tr><th>Label</th><th>Key in the tables</th><th style='text-align:left'>What it means</th></tr>"
    return f"<table style='font-size:90%'>{head}{rows}</table>"


def ladder_html() -> str:
    """Unit 06's evidence ladder as an HTML table, one row per level of the vocabulary (see
    :func:`course_lib.models.appraisal.evidence_ladder`); levels that are not primary evidence are in italics.

    >>> ladder_html().count("<tr>") == len(data.EVIDENCE_LEVELS) + 1
    True
    """
    rows = []
    for r in appraisal.evidence_ladder().itertuples():
        label = html.escape(r.label) if r.primary else f"<i>{html.escape(r.label)}</i>"
        rows.append(
            f"<tr><td style='text-align:left'>{label}<br><code>{r.key}</code></td>"
            f"<td style='text-align:left'>{html.escape(r.meaning)}</td>"
            f"<td style='text-align:left'>{html.escape(r.can_show)}</td>"
            f"<td style='text-align:left'>{html.escape(r.cannot_show)}</td>"
            f"<td>{'yes' if r.primary else 'no'}</td></tr>"
        )
    head = (
        "<tr><th style='text-align:left'>Evidence level</th><th style='text-align:left'>What it is</th>"
        "<th style='text-align:left'>What it can show</th><th style='text-align:left'>What it cannot show</th>"
        "<th>Primary evidence?</th></tr>"
    )
    return f"<table style='font-size:90%'>{head}{''.join(rows)}</table>"


def evidence_html(df: pd.DataFrame, *, max_rows: int = 60) -> str:
    """The claims as a compact HTML table with author-year citations (used by the notebook and the widget).

    ``df`` is a table such as :func:`course_lib.models.evidence.claims` returns (an empty one gives a
    sentence saying so); at most ``max_rows`` rows (1 to 500) are shown.
    """
    frame(
        df,
        name="df",
        columns=["claim", "model_system", "direction", "citation_key", "caveat"],
        what="the table evidence.claims(...) returns",
        allow_empty=True,
    )
    max_rows = integer(max_rows, name="max_rows", unit="rows", low=1, high=500)
    if df.empty:
        return "<p><i>No claims match this filter.</i></p>"
    rows = []
    for _, r in df.head(max_rows).iterrows():
        rows.append(
            "<tr>"
            f"<td>{html.escape(r['claim'])}</td>"
            f"<td>{html.escape(evidence.label(r['model_system']))}</td>"
            f"<td>{html.escape(r['direction'].replace('_', ' '))}</td>"
            f"<td>{html.escape(citations.short(r['citation_key']))}</td>"
            f"<td><i>{html.escape(r['caveat'])}</i></td>"
            "</tr>"
        )
    head = (
        "<tr><th style='text-align:left'>Claim</th><th>Model system</th><th>Direction</th>"
        "<th>Source</th><th style='text-align:left'>Caveat</th></tr>"
    )
    return f"<table style='font-size:90%'>{head}{''.join(rows)}</table>"


def appraisal_html() -> str:
    """The appraisal cases as HTML for a page without a kernel: each case's flaws hide in a <details> element."""
    items = appraisal.checklist()
    parts = [f"<p><i>{html.escape(appraisal.fictional_notice())}</i></p>", "<p><b>Checklist:</b></p><ol>"]
    parts += [f"<li>{html.escape(i.label)}: {html.escape(i.question)}</li>" for i in items.values()]
    parts.append("</ol>")
    for c in appraisal.cases():
        flaws = "".join(
            f"<li><b>{html.escape(items[k].label)}.</b> {html.escape(why)}</li>" for k, why in c.flaws.items()
        )
        parts.append(
            f"<div class='course-appraisal'><p><b>{html.escape(c.title)}</b><br><i>Design: {html.escape(c.design)}</i></p>"
            f"<p>{html.escape(c.summary)}</p><details><summary>Show the flaws</summary><ul>{flaws}</ul></details></div>"
        )
    return "\n".join(parts)


#: Column headings of :func:`findings_html`.
_FINDING_HEADINGS = {
    "finding": "Finding",
    "value": "Value",
    "unit": "Unit",
    "population": "Population",
    "evidence_level": "Evidence",
    "citation_key": "Source",
}


def _finding_cell(column: str, value) -> str:
    if column == "value":
        return "–" if pd.isna(value) else f"{float(value):,.6g}"
    if pd.isna(value):
        return ""
    if column == "evidence_level":
        return data.evidence_label(value)
    if column == "citation_key":
        return "; ".join(citations.short(k.strip()) for k in str(value).split(";"))
    return str(value)


def findings_html(name: str, ids, *, columns=("finding", "value", "unit", "evidence_level", "citation_key")) -> str:
    """Rows ``ids`` of the findings table ``name`` as an HTML table, in the order given.

    ``name`` is a dataset with an ``id`` column (:func:`course_lib.data.list_datasets`); ``columns`` are
    chosen from finding, value, unit, population, evidence_level and citation_key. Evidence keys are shown
    as their readable labels, citation keys as author-year, and a missing value (a review cited for a
    mechanism) as a dash.

    >>> html_ = findings_html("lifespan_findings", ["holz_female", "bokov_female"], columns=("finding", "value"))
    >>> html_.count("<tr>")
    3
    """
    name = choice(name, name="name", choices=data.list_datasets())
    table = data.load(name)
    if "id" not in table:
        raise ValueError(f"name must be a findings table with an 'id' column; {name!r} has none.")
    table = table.set_index("id")
    ids = [
        choice(i, name="ids", choices=list(table.index))
        for i in items(ids, name="ids", types=(list, tuple), what=f"a list of row ids of {name}")
    ]
    columns = [
        choice(c, name="columns", choices=[k for k in _FINDING_HEADINGS if k in table.columns])
        for c in items(columns, name="columns", types=(list, tuple), what="a list of column names")
    ]
    head = "".join(
        f"<th style='text-align:left'>{_FINDING_HEADINGS[c]}</th>"
        if c == "finding"
        else f"<th>{_FINDING_HEADINGS[c]}</th>"
        for c in columns
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td style='text-align:left'>{html.escape(_finding_cell(c, table.at[i, c]))}</td>"
            if c == "finding"
            else f"<td>{html.escape(_finding_cell(c, table.at[i, c]))}</td>"
            for c in columns
        )
        + "</tr>"
        for i in ids
    )
    return f"<table style='font-size:90%'><tr>{head}</tr>{body}</table>"
