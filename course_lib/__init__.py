"""Helper library for the course "IGF-1: structure, signalling, tissues, lifespan
and how to read the research".

Importing ``course_lib`` has no side effects: it reads no files, changes no
plotting defaults and touches no random state. Notebooks call :func:`setup`
once, in their first code cell, to select the renderer and theme.

Modules, by concern:

* ``data``, ``references``: bundled tables with provenance, and citations;
* ``units``: unit conversions; ``_validate``: the shared input checks;
* ``plotting``: palette, template and :func:`setup`;
* ``quiz``: self-check questions and exercise checks;
* model modules per topic (``reference``, ``lifestyle``, ...), figure builders
  and widget builders (``widgets``).
"""
from .plotting import setup

__all__ = ["setup", "__version__"]
__version__ = "0.1.0"
