"""Start the course's workshop JupyterHub, or drive one from Python.

Command line (``make hub`` runs the first form)::

    python hub/workshop_hub.py                 # start the hub in the foreground; Ctrl+C stops it
    python hub/workshop_hub.py link --hub https://hub.example.org --repo https://github.com/ORG/REPO
                                               # print the nbgitpuller link for this course

Starting prints the address, the shared password and the nbgitpuller link that hands
learners the course. The password comes from ``COURSE_HUB_PASSWORD`` or, if that is unset,
from ``<state>/password`` (created on first start with a random value). Every other setting
is an environment variable read by ``hub/jupyterhub_config.py`` (listed at its top).

From Python (used by ``tests/hub/`` and ``bench/hub_capacity.py``)::

    hub = WorkshopHub(tmp_dir, password="...", cull_timeout=30).start()
    hub.api("GET", "/users")      # the hub's REST API with the monitor token
    hub.stop()                    # SIGTERM to the hub's PID; the hub stops everything it started

Whether the hub really stopped everything it started is a test's question: ``tests/hub/hub_processes.py``
(``TrackedHub``) adds the process tracking (psutil) that the tests and the capacity bench use.

The hub is for a local or trusted network only: see hub/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

HUB_DIR = Path(__file__).resolve().parent
ROOT = HUB_DIR.parent
CONFIG = HUB_DIR / "jupyterhub_config.py"
CHP = HUB_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
#: Folder the course is cloned into, inside each learner's home (nbgitpuller's ``targetpath``).
TARGET = "igf1-course"
DEFAULT_NOTEBOOK = "00_start_here.ipynb"


def nbgitpuller_link(
    hub_url: str, repo: str, branch: str = "main", notebook: str = DEFAULT_NOTEBOOK, targetpath: str = TARGET
) -> str:
    """The link that clones (first visit) or merges (later visits) the course and opens ``notebook``.

    >>> nbgitpuller_link("https://hub.example.org", "https://github.com/org/course", "main", "05_x.ipynb")
    'https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Forg%2Fcourse&branch=main&targetpath=igf1-course&urlpath=lab%2Ftree%2Figf1-course%2Fnotebooks%2F05_x.ipynb'
    """
    for name, value in (
        ("hub_url", hub_url),
        ("repo", repo),
        ("branch", branch),
        ("notebook", notebook),
        ("targetpath", targetpath),
    ):
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"{name} must be a non-empty string, got {value!r}")
    if not notebook.endswith(".ipynb") or "/" in notebook:
        raise ValueError(f"notebook must be a file name in notebooks/ ending in .ipynb, got {notebook!r}")
    query = urllib.parse.urlencode(
        {
            "repo": repo,
            "branch": branch,
            "targetpath": targetpath,
            "urlpath": f"lab/tree/{targetpath}/notebooks/{notebook}",
        },
        quote_via=urllib.parse.quote,
        safe="",
    )
    return f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def free_ports(n: int) -> list[int]:
    """``n`` distinct ports that are free on 127.0.0.1 right now (all bound at once, then released)."""
    socks = [socket.socket() for _ in range(n)]
    try:
        for s in socks:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def _git_branch(repo: Path) -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(repo), "rev-parse", "--abbrev-ref", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        return out if out and out != "HEAD" else "main"
    except (OSError, subprocess.CalledProcessError):
        return "main"


def _default_sigint() -> None:
    """Undo an inherited "ignore SIGINT" (background jobs of a non-interactive shell, some CI runners).

    Python processes that inherit it ignore Ctrl+C; the hub's idle culler then takes the hub's full
    30-second interrupt timeout to stop, and shutdown is slow (though still clean).
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class WorkshopHub:
    """One hub (plus its proxy, culler and learner servers) in a private state folder, stopped by PID."""

    def __init__(
        self,
        state_dir: Path,
        *,
        password: str,
        ip: str = "127.0.0.1",
        port: int | None = None,
        cull_timeout: int = 3600,
        cull_every: int = 300,
        activity_interval: int = 300,
        monitor_token: str | None = None,
        python: str = sys.executable,
    ):
        self.state = Path(state_dir).resolve()
        self.password = password
        self.ip = ip
        ports = free_ports(3)
        self.port = port or ports[0]
        self.cull_timeout, self.cull_every, self.activity_interval = cull_timeout, cull_every, activity_interval
        self.monitor_token = monitor_token or secrets.token_hex(24)
        self.hub_port, self.proxy_api_port = ports[1], ports[2]
        self.python = python
        self.proc: subprocess.Popen | None = None
        self.log_path = self.state / "jupyterhub.log"

    @property
    def url(self) -> str:
        return f"http://{self.ip}:{self.port}"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("COURSE_HUB_")}
        env.update(
            {
                "COURSE_HUB_IP": self.ip,
                "COURSE_HUB_PORT": str(self.port),
                "COURSE_HUB_HUB_PORT": str(self.hub_port),
                "COURSE_HUB_PROXY_API_PORT": str(self.proxy_api_port),
                "COURSE_HUB_STATE_DIR": str(self.state),
                "COURSE_HUB_PASSWORD": self.password,
                "COURSE_HUB_CULL_TIMEOUT": str(self.cull_timeout),
                "COURSE_HUB_CULL_EVERY": str(self.cull_every),
                "COURSE_HUB_ACTIVITY_INTERVAL": str(self.activity_interval),
                "COURSE_HUB_MONITOR_TOKEN": self.monitor_token,
                "PYTHONUNBUFFERED": "1",
            }
        )
        return env

    # -- life cycle ---------------------------------------------------------------
    def start(self, timeout: float = 120.0) -> WorkshopHub:
        self.state.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log_path, "w")
        # `python -m jupyterhub -f CONFIG`, with Ctrl+C (SIGINT) handled normally even if this process ignores it
        # (see _default_sigint); set in the child's own code rather than with preexec_fn, which is unsafe with threads.
        launch = (
            "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
            "sys.argv = ['jupyterhub', '-f', sys.argv[1]]; runpy.run_module('jupyterhub', run_name='__main__')"
        )
        self.proc = subprocess.Popen(
            [self.python, "-c", launch, str(CONFIG)],
            env=self.env(),
            cwd=self.state,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterHub exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                # the hub itself first (asking the proxy before it has a route only logs 404s)
                urllib.request.urlopen(f"http://127.0.0.1:{self.hub_port}/hub/api/", timeout=5).close()
                self.api("GET", "/")  # then through the proxy
                if self._service_running("idle-culler"):
                    return self
            except (OSError, urllib.error.HTTPError):
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"JupyterHub did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def _service_running(self, name: str) -> bool:
        info = self.api("GET", f"/services/{name}")
        return bool(info.get("pid"))

    def stop(self, timeout: float = 60.0) -> int | None:
        """SIGTERM to the hub's PID and wait: the hub stops learner servers, services and the proxy.

        Returns the hub's exit code (None if it had to be killed). Does not kill anything else
        (tests/hub/hub_processes.py checks that the hub cleaned up after itself).
        """
        if self.proc is None:
            return None
        code = self.proc.poll()
        if code is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                code = self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
                code = None
        self._log.close()
        return code

    # -- REST API -------------------------------------------------------------------
    def api(self, method: str, path: str, body: dict | None = None, timeout: float = 30.0):
        """Call the hub's REST API (``/hub/api{path}``) with the monitor service's token."""
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(
            f"{self.url}/hub/api{path}",
            data=data,
            method=method,
            headers={"Authorization": f"token {self.monitor_token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = r.read()
        return json.loads(raw) if raw else None

    def server_status(self, user: str) -> dict | None:
        """The user's default server as the hub reports it (None when not running)."""
        info = self.api("GET", f"/users/{user}")
        return (info.get("servers") or {}).get("")

    def log_tail(self, lines: int = 60) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


# ------------------------------------------------------------------------------- command line
def _password(state: Path) -> str:
    if os.environ.get("COURSE_HUB_PASSWORD", "").strip():
        return os.environ["COURSE_HUB_PASSWORD"].strip()
    stored = state / "password"
    if stored.exists():
        return stored.read_text().strip()
    password = "-".join(secrets.token_hex(3) for _ in range(3))  # e.g. 3f9a1c-07be2d-a41f90
    state.mkdir(parents=True, exist_ok=True)
    stored.touch(mode=0o600)
    stored.write_text(password + "\n")
    return password


def run(args) -> None:
    if not CHP.exists():
        sys.exit("configurable-http-proxy is missing: run `make hub-deps` first (needs node >= 20 and npm).")
    state = Path(os.environ.get("COURSE_HUB_STATE_DIR", "") or HUB_DIR / "state").resolve()
    from_env = bool(os.environ.get("COURSE_HUB_PASSWORD", "").strip())
    password = _password(state)
    where = (
        "from COURSE_HUB_PASSWORD"
        if from_env
        else f"stored in {state / 'password'}; set COURSE_HUB_PASSWORD to choose it"
    )
    ip = os.environ.get("COURSE_HUB_IP", "") or "127.0.0.1"
    port = os.environ.get("COURSE_HUB_PORT", "") or "8000"
    timeout = os.environ.get("COURSE_HUB_CULL_TIMEOUT", "") or "3600"
    repo = os.environ.get("COURSE_REPO", "") or str(ROOT)
    branch = os.environ.get("COURSE_BRANCH", "") or _git_branch(ROOT)
    shown = "127.0.0.1" if ip in ("0.0.0.0", "") else ip
    hub_url = f"http://{shown}:{port}"
    print(
        f"""
Workshop JupyterHub for the IGF-1 course  (LOCAL / TRUSTED NETWORK ONLY: shared password, no HTTPS)

  open          {hub_url}/   (learners: any username + the password below)
  password      {password}   ({where})
  idle culling  a learner server idle for {timeout} s is stopped (COURSE_HUB_CULL_TIMEOUT); files are kept
  state         {state}  (database, learners' homes under home/)

  Course link (clones the course on first visit, merges your new commits later, keeps learners' edits):
  {nbgitpuller_link(hub_url, repo, branch, DEFAULT_NOTEBOOK)}

  The link serves the COMMITTED state of branch {branch!r} of {repo}
  (set COURSE_REPO / COURSE_BRANCH to hand out another repository, e.g. your public copy).
  Stop with Ctrl+C: the hub stops every learner server, the culler and the proxy.
""",
        flush=True,
    )
    env = dict(os.environ, COURSE_HUB_STATE_DIR=str(state), COURSE_HUB_PASSWORD=password)
    state.mkdir(parents=True, exist_ok=True)
    os.chdir(state)
    _default_sigint()
    os.execve(sys.executable, [sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)], env)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="start the hub in the foreground (the default)")
    link = sub.add_parser("link", help="print the nbgitpuller link for this course")
    link.add_argument("--hub", required=True, help="the hub's address, e.g. https://hub.example.org")
    link.add_argument("--repo", required=True, help="the course repository's git URL")
    link.add_argument("--branch", default="main")
    link.add_argument(
        "--notebook", default=DEFAULT_NOTEBOOK, help="notebook to open, e.g. 05_lifespan_trajectory.ipynb"
    )
    args = parser.parse_args(argv)
    if args.command == "link":
        try:
            print(nbgitpuller_link(args.hub, args.repo, args.branch, args.notebook))
        except ValueError as exc:
            parser.error(str(exc))
        return
    run(args)


if __name__ == "__main__":
    main()
