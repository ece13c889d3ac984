"""Start-up cost: what importing course_lib and its widgets does, and does not, load."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def _fresh(code: str) -> dict:
    """Run ``code`` in a fresh interpreter; it prints one JSON object."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


PROBE = """
import json, sys, time
{before}
import course_lib
course_lib.setup()  # what every notebook's first cell does
from course_lib import widgets  # FigureWidget: plotly.io renderers -> nbformat -> jsonschema
import nbformat
nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
nbformat.validate(nb)  # nbformat's own validation still works
print(json.dumps({{"grammar_built": sys.modules.get("rfc3987_syntax") is not None,
                   "jsonschema": "jsonschema" in sys.modules}}))
"""


def test_setup_first_skips_the_iri_grammar_and_validation_still_works():
    result = _fresh(PROBE.format(before=""))
    assert result == {"grammar_built": False, "jsonschema": True}


def test_a_process_that_already_imported_jsonschema_is_left_alone():
    result = _fresh(PROBE.format(before="import jsonschema"))
    assert result == {"grammar_built": True, "jsonschema": True}


def test_jsonschema_still_rejects_an_invalid_notebook_after_setup():
    code = """
import json, course_lib
course_lib.setup()
import nbformat
nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
nb.cells[0].source = 3  # not a string: the notebook schema forbids it
try:
    nbformat.validate(nb)
    print(json.dumps({"rejected": False}))
except nbformat.ValidationError:
    print(json.dumps({"rejected": True}))
"""
    assert _fresh(code) == {"rejected": True}


def test_a_direct_import_after_setup_fails_loudly_not_silently():
    code = """
import json, course_lib
course_lib.setup()
try:
    import rfc3987_syntax
    print(json.dumps({"error": None}))
except ImportError as exc:
    print(json.dumps({"error": str(exc)}))
"""
    assert "rfc3987_syntax" in _fresh(code)["error"]


def test_importing_course_lib_has_no_side_effects():
    code = """
import json, sys
import course_lib
print(json.dumps({"loaded": sorted(m for m in ("plotly", "ipywidgets", "IPython", "nbformat", "jsonschema", "pandas")
                                   if m in sys.modules),
                  "rfc3987_syntax_marked": "rfc3987_syntax" in sys.modules}))
"""
    assert _fresh(code) == {"loaded": [], "rfc3987_syntax_marked": False}


MODELS = [
    "reference_ranges",
    "lifestyle",
    "sequence",
    "receptors",
    "signalling",
    "binding",
    "acute_exercise",
    "gh_axis",
    "assays",
    "confounding",
    "evidence",
    "appraisal",
]


def test_no_model_loads_a_plotting_widget_or_notebook_library():
    """One fresh process imports every model: anything one of them pulled in would be in sys.modules."""
    code = f"""
import json, sys
for module in {MODELS!r}:
    __import__("course_lib.models." + module)
print(json.dumps(sorted(m for m in ("plotly", "ipywidgets", "IPython") if m in sys.modules)))
"""
    assert _fresh(code) == []


def test_every_model_module_is_in_the_list_above():
    import pkgutil

    import course_lib.models

    assert sorted(m.name for m in pkgutil.iter_modules(course_lib.models.__path__)) == sorted(MODELS)


def test_questions_and_progress_load_no_widget_library():
    code = """
import json, sys
from course_lib import progress, questions
progress.summary()
print(json.dumps(sorted(m for m in ("plotly", "ipywidgets", "IPython") if m in sys.modules)))
"""
    assert _fresh(code) == []


def _locked_versions() -> dict[str, str]:
    from pathlib import Path

    lock = Path(__file__).resolve().parent.parent / "requirements.lock"
    pins = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            pins[name.strip().lower().replace("_", "-")] = version.strip().split(";")[0].strip()
    return pins


def test_the_iri_grammar_workaround_is_still_needed():
    """Fails on the day the lock moves to the lazy fork, or drops rfc3987-syntax: then delete
    ``course_lib.plotting._skip_iri_grammar`` and this test (jsonschema#1428, jsonschema#1521)."""
    pins = _locked_versions()
    assert "rfc3987-syntax2" not in pins, (
        "requirements.lock pins rfc3987-syntax2 (the lazy fork): delete plotting._skip_iri_grammar and this test"
    )
    assert "rfc3987-syntax" in pins, (
        "requirements.lock no longer pins rfc3987-syntax: delete plotting._skip_iri_grammar and this test"
    )


def test_a_widget_builder_imports_only_its_own_unit():
    code = """
import json, sys
import course_lib
course_lib.setup()  # as every notebook does first
from course_lib import widgets
before = "statsmodels" in sys.modules
widgets.unit_converter(150)
print(json.dumps({"before": before, "after_converter": "statsmodels" in sys.modules,
                  "after_confounding": widgets.confounding_explorer() is not None and "statsmodels" in sys.modules}))
"""
    assert _fresh(code) == {"before": False, "after_converter": False, "after_confounding": True}


def test_every_listed_builder_resolves_to_the_function_in_its_module():
    import importlib

    from course_lib import widgets

    for name, module in widgets._BUILDERS.items():
        builder = getattr(widgets, name)
        assert builder is getattr(importlib.import_module(f"course_lib.widgets.{module}"), name)
        assert callable(builder) and name in dir(widgets)
    assert sorted(widgets.__all__) == sorted(widgets._BUILDERS)


def test_an_unknown_builder_name_is_an_attribute_error():
    from course_lib import widgets

    with pytest.raises(AttributeError, match="lifespan_explorr"):
        _ = widgets.lifespan_explorr  # a typo a learner could make
