"""pytest configuration shared by the unit tests, nbval and the browser tests."""

import os
import shutil

import pytest

# MIME types nbval cannot compare stably. Figures are covered instead by the
# text summary printed under each one, which *is* compared.
NBVAL_SKIP_MIMES = (
    "application/vnd.plotly.v1+json",
    "application/vnd.jupyter.widget-view+json",
    "image/png",
    "image/jpeg",
    "image/svg+xml",
)


def pytest_collectstart(collector):
    if collector.fspath and collector.fspath.ext == ".ipynb":
        collector.skip_compare += NBVAL_SKIP_MIMES


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


#: Files whose tests share one JupyterLab server, one Chromium and one run of each notebook
#: (tests/browser/conftest.py), or drive the workshop hub: one xdist worker runs them all.
BROWSER_TOGETHER = ("tests/browser/", "tests/hub/")


def _xdist_group(item) -> str | None:
    """The ``xdist_group`` that ``--dist loadgroup`` keeps on one worker, or None for an ordinary test.

    The notebook browser tests and the workshop-hub tests share the group "browser": the browser tests then
    share one JupyterLab server, one Chromium and one run of each notebook, and the hub's two learners do not
    compete with a second JupyterLab and Chromium for the machine's two cores (under that contention a hub
    learner's explorer once failed to redraw after its slider moved: a fresh-clone run on 2026-11-25; 4 other
    hub runs passed). Other browser tests (the Voila app, the static site) keep each file together, as
    ``--dist loadfile`` would, so their module-scoped servers start once; they may run on the other worker.
    """
    path = item.nodeid.split("::", 1)[0].replace("\\", "/")
    if path.startswith(BROWSER_TOGETHER):
        return "browser"
    if "browser" in item.keywords:
        return path
    return None


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook, which reads xdist_group to assign workers
def pytest_collection_modifyitems(config, items):
    """Group the browser tests for ``--dist loadgroup``; skip them with one clear line without Chromium.

    In CI (``CI=true``) the browser tests are required: without Chromium they run and fail loudly.
    """
    for item in items:
        group = _xdist_group(item)
        if group is not None and not item.get_closest_marker("xdist_group"):
            item.add_marker(pytest.mark.xdist_group(group))
    if chromium_path() or os.environ.get("CI") == "true":
        return
    skip = pytest.mark.skip(
        reason="Chromium not found: browser tests skipped. Enable them with `sudo apt-get install chromium` (Debian/Ubuntu)."
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)
