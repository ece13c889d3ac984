"""Fixtures for the real-browser tests: one JupyterLab server and one Chromium per session.

Each notebook is opened and run once (``lab.notebook(path)``) and its page is
reused by the notebook, widget and quiz tests. Screenshots go to
``test-artifacts/browser/<notebook>/`` (git-ignored).

Without Chromium these tests are skipped with one line by the root
``conftest.py``; with ``CI=true`` they run and fail instead.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers import ARTIFACTS, LabServer, LabSession, chromium  # noqa: E402


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory):
    server = LabServer(tmp_path_factory.mktemp("jupyterlab")).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture(scope="session")
def lab(browser, lab_server):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)  # each notebook clears its own folder when it is opened
    session = LabSession(browser, lab_server)
    yield session
    session.close()
