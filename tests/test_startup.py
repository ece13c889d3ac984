"""course_lib's one import-time side effect: jsonschema's optional IRI grammar is not built in course kernels."""
from __future__ import annotations

import json
import subprocess
import sys


def _fresh(code: str) -> dict:
    """Run ``code`` in a fresh interpreter; it prints one JSON object."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


PROBE = """
import json, sys, time
{before}
import course_lib
from course_lib import widgets  # FigureWidget: plotly.io renderers -> nbformat -> jsonschema
import nbformat
nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
nbformat.validate(nb)  # nbformat's own validation still works
print(json.dumps({{"grammar_built": sys.modules.get("rfc3987_syntax") is not None,
                   "jsonschema": "jsonschema" in sys.modules}}))
"""


def test_importing_course_lib_first_skips_the_iri_grammar_and_validation_still_works():
    result = _fresh(PROBE.format(before=""))
    assert result == {"grammar_built": False, "jsonschema": True}


def test_a_process_that_already_imported_jsonschema_is_left_alone():
    result = _fresh(PROBE.format(before="import jsonschema"))
    assert result == {"grammar_built": True, "jsonschema": True}


def test_jsonschema_still_rejects_an_invalid_notebook_after_import():
    code = """
import json, course_lib, nbformat
nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
nb.cells[0].source = 3  # not a string: the notebook schema forbids it
try:
    nbformat.validate(nb)
    print(json.dumps({"rejected": False}))
except nbformat.ValidationError:
    print(json.dumps({"rejected": True}))
"""
    assert _fresh(code) == {"rejected": True}


def test_a_direct_import_after_course_lib_fails_loudly_not_silently():
    code = """
import json, course_lib
try:
    import rfc3987_syntax
    print(json.dumps({"error": None}))
except ImportError as exc:
    print(json.dumps({"error": str(exc)}))
"""
    assert "rfc3987_syntax" in _fresh(code)["error"]
