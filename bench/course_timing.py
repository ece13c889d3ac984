"""Notebook execution times, stored sizes and the import time of course_lib.

The course is executed the way ``make notebooks`` does it (tools/run_notebooks.py):
one process, a fresh kernel per notebook, widget state not stored, nothing written
back. Each notebook's time is its ``execute()`` call (kernel start included); the
course total is the whole process, from start to the last notebook (so the one-off
import of nbformat/nbclient is counted once, as in ``make notebooks``). A second run
splits the notebooks between two processes at once (the 2-core machine fully used).

    python bench/course_timing.py        # prints a JSON dict
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

# Runs in a child process: execute each notebook given on the command line, print one JSON line.
_RUN = """
import json, sys, time
t0 = time.perf_counter()
sys.path.insert(0, {root!r})
from pathlib import Path
from tools.run_notebooks import execute
imported = time.perf_counter() - t0
times = {{}}
for arg in sys.argv[1:]:
    t = time.perf_counter()
    execute(Path(arg))
    times[Path(arg).stem] = time.perf_counter() - t
print(json.dumps({{"import_s": imported, "times": times}}))
"""


def _run(paths: list[Path]) -> tuple[float, dict]:
    """(wall seconds of the whole process, its JSON report) for executing ``paths`` one after another."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _RUN.format(root=str(ROOT)), *map(str, paths)],
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return time.perf_counter() - start, json.loads(done.stdout.strip().splitlines()[-1])


def fixed_cost() -> float:
    """Seconds to execute a one-cell notebook that only imports every course_lib module (kernel start plus
    imports): what each course notebook pays before its own cells run."""
    import nbformat

    cell = (
        "import importlib, pkgutil, course_lib\n"
        "for m in pkgutil.walk_packages(course_lib.__path__, 'course_lib.'): importlib.import_module(m.name)"
    )
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(cell)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "imports_only.ipynb"
        nbformat.write(nb, path)
        _, report = _run([path, path, path])
    return statistics.median(report["times"].values()) if len(report["times"]) > 1 else report["times"][path.stem]


def course_times() -> dict:
    wall, report = _run(NOTEBOOKS)
    per = report["times"]
    # Two processes at once, notebooks dealt out longest first to balance them.
    halves: list[list[Path]] = [[], []]
    loads = [0.0, 0.0]
    for p in sorted(NOTEBOOKS, key=lambda p: -per[p.stem]):
        k = loads.index(min(loads))
        halves[k].append(p)
        loads[k] += per[p.stem]
    start = time.perf_counter()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _RUN.format(root=str(ROOT)), *map(str, h)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for h in halves
    ]
    for proc in procs:
        proc.wait()
    parallel = time.perf_counter() - start
    return {
        "per_notebook_s": per,
        "serial_total_s": wall,
        "tool_import_s": report["import_s"],
        "two_at_a_time_s": parallel,
        "fixed_cost_s": fixed_cost(),
    }


def import_times(repeats: int = 7) -> dict:
    """Median seconds for ``import course_lib`` and for importing every course_lib module, each in a new process."""
    plain = "import time; t = time.perf_counter(); import course_lib; print(time.perf_counter() - t)"
    full = (
        "import time, pkgutil, importlib; t = time.perf_counter(); import course_lib\n"
        "for m in pkgutil.walk_packages(course_lib.__path__, 'course_lib.'): importlib.import_module(m.name)\n"
        "print(time.perf_counter() - t)"
    )

    def median_of(code: str) -> float:
        return statistics.median(
            float(
                subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd="/").stdout
            )
            for _ in range(repeats)
        )

    return {"import_course_lib_s": median_of(plain), "import_all_modules_s": median_of(full)}


def sizes() -> dict:
    """Stored size of every notebook in kB (1 kB = 1000 bytes, as tests/test_notebooks.py counts)."""
    return {p.stem: p.stat().st_size / 1000 for p in NOTEBOOKS}


if __name__ == "__main__":
    print(json.dumps({"sizes_kB": sizes(), **import_times(), **course_times()}, indent=1))
