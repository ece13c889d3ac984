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


def pytest_collection_modifyitems(config, items):
    """Browser tests need Chromium. In CI they are required; elsewhere they skip with one clear line."""
    if chromium_path():
        return
    if os.environ.get("CI") == "true":
        return  # let them run and fail loudly: CI must test in a real browser
    skip = pytest.mark.skip(
        reason="Chromium not found: browser tests skipped. Enable them with `sudo apt-get install chromium` (Debian/Ubuntu)."
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """With ``--dist loadfile`` keep the notebook browser tests and the workshop-hub tests on one worker.

    The browser tests then share one JupyterLab server, one Chromium and one run of each notebook
    (tests/browser/conftest.py), and the hub's two learners do not compete with a second JupyterLab and
    Chromium for the machine's two cores: under that contention a hub learner's explorer once failed to
    redraw after its slider moved (a fresh-clone run on 2026-11-25; 4 other hub runs passed)."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class BrowserTogether(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            scope = super()._split_scope(nodeid)
            path = scope.replace("\\", "/")
            return "tests/browser" if path.startswith(("tests/browser/", "tests/hub/")) else scope

    return BrowserTogether(config, log)
