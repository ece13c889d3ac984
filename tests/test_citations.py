"""The bibliography: parsed by pybtex, every key used anywhere resolves."""
import re
from pathlib import Path

import nbformat
import pytest
from IPython.display import Markdown

from course_lib import citations

ROOT = Path(__file__).resolve().parent.parent
KEY_USE = re.compile(r"""(?:cite|short|reference)\(\s*["']([a-z][a-z0-9_]+)["']""")


def test_bibliography_parses_and_is_nonempty():
    assert len(citations.keys()) >= 10


@pytest.mark.parametrize("key", citations.keys())
def test_every_entry_formats_with_author_or_title_and_year(key):
    text = citations.cite(key)
    assert len(text) > 30 and re.search(r"(19|20)\d\d", text), text


def test_bibliography_renders_numbered_markdown():
    md = citations.bibliography(["cole1992", "fontana2008", "cole1992"])
    assert isinstance(md, Markdown)
    assert md.data.startswith("1. ") and "\n2. " in md.data and "\n3. " not in md.data


def test_unknown_key_is_a_clear_error():
    with pytest.raises(ValueError, match="key must be one of"):
        citations.cite("smith2099")
    with pytest.raises(ValueError, match="at least one"):
        citations.bibliography([])


def test_keys_cited_in_notebooks_and_library_resolve():
    known = set(citations.keys())
    used = set()
    for nb_path in (ROOT / "notebooks").glob("*.ipynb"):
        nb = nbformat.read(nb_path, as_version=4)
        for cell in nb.cells:
            used |= set(KEY_USE.findall(cell.source))
    for py in (ROOT / "course_lib").glob("*.py"):
        used |= set(KEY_USE.findall(py.read_text()))
    assert sorted(used - known) == []


def test_others_only_ends_an_author_list():
    """'and others' in the middle renders as "X, others, and Y"; it may only close the list."""
    from pybtex.database import parse_file
    bib = parse_file(str(citations.data.DATA_DIR / "references.bib"))
    bad = [k for k, e in bib.entries.items() if "others" in [str(p) for p in e.persons.get("author", [])[:-1]]]
    assert bad == []


def test_short_decodes_latex_accents():
    assert citations.short("holzenberger2003") == "Holzenberger et al. 2003"
    assert "\\" not in "".join(citations.short(k) for k in citations.keys())
