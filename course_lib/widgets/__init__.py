"""Widget builders. Each returns a widget and never displays it; each calls the
same model and figure functions the notebooks use, and exposes its controls,
figure and text summary so tests can drive it like a learner does.

Widgets cannot produce invalid values: every control's range is the model's
valid domain, read from the same place the model reads it.

Each module is named after the model it drives (``widgets.<topic>`` drives
``course_lib.models.<topic>``, ``widgets.units`` the unit converter), and a
builder's module is imported the first time the builder is used
(``widgets.lifespan_explorer`` imports ``widgets.lifestyle`` only), so a unit
does not pay for other units' libraries: importing every builder at once costs
about 1.9 s on a 2-core machine, most of it statsmodels and scipy for unit 06.
"""

from __future__ import annotations

import importlib

#: Every builder, by the module (in this package) that defines it.
_BUILDERS: dict[str, str] = {
    "unit_converter": "units",
    "sequence_comparison": "sequence",
    "occupancy_explorer": "receptors",
    "pathway_explorer": "signalling",
    "free_fraction_explorer": "binding",
    "pools_explorer": "binding",
    "evidence_explorer": "evidence",
    "exercise_response": "acute_exercise",
    "gh_axis_loop": "gh_axis",
    "lifespan_explorer": "lifestyle",
    "assay_explorer": "assays",
    "confounding_explorer": "confounding",
    "appraisal_checklist": "appraisal",
}

__all__ = list(_BUILDERS)


def __getattr__(name: str):
    if name in _BUILDERS:
        builder = getattr(importlib.import_module(f".{_BUILDERS[name]}", __name__), name)
        globals()[name] = builder  # later look-ups skip this function
        return builder
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_BUILDERS})
