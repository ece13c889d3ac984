"""Reliability of the notebooks: they run with the network switched off, and they run the same way twice.

* **Offline.** Each notebook is executed in a fresh kernel inside a new network
  namespace (``unshare -n``) that has only a loopback interface, so any attempt
  to fetch something fails. The namespace is checked first: inside it, a
  connection to a public address must fail with "network is unreachable".
  Where namespaces are not available (not root and no user namespaces, or no
  ``unshare``/``ip``), the offline tests skip with one line saying why.
* **Determinism.** Two executions of the same notebook give identical outputs,
  compared the way nbval compares them (same skipped MIME types, same
  sanitizer), plus the plotly figure JSON, which nbval skips.

Both execute whole notebooks, so they are marked ``slow`` (``make test`` runs them;
``make unit`` does not).
"""

from __future__ import annotations

import configparser
import copy
import functools
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
PLOTLY_MIME = "application/vnd.plotly.v1+json"


def _root_conftest():
    spec = importlib.util.spec_from_file_location("course_root_conftest", ROOT / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: The MIME types nbval does not compare (from the root conftest, so both stay in step).
SKIP_MIMES = tuple(_root_conftest().NBVAL_SKIP_MIMES)


def _sanitizers() -> list[tuple[re.Pattern, str]]:
    """The regex/replace pairs of tests/sanitize.cfg, as nbval applies them."""
    parser = configparser.ConfigParser()
    parser.read(ROOT / "tests" / "sanitize.cfg")
    return [(re.compile(parser[s]["regex"]), parser[s]["replace"]) for s in parser.sections()]


SANITIZERS = _sanitizers()

# --------------------------------------------------------------------------- running a notebook

_RUNNER = textwrap.dedent("""
    import sys
    from pathlib import Path
    sys.path.insert(0, {root!r})
    import nbformat
    from tools.run_notebooks import execute
    nb = execute(Path(sys.argv[1]), timeout=600)
    nbformat.write(nb, sys.argv[2])
""")


def _offline_prefix() -> list[str]:
    """The command prefix that runs a program in a new network namespace with only loopback up."""
    inner = ["sh", "-c", 'ip link set lo up && exec "$0" "$@"']
    return ["unshare", "-n", *inner] if os.geteuid() == 0 else ["unshare", "-r", "-n", *inner]


@functools.cache
def offline_unavailable() -> str | None:
    """Why notebooks cannot be run offline here, or None when they can (and the namespace really is offline)."""
    for tool in ("unshare", "ip"):
        if shutil.which(tool) is None:
            return f"`{tool}` is not installed"
    probe = textwrap.dedent("""
        import errno, socket
        s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(); c = socket.create_connection(s.getsockname(), 2)
        try:
            socket.create_connection(("1.1.1.1", 80), timeout=3)
            print("ONLINE")
        except OSError as exc:
            print("OFFLINE" if exc.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.EADDRNOTAVAIL) else f"UNSURE {exc}")
    """)
    try:
        out = subprocess.run(
            [*_offline_prefix(), sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"`unshare -n` failed: {exc}"
    if out.returncode != 0:
        return f"`unshare -n` failed (needs root or unprivileged user namespaces): {out.stderr.strip()[:200]}"
    if out.stdout.strip() != "OFFLINE":
        return f"the network namespace is not offline: {out.stdout.strip()[:200]}"
    return None


def execute(path: Path, out: Path, *, offline: bool) -> nbformat.NotebookNode:
    """Execute ``path`` in a fresh kernel (in a separate process) and return the executed notebook."""
    cmd = [sys.executable, "-c", _RUNNER.format(root=str(ROOT)), str(path), str(out)]
    if offline:
        cmd = [*_offline_prefix(), *cmd]
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=900, cwd=ROOT, env=env)
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-25:])
        raise AssertionError(f"{path.name} failed to execute{' offline' if offline else ''}:\n{tail}")
    return nbformat.read(out, as_version=4)


# --------------------------------------------------------------------------- comparing two runs


def _sanitize(text: str) -> str:
    for pattern, replace in SANITIZERS:
        text = pattern.sub(replace, text)
    return text


def compared_outputs(nb: nbformat.NotebookNode) -> list[tuple[int, list]]:
    """Per code cell, its outputs as nbval compares them, plus plotly figure JSON."""
    from nbval.plugin import coalesce_streams  # how nbval merges stdout that arrived in several chunks

    cells = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        outs = []
        for o in coalesce_streams(copy.deepcopy(cell.get("outputs", []))):
            if o.output_type == "stream":
                outs.append(("stream", o.name, _sanitize(o.text)))
            elif o.output_type == "error":
                outs.append(("error", o.ename, _sanitize(o.evalue)))
            else:
                data = {}
                for mime, value in o.get("data", {}).items():
                    if mime == PLOTLY_MIME:
                        data[mime] = json.dumps(value, sort_keys=True)
                    elif mime not in SKIP_MIMES:
                        data[mime] = _sanitize(value if isinstance(value, str) else "".join(value))
                outs.append((o.output_type, data))
        cells.append((i, outs))
    return cells


def differences(first: nbformat.NotebookNode, second: nbformat.NotebookNode) -> list[str]:
    """Cells whose compared outputs differ between two executions, with the first differing output."""
    found = []
    for (i, a), (_, b) in zip(compared_outputs(first), compared_outputs(second)):
        if a != b:
            pair = next(((x, y) for x, y in zip(a, b) if x != y), (a[len(b) :] or None, b[len(a) :] or None))
            found.append(f"cell {i}: {str(pair[0])[:300]!r}\n    vs {str(pair[1])[:300]!r}")
    return found


# --------------------------------------------------------------------------- the runs, shared by both tests


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Executed notebooks by (name, 'offline' | 'online' | 'online-2'); each run happens once per module."""
    cache: dict = {}
    folder = tmp_path_factory.mktemp("executed")

    def get(path: Path, kind: str) -> nbformat.NotebookNode:
        key = (path.name, kind)
        if key not in cache:
            cache[key] = execute(path, folder / f"{path.stem}.{kind}.ipynb", offline=kind == "offline")
        return cache[key]

    return get


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_offline(runs, path):
    why = offline_unavailable()
    if why:
        pytest.skip(f"offline check skipped: {why}")
    nb = runs(path, "offline")
    errors = [
        (i, o.get("ename"))
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if o.output_type == "error"
    ]
    assert errors == []


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_outputs_are_deterministic(runs, path):
    first = runs(path, "online") if offline_unavailable() else runs(path, "offline")
    second = runs(path, "online-2") if offline_unavailable() else runs(path, "online")
    assert differences(first, second) == []


# --------------------------------------------------------------------------- the checks themselves can fail


def _tiny_notebook(folder: Path, source: str) -> Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "tiny.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.mark.slow
def test_offline_run_fails_for_a_notebook_that_fetches(tmp_path):
    why = offline_unavailable()
    if why:
        pytest.skip(f"offline check skipped: {why}")
    path = _tiny_notebook(tmp_path, "import urllib.request\nurllib.request.urlopen('http://1.1.1.1/', timeout=10)")
    with pytest.raises(AssertionError, match="failed to execute offline"):
        execute(path, tmp_path / "out.ipynb", offline=True)


@pytest.mark.slow
def test_determinism_check_catches_unseeded_randomness(tmp_path):
    path = _tiny_notebook(tmp_path, "import random\nprint(random.random())")
    first = execute(path, tmp_path / "a.ipynb", offline=False)
    second = execute(path, tmp_path / "b.ipynb", offline=False)
    assert differences(first, second) and "cell 0" in differences(first, second)[0]


def test_comparison_skips_what_nbval_skips_and_sanitizes():
    def nb_with(outputs):
        cell = nbformat.v4.new_code_cell("x", execution_count=1)
        cell.outputs = outputs
        return nbformat.v4.new_notebook(cells=[cell])

    widget = {"application/vnd.jupyter.widget-view+json": {"model_id": "a"}, "text/plain": "W()"}
    a = nb_with(
        [
            nbformat.v4.new_output("display_data", data=widget),
            nbformat.v4.new_output("stream", name="stdout", text="<f at 0x7f01>\n"),
        ]
    )
    b = nb_with(
        [
            nbformat.v4.new_output(
                "display_data", data={**widget, "application/vnd.jupyter.widget-view+json": {"model_id": "b"}}
            ),
            nbformat.v4.new_output("stream", name="stdout", text="<f at 0x7f99>\n"),
        ]
    )
    assert differences(a, b) == []
    c = nb_with([nbformat.v4.new_output("display_data", data={PLOTLY_MIME: {"data": [{"y": [1, 2]}]}})])
    d = nb_with([nbformat.v4.new_output("display_data", data={PLOTLY_MIME: {"data": [{"y": [1, 3]}]}})])
    assert differences(c, d) != []


def test_stdout_split_into_chunks_compares_equal_but_different_text_does_not():
    """The kernel may deliver one cell's stdout in one message or several; nbval merges them, and so does this."""

    def nb_with(*texts):
        cell = nbformat.v4.new_code_cell("x", execution_count=1)
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=t) for t in texts]
        return nbformat.v4.new_notebook(cells=[cell])

    assert differences(nb_with("a\nb\n"), nb_with("a\n", "b\n")) == []
    assert differences(nb_with("a\nb\n"), nb_with("a\n", "c\n")) != []


def test_make_notebooks_stores_stdout_as_one_output(tmp_path):
    path = _tiny_notebook(tmp_path, "import sys, time\nprint('a', flush=True)\ntime.sleep(0.3)\nprint('b')")
    sys.path.insert(0, str(ROOT))
    from tools.run_notebooks import execute as run_notebooks_execute

    outputs = run_notebooks_execute(path, timeout=120).cells[0].outputs
    assert [(o.output_type, o.text) for o in outputs] == [("stream", "a\nb\n")]
