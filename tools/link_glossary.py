"""Link the first use of each glossary term in a unit's learner text to the glossary page.

    python tools/link_glossary.py notebooks/0*.ipynb           rewrite the Markdown sources in place
    python tools/link_glossary.py --check notebooks/0*.ipynb   exit 1, listing first uses not yet linked

For every notebook, the FIRST use of each term of ``course_lib/data/glossary.csv`` in its Markdown cells
becomes ``[term as written](glossary.ipynb#Anchor)`` (the anchor scheme is in tools/make_glossary.py).
Only Markdown sources change: code cells, outputs and metadata are written back as they were, in the
layout nbformat uses (one-space JSON indent), so a rewrite shows up in git as source lines only.

What is never linked (and does not count as a use):
    * headings (``#`` ... ``######`` lines);
    * fenced code blocks and inline code;
    * LaTeX: ``$$...$$``, ``$...$``, ``\\(...\\)``, ``\\[...\\]``;
    * existing Markdown links and images, their link texts, reference links, autolinks and bare URLs;
    * HTML: every tag, the text of ``<a>``, ``<code>``, ``<pre>``, ``<script>`` and ``<style>`` elements, and
      an HTML block (a line that starts with a tag, up to the next blank line: Markdown is not rendered there);
    * the disclaimer cell (the one that says "not medical advice") and cells tagged ``instructor``.

Matching: whole words (a term is not matched inside a longer word or hyphenated name, so ``IGFBP`` does not
match in ``IGFBP-3``); case-sensitive for any term with a capital letter (acronyms such as ALS, Kd, SDS,
mTORC1, pI), case-insensitive for lower-case words, which may also carry a plural ``s`` (autophagy,
percentiles). A hyphen in a term also matches an en dash or a non-breaking hyphen (Bland–Altman). When two
terms start at the same place the longer wins (free IGF-1 before IGF-1).

Idempotent: a term that already has a link to the glossary anywhere in the notebook counts as linked, so
running twice changes nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.make_glossary import Term, load_terms  # noqa: E402

GLOSSARY = "glossary.ipynb"
DISCLAIMER = re.compile(r"not\s+medical\s+advice", re.I)
SKIP_TAGS = {"instructor"}
#: An existing link to the glossary, with its anchor.
GLOSSARY_LINK = re.compile(r"\]\(\s*<?" + re.escape(GLOSSARY) + r"#([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")

_PROTECTED = re.compile(
    "|".join(
        [
            r"(?ms:^[ ]{0,3}(?P<fence>`{3,}|~{3,})[^\n]*\n.*?(?:^[ ]{0,3}(?P=fence)[`~]*[ \t]*$|\Z))",  # fenced code
            r"(?m:^[ ]{0,3}#{1,6}(?:[ \t][^\n]*)?$)",  # ATX heading
            r"(?m:^[ ]{0,3}<[A-Za-z!/?][^\n]*(?:\n(?![ \t]*\n)[^\n]*)*)",  # HTML block, up to a blank line
            r"(?P<ticks>`+)(?s:.+?)(?P=ticks)",  # inline code
            r"\$\$(?s:.+?)\$\$",  # display math
            r"\\\((?s:.+?)\\\)|\\\[(?s:.+?)\\\]",  # \( \) and \[ \]
            r"(?<![\\$])\$(?!\s)[^$\n]+?(?<![\s\\])\$(?!\d)",  # inline math
            r"(?is:<(?P<el>a|code|pre|script|style)\b[^>]*>.*?</(?P=el)\s*>)",  # elements whose text stays
            r"<!--(?s:.*?)-->",  # HTML comment
            r"<[A-Za-z/][^>\n]*>",  # any other tag (or autolink)
            r"!?\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\s*\)",  # [text](url)
            r"!?\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\[[^\]\n]*\]",  # [text][ref]
            r"(?m:^[ ]{0,3}\[[^\]\n]+\]:[^\n]*$)",  # [ref]: url
            r"\bhttps?://[^\s)>\]]+",  # bare URL
        ]
    )
)
_HYPHENS = "\\-\u2010\u2011\u2013"  # for a character class: hyphen, hyphen, non-breaking hyphen, en dash


@dataclass(frozen=True)
class Use:
    """A first use of a term that is (or was, before linking) not linked."""

    notebook: str
    cell: int
    term: str
    written: str


def term_pattern(term: str) -> re.Pattern[str]:
    """The whole-word pattern of a term (see the module docstring for the rules)."""
    parts = [f"[{_HYPHENS}]" if ch == "-" else re.escape(ch) for ch in term]
    body = "".join(parts)
    lower = term == term.lower()
    plural = "s?" if lower and term[-1].isalpha() else ""
    # Not inside a longer word or a hyphenated name on either side.
    pattern = rf"(?<![\w{_HYPHENS}]){body}{plural}(?![\w]|[{_HYPHENS}]\w)"
    return re.compile(pattern, re.I if lower else 0)


def linkable_spans(source: str) -> list[tuple[int, int]]:
    """The (start, end) stretches of a Markdown source outside every protected region."""
    spans, pos = [], 0
    for m in _PROTECTED.finditer(source):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = max(pos, m.end())
    if pos < len(source):
        spans.append((pos, len(source)))
    return spans


def is_learner_markdown(cell: dict) -> bool:
    if cell.get("cell_type") != "markdown":
        return False
    tags = set(cell.get("metadata", {}).get("tags", []))
    return not (tags & SKIP_TAGS) and not DISCLAIMER.search(_text(cell))


def _text(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _already_linked(cells: list[dict], terms: list[Term]) -> set[str]:
    anchors = {a for c in cells if c.get("cell_type") == "markdown" for a in GLOSSARY_LINK.findall(_text(c))}
    return {t.term for t in terms if t.anchor in anchors}


def link_cells(cells: list[dict], terms: list[Term], name: str = "") -> list[Use]:
    """Link the first unlinked use of each term in these cells (in place); return the uses that were linked."""
    patterns = {t.term: term_pattern(t.term) for t in terms}
    by_term = {t.term: t for t in terms}
    done = _already_linked(cells, terms)
    linked: list[Use] = []
    for index, cell in enumerate(cells):
        if not is_learner_markdown(cell) or len(done) == len(terms):
            continue
        source = _text(cell)
        pieces, pos = [], 0
        for start, end in linkable_spans(source):
            cursor = start
            while True:
                best = None
                for term, pattern in patterns.items():
                    if term in done:
                        continue
                    m = pattern.search(source, cursor, end)
                    if m and (best is None or (m.start(), -len(m.group())) < (best[1].start(), -len(best[1].group()))):
                        best = (term, m)
                if best is None:
                    break
                term, m = best
                pieces.append(source[pos : m.start()])
                pieces.append(f"[{m.group()}]({GLOSSARY}#{by_term[term].anchor})")
                pos = cursor = m.end()
                done.add(term)
                linked.append(Use(name, index, term, m.group()))
        if pos:
            pieces.append(source[pos:])
            cell["source"] = _as_lines("".join(pieces))
    return linked


def _as_lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def link_notebook(path: Path, terms: list[Term] | None = None, *, write: bool = True) -> list[Use]:
    """Link first uses in one notebook file; with ``write=False`` only report what would be linked."""
    terms = load_terms() if terms is None else terms
    raw = Path(path).read_text(encoding="utf-8")
    nb = json.loads(raw)
    uses = link_cells(nb["cells"], terms, Path(path).name)
    if uses and write:
        Path(path).write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return uses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 listing unlinked first uses")
    args = parser.parse_args(argv)
    terms = load_terms()
    missing = 0
    for path in args.notebooks:
        if path.name == GLOSSARY:
            continue
        uses = link_notebook(path, terms, write=not args.check)
        missing += len(uses)
        for u in uses:
            verb = "not linked" if args.check else "linked"
            print(f"{u.notebook} cell {u.cell}: {u.term!r} ({u.written!r}) {verb}")
    if args.check and missing:
        print(f"{missing} first uses are not linked: run python tools/link_glossary.py <notebooks>", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
