"""Fixtures for the end-to-end workshop-hub tests: one hub, one Chromium and one course repository per module.

* ``course_repo``: a clone of this repository's committed ``main`` in a temporary folder, the
  "instructor's repository" that the nbgitpuller links point at (a plain file path: nbgitpuller runs
  ``git clone``/``git fetch``, which accept one).
* ``hub``: hub/jupyterhub_config.py started through hub/workshop_hub.py (as a ``hub_processes.TrackedHub``,
  which records every process the hub starts) on 127.0.0.1 with a free port,
  a private state folder, a short idle-culling timeout (:data:`CULL_TIMEOUT`) and fast activity reporting.
  Stopped by PID at the end; anything it started that is still alive is then killed by PID as a safety
  net (``test_clean_shutdown`` asserts that nothing needed killing).
* ``chromium``: Debian's Chromium through Playwright (never ``playwright install``).

Skips: without Chromium the root ``conftest.py`` skips these ``browser`` tests with one line; without
node/npm they skip here with one line. With ``CI=true`` neither skips: they fail instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HUB_DIR = ROOT / "hub"
sys.path.insert(0, str(HUB_DIR))

sys.path.insert(0, str(Path(__file__).resolve().parent))

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: chromium_page
from chromium_page import chromium as start_chromium  # noqa: E402
from hub_learner import ACTIVITY_INTERVAL, ARTIFACTS, CULL_EVERY, CULL_TIMEOUT, git  # noqa: E402
from hub_processes import TrackedHub  # noqa: E402
from workshop_hub import CHP  # noqa: E402


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


def ensure_proxy() -> None:
    """configurable-http-proxy comes from npm (hub/package-lock.json); install it with `npm ci` if missing."""
    if CHP.exists():
        return
    if not (shutil.which("node") and shutil.which("npm")):
        _unavailable(
            "node/npm not found: workshop-hub tests skipped. Install Node.js >= 20 with npm "
            "(e.g. `sudo apt-get install nodejs npm`), then `make hub-deps`."
        )
    proc = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HUB_DIR, capture_output=True, text=True)
    if proc.returncode != 0 or not CHP.exists():
        _unavailable(f"`npm ci` in hub/ failed, so configurable-http-proxy is missing:\n{proc.stderr[-2000:]}")


@pytest.fixture(scope="module")
def course_repo(tmp_path_factory) -> Path:
    """The instructor's repository: a clone of the committed course, on branch ``main``."""
    src = tmp_path_factory.mktemp("instructor") / "igf1-course"
    subprocess.run(["git", "clone", "--quiet", "--branch", "main", str(ROOT), str(src)], check=True)
    git(src, "config", "user.name", "Workshop Instructor")
    git(src, "config", "user.email", "instructor@example.invalid")
    return src


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    ensure_proxy()
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    state = tmp_path_factory.mktemp("hub-state")
    server = TrackedHub(
        state,
        password="workshop-test-password",
        cull_timeout=CULL_TIMEOUT,
        cull_every=CULL_EVERY,
        activity_interval=ACTIVITY_INTERVAL,
    )
    try:
        server.start(timeout=180)
    except Exception:
        server.kill_survivors()
        raise
    yield server
    try:
        server.stop()
    finally:
        server.kill_survivors()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        if server.log_path.exists():
            shutil.copy(server.log_path, ARTIFACTS / "jupyterhub.log")


@pytest.fixture(scope="module")
def chromium():
    with start_chromium() as browser:
        yield browser
