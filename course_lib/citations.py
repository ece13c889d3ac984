"""Citations, read from ``course_lib/data/references.bib`` through pybtex.

Every number a learner sees carries a citation key; these helpers turn a key
into text. Notebooks end with :func:`bibliography`, so their reference lists
are rendered from the same file the tests check, never typed by hand. A
:class:`Bibliography` shows as Markdown in Jupyter (``_repr_markdown_``) and
as the same Markdown text with ``str()``; no IPython import is needed.

>>> short("bidlingmaier2014")
'Bidlingmaier et al. 2014'
>>> cite("cole1992").startswith("T. J. Cole and P. J. Green.")
True
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from pybtex.database import BibliographyData, parse_file
from pybtex.plugin import find_plugin

from . import data
from ._validate import choice, text

__all__ = ["keys", "cite", "short", "bibliography", "Bibliography"]


@functools.cache
def _bib() -> BibliographyData:
    return parse_file(str(data.data_dir() / "references.bib"), bib_format="bibtex")


@functools.cache
def _style():
    return find_plugin("pybtex.style.formatting", "plain")(abbreviate_names=True)


@functools.cache
def _backend(name: str):
    """pybtex's output backend ``name``, looked up once: ``Text.render_as(name)`` looks the plugin up on every
    call through ``importlib.metadata.entry_points()``, about 30 ms each (1.5 s for unit 04's evidence table)."""
    return find_plugin("pybtex.backends", name)()


def keys() -> list[str]:
    """Every citation key in the bibliography, sorted."""
    return sorted(_bib().entries)


def _check(key) -> str:
    text(key, name="key", what="a citation key")
    return choice(key, name="key", choices=keys())


def _formatted(keys_: list[str], backend: str) -> list[str]:
    sub = BibliographyData(entries={k: _bib().entries[k] for k in keys_})
    formatted = _style().format_bibliography(sub, keys_)
    return [" ".join(e.text.render(_backend(backend)).split()) for e in formatted.entries]


def cite(key: str) -> str:
    """The full reference for ``key`` as plain text (pybtex's "plain" style)."""
    return _formatted([_check(key)], "text")[0]


def short(key: str) -> str:
    """An author-year label such as ``"Fontana et al. 2008"`` for use in prose and figures."""
    entry = _bib().entries[_check(key)]
    people = entry.persons.get("author", [])
    year = entry.fields.get("year", "n.d.")
    if not people:
        return f"{entry.fields.get('title', key)} {year}"
    last = _last_name(people[0])
    if len(people) == 1:
        return f"{last} {year}"
    if len(people) == 2 and str(people[1]) != "others":
        return f"{last} & {_last_name(people[1])} {year}"
    return f"{last} et al. {year}"


def _last_name(person) -> str:
    """A person's last name as plain text, with LaTeX accents decoded (``Mel\\'endez`` -> ``Meléndez``)."""
    return " ".join(part.render(_backend("text")) for part in person.rich_last_names)


class Bibliography:
    """A numbered reference list: Markdown text that Jupyter renders as Markdown.

    ``data`` (and ``str()``) is the Markdown text; ``keys`` the citation keys, in order.
    """

    def __init__(self, keys_: list[str], markdown: str):
        self.keys = tuple(keys_)
        self.data = markdown

    def _repr_markdown_(self) -> str:
        return self.data

    def __str__(self) -> str:
        return self.data

    def __repr__(self) -> str:
        n = len(self.keys)
        return f"Bibliography({n} reference{'' if n == 1 else 's'})"


def bibliography(keys_: Iterable[str]) -> Bibliography:
    """A numbered Markdown reference list for the given keys, in the order given.

    Duplicates are dropped; an unknown key raises a ValueError listing the valid ones.
    """
    if isinstance(keys_, str) or not isinstance(keys_, Iterable):
        raise TypeError(f"keys_ must be a list of citation keys; got {keys_!r} (a {type(keys_).__name__}).")
    valid = keys()
    for k in keys_:
        text(k, name="keys_", what="a list of citation keys")
        choice(k, name="keys_", choices=valid)
    ordered = list(dict.fromkeys(keys_))
    if not ordered:
        raise ValueError("keys_ must name at least one citation key; got none.")
    lines = [f"{i}. {ref}" for i, ref in enumerate(_formatted(ordered, "markdown"), start=1)]
    return Bibliography(ordered, "\n".join(lines))
