"""Write the learners' glossary page, ``notebooks/glossary.ipynb``, from ``course_lib/data/glossary.csv``.

    python tools/make_glossary.py            (or: make glossary)
    python tools/make_glossary.py --check    exit 1 if the stored notebook differs from what the CSV gives

The notebook is generated, never edited by hand: edit the CSV and rerun. ``tests/test_glossary.py`` checks
that the stored notebook equals what this tool writes (a drift test).

The page: an H1 "Glossary", a short introduction, the education-only disclaimer (the rules of
``tests/test_notebooks.py`` hold for it too), the terms by unit, then one ``### <term>`` heading per term,
in alphabetical order, with its definition, the unit that teaches it first and its source.

Anchor scheme: a term's anchor is :func:`anchor` of it, the term with every run of characters other than
ASCII letters, digits, ``.``, ``/`` and ``-`` replaced by one ``-`` (``IR-A`` -> ``IR-A``, ``free IGF-1`` ->
``free-IGF-1``, ``LC-MS/MS`` -> ``LC-MS/MS``, ``des(1-3)IGF-1`` -> ``des-1-3-IGF-1``). JupyterLab and
nbconvert give a heading the id "heading text with spaces replaced by '-'", which is the anchor for every
term without parentheses (checked in JupyterLab 4.6 in Chromium: ``#LC-MS/MS``, ``#free-IGF-1``,
``#z-score`` scroll to their headings). A term with parentheses gets an explicit ``<a id="anchor"></a>``
before its heading (JupyterLab finds it as ``data-jupyter-id``, nbconvert keeps the ``id``), so the Markdown
link ``glossary.ipynb#<anchor>`` never needs parentheses in its target.

All the terms sit in ONE Markdown cell: JupyterLab renders a long notebook's cells lazily, and with one cell
per term a jump to a term far down landed at the wrong place (tried in Chromium); inside one rendered cell
every heading is in place. No code cells: the page needs no kernel.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from course_lib import citations  # noqa: E402

CSV = ROOT / "course_lib" / "data" / "glossary.csv"
NOTEBOOK_DIR = ROOT / "notebooks"
OUT = NOTEBOOK_DIR / "glossary.ipynb"
#: Characters a term may contain (ASCII, so anchors and heading ids agree between JupyterLab and nbconvert).
TERM_CHARS = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ()/.-]*$")
METADATA = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}
INTRO = (
    "# Glossary\n\n"
    "The terms the course uses, each in one or two sentences, for a reader with first-year biochemistry and "
    "statistics. Each unit links a term here the first time it uses it; the line under a definition names "
    "the unit that teaches the term first and, where there is one, a source that uses the term in this sense. "
    'The list is generated from `course_lib/data/glossary.csv` (in Python: `data.load("glossary")`).'
)
DISCLAIMER = (
    "> **Education only.** This glossary explains words used in a course on biology and research literacy. "
    "It is not medical advice, and it contains no dosing or administration instructions."
)


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    citation_key: str
    see_unit: str

    @property
    def anchor(self) -> str:
        return anchor(self.term)


def anchor(term: str) -> str:
    """The glossary anchor of a term: runs of characters other than ASCII letters, digits, '.', '/', '-' become '-'.

    >>> anchor("IR-A"), anchor("free IGF-1"), anchor("LC-MS/MS"), anchor("des(1-3)IGF-1")
    ('IR-A', 'free-IGF-1', 'LC-MS/MS', 'des-1-3-IGF-1')
    """
    return re.sub(r"[^A-Za-z0-9./-]+", "-", term).strip("-")


def heading_id(text: str) -> str:
    """The id JupyterLab and nbconvert give a Markdown heading: its text with spaces replaced by '-'."""
    return text.strip().replace(" ", "-")


def load_terms(path: Path = CSV) -> list[Term]:
    """The glossary rows, as strings (``see_unit`` keeps its leading zero), checked for what the page needs."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = [Term(**{k: (v or "").strip() for k, v in row.items()}) for row in csv.DictReader(f)]
    problems = []
    for t in rows:
        if not TERM_CHARS.match(t.term):
            problems.append(f"{t.term!r}: use ASCII letters, digits, spaces and ()/.- only")
        if not re.fullmatch(r"\d\d", t.see_unit):
            problems.append(f"{t.term!r}: see_unit {t.see_unit!r} is not two digits")
        if not t.definition:
            problems.append(f"{t.term!r}: no definition")
    anchors = [t.anchor for t in rows]
    problems += [f"anchor {a!r} is used twice" for a in sorted({a for a in anchors if anchors.count(a) > 1})]
    if problems:
        raise ValueError("glossary.csv: " + "; ".join(problems))
    return rows


def unit_notebook(unit: str, folder: Path = NOTEBOOK_DIR) -> str:
    """The file name of unit ``NN`` (``02`` -> ``02_receptor_signalling.ipynb``)."""
    found = sorted(p.name for p in folder.glob(f"{unit}_*.ipynb"))
    if len(found) != 1:
        raise ValueError(f"unit {unit}: expected one notebooks/{unit}_*.ipynb, found {found}")
    return found[0]


def sort_key(t: Term) -> tuple[str, str]:
    return (t.term.lower(), t.term)


def term_markdown(t: Term, unit_file: str) -> str:
    explicit = "" if heading_id(t.term) == t.anchor else f'<a id="{t.anchor}"></a>\n\n'
    source = citations.cite(t.citation_key) if t.citation_key else "definition written for the course."
    return (
        f"{explicit}### {t.term}\n\n{t.definition}\n\n"
        f"*Taught first in:* [unit {t.see_unit}]({unit_file}). *Source:* {source}"
    )


def by_unit_markdown(terms: list[Term], unit_files: dict[str, str]) -> str:
    lines = ["## Terms by unit\n"]
    for unit in sorted(unit_files):
        names = sorted((t for t in terms if t.see_unit == unit), key=sort_key)
        links = ", ".join(f"[{t.term}](#{t.anchor})" for t in names)
        lines.append(f"* **[Unit {unit}]({unit_files[unit]})**: {links}")
    return "\n".join(lines) + "\n\n## All terms, A to Z"


def build(terms: list[Term] | None = None, folder: Path = NOTEBOOK_DIR) -> nbformat.NotebookNode:
    """The glossary notebook (deterministic: fixed cell ids and metadata, no outputs)."""
    terms = load_terms() if terms is None else terms
    unit_files = {u: unit_notebook(u, folder) for u in sorted({t.see_unit for t in terms})}
    cells = [
        nbformat.v4.new_markdown_cell(INTRO, id="glossary-intro"),
        nbformat.v4.new_markdown_cell(DISCLAIMER, id="glossary-disclaimer"),
        nbformat.v4.new_markdown_cell(by_unit_markdown(terms, unit_files), id="glossary-by-unit"),
    ]
    entries = [term_markdown(t, unit_files[t.see_unit]) for t in sorted(terms, key=sort_key)]
    cells.append(nbformat.v4.new_markdown_cell("\n\n".join(entries), id="glossary-terms"))
    nb = nbformat.v4.new_notebook(cells=cells, metadata=METADATA)
    nb.nbformat, nb.nbformat_minor = 4, 5
    return nb


def notebook_text(nb: nbformat.NotebookNode | None = None) -> str:
    """The notebook exactly as it is stored on disk."""
    nb = build() if nb is None else nb
    nbformat.validate(nb)
    return nbformat.writes(nb) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if notebooks/glossary.ipynb is out of date")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    text = notebook_text()
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is out of date with {CSV.name}: run `make glossary`", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date")
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(load_terms())} terms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
