"""Drive JupyterLab in Chromium the way a learner does.

* :class:`LabServer` starts ``jupyter lab`` on 127.0.0.1 with a private config,
  data, runtime and settings directory, serving a *copy* of the notebooks (so a
  save in the browser can never touch the committed files), and stops it by PID.
* :class:`LabNotebook` opens one notebook in its own browser context, clears
  the stored outputs, runs every cell through the Run menu and waits until all
  code cells have fresh execution counts and the kernel is idle. It then finds
  figures, widget controls, summaries and quiz questions in the rendered page.
* :class:`Control` operates one ipywidgets control by its type: keyboard on
  sliders, a click on toggle buttons, radio buttons and checkboxes, a new
  option in a drop-down, typing plus Enter in a text field.

Nothing here asserts; the tests decide what is a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from course_lib.widgets.frontend import FOLDER as FRONTEND_FOLDER

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from chromium_page import (  # noqa: E402,F401 - re-exported for the tests and the benchmark
    BROKEN_TEXT,
    CELL_PROBLEMS_JS,
    CHROMIUM_ARGS,
    IDLE,
    PANEL,
    chromium,
    chromium_executable,
    wait_until,
)

ROOT = Path(__file__).resolve().parents[2]
#: The notebooks under test. ``COURSE_NOTEBOOKS_DIR`` points the browser tests at
#: another folder (used to check that the tests fail on a deliberately broken notebook).
NOTEBOOK_DIR = Path(os.environ.get("COURSE_NOTEBOOKS_DIR", ROOT / "notebooks"))
ARTIFACTS = ROOT / "test-artifacts" / "browser"
LAB_OVERRIDES = ROOT / "tools" / "lab-overrides.json"

QUIZ_CALL = re.compile(r"\bquiz\.quiz\(")
PREDICT_CALL = re.compile(r"\bpredict\.ask\(")


def notebooks() -> list[Path]:
    """Every course notebook, in course order (``NN_topic.ipynb``).

    notebooks/glossary.ipynb is left out on purpose: it has no code cells (nothing to Run All) and is
    generated from the glossary CSV, which tests/test_glossary.py checks; the site tests render it.
    """
    return sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LabServer:
    """A private JupyterLab server over a copy of the notebooks folder."""

    def __init__(self, workdir: Path, source: Path = NOTEBOOK_DIR):
        self.workdir = Path(workdir)
        self.source = Path(source)
        self.root = self.workdir / "root"
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self.log_path = self.workdir / "jupyterlab.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 120.0) -> LabServer:
        dirs = {k: self.workdir / k for k in ("config", "data", "runtime", "settings")}
        for d in dirs.values():
            d.mkdir(parents=True, exist_ok=True)
        shutil.copytree(
            self.source, self.root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
        )
        overrides = json.loads(LAB_OVERRIDES.read_text()) if LAB_OVERRIDES.exists() else {}
        # Never write back to disk: the copies stay as committed, and no dialog asks to save.
        overrides.setdefault("@jupyterlab/docmanager-extension:plugin", {})["autosave"] = False
        (dirs["settings"] / "overrides.json").write_text(json.dumps(overrides, indent=1))
        self.port = _free_port()
        env = dict(
            os.environ,
            JUPYTER_CONFIG_DIR=str(dirs["config"]),
            JUPYTER_DATA_DIR=str(dirs["data"]),
            JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
            PYTHONUNBUFFERED="1",
        )
        cmd = [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--allow-root",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            "--IdentityProvider.token=",
            "--ServerApp.password=",
            f"--ServerApp.root_dir={self.root}",
            f"--LabApp.app_settings_dir={dirs['settings']}",
            "--LabApp.news_url=",
            # window.jupyterapp lets the tests read execution counts from the notebook model: the DOM
            # prompts are blank for collapsed (solution) cells, so they cannot say whether a cell ran.
            "--LabApp.expose_app_in_browser=True",
        ]
        self._log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            cmd, env=env, stdout=self._log, stderr=subprocess.STDOUT, cwd=self.root, start_new_session=True
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/status", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"JupyterLab did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        """SIGTERM to the server's PID (it shuts its kernels down), then SIGKILL to its own process group."""
        if self.proc is None:
            return
        pid = self.proc.pid
        if self.proc.poll() is None:
            os.kill(pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.kill(pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        try:  # kernels started by this server share its process group (start_new_session=True)
            os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self._log.close()
        self.proc = None


# --------------------------------------------------------------------------- page helpers

_FIGURE_SIGNATURE_JS = """
(root) => Array.from(root.querySelectorAll('.js-plotly-plot')).map(plot => {
  const attrs = sel => Array.from(plot.querySelectorAll(sel)).map(
      e => (e.getAttribute('d') || '') + '|' + (e.getAttribute('transform') || '') + '|' + (e.getAttribute('style') || ''));
  const texts = sel => Array.from(plot.querySelectorAll(sel)).map(e => e.textContent);
  return {
    traces: attrs('.trace path, .trace rect, .shapelayer path'),
    images: Array.from(plot.querySelectorAll('.trace image, .hm image')).map(e => (e.getAttribute('href') || '').length),
    ticks: texts('.xtick text, .ytick text, .x2tick text, .y2tick text'),
    labels: texts('.annotation-text, .gtitle, .legendtext'),
  };
})
"""

_EXECUTION_COUNTS_JS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  return Array.from(panel.content.model.cells).filter(c => c.type === 'code').map(c => c.executionCount);
}"""

_FIGURE_MODELS_JS = """async () => {
  // The notebook's ipywidgets manager, reached through any widget output; then every plotly FigureWidget model.
  const panel = window.jupyterapp.shell.currentWidget;
  for (const cell of panel.content.widgets) {
    for (const child of (cell.outputArea?.widgets || [])) {
      for (const w of (child.widgets || [])) {
        if (!w._manager) continue;
        const mgr = w._manager.promise ? await w._manager.promise : w._manager;
        const models = await Promise.all(Object.values(mgr._models || {}));
        return models.filter(m => String(m.get('_anywidget_id') || '').includes('FigureWidget'))
                     .map(m => ({id: m.model_id, traces: (m.get('_widget_data') || []).length,
                                 view_count: m.get('_view_count')}));
      }
    }
  }
  return null;
}"""


def texts(locator) -> list[str]:
    """``textContent`` of every match. Unlike ``inner_text`` it does not depend on the cell being painted:
    JupyterLab skips rendering of off-screen cells (``content-visibility: auto``), and ``innerText`` is then empty."""
    return locator.evaluate_all("els => els.map(e => e.textContent)")


@dataclass
class Control:
    """One interactive control inside a widget's output, operated as a learner would."""

    kind: str  # slider | dropdown | toggle-buttons | radio | checkbox | toggle | text | number
    label: str
    locator: object  # playwright Locator of the control's root element
    _undo: object = None

    def _readout(self) -> str:
        loc = self.locator
        if self.kind == "slider":
            readout = loc.locator(".widget-readout")
            if readout.count():
                return readout.first.text_content() or ""
            return loc.locator(".noUi-handle").first.get_attribute("aria-valuenow") or ""
        if self.kind == "dropdown":
            return loc.locator("select").input_value()
        if self.kind == "toggle-buttons":
            return "|".join(texts(loc.locator("button.mod-active")))
        if self.kind == "radio":
            return "|".join(str(i.is_checked()) for i in loc.locator("input[type=radio]").all())
        if self.kind == "checkbox":
            return str(loc.locator("input[type=checkbox]").is_checked())
        if self.kind == "toggle":
            return str("mod-active" in (loc.get_attribute("class") or ""))
        return loc.locator("input, textarea").first.input_value()

    def operate(self) -> str:
        """Change the control's value once, as a learner would; return a short description of what was done.

        Choice controls remember how to go back (:meth:`revert`), so a choice that disables
        another control (for example a modality without intensities) does not hide it from the test.
        """
        loc = self.locator
        loc.scroll_into_view_if_needed()
        before = self._readout()
        self._undo = None
        if self.kind == "slider":
            handle = loc.locator(".noUi-handle").first
            handle.focus()
            for key in ("ArrowRight", "ArrowLeft"):
                handle.press(key)
                if wait_until(lambda: self._readout() != before, 2.0):
                    return f"pressed {key} on the slider handle ({before} -> {self._readout()})"
            return "pressed ArrowRight and ArrowLeft; the readout did not move"
        if self.kind == "dropdown":
            select = loc.locator("select")
            values = [o.get_attribute("value") for o in select.locator("option:not([disabled])").all()]
            current = select.input_value()
            new = next(v for v in values if v != current)
            select.select_option(new)
            self._undo = lambda: select.select_option(current)
            return f"selected option {new!r} (was {current!r})"
        if self.kind == "toggle-buttons":
            buttons = loc.locator("button").all()
            active = next((b for b in buttons if "mod-active" in (b.get_attribute("class") or "")), None)
            target = next(b for b in buttons if "mod-active" not in (b.get_attribute("class") or "") and b.is_enabled())
            text = target.text_content()
            target.click()
            self._undo = (lambda: active.click()) if active is not None else None
            return f"clicked toggle button {text!r}"
        if self.kind == "radio":
            labels = loc.locator(".widget-radio-box label").all()
            checked = next((lb for lb in labels if lb.locator("input").is_checked()), None)
            target = next(
                lb for lb in labels if not lb.locator("input").is_checked() and lb.locator("input").is_enabled()
            )
            text = target.text_content()
            target.click()
            self._undo = (lambda: checked.click()) if checked is not None else None
            return f"clicked radio option {text!r}"
        if self.kind in ("checkbox", "toggle"):
            target = loc.locator("input[type=checkbox]") if self.kind == "checkbox" else loc
            target.click()
            self._undo = target.click
            return f"clicked {self.kind} (was {before})"
        box = loc.locator("input, textarea").first
        new = _next_text_value(self.kind, before, box)
        box.fill(new)
        box.press("Enter")
        return f"typed {new!r} and pressed Enter (was {before!r})"

    def revert(self) -> bool:
        """Go back to the choice made before :meth:`operate` (choice controls only); True if it did."""
        if self._undo is None:
            return False
        self._undo()
        self._undo = None
        return True

    def is_disabled(self) -> bool:
        """True when a learner cannot use the control now (the widget or all of its inputs are disabled)."""
        cls = self.locator.get_attribute("class") or ""
        if "mod-disabled" in cls or self.locator.evaluate("e => e.disabled === true"):
            return True
        if self.kind == "slider":  # ipywidgets marks a disabled slider on its noUiSlider track, not on an input
            return self.locator.locator(".noUi-target[disabled]").count() > 0
        inputs = self.locator.locator("input, select, textarea, button").count()
        disabled = self.locator.locator("input:disabled, select:disabled, textarea:disabled, button:disabled").count()
        return inputs > 0 and inputs == disabled


def _next_text_value(kind: str, current: str, box) -> str:
    """A different value the control accepts: one step within its bounds for numbers; for text, the
    example in its placeholder ("optional, e.g. 180"), else the current number plus 10%, else a shorter text."""
    if kind == "number":
        value = float(current or 0)
        step_attr = box.get_attribute("step")
        step = float(step_attr) if step_attr not in (None, "", "any") else max(abs(value) * 0.1, 1.0)
        lo, hi = box.get_attribute("min"), box.get_attribute("max")
        new = value + step
        if hi not in (None, "") and new > float(hi):
            new = value - step
        if lo not in (None, "") and new < float(lo):
            new = float(lo)
        return f"{new:.10g}"
    example = re.search(r"-?\d+(?:\.\d+)?", box.get_attribute("placeholder") or "")
    if example and example.group(0) != current.strip():
        return example.group(0)
    try:
        return f"{float(current) * 1.1:.4g}"
    except ValueError:
        return current[:-1] if len(current) > 1 else current + "A"


def find_controls(output) -> list[Control]:
    """Every operable ipywidgets control in one cell's output area, in page order."""
    found: list[tuple[str, object]] = []
    selectors = {
        "slider": ".widget-slider",
        "dropdown": ".widget-dropdown",
        "toggle-buttons": ".widget-toggle-buttons",
        "radio": ".widget-radio",
        "checkbox": ".widget-checkbox",
        "toggle": "button.widget-toggle-button:not(.widget-toggle-buttons button)",
        "number": ".widget-text:has(input[type=number])",
        "text": ".widget-text:has(input[type=text]), .widget-textarea",
    }
    seen = set()
    for kind, sel in selectors.items():
        for loc in output.locator(sel).all():
            if loc.evaluate("e => e.closest('.course-prediction-input') !== null"):
                continue  # a prediction's own choice or entry: committed by LabNotebook.commit_predictions
            key = loc.evaluate(
                "e => { if (!e.dataset.courseId) e.dataset.courseId = Math.random().toString(36).slice(2); return e.dataset.courseId; }"
            )
            if key in seen:
                continue
            seen.add(key)
            pos = loc.evaluate("e => { const r = e.getBoundingClientRect(); return [r.top, r.left]; }")
            label = ""
            for sel in (".widget-label", ".widget-label-basic"):  # descriptions; checkboxes keep theirs in -basic
                if not label and loc.locator(sel).count():
                    label = (loc.locator(sel).first.text_content() or "").strip()
            if not label and kind == "toggle":
                label = (loc.text_content() or "").strip()
            found.append((pos, Control(kind=kind, label=label or kind, locator=loc)))
    found.sort(key=lambda item: (item[0][0], item[0][1]))
    return [c for _, c in found]


@dataclass
class LabNotebook:
    """One notebook, opened and run in its own browser context."""

    path: Path
    page: object
    context: object
    console_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    open_seconds: float = 0.0
    run_seconds: float = 0.0

    @property
    def source(self) -> nbformat.NotebookNode:
        return nbformat.read(self.path, as_version=4)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def panel(self):
        return self.page.locator(PANEL)

    def cell(self, index: int):
        """The rendered cell ``index`` (same numbering as ``nb.cells``)."""
        return self.panel.locator(".jp-Notebook .jp-Cell").nth(index)

    def output(self, index: int):
        return self.cell(index).locator(".jp-Cell-outputArea")

    def code_cell_indices(self) -> list[int]:
        return [i for i, c in enumerate(self.source.cells) if c.cell_type == "code"]

    # -- running ----------------------------------------------------------------
    def _menu(self, menu: str, item: str) -> None:
        self.page.locator(f".lm-MenuBar-itemLabel:text-is('{menu}')").click()
        self.page.locator(f".lm-Menu-itemLabel:text-is('{item}')").click()

    def execution_counts(self) -> list:
        """Execution count of every code cell in the open notebook's model (None if it has not run)."""
        return self.page.evaluate(_EXECUTION_COUNTS_JS)

    def _kernel_state(self) -> dict:
        return self.page.evaluate(
            f"""() => {{
                const panel = window.jupyterapp.shell.currentWidget;
                const kernel = panel.sessionContext.session?.kernel;
                return {{counts: ({_EXECUTION_COUNTS_JS})(), status: kernel?.status ?? null,
                         connection: kernel?.connectionStatus ?? null,
                         dialogs: Array.from(document.querySelectorAll('.jp-Dialog')).map(d => d.textContent)}};
            }}"""
        )

    def run_all(self, timeout: float = 240.0) -> None:
        """Clear stored outputs, Run All Cells, and wait until every code cell has run and the kernel is idle.

        The kernel must be connected and idle first: a Run All sent while it is still starting can be
        dropped. If nothing has started 30 s after the click, Run All is clicked once more.
        """
        self.page.wait_for_function(
            "() => { const k = window.jupyterapp.shell.currentWidget.sessionContext.session?.kernel;"
            " return k && k.status === 'idle' && k.connectionStatus === 'connected'; }",
            timeout=120_000,
        )
        self._menu("Edit", "Clear Outputs of All Cells")
        self.page.wait_for_function(f"() => ({_EXECUTION_COUNTS_JS})().every(c => c === null)", timeout=30_000)
        start = time.perf_counter()
        done = f"""() => {{
            const counts = ({_EXECUTION_COUNTS_JS})();
            const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session?.kernel;
            return kernel?.status === 'idle' && counts.length > 0 && counts.every(c => c !== null);
        }}"""
        started = f"""() => ({_EXECUTION_COUNTS_JS})().some(c => c !== null)
            || window.jupyterapp.shell.currentWidget.sessionContext.session?.kernel?.status === 'busy'"""
        for attempt in (1, 2):
            self._menu("Run", "Run All Cells")
            try:
                self.page.wait_for_function(started, timeout=30_000, polling=100)
                break
            except Exception:
                if attempt == 2:
                    raise RuntimeError(f"Run All did not start: {self._kernel_state()}") from None
        try:
            self.page.wait_for_function(done, timeout=timeout * 1000, polling=200)
        except Exception as exc:
            state = self._kernel_state()
            shot = ARTIFACTS / self.path.stem / "run_all_timeout.png"
            shot.parent.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(shot))
            raise RuntimeError(f"Run All did not finish in {timeout:.0f} s: {state}") from exc
        self.run_seconds = time.perf_counter() - start
        # Widget views and plotly figures render asynchronously after the kernel goes idle.
        self.page.wait_for_function(
            "sel => !document.querySelector(sel).textContent.includes('Loading widget...')", arg=PANEL, timeout=30_000
        )
        self.page.wait_for_timeout(300)

    # -- reading the page -----------------------------------------------------------
    def output_problems(self) -> list[str]:
        return self.page.evaluate(CELL_PROBLEMS_JS, [PANEL, list(BROKEN_TEXT)])

    def figure_widget_models(self) -> list[dict] | None:
        """Trace count of every FigureWidget model in the browser's widget manager (None if there is none)."""
        try:
            return self.page.evaluate(_FIGURE_MODELS_JS)
        except Exception:  # noqa: BLE001 - a diagnostic only
            return None

    def plotly_code_loads(self) -> int:
        """How many times the page fetched plotly's FigureWidget code from the server (course_lib/widgets/frontend.py)."""
        return self.page.evaluate(
            "folder => performance.getEntriesByType('resource').filter(e => e.name.includes('/' + folder + '/')).length",
            FRONTEND_FOLDER,
        )

    def figure_signature(self, scope) -> list[dict]:
        """What the figures in ``scope`` draw: trace and shape geometry and colours, tick labels, annotations."""
        return scope.evaluate(_FIGURE_SIGNATURE_JS)

    def summary_text(self, scope) -> str:
        """The text of every HTML/HTMLMath/Output widget in ``scope`` (a widget's summary line lives there)."""
        return "\n".join(
            texts(
                scope.locator(
                    ".widget-html-content, .widget-htmlmath-content, .jupyter-widgets-output-area .jp-OutputArea-output"
                )
            )
        )

    def prediction_cells(self) -> list[int]:
        return [i for i in self.code_cell_indices() if PREDICT_CALL.search(self.source.cells[i].source)]

    def commit_predictions(self, index: int, timeout: float = 20.0) -> int:
        """Commit every open prediction in cell ``index`` as a learner would (first choice, or the number shown
        plus one and Commit), and wait until its result has been revealed. Returns how many were committed."""
        out = self.output(index)
        committed = 0
        for box in out.locator(".course-prediction").all():
            radios = box.locator(".course-prediction-input input[type=radio]:enabled")
            entry = box.locator(".course-prediction-input input[type=number]:enabled")
            if radios.count():
                box.locator(".course-prediction-input .widget-radio-box label").first.click()
            elif entry.count():
                entry.first.fill(f"{float(entry.first.input_value() or 0) + 1:g}")
                entry.first.press("Enter")
                box.locator(".course-prediction-input button").first.click()
            else:
                continue
            committed += 1
            result = box.locator(".course-prediction-result")
            wait_until(lambda result=result: result.locator(".jp-OutputArea-output").count() > 0, timeout)
        if committed:
            self.page.wait_for_timeout(300)
        return committed

    def widget_cells(self) -> list[int]:
        """Code cells whose fresh output holds at least one control, quizzes excepted. A prediction in the cell
        is committed first, because its widget is revealed only then."""
        cells = []
        for i in self.code_cell_indices():
            if QUIZ_CALL.search(self.source.cells[i].source):
                continue
            if PREDICT_CALL.search(self.source.cells[i].source):
                self.commit_predictions(i)
            if find_controls(self.output(i)):
                cells.append(i)
        return cells

    def quiz_cells(self) -> list[int]:
        return [i for i in self.code_cell_indices() if QUIZ_CALL.search(self.source.cells[i].source)]

    def screenshot(self, locator, name: str) -> Path:
        target = ARTIFACTS / self.path.stem / f"{name}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        locator.scroll_into_view_if_needed()
        locator.screenshot(path=str(target), animations="disabled")
        return target


class LabSession:
    """One browser and one server for the whole test session; each notebook is opened and run once."""

    def __init__(self, browser, server: LabServer, *, clear_artifacts: bool = True):
        self.browser = browser
        self.server = server
        self.clear_artifacts = clear_artifacts
        self._open: dict[str, LabNotebook] = {}
        self.failed: dict[str, str] = {}

    def notebook(self, path: Path) -> LabNotebook:
        if path.name in self.failed:
            raise RuntimeError(f"{path.name} failed to open or run earlier: {self.failed[path.name]}")
        if path.name not in self._open:
            try:
                self._open[path.name] = self._open_and_run(path)
            except Exception as exc:
                self.failed[path.name] = f"{type(exc).__name__}: {exc}"
                raise
        return self._open[path.name]

    def _open_and_run(self, path: Path) -> LabNotebook:
        if self.clear_artifacts:  # the tests start each notebook's screenshots afresh; the benchmark leaves them
            shutil.rmtree(ARTIFACTS / path.stem, ignore_errors=True)
        context = self.browser.new_context(viewport={"width": 1280, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(30_000)
        nb = LabNotebook(path=path, page=page, context=context)
        local = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")
        page.on("console", lambda m: nb.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: nb.console_errors.append(f"uncaught: {e}"))
        page.on("request", lambda r: None if r.url.startswith(local) else nb.external_requests.append(r.url))
        start = time.perf_counter()
        workspace = re.sub(r"\W", "", path.stem)
        page.goto(f"{self.server.url}/lab/workspaces/{workspace}/tree/notebooks/{path.name}?reset")
        page.wait_for_selector(IDLE, timeout=90_000)
        page.wait_for_selector(f"{PANEL} .jp-Notebook .jp-Cell", timeout=30_000)
        nb.open_seconds = time.perf_counter() - start
        nb.run_all()
        return nb

    def close(self) -> None:
        for nb in self._open.values():
            try:
                nb.context.close()
            except Exception:
                pass
        self._open.clear()
