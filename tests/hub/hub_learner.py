"""One workshop learner in Chromium: follows the nbgitpuller link, logs in, runs a notebook, moves a widget.

Nothing here asserts; the tests decide what is a failure. Selectors follow JupyterLab 4.
"""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

from chromium_page import BROKEN_TEXT, CELL_PROBLEMS_JS, IDLE, PANEL  # noqa: F401 - tests/ is on sys.path (conftest)

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "hub"
#: Idle-culling settings used in the tests (seconds); the workshop default timeout is 3600.
CULL_TIMEOUT = 30
CULL_EVERY = 5
ACTIVITY_INTERVAL = 5


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


#: Progress of Run All. Cells whose input is collapsed (hidden solutions) show no prompt number, so they
#: are left out of ``unrun``; the last code cell must have a number.
_RUN_STATE_JS = """
sel => {
  const p = document.querySelector(sel);
  if (!p) return {idle: false, unrun: -1, running: -1, last: ''};
  const cells = Array.from(p.querySelectorAll('.jp-Notebook .jp-CodeCell'));
  const prompt = c => (c.querySelector('.jp-InputPrompt') || {}).textContent || '';
  const visible = cells.filter(c => { const a = c.querySelector('.jp-InputArea'); return a && a.offsetParent !== null; });
  return {
    idle: !!p.querySelector(".jp-Notebook-ExecutionIndicator[data-status='idle']"),
    unrun: visible.filter(c => !/\\[(\\d+|\\*)\\]/.test(prompt(c))).length,
    running: cells.filter(c => prompt(c).includes('[*]')).length,
    visible: visible.length,
    last: cells.length ? prompt(cells[cells.length - 1]) : '',
    total: cells.length,
  };
}
"""


class Learner:
    """A browser context (own cookies) for one hub user."""

    def __init__(self, browser, hub, name: str, artifacts: Path):
        self.hub, self.name, self.artifacts = hub, name, artifacts
        self.context = browser.new_context(viewport={"width": 1280, "height": 1000})
        self.page = self.context.new_page()
        self.page.set_default_timeout(60_000)
        self.console_errors: list[str] = []
        self.page.on("pageerror", lambda e: self.console_errors.append(f"uncaught: {e}"))
        self.timings: dict[str, float] = {}

    @property
    def home(self) -> Path:
        return self.hub.state / "home" / self.name

    # -- hub ------------------------------------------------------------------------
    def follow_link(self, link: str, notebook: str, timeout: float = 240.0) -> None:
        """Open the nbgitpuller link; log in if the hub asks; wait until the notebook is open and its kernel idle."""
        start = time.perf_counter()
        self.page.goto(link)
        if "/hub/login" in self.page.url:
            self.page.fill("input[name=username]", self.name)
            self.page.fill("input[name=password]", self.hub.password)
            self.page.click("#login_submit")
        self.page.wait_for_url(
            re.compile(rf"/user/{self.name}/lab/tree/.*{re.escape(notebook)}"), timeout=timeout * 1000
        )
        self.page.wait_for_selector(f"{PANEL} .jp-Notebook .jp-Cell", timeout=timeout * 1000)
        self.page.wait_for_selector(IDLE, timeout=timeout * 1000)
        # The toolbar indicator can say "idle" before the kernel is connected ("No Kernel | Initializing" in
        # the status bar); wait for the status bar to report the kernel idle too.
        try:
            self.page.wait_for_function(
                "() => { const t = document.querySelector('#jp-main-statusbar')?.textContent || '';"
                " return /\\|\\s*Idle/.test(t) && !t.includes('No Kernel'); }",
                timeout=90_000,
            )
        except Exception:
            pass  # Run All retries once if the first requests are lost (see run_all)
        self.timings["link_to_idle_kernel_s"] = time.perf_counter() - start
        self.dismiss_news_toast()

    def dismiss_news_toast(self) -> None:
        """Answer "No" to Lab's "get notified about Jupyter news?" toast if it shows (the course's Lab
        settings override, installed by `make`, turns it off; a hand-made .venv may lack it)."""
        toast = self.page.locator(".jp-toast-button:text-is('No'), .Toastify button:text-is('No')")
        try:
            toast.first.click(timeout=3000)
        except Exception:
            pass

    # -- notebook ---------------------------------------------------------------------
    def _menu(self, menu: str, item: str) -> None:
        self.page.locator(f".lm-MenuBar-itemLabel:text-is('{menu}')").click()
        self.page.locator(f".lm-Menu-itemLabel:text-is('{item}')").click()

    def run_all(self, timeout: float = 300.0) -> float:
        """Clear stored outputs, Run All Cells, wait for every code cell to have run and the kernel to be idle."""
        self._menu("Edit", "Clear Outputs of All Cells")
        self.page.wait_for_function(
            "sel => Array.from(document.querySelectorAll(sel + ' .jp-CodeCell .jp-InputPrompt'))"
            ".every(p => !/\\d/.test(p.textContent))",
            arg=PANEL,
            timeout=30_000,
        )
        start = time.perf_counter()
        self._menu("Run", "Run All Cells")
        deadline = time.monotonic() + timeout
        retry_at, retries = time.monotonic() + 45, 2
        while True:
            state = self.page.evaluate(_RUN_STATE_JS, PANEL)
            if state["idle"] and state["unrun"] == 0 and state["running"] == 0 and re.search(r"\[\d+\]", state["last"]):
                break
            if (
                retries
                and time.monotonic() > retry_at
                and state["idle"]
                and state["running"] == 0
                and state["unrun"] == state.get("visible", -1)
            ):
                # Nothing ran at all: on a loaded machine the first requests can go out before the kernel's
                # websocket is connected and be dropped. A learner would click Run All again; so do we.
                retries -= 1
                retry_at = time.monotonic() + 45
                self.timings["run_all_retries"] = self.timings.get("run_all_retries", 0) + 1
                self._menu("Run", "Run All Cells")
            problems = self.problems()
            if problems or time.monotonic() > deadline:
                self.screenshot(self.page.locator(PANEL), "run-all-failed")
                raise RuntimeError(
                    f"Run All did not finish for {self.name} after {time.perf_counter() - start:.0f} s: "
                    f"{state}; problems: {problems}"
                )
            time.sleep(0.25)
        self.timings["run_all_s"] = time.perf_counter() - start
        self.page.wait_for_function(
            "sel => !document.querySelector(sel).textContent.includes('Loading widget...')", arg=PANEL, timeout=60_000
        )
        return self.timings["run_all_s"]

    def problems(self) -> list[str]:
        return self.page.evaluate(CELL_PROBLEMS_JS, [PANEL, list(BROKEN_TEXT)])

    def cell(self, index: int):
        return self.page.locator(PANEL).locator(".jp-Notebook .jp-Cell").nth(index)

    def cell_text(self, index: int) -> str:
        """What the learner sees in cell ``index`` (scrolled into view first: Lab renders off-screen cells lazily)."""
        cell = self.cell(index)
        cell.scroll_into_view_if_needed()
        self.page.wait_for_timeout(200)
        return cell.inner_text()

    # -- the explorer -------------------------------------------------------------------
    def commit_prediction(self, cell_index: int, timeout: float = 60.0) -> bool:
        """Commit the *Predict first* box in cell ``cell_index`` (its first choice), as a learner must before the
        explorer is shown; wait until the explorer is revealed. False when the cell has no open prediction."""
        out = self.cell(cell_index).locator(".jp-Cell-outputArea")
        out.scroll_into_view_if_needed()
        choices = out.locator(".course-prediction-input .widget-radio-box label")
        if not choices.count():
            return False
        choices.first.click()
        deadline = time.monotonic() + timeout
        while not out.locator(".course-prediction-result .widget-slider").count() and time.monotonic() < deadline:
            time.sleep(0.25)
        return out.locator(".course-prediction-result .widget-slider").count() > 0

    def explorer_state(self, cell_index: int) -> dict:
        out = self.cell(cell_index).locator(".jp-Cell-outputArea")
        slider = out.locator(".widget-slider").first
        return {
            "age": slider.locator(".widget-readout").first.inner_text(),
            "summary": "\n".join(out.locator(".widget-html-content").all_inner_texts()),
            "traces": out.locator(".js-plotly-plot").first.evaluate(
                "p => Array.from(p.querySelectorAll('.trace path, .trace .point')).map("
                "e => (e.getAttribute('d') || '') + (e.getAttribute('transform') || '')).join('|')"
            ),
        }

    def wait_for_figure(self, cell_index: int, timeout: float = 30.0) -> bool:
        """Wait up to ``timeout`` s for the explorer's figure to draw its traces; True if it did.

        Empty axes here used to mean that plotly's FigureWidget code, sent with every figure, took longer
        than anywidget's 2 s start-up limit; course_lib.widgets.frontend now loads it once per page.
        """
        deadline = time.monotonic() + timeout
        while not self.explorer_state(cell_index)["traces"] and time.monotonic() < deadline:
            time.sleep(0.25)
        if self.explorer_state(cell_index)["traces"]:
            return True
        self.screenshot(self.cell(cell_index), "explorer-empty")
        return False

    def move_age(
        self, cell_index: int, key: str = "ArrowRight", presses: int = 4, timeout: float = 30.0
    ) -> tuple[dict, dict, float]:
        """Press ``key`` on the age slider's handle; return the state before, after the redraw, and the seconds taken."""
        out = self.cell(cell_index).locator(".jp-Cell-outputArea")
        out.scroll_into_view_if_needed()
        before = self.explorer_state(cell_index)
        handle = out.locator(".widget-slider .noUi-handle").first
        handle.focus()
        start = time.perf_counter()
        for _ in range(presses):
            handle.press(key)
        deadline = time.monotonic() + timeout
        after = self.explorer_state(cell_index)
        while (
            after["summary"] == before["summary"] or after["traces"] == before["traces"]
        ) and time.monotonic() < deadline:
            time.sleep(0.05)
            after = self.explorer_state(cell_index)
        return before, after, time.perf_counter() - start

    # -- editing ------------------------------------------------------------------------
    def append_to_cell(self, cell_index: int, text: str) -> None:
        """Click into a code cell's editor, go to its end, type a new line, and save the notebook (Ctrl+S)."""
        editor = self.cell(cell_index).locator(".cm-content")
        editor.scroll_into_view_if_needed()
        editor.click()
        self.page.keyboard.press("Control+End")
        self.page.keyboard.press("End")
        self.page.keyboard.press("Enter")
        self.page.keyboard.type(text)
        self.page.keyboard.press("Escape")
        self.page.keyboard.press("Control+s")

    def screenshot(self, locator, name: str) -> None:
        target = self.artifacts / f"{self.name}-{name}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            locator.screenshot(path=str(target), animations="disabled")
        except Exception:  # a screenshot is a record, never a failure
            pass

    def close(self) -> None:
        self.context.close()
