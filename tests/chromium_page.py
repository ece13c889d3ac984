"""What every real-browser check shares: how to start Chromium, and how to read a JupyterLab page.

Used by the notebook tests (``tests/browser``), the workshop hub tests
(``tests/hub``), the Voilà app and static site tests, and ``bench/browser_latency.py``,
so a change to the launch flags or to what counts as a broken output is made once.
Debian's Chromium is driven through Playwright (never ``playwright install``).
"""

from __future__ import annotations

import shutil
import time
from contextlib import contextmanager

#: Launch flags that work as root, offline, without a GPU (jupyter-stack notes).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

#: The notebook a learner is looking at in JupyterLab 4, and its kernel-idle indicator.
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
IDLE = f"{PANEL} .jp-Notebook-ExecutionIndicator[data-status='idle']"
#: Text that ipywidgets or JupyterLab show when a widget or renderer breaks.
BROKEN_TEXT = (
    "Error displaying widget",
    "model not found",
    "Failed to load model class",
    "Could not render content",
    "Javascript Error",
)

#: Error and stderr outputs, and broken-widget text, of every cell in the visible notebook.
CELL_PROBLEMS_JS = """
([panelSel, broken]) => {
  const panel = document.querySelector(panelSel);
  const out = [];
  if (!panel) return ['no visible notebook panel'];
  const cells = Array.from(panel.querySelectorAll('.jp-Notebook .jp-Cell'));
  cells.forEach((cell, i) => {
    for (const o of cell.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]'))
      out.push(`cell ${i}: stderr output: ${o.textContent.slice(0, 300)}`);
    for (const o of cell.querySelectorAll('[data-mime-type="application/vnd.jupyter.error"], .jp-OutputArea-output.jp-mod-error'))
      out.push(`cell ${i}: error output: ${o.textContent.slice(0, 300)}`);
    const text = cell.querySelector('.jp-Cell-outputArea')?.textContent || '';
    for (const b of broken) if (text.includes(b)) out.push(`cell ${i}: shows "${b}"`);
  });
  return out;
}
"""


def wait_until(predicate, timeout: float, interval: float = 0.05):
    """Call ``predicate`` until it returns something true or ``timeout`` seconds pass; return its last value."""
    deadline = time.monotonic() + timeout
    value = predicate()
    while not value and time.monotonic() < deadline:
        time.sleep(interval)
        value = predicate()
    return value


def chromium_executable() -> str | None:
    """Chromium on PATH (Debian: ``chromium``; Ubuntu: ``chromium-browser``), or None."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


_shared: dict = {}


@contextmanager
def chromium():
    """A headless Chromium (a Playwright ``Browser``), shared by every user in this process.

    Playwright's sync API cannot start a second instance while one is running in the same
    thread ("Sync API inside the asyncio loop"), and in one pytest worker the notebook tests'
    session-wide browser is still open when the app, site or hub tests start theirs. So the
    first caller launches Chromium, later callers reuse it, and the last one to leave closes it.
    Each user makes its own pages or contexts and closes only those.
    """
    if not _shared:
        from playwright.sync_api import sync_playwright

        pw = sync_playwright().start()
        try:
            browser = pw.chromium.launch(
                executable_path=chromium_executable() or "/usr/bin/chromium", args=CHROMIUM_ARGS
            )
        except Exception:
            pw.stop()
            raise
        _shared.update(playwright=pw, browser=browser, users=0)
    _shared["users"] += 1
    try:
        yield _shared["browser"]
    finally:
        _shared["users"] -= 1
        if _shared["users"] == 0:
            pw, browser = _shared.pop("playwright"), _shared.pop("browser")
            _shared.clear()
            try:
                browser.close()
            finally:
                pw.stop()
