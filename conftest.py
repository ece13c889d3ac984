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
    """With ``--dist loadfile`` keep every browser test on one worker, so they share one JupyterLab server,
    one Chromium and one run of each notebook (tests/browser/conftest.py), instead of starting both per worker."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class BrowserTogether(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            scope = super()._split_scope(nodeid)
            return "tests/browser" if scope.replace("\\", "/").startswith("tests/browser/") else scope

    return BrowserTogether(config, log)
