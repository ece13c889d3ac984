"""tools/mutation_check.py: every mutant still points at real code (cheap: reads files, runs no mutant).

When this fails, a refactor moved or reworded the line a mutant changes. Update that mutant's ``original``
(and ``replacement``) in tools/mutation_check.py so it injects the same bug into the new code, then rerun
``.venv/bin/python tools/mutation_check.py --only ID`` to see that the tests still kill it.
"""

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _harness():
    spec = importlib.util.spec_from_file_location("mutation_check", ROOT / "tools" / "mutation_check.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("mutation_check", module)
    spec.loader.exec_module(module)
    return module


HARNESS = _harness()


@pytest.mark.parametrize("mutant", HARNESS.MUTANTS, ids=[m.id for m in HARNESS.MUTANTS])
def test_mutant_snippet_occurs_exactly_once(mutant):
    text = HARNESS.check_snippet(mutant)  # raises ValueError naming the mutant and the file
    mutated = text.replace(mutant.original, mutant.replacement, 1)
    assert mutated != text
    compile(mutated, mutant.file, "exec")  # the mutant is still valid Python, so a kill is a test failing


def test_the_audit_mutants_and_at_least_eight_more_are_listed():
    ids = [m.id for m in HARNESS.MUTANTS]
    assert len(ids) == len(set(ids))
    assert {f"M{i}" for i in range(1, 15)} <= set(ids)
    assert len(ids) - 14 >= 8
    assert all(m.description for m in HARNESS.MUTANTS)


def test_snippet_check_fails_loudly_when_code_moved(tmp_path):
    (tmp_path / "m.py").write_text("x = 1\nx = 1\n")
    twice = HARNESS.Mutant("T1", "m.py", "x = 1", "x = 2", "test")
    gone = HARNESS.Mutant("T2", "m.py", "y = 1", "y = 2", "test")
    with pytest.raises(ValueError, match="occurs 2 times"):
        HARNESS.check_snippet(twice, tmp_path)
    with pytest.raises(ValueError, match="occurs 0 times"):
        HARNESS.check_snippet(gone, tmp_path)
    with pytest.raises(ValueError, match="does not exist"):
        HARNESS.check_snippet(HARNESS.Mutant("T3", "missing.py", "a", "b", "test"), tmp_path)


def test_copies_leave_out_the_environment_and_version_control(tmp_path):
    src = tmp_path / "src"
    for p in (
        "course_lib/a.py",
        ".venv/bin/python",
        ".git/HEAD",
        "course_lib/__pycache__/a.pyc",
        "site/_build/x.html",
        "site/build.py",
    ):
        (src / p).parent.mkdir(parents=True, exist_ok=True)
        (src / p).write_text("")
    copy = HARNESS._copy(tmp_path / "dest", src)
    got = sorted(p.relative_to(copy).as_posix() for p in copy.rglob("*") if p.is_file())
    assert got == ["course_lib/a.py", "site/build.py"]
