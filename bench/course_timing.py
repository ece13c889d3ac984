"""Notebook execution times, stored sizes and the import time of course_lib.

Each notebook is executed the way ``make notebooks`` does it (tools/run_notebooks.py:
a fresh kernel, widget state not stored), in its own process, and timed from
process start to the executed notebook in memory (kernel start included). The
course is run twice: once notebook after notebook (what ``make notebooks`` and a
learner's "Run All" through the course do), and once two at a time (the 2-core
machine fully used). Nothing is written back to the notebooks.

    python bench/course_timing.py        # prints a JSON dict
"""
from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

_RUN = (
    "import sys, time; t = time.perf_counter(); sys.path.insert(0, {root!r});"
    "from pathlib import Path; from tools.run_notebooks import execute;"
    "execute(Path(sys.argv[1])); print(time.perf_counter() - t)"
)


def run_notebook(path: Path) -> float:
    """Wall-clock seconds to execute one notebook in a fresh process and kernel."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", _RUN.format(root=str(ROOT)), str(path)], check=True, cwd=ROOT,
                   capture_output=True, text=True)
    return time.perf_counter() - start


def course_times() -> dict:
    serial = {p.stem: run_notebook(p) for p in NOTEBOOKS}
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(run_notebook, NOTEBOOKS))
    parallel = time.perf_counter() - start
    return {"per_notebook_s": serial, "serial_total_s": sum(serial.values()), "two_at_a_time_s": parallel}


def import_times(repeats: int = 7) -> dict:
    """Median seconds for ``import course_lib`` and for importing every course_lib module, each in a new process."""
    plain = "import time; t = time.perf_counter(); import course_lib; print(time.perf_counter() - t)"
    full = ("import time, pkgutil, importlib; t = time.perf_counter(); import course_lib\n"
            "for m in pkgutil.walk_packages(course_lib.__path__, 'course_lib.'): importlib.import_module(m.name)\n"
            "print(time.perf_counter() - t)")

    def median_of(code: str) -> float:
        return statistics.median(float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                                      text=True, cwd="/").stdout) for _ in range(repeats))

    return {"import_course_lib_s": median_of(plain), "import_all_modules_s": median_of(full)}


def sizes() -> dict:
    """Stored size of every notebook in kB (1 kB = 1000 bytes, as tests/test_notebooks.py counts)."""
    return {p.stem: p.stat().st_size / 1000 for p in NOTEBOOKS}


if __name__ == "__main__":
    print(json.dumps({"sizes_kB": sizes(), **import_times(), **course_times()}, indent=1))
