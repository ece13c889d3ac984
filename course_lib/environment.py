"""The start-here self-check: is this kernel running the course's pinned packages?"""

from __future__ import annotations

import os
import platform
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pandas as pd

from ._validate import text

__all__ = ["KEY_PACKAGES", "report"]

#: The packages whose versions change what a learner sees.
KEY_PACKAGES = ("numpy", "scipy", "pandas", "plotly", "ipywidgets", "anywidget", "jupyterlab", "biopython", "pybtex")


def _pins(lock: Path) -> dict[str, str]:
    pins = {}
    if lock.exists():
        for line in lock.read_text(encoding="utf-8").splitlines():
            name, sep, ver = line.split("#", 1)[0].strip().partition("==")
            if sep:
                pins[name.lower()] = ver
    return pins


def report(lock: Path | None = None) -> pd.DataFrame:
    """One row per key package: installed version, pinned version, and whether they agree.

    ``lock`` defaults to the checkout's ``requirements.lock`` (next to the ``course_lib`` folder). A package that
    is not installed shows "missing"; a clone without the lock shows "unknown".
    """
    if lock is None:
        lock = Path(__file__).resolve().parent.parent / "requirements.lock"
    else:
        if isinstance(lock, str):
            text(lock, name="lock", what="a path to a requirements.lock file")
        elif not isinstance(lock, os.PathLike):
            raise TypeError(
                f"lock must be a path to a requirements.lock file (a str or pathlib.Path), or None for "
                f"the course's own; got {lock!r} (a {type(lock).__name__})."
            )
        lock = Path(lock)
        if not lock.is_file():
            raise ValueError(
                f"lock must be a path to an existing requirements.lock file; got {str(lock)!r}, which is not a file."
            )
    pins = _pins(lock)
    rows = []
    for name in KEY_PACKAGES:
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = "missing"
        pinned = pins.get(name.lower(), "unknown")
        rows.append({"package": name, "installed": installed, "pinned": pinned, "ok": installed == pinned})
    rows.append(
        {
            "package": "python",
            "installed": platform.python_version(),
            "pinned": "3.11.x",
            "ok": platform.python_version().startswith("3.11."),
        }
    )
    return pd.DataFrame(rows)
