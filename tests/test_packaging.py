"""The built wheel is the whole course library: every subpackage, every table, question and citation.

Every route in the repository installs ``course_lib`` editable (``make``, ``environment.yml``), which hides
packaging mistakes: a wheel that lacked ``figures/``, ``widgets/`` and the data once imported fine from the
checkout and failed (or silently found no tables) anywhere else. These tests build the wheel from a copy of
the sources, install it non-editable into a private folder with ``pip install --target`` (no network: the
dependencies come from this venv) and import it from a process whose working directory is outside the
repository, asserting that ``course_lib`` really came from that folder and not from the editable checkout.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import course_lib
from course_lib import citations, data, questions, widgets

ROOT = Path(__file__).resolve().parent.parent
#: What setuptools reads to build the wheel (pyproject.toml names the readme and the licence file).
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "course_lib")

# Run in the installed copy; prints what it found as JSON. sys.path is set here, not with PYTHONPATH,
# because -I (isolated mode: no PYTHON* variables, no script folder, no user site) ignores PYTHONPATH.
PROBE = r"""
import importlib, json, pkgutil, sys
from pathlib import Path
site = Path(sys.argv[1])
sys.path.insert(0, str(site))
# The dev venv's editable install adds a finder that resolves course_lib.* into the checkout when a module
# is missing from the package found first; drop it, so a module the wheel lacks fails to import.
sys.meta_path[:] = [f for f in sys.meta_path if "__editable__" not in getattr(f, "__module__", type(f).__module__)]
import course_lib
from course_lib import citations, data, questions, widgets
modules = sorted(m.name for m in pkgutil.walk_packages(course_lib.__path__, "course_lib."))
for name in modules:
    importlib.import_module(name)
builders = sorted(name for name in widgets.__all__ if callable(getattr(widgets, name)))
datasets = data.list_datasets()
rows = {name: len(data.load(name)) for name in datasets}
units = questions.units()
n_questions = {unit: len(questions.load_questions(unit)) for unit in units}
keys = citations.keys()
outside = sorted(name for name, m in sys.modules.items() if name.split(".")[0] == "course_lib"
                 and getattr(m, "__file__", None) and not Path(m.__file__).is_relative_to(site))
print(json.dumps({
    "file": course_lib.__file__, "outside": outside, "data_dir": str(data.data_dir()), "modules": modules, "builders": builders,
    "datasets": datasets, "rows": rows, "units": units, "questions": n_questions, "keys": keys,
    "bibliography": str(citations.bibliography(keys)),
}))
"""


def _run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    assert done.returncode == 0, f"{' '.join(map(str, cmd))} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON", "COURSE_"))}
    return {**env, **extra}


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, dict]:
    """(install folder, what the probe found there) for the wheel built from this checkout."""
    tmp = tmp_path_factory.mktemp("packaging")
    src = tmp / "src"
    src.mkdir()
    for name in SOURCES:  # a copy, so the build's build/ and *.egg-info never land in the checkout
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(ROOT / name, src / name)
    dist, site = tmp / "dist", tmp / "site"
    env = _clean_env()
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-w",
            str(dist),
            str(src),
        ],
        env=env,
        timeout=300,
    )
    (wheel,) = dist.glob("course_lib-*.whl")
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--target",
            str(site),
            str(wheel),
        ],
        env=env,
        timeout=300,
    )
    out = _run([sys.executable, "-I", "-c", PROBE, str(site)], cwd=tmp, env=env, timeout=300).stdout
    return site, json.loads(out.strip().splitlines()[-1])


def test_the_installed_wheel_is_what_gets_imported(installed):
    site, found = installed
    assert Path(found["file"]).is_relative_to(site), found["file"]
    assert Path(found["data_dir"]).is_relative_to(site), found["data_dir"]
    assert found["outside"] == [], "course_lib modules imported from outside the installed wheel"


def test_the_wheel_holds_every_module_of_the_checkout(installed):
    _, found = installed
    checkout = sorted(m.name for m in pkgutil.walk_packages(course_lib.__path__, "course_lib."))
    assert {"course_lib.figures", "course_lib.widgets", "course_lib.models", "course_lib.data"} <= set(checkout)
    assert found["modules"] == checkout


def test_every_widget_builder_imports_from_the_wheel(installed):
    _, found = installed
    assert found["builders"] == sorted(widgets.__all__) and found["builders"]


def test_the_wheel_holds_every_table_question_and_citation(installed):
    _, found = installed
    assert found["datasets"] and found["datasets"] == data.list_datasets()
    assert found["rows"] == {name: len(data.load(name)) for name in data.list_datasets()}
    assert found["units"] and found["units"] == questions.units()
    assert found["questions"] == {unit: len(questions.load_questions(unit)) for unit in questions.units()}
    assert found["keys"] and found["keys"] == citations.keys()
    assert found["bibliography"] == str(citations.bibliography(citations.keys()))


def test_the_probe_walks_the_same_modules_as_this_process():
    """The comparison above is against an honest list: every module found here imports here too."""
    names = [m.name for m in pkgutil.walk_packages(course_lib.__path__, "course_lib.")]
    assert len(names) >= 30
    for name in names:
        importlib.import_module(name)


def test_a_missing_data_folder_raises_a_clear_error(tmp_path):
    """A wrong COURSE_DATA_DIR (or a broken install) names the folder instead of looking like no tables."""
    missing = tmp_path / "nonexistent"
    code = (
        "from course_lib import data\n"
        "try:\n    data.list_datasets()\n"
        "except FileNotFoundError as exc:\n    print('FileNotFoundError:', exc)\n"
        "else:\n    print('no error')\n"
    )
    out = _run([sys.executable, "-c", code], cwd=ROOT, env=_clean_env(COURSE_DATA_DIR=str(missing)), timeout=120).stdout
    assert out.startswith("FileNotFoundError:"), out
    assert str(missing) in out and "COURSE_DATA_DIR" in out
