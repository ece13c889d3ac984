"""Slider keypress to redraw, in JupyterLab in Chromium, for every widget with a slider and a figure.

For each notebook, JupyterLab (private config, 127.0.0.1) opens it, runs all
cells, and for the first slider of every widget whose output holds a plotly
figure the script presses ArrowRight/ArrowLeft alternately on the focused
handle. In the page, a ``keydown`` listener records the press time and a
MutationObserver on the figure records the first change to its SVG after it;
the time to the next animation frame after that change is the redraw time
(what a learner waits before the new curve is on screen).

    python bench/browser_latency.py                 # every notebook, 20 presses per slider
    python bench/browser_latency.py 05_lifespan_trajectory --presses 40
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from helpers import LabServer, LabSession, chromium, find_controls, notebooks  # noqa: E402

_INSTALL_JS = """
([handle, plot]) => {
  window.__lat = [];
  window.__t0 = null;
  handle.addEventListener('keydown', () => { window.__t0 = performance.now(); }, true);
  const obs = new MutationObserver(() => {
    if (window.__t0 === null) return;
    const t0 = window.__t0, t1 = performance.now();
    window.__t0 = null;
    requestAnimationFrame(() => window.__lat.push({dom_ms: t1 - t0, frame_ms: performance.now() - t0}));
  });
  obs.observe(plot, {subtree: true, childList: true, attributes: true, attributeFilter: ['d', 'transform']});
  window.__obs = obs;
}
"""


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def _measure_slider(nb, cell: int, control, presses: int) -> dict:
    out = nb.output(cell)
    plot = out.locator(".js-plotly-plot").last
    handle = control.locator.locator(".noUi-handle").first
    handle.scroll_into_view_if_needed()
    nb.page.evaluate(_INSTALL_JS, [handle.element_handle(), plot.element_handle()])
    handle.focus()
    timeouts = 0
    key = "ArrowRight"
    for _i in range(presses):
        before = len(nb.page.evaluate("() => window.__lat"))
        handle.press(key)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and len(nb.page.evaluate("() => window.__lat")) == before:
            time.sleep(0.01)
        if len(nb.page.evaluate("() => window.__lat")) == before:
            timeouts += 1
            nb.page.evaluate("() => { window.__t0 = null; }")
        # Alternate, so the value oscillates around its default (a press at the end of the range
        # moves nothing and counts as a timeout; the next press goes the other way).
        key = "ArrowLeft" if key == "ArrowRight" else "ArrowRight"
        time.sleep(0.15)  # let the kernel settle so presses do not queue
    lat = nb.page.evaluate("() => { window.__obs.disconnect(); return window.__lat; }")
    frames = [x["frame_ms"] for x in lat]
    doms = [x["dom_ms"] for x in lat]
    return {
        "notebook": nb.path.stem,
        "cell": cell,
        "slider": control.label,
        "presses": presses,
        "measured": len(frames),
        "timeouts": timeouts,
        "median_ms": statistics.median(frames) if frames else None,
        "p95_ms": _percentile(frames, 95) if frames else None,
        "dom_median_ms": statistics.median(doms) if doms else None,
    }


def measure(names: list[str] | None = None, presses: int = 20) -> list[dict]:
    """One row per measured slider (the first slider of each widget that has a figure)."""
    paths = [p for p in notebooks() if not names or p.stem in names or p.name in names]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        server = LabServer(Path(tmp)).start()
        try:
            with chromium() as browser:
                session = LabSession(browser, server, clear_artifacts=False)
                for path in paths:
                    nb = session.notebook(path)
                    for cell in nb.widget_cells():
                        out = nb.output(cell)
                        figures = nb.figure_signature(out)
                        sliders = [c for c in find_controls(out) if c.kind == "slider" and not c.is_disabled()]
                        if not figures or not sliders:
                            continue
                        if not any(f["traces"] for f in figures):
                            rows.append(
                                {
                                    "notebook": path.stem,
                                    "cell": cell,
                                    "slider": sliders[0].label,
                                    "presses": 0,
                                    "measured": 0,
                                    "timeouts": 0,
                                    "median_ms": None,
                                    "p95_ms": None,
                                    "dom_median_ms": None,
                                    "note": "figure rendered empty (FigureWidget first-render race)",
                                }
                            )
                            continue
                        rows.append(_measure_slider(nb, cell, sliders[0], presses))
                    nb.context.close()
        finally:
            server.stop()
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="notebook stems (default: all)")
    parser.add_argument("--presses", type=int, default=20)
    args = parser.parse_args()
    print(json.dumps(measure(args.notebooks or None, args.presses), indent=1))
