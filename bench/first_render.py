"""How often a widget's FigureWidget first renders empty in JupyterLab (the first-render race).

    python bench/first_render.py 07_capstone 05_lifespan_trajectory --loads 8

Each load opens the notebook in a fresh browser context, clears it, runs all cells
and counts the figures on the page that drew no trace. Prints one JSON line per
notebook: loads, loads with an empty figure, and the empty-figure count per load.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from helpers import LabServer, LabSession, chromium, notebooks  # noqa: E402


def count_empty(names: list[str], loads: int) -> list[dict]:
    paths = [p for p in notebooks() if p.stem in names or p.name in names]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        server = LabServer(Path(tmp)).start()
        try:
            with chromium() as browser:
                for path in paths:
                    empties = []
                    for _ in range(loads):
                        session = LabSession(browser, server, clear_artifacts=False)
                        nb = session.notebook(path)
                        figures = nb.figure_signature(nb.panel)
                        empties.append(sum(1 for f in figures if not (f["traces"] or f["images"])))
                        session.close()
                    rows.append(
                        {
                            "notebook": path.stem,
                            "loads": loads,
                            "loads_with_empty_figure": sum(1 for e in empties if e),
                            "empty_per_load": empties,
                        }
                    )
        finally:
            server.stop()
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--loads", type=int, default=8)
    args = parser.parse_args()
    for row in count_empty(args.notebooks, args.loads):
        print(json.dumps(row))
