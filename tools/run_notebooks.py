"""Re-execute notebooks in place, in a fresh kernel each, to refresh stored outputs.

    python tools/run_notebooks.py notebooks/*.ipynb

This is the only way stored outputs should change (``make notebooks``). Each
notebook runs top to bottom with the course's own Python, from the
``notebooks/`` folder, so execution counts are 1..n. Solution cells (tag ``solution``) run like any
other but are saved without outputs, so nothing shows an answer before the learner tries. Widget state is not
stored: with a FigureWidget it costs about 5 MB per notebook and JupyterLab
never uses it. Consecutive stream outputs are merged (as nbval compares them), so
how the kernel happened to chunk stdout does not change the stored file.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert.preprocessors.coalescestreams import CoalesceStreamsPreprocessor


def execute(path: Path, *, timeout: int = 300) -> nbformat.NotebookNode:
    """Execute one notebook and return it (not saved)."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=False,
        record_timing=False,  # no per-cell timestamps: a re-run changes only what the learner sees
    )
    # Solution cells run (so a broken solution fails here and under nbval) but keep no output.
    client.execute()
    nb, _ = CoalesceStreamsPreprocessor().preprocess(nb, {})
    for cell in nb.cells:  # a stored solution output would give the answer away before an attempt
        if "solution" in cell.get("metadata", {}).get("tags", []):
            cell.outputs = []
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    return nb


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(Path("notebooks").glob("*.ipynb"))
    for path in paths:
        start = time.perf_counter()
        nb = execute(path)
        nbformat.write(nb, path)
        print(f"{path}: {time.perf_counter() - start:.1f} s, {path.stat().st_size / 1000:.0f} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
