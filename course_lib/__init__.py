"""Helper library for the course "IGF-1: structure, signalling, tissues, lifespan
and how to read the research".

Importing ``course_lib`` reads no files, changes no plotting defaults and
touches no random state. Notebooks call :func:`setup` once, in their first code
cell, to select the renderer and theme.

One deliberate exception, for start-up time: unless ``jsonschema`` is already
imported, importing ``course_lib`` marks the optional package ``rfc3987_syntax``
as unavailable (``sys.modules["rfc3987_syntax"] = None``). plotly's notebook
renderers and FigureWidget import ``nbformat``, hence ``jsonschema``, which
builds that package's Lark grammar for the "iri" string format at import:
2.0-2.9 s of every kernel's first figure on a 2-core machine, for a check
nothing in a course kernel uses. ``jsonschema`` then validates everything as
before except the "iri" formats, which it leaves unchecked, as it does whenever
that package is not installed. See ``tests/test_startup.py``.

Modules, by concern:

* ``data``, ``references``: bundled tables with provenance, and citations;
* ``units``: unit conversions; ``_validate``: the shared input checks;
* ``plotting``: palette, template and :func:`setup`;
* ``quiz``: self-check questions and exercise checks;
* model modules per topic (``reference``, ``lifestyle``, ...), figure builders
  and widget builders (``widgets``).
"""
import sys as _sys

if "jsonschema" not in _sys.modules:
    _sys.modules.setdefault("rfc3987_syntax", None)  # see the module docstring

from .plotting import setup  # noqa: E402

__all__ = ["setup", "__version__"]
__version__ = "0.1.0"
