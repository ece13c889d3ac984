"""The workshop hub's configuration and link format, checked without starting anything.

hub/jupyterhub_config.py is executed the way JupyterHub executes it (``get_config()`` returns a
traitlets Config), from a copy in a temporary folder with a stand-in proxy executable, so these
tests need neither node nor a free port. The end-to-end behaviour is in test_workshop_hub_e2e.py.
"""

from __future__ import annotations

import shutil
import sys
import urllib.parse
from pathlib import Path

import pytest
from traitlets.config import Config

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "hub"))

from workshop_hub import TARGET, nbgitpuller_link  # noqa: E402


def load_config(tmp_path: Path, monkeypatch, **env: str) -> Config:
    hub_dir = tmp_path / "hub"
    (hub_dir / "node_modules" / ".bin").mkdir(parents=True)
    (hub_dir / "node_modules" / ".bin" / "configurable-http-proxy").write_text("#!/bin/sh\n")
    shutil.copy(ROOT / "hub" / "jupyterhub_config.py", hub_dir)
    for key in [k for k in list(__import__("os").environ) if k.startswith("COURSE_HUB_")]:
        monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(f"COURSE_HUB_{key}", value)
    c = Config()
    path = hub_dir / "jupyterhub_config.py"
    exec(compile(path.read_text(), str(path), "exec"), {"get_config": lambda: c, "__file__": str(path)})
    return c


def culler_args(c: Config) -> dict[str, str]:
    service = next(s for s in c.JupyterHub.services if s["name"] == "idle-culler")
    return dict(a[2:].split("=", 1) for a in service["command"] if a.startswith("--"))


# ----------------------------------------------------------------------------- link format
def test_link_round_trips_through_a_query_string():
    repo = "https://github.com/example-org/igf1 course.git"
    link = nbgitpuller_link("https://hub.example.org/", repo, "main", "05_lifespan_trajectory.ipynb")
    parsed = urllib.parse.urlsplit(link)
    assert parsed.path == "/hub/user-redirect/git-pull"
    query = urllib.parse.parse_qs(parsed.query)
    assert query == {
        "repo": [repo],
        "branch": ["main"],
        "targetpath": [TARGET],
        "urlpath": [f"lab/tree/{TARGET}/notebooks/05_lifespan_trajectory.ipynb"],
    }


def test_link_accepts_a_local_path_as_repository():
    link = nbgitpuller_link("http://127.0.0.1:8000", "/srv/course", notebook="00_start_here.ipynb")
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(link).query)["repo"] == ["/srv/course"]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(hub_url=""), "hub_url"),
        (dict(repo="  "), "repo"),
        (dict(notebook="05_lifespan_trajectory.py"), "notebook"),
        (dict(notebook="../secrets.ipynb"), "notebook"),
    ],
)
def test_link_rejects_bad_input_by_name(kwargs, message):
    args = dict(hub_url="http://h", repo="/r", branch="main", notebook="00_start_here.ipynb") | kwargs
    with pytest.raises(ValueError, match=message):
        nbgitpuller_link(**args)


# ----------------------------------------------------------------------------- configuration
def test_defaults_are_local_only_with_one_hour_culling(tmp_path, monkeypatch):
    c = load_config(tmp_path, monkeypatch, PASSWORD="classroom-pass")
    assert c.JupyterHub.ip == "127.0.0.1" and c.JupyterHub.port == 8000
    assert c.JupyterHub.authenticator_class == "shared-password"
    assert c.SharedPasswordAuthenticator.user_password == "classroom-pass"
    assert "admin_users" not in c.Authenticator  # no admin unless an admin password is given
    assert c.JupyterHub.spawner_class == "jupyterhub.spawner.SimpleLocalProcessSpawner"
    home = c.SimpleLocalProcessSpawner.home_dir_template
    assert home.endswith("{username}") and home.startswith(str(tmp_path / "hub" / "state"))
    assert c.Spawner.cmd[0] == sys.executable  # learner servers use the hub's (pinned) environment
    assert culler_args(c) == {"timeout": "3600", "cull-every": "300"}
    assert [s["name"] for s in c.JupyterHub.services] == ["idle-culler"]  # no monitor token by default


def test_culler_has_only_the_scopes_it_needs(tmp_path, monkeypatch):
    c = load_config(tmp_path, monkeypatch, PASSWORD="classroom-pass")
    role = next(r for r in c.JupyterHub.load_roles if r["name"] == "idle-culler")
    assert role["services"] == ["idle-culler"]
    assert sorted(role["scopes"]) == ["delete:servers", "list:users", "read:servers", "read:users:activity"]


def test_short_timeouts_for_tests_and_check_interval_capped(tmp_path, monkeypatch):
    c = load_config(
        tmp_path, monkeypatch, PASSWORD="classroom-pass", CULL_TIMEOUT="30", CULL_EVERY="300", ACTIVITY_INTERVAL="5"
    )
    assert culler_args(c) == {"timeout": "30", "cull-every": "15"}  # at most half the timeout
    assert c.JupyterHub.last_activity_interval == 5
    assert c.Spawner.environment["JUPYTERHUB_ACTIVITY_INTERVAL"] == "5"


def test_admin_and_monitor_only_when_asked(tmp_path, monkeypatch):
    c = load_config(tmp_path, monkeypatch, PASSWORD="classroom-pass", ADMIN_PASSWORD="x" * 32, MONITOR_TOKEN="t0ken")
    assert c.Authenticator.admin_users == {"instructor"}
    monitor = next(s for s in c.JupyterHub.services if s["name"] == "workshop-monitor")
    assert monitor["api_token"] == "t0ken"


@pytest.mark.parametrize("name, value", [("CULL_TIMEOUT", "an hour"), ("PORT", "0"), ("ACTIVITY_INTERVAL", "-5")])
def test_bad_settings_stop_the_hub_with_the_variable_named(tmp_path, monkeypatch, name, value):
    with pytest.raises(SystemExit, match=f"COURSE_HUB_{name}.*{value}"):
        load_config(tmp_path, monkeypatch, PASSWORD="classroom-pass", **{name: value})
