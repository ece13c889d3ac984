"""Widget builders. Each returns a widget and never displays it; each calls the
same model and figure functions the notebooks use, and exposes its controls,
figure and text summary so tests can drive it like a learner does.

Widgets cannot produce invalid values: every control's range is the model's
valid domain, read from the same place the model reads it.
"""
from .basics import unit_converter
from .binding import free_fraction_explorer, pools_explorer
from .lifespan import lifespan_explorer
from .methodology import appraisal_checklist, assay_explorer, confounding_explorer
from .signalling import occupancy_explorer, pathway_explorer
from .structure import sequence_comparison
from .tissues import evidence_explorer, exercise_response, gh_axis_loop

__all__ = ["unit_converter", "free_fraction_explorer", "pools_explorer", "lifespan_explorer", "assay_explorer", "confounding_explorer", "appraisal_checklist", "occupancy_explorer", "pathway_explorer", "sequence_comparison",
           "evidence_explorer", "exercise_response", "gh_axis_loop"]
