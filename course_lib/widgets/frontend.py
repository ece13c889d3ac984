"""Where the browser gets plotly's FigureWidget code: once per page, from the Jupyter server.

Since plotly 6 a ``go.FigureWidget`` is an anywidget whose front end is plotly's
``package_data/widgetbundle.js`` (about 5 MB). anywidget sends that file *with every
figure* over the kernel's websocket and compiles it again for each one, and its
JupyterLab extension gives each figure 2 seconds to finish (``AbortSignal.timeout(2000)``
in anywidget 0.11). On a busy 2-core machine a page with several figures sometimes
missed that limit: the figure then showed empty axes, or never followed its sliders
(console: ``[anywidget] Failed to initialize model.``).

:class:`FigureWidget` sends a 1 kB module instead, which imports the bundle from the
Jupyter server's ``labextensions`` folder. The browser loads and compiles it once per
page, and every later figure reuses it. ``make`` copies the bundle there when it sets up
``.venv`` (:func:`install`, or ``python -m course_lib.widgets.frontend``). Without the
copy, :class:`FigureWidget` falls back to plotly's own way, so nothing breaks; it is only
slower.

JupyterLab, Voila and a JupyterHub single-user server all serve ``labextensions`` from
``jupyter_core.paths.jupyter_path("labextensions")`` and name the URL in the page's
``jupyter-config-data`` (``fullLabextensionsUrl``), which the module reads.

The copy is looked for where the *kernel's* environment keeps it. If JupyterLab runs
from another environment than the kernel (a kernel registered into someone's own
JupyterLab), that server does not serve it: the figure then shows the loader's error,
which names this module. Run the install step with that server's Python too.

Upstream: https://github.com/plotly/plotly.py/issues/5143 ("FigureWidget performance
problem", a plotly 6 regression). Delete this module, and use ``go.FigureWidget`` again,
once plotly's FigureWidget no longer sends its whole bundle with every figure. The
module depends on plotly internals (``BaseFigureWidget._esm`` and
``package_data/widgetbundle.js``), which ``tests/test_widgets_frontend.py`` pins.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import shutil
import sys
from pathlib import Path

import plotly
import plotly.graph_objects as go
from jupyter_core.paths import jupyter_path

from .._validate import instance, text

__all__ = ["FOLDER", "FigureWidget", "bundle_name", "figure_module", "install", "plotly_bundle", "served_bundle"]

#: The folder under ``share/jupyter/labextensions`` that holds the copy. It has no
#: ``package.json``, so JupyterLab does not try to load it as an extension; it only serves it.
FOLDER = "igf1-course-plotly"


def plotly_bundle() -> Path:
    """plotly's own FigureWidget front end (the file anywidget would send with each figure)."""
    return Path(plotly.__file__).parent / "package_data" / "widgetbundle.js"


def bundle_name() -> str:
    """File name of the served copy; it carries plotly's version, so an upgrade never reuses a stale copy."""
    return f"widgetbundle-{plotly.__version__}.js"


def _sha256(path: Path) -> str:
    """SHA-256 of a file's content, computed once per (path, modification time, size)."""
    stat = path.stat()
    return _sha256_of(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=16)
def _sha256_of(path: str, _mtime_ns: int, _size: int) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _same_content(copy: Path) -> bool:
    return copy.is_file() and _sha256(copy) == _sha256(plotly_bundle())


def served_bundle() -> Path | None:
    """The copy a Jupyter server in this environment serves, or None when there is none (or its content differs)."""
    for root in jupyter_path("labextensions"):
        copy = Path(root) / FOLDER / "static" / bundle_name()
        if _same_content(copy):
            return copy
    return None


def install(prefix: str | Path = sys.prefix) -> Path:
    """Copy plotly's bundle to ``<prefix>/share/jupyter/labextensions/igf1-course-plotly/static``.

    ``prefix`` must be an existing folder (the environment's ``sys.prefix`` by default). Older copies
    (other plotly versions) in that folder are removed, and an identical copy is left alone.
    Returns the copy's path.
    """
    instance(prefix, name="prefix", types=(str, os.PathLike), what="the path of an existing folder")
    if isinstance(prefix, str):
        text(prefix, name="prefix", what="the path of an existing folder")
    if not Path(prefix).is_dir():
        raise ValueError(
            f"prefix must be the path of an existing folder (an environment's sys.prefix); "
            f"got {str(prefix)!r}, which is not a folder."
        )
    static = Path(prefix) / "share" / "jupyter" / "labextensions" / FOLDER / "static"
    static.mkdir(parents=True, exist_ok=True)
    target = static / bundle_name()
    for old in static.glob("widgetbundle-*.js"):
        if old != target:
            old.unlink()
    if not _same_content(target):
        shutil.copyfile(plotly_bundle(), target)
    return target


def _loader() -> str:
    """The ES module each figure sends: import the served bundle (cached by the browser per page)."""
    relative = json.dumps(f"/{FOLDER}/static/{bundle_name()}")
    return f"""\
// igf1-course: load plotly's FigureWidget code once per page (course_lib/widgets/frontend.py).
const config = JSON.parse(document.getElementById("jupyter-config-data")?.textContent || "{{}}");
const base = (config.fullLabextensionsUrl || "/lab/extensions").replace(/\\/$/, "");
const url = new URL(base + {relative}, document.baseURI).href;
let plotlyWidget;
try {{
  plotlyWidget = await import(url);
}} catch (error) {{
  throw new Error(`igf1-course: plotly's widget code is not served at ${{url}}. ` +
                  `Set up the course with "make lab", or run "python -m course_lib.widgets.frontend". (${{error}})`);
}}
export default plotlyWidget.default;
"""


def figure_module() -> str | Path:
    """What a course figure sends as its front end: the 1 kB loader when the copy is served, else plotly's file."""
    return _loader() if served_bundle() else plotly_bundle()


class FigureWidget(go.FigureWidget):
    """A ``go.FigureWidget`` whose front end is loaded once per page (see the module docstring).

    Everything else is plotly's: build it, update it and display it exactly as a ``go.FigureWidget``.
    """

    _esm = figure_module()


def _main(argv: list[str] | None = None) -> None:
    """``python -m course_lib.widgets.frontend [--prefix P]``: install the copy and print where it is."""
    parser = argparse.ArgumentParser(description="Copy plotly's FigureWidget code where the Jupyter server serves it.")
    parser.add_argument("--prefix", default=sys.prefix, help="environment folder (default: this Python's sys.prefix)")
    print(install(parser.parse_args(argv).prefix))


if __name__ == "__main__":
    _main()
