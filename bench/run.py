"""The course's performance report: ``make bench`` measures everything in one run and writes bench/RESULTS.md.

Measured, side by side:

* the lifespan explorer's kernel-side update latency (median/p95) against the
  naive rebuild-the-figure way (bench/explorer_latency.py);
* slider keypress to redraw in JupyterLab in Chromium, for every widget with a
  slider and a figure (bench/browser_latency.py);
* execution time per notebook and for the whole course (bench/course_timing.py);
* the kernel-side cost of one slider step in every widget (bench/widget_update.py), which
  explains most of a slow redraw;
* ``import course_lib`` time;
* stored notebook sizes.

Each number is compared with its goal; a missed goal is reported with the
margin and the likely cause, never hidden. A benchmark measures; the tests
assert (there are no timing assertions in the test suite).

    python bench/run.py                 # everything (about 5-10 minutes)
    python bench/run.py --no-browser    # without Chromium
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import platform
import shutil
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
RESULTS = HERE / "RESULTS.md"

GOAL_COURSE_S = 60.0
GOAL_NOTEBOOK_KB = 300.0
GOAL_REDRAW_MS = 150.0
GOAL_EXPLORER_MEDIAN_MS = 5.0
GOAL_SPEEDUP = 10.0


def _load(name: str):
    path = HERE / f"{name}.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _chromium_version() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        return "not installed"
    try:
        return subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return exe


def _verdict(ok: bool | None) -> str:
    return "—" if ok is None else ("**yes**" if ok else "**no**")


def _round_trip_note(sliders: list[dict]) -> str:
    """How much of a redraw is the round trip every widget pays: the fastest measured slider."""
    from course_lib import data

    fastest = min(sliders, key=lambda x: x["median_ms"])
    points = sorted(
        {int(data.parameter(t, n)) for t, n in (("assay_parameters", "sim_n"), ("confounding_parameters", "conf_n"))}
    )
    return (
        f"The fastest slider ({fastest['notebook']} '{fastest['slider']}') takes {fastest['median_ms']:.0f} ms, "
        "which is roughly the round trip every widget pays (keypress to kernel, the figure update back over the "
        "websocket, plotly's redraw) before its own work; the rest is the widget's Python and drawing its "
        f"traces (the 06_methodology scatters draw {' and '.join(map(str, points))} simulated people). "
    )


def _load_note(r: dict) -> str:
    """A sentence on machine load, only when the machine was busy enough to matter."""
    load, cores = r["load_before"][0], os.cpu_count() or 1
    if load < cores / 2:
        return ""
    return f" The machine was busy (load average {load:.1f} on {cores} cores at the start), which slows every step."


def _fmt(x, digits=1, unit="") -> str:
    return "n/a" if x is None else f"{x:.{digits}f}{unit}"


def collect(browser: bool) -> dict:
    results: dict = {
        "started": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load_before": os.getloadavg(),
    }
    timing = _load("course_timing")
    t = time.perf_counter()
    results["sizes_kB"] = timing.sizes()
    results.update(timing.import_times())
    print(f"import times measured ({time.perf_counter() - t:.0f} s)", flush=True)

    explorer = _load("explorer_latency")
    if explorer is None:
        results["explorer"] = None
        print("explorer latency: bench/explorer_latency.py not available yet", flush=True)
    else:
        t = time.perf_counter()
        results["explorer"] = explorer.measure(200)
        print(f"explorer latency measured ({time.perf_counter() - t:.0f} s)", flush=True)

    t = time.perf_counter()
    results["widget_update"] = _load("widget_update").measure()
    print(f"kernel-side widget updates measured ({time.perf_counter() - t:.0f} s)", flush=True)

    t = time.perf_counter()
    results.update(timing.course_times())
    print(f"course execution measured ({time.perf_counter() - t:.0f} s)", flush=True)

    if browser and (shutil.which("chromium") or shutil.which("chromium-browser")):
        t = time.perf_counter()
        results["sliders"] = _load("browser_latency").measure()
        print(f"slider-to-redraw measured ({time.perf_counter() - t:.0f} s)", flush=True)
    else:
        results["sliders"] = None
    results["load_after"] = os.getloadavg()
    return results


def report(r: dict) -> str:
    lines = [
        "# Performance report",
        "",
        f"Generated by `make bench` (`bench/run.py`) on {r['started']}. Numbers change with the machine and "
        "with whatever else it is doing, so the context is part of the result.",
        "",
        f"* Machine: {os.cpu_count()} cores, {platform.machine()}, load average "
        f"{r['load_before'][0]:.1f} before and {r['load_after'][0]:.1f} after (1-minute; "
        f"{os.cpu_count()} means fully busy).",
        f"* Python {platform.python_version()}, plotly {version('plotly')}, ipywidgets {version('ipywidgets')}, "
        f"JupyterLab {version('jupyterlab')}, {_chromium_version()}.",
        "",
    ]

    course = r["serial_total_s"]
    biggest = max(r["sizes_kB"].items(), key=lambda kv: kv[1])
    ex = r.get("explorer")
    sliders = [s for s in (r.get("sliders") or []) if s.get("median_ms") is not None]
    worst = max(sliders, key=lambda s: s["median_ms"]) if sliders else None
    worst_p95 = max((s["p95_ms"] for s in sliders), default=None)

    rows = [
        (
            "Whole course, notebook after notebook (`make notebooks`)",
            f"{course:.1f} s",
            f"≤ {GOAL_COURSE_S:.0f} s",
            course <= GOAL_COURSE_S,
        ),
        ("Whole course, two notebooks at a time (both cores busy)", f"{r['two_at_a_time_s']:.1f} s", "—", None),
        (
            "Fixed cost per notebook (kernel start + course_lib imports, one-cell notebook)",
            f"{r['fixed_cost_s']:.1f} s",
            "—",
            None,
        ),
        (
            "Largest stored notebook",
            f"{biggest[1]:.0f} kB ({biggest[0]})",
            f"≤ {GOAL_NOTEBOOK_KB:.0f} kB each",
            biggest[1] <= GOAL_NOTEBOOK_KB,
        ),
    ]
    if r.get("sliders") is None:
        rows.append(
            (
                "Slider keypress to redraw in Chromium",
                "not measured (no Chromium, or --no-browser)",
                f"≤ {GOAL_REDRAW_MS:.0f} ms",
                None,
            )
        )
    elif worst:
        rows.append(
            (
                "Slider keypress to redraw in Chromium, slowest widget (median; worst p95)",
                f"{worst['median_ms']:.0f} ms ({worst['notebook']}, {worst['slider']}); p95 {worst_p95:.0f} ms",
                f"≤ {GOAL_REDRAW_MS:.0f} ms",
                worst["median_ms"] <= GOAL_REDRAW_MS,
            )
        )
    else:
        rows.append(
            (
                "Slider keypress to redraw in Chromium",
                "no slider could be measured (see below)",
                f"≤ {GOAL_REDRAW_MS:.0f} ms",
                False,
            )
        )
    if ex is None:
        rows.append(
            (
                "Explorer update, kernel side",
                "not available yet (bench/explorer_latency.py missing)",
                f"median ≤ {GOAL_EXPLORER_MEDIAN_MS:.0f} ms",
                None,
            )
        )
    else:
        rows += [
            (
                "Explorer update in place, kernel side (median / p95)",
                f"{ex['inplace_median_ms']:.2f} / {ex['inplace_p95_ms']:.2f} ms",
                f"median ≤ {GOAL_EXPLORER_MEDIAN_MS:.0f} ms",
                ex["inplace_median_ms"] <= GOAL_EXPLORER_MEDIAN_MS,
            ),
            (
                "Naive rebuild of the figure, kernel side (median / p95)",
                f"{ex['naive_median_ms']:.2f} / {ex['naive_p95_ms']:.2f} ms",
                "—",
                None,
            ),
            (
                "Explorer speed-up over the naive rebuild (medians)",
                f"{ex['speedup']:.1f}×",
                f"≥ {GOAL_SPEEDUP:.0f}×",
                ex["speedup"] >= GOAL_SPEEDUP,
            ),
        ]
    rows += [
        ("`import course_lib` (median of 7 fresh processes)", f"{r['import_course_lib_s'] * 1000:.0f} ms", "—", None),
        ("Import every `course_lib` module", f"{r['import_all_modules_s'] * 1000:.0f} ms", "—", None),
    ]
    lines += ["## Goals", "", "| Measure | Measured | Goal | Met |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {_verdict(d)} |" for a, b, c, d in rows]

    by_nb: dict[str, list] = {}
    for s in r.get("sliders") or []:
        by_nb.setdefault(s["notebook"], []).append(s)
    lines += [
        "",
        "## Per notebook",
        "",
        "| Notebook | Execution (s) | Stored size (kB) | Slider → redraw, median / p95 (ms) |",
        "|---|---|---|---|",
    ]
    for stem, secs in r["per_notebook_s"].items():
        cells = (
            "; ".join(
                (
                    f"{s['slider']}: {_fmt(s['median_ms'], 0)} / {_fmt(s['p95_ms'], 0)}"
                    + (
                        f" ({s['timeouts']} of {s['presses']} presses gave no redraw in 5 s)"
                        if s.get("timeouts")
                        else ""
                    )
                    if s.get("median_ms") is not None
                    else f"{s['slider']}: {s.get('note', 'not measured')}"
                )
                for s in by_nb.get(stem, [])
            )
            or "—"
        )
        lines.append(f"| {stem} | {secs:.1f} | {r['sizes_kB'][stem]:.0f} | {cells} |")

    missed = [a for a, _, _, d in rows if d is False]
    lines += ["", "## Goals missed", ""]
    if not missed:
        lines.append("None in this run.")
    for a, b, c, d in rows:
        if d is not False:
            continue
        if a.startswith("Whole course"):
            slow = sorted(r["per_notebook_s"].items(), key=lambda kv: -kv[1])[:3]
            lines.append(
                f"* **{a}**: {course:.1f} s against {GOAL_COURSE_S:.0f} s, {course - GOAL_COURSE_S:.1f} s "
                f"({(course / GOAL_COURSE_S - 1) * 100:.0f}%) over. Slowest: "
                + ", ".join(f"{k} {v:.1f} s" for k, v in slow)
                + f". Before its own cells run, each notebook pays a kernel start and the course_lib "
                f"imports: {r['fixed_cost_s']:.1f} s for a notebook that only imports, so "
                f"{len(r['per_notebook_s'])} notebooks spend about "
                f"{r['fixed_cost_s'] * len(r['per_notebook_s']):.0f} s of the {course:.0f} s there, plus "
                f"{r['tool_import_s']:.1f} s once for importing nbformat/nbclient." + _load_note(r)
            )
        elif a.startswith("Largest"):
            over = {k: v for k, v in r["sizes_kB"].items() if v > GOAL_NOTEBOOK_KB}
            lines.append(
                f"* **{a}**: "
                + ", ".join(f"{k} {v:.0f} kB ({v - GOAL_NOTEBOOK_KB:.0f} kB over)" for k, v in over.items())
                + "."
            )
        elif a.startswith("Slider keypress"):
            slow = sorted((x for x in sliders if x["median_ms"] > GOAL_REDRAW_MS), key=lambda x: -x["median_ms"])
            costly = sorted(
                (w for w in r.get("widget_update") or [] if w["median_ms"] > 20), key=lambda w: -w["median_ms"]
            )
            lines.append(
                f"* **{a}**: {len(slow)} of {len(sliders)} measured sliders are over {GOAL_REDRAW_MS:.0f} ms: "
                + "; ".join(
                    f"{x['notebook']} '{x['slider']}' {x['median_ms']:.0f} ms "
                    f"(+{x['median_ms'] - GOAL_REDRAW_MS:.0f} ms)"
                    for x in slow
                )
                + ". "
                + (
                    "Kernel-side work per change (the widget's own Python, measured without a browser, "
                    "table below): "
                    + "; ".join(f"{w['builder']}.{w['control']} {w['median_ms']:.0f} ms" for w in costly[:5])
                    + ". "
                    if costly
                    else "No widget's own Python takes over 20 ms per change, so the time is "
                    "spent in messaging and drawing. "
                )
                + _round_trip_note(sliders)
                + _load_note(r).strip()
            )
        else:
            lines.append(f"* **{a}**: measured {b}, goal {c}.")
    notes = [s for s in (r.get("sliders") or []) if s.get("median_ms") is None or s.get("timeouts")]
    if notes:
        lines += ["", "Sliders that could not be fully measured:", ""]
        lines += [
            f"* {s['notebook']} cell {s['cell']} ({s['slider']}): "
            + (s.get("note") or f"{s['timeouts']} of {s['presses']} presses gave no redraw within 5 s")
            for s in notes
        ]
    if r.get("widget_update"):
        lines += [
            "",
            "## Kernel-side cost of one slider step, per widget",
            "",
            "The widget's own Python per change (median of 20, in this process, no kernel or browser).",
            "",
            "| Widget | Control | Median (ms) |",
            "|---|---|---|",
        ]
        lines += [f"| {w['builder']} | {w['control']} | {w['median_ms']:.1f} |" for w in r["widget_update"]]
    lines += [
        "",
        "## How each number is measured",
        "",
        "* **Course execution**: `bench/course_timing.py` executes the notebooks as `make notebooks` does "
        "(one process, a fresh kernel per notebook, no widget state stored, nothing written). Per notebook: "
        "its execution, kernel start included; the total is the whole process. The goal applies to that "
        "notebook-after-notebook total.",
        "* **Slider → redraw**: `bench/browser_latency.py` opens each notebook in JupyterLab (Chromium, "
        "headless), runs all cells, focuses the first slider of each widget that has a figure and presses "
        "ArrowRight/ArrowLeft alternately (20 presses, 150 ms apart). In the page a `keydown` listener "
        "stamps the press and a MutationObserver on the figure's SVG stamps the first redraw; the time to "
        "the next animation frame after it is reported.",
        "* **Explorer latency**: `bench/explorer_latency.py` (200 control changes inside a real ipykernel; "
        "in place = set the control, the observer restyles the FigureWidget; naive = rebuild and "
        "re-display the whole figure in an Output widget).",
        "* **Kernel-side widget cost**: `bench/widget_update.py` moves each slider of each widget builder one "
        "step and back 20 times in-process and takes the median.",
        "* **Import**: median of 7 fresh interpreter processes.",
        "* **Sizes**: bytes on disk / 1000, as `tests/test_notebooks.py` counts them.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Measure the course's performance and write bench/RESULTS.md.")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium slider measurement")
    parser.add_argument("--no-write", action="store_true", help="print the report without writing RESULTS.md")
    args = parser.parse_args(argv)
    text = report(collect(browser=not args.no_browser))
    if not args.no_write:
        RESULTS.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
