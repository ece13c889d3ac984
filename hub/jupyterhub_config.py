# JupyterHub configuration for a workshop on ONE machine (`make hub`).
#
#   !! LOCAL OR TRUSTED-NETWORK USE ONLY !!
#   Learners log in with one shared password, and every learner's server runs as
#   the same operating-system user, so learners are not protected from each other.
#   Never expose this hub to the internet. hub/README.md says what to use instead
#   (The Littlest JupyterHub or Zero to JupyterHub, with a real authenticator and HTTPS).
#
# What it runs:
#   * authenticator  SharedPasswordAuthenticator (JupyterHub >= 5.3): any username, one password;
#   * spawner        SimpleLocalProcessSpawner: one `jupyterhub-singleuser` process per learner,
#                    started with the hub's own Python (the course's pinned .venv), with its
#                    home (and notebook root) at <state>/home/<username>;
#   * proxy          configurable-http-proxy from the npm registry (hub/node_modules, `make hub-deps`);
#   * nbgitpuller    enabled in every learner server (it is installed in the same environment);
#   * idle culler    jupyterhub-idle-culler as a hub-managed service: a learner server with no
#                    activity for COURSE_HUB_CULL_TIMEOUT seconds (default 3600 = 1 hour) is stopped.
#                    The learner's files stay; the next visit starts a fresh server.
#
# Everything is set through environment variables so that `make hub`, the end-to-end
# tests (tests/hub/) and the capacity benchmark (bench/hub_capacity.py) share this file:
#
#   COURSE_HUB_IP                 127.0.0.1       address the proxy listens on (0.0.0.0: the whole LAN)
#   COURSE_HUB_PORT               8000            public port (learners open http://IP:PORT)
#   COURSE_HUB_HUB_PORT           8081            hub's internal port (127.0.0.1 only)
#   COURSE_HUB_PROXY_API_PORT     8001            proxy's REST API port (127.0.0.1 only)
#   COURSE_HUB_STATE_DIR          hub/state       database, cookie secret, PID files, learners' homes
#   COURSE_HUB_PASSWORD           (required)      learners' shared password, >= 8 characters
#   COURSE_HUB_ADMIN_PASSWORD     (unset)         password of the admin user `instructor`, >= 32 characters
#   COURSE_HUB_CULL_TIMEOUT       3600            seconds of inactivity before a learner server is stopped
#   COURSE_HUB_CULL_EVERY         300             how often (s) the culler checks (at most the timeout / 2)
#   COURSE_HUB_ACTIVITY_INTERVAL  300             how often (s) activity is reported to / recorded by the hub
#   COURSE_HUB_MONITOR_TOKEN      (unset)         if set, registers the `workshop-monitor` service with this
#                                                 API token (used by tests and the benchmark; admin rights)
#
# hub/workshop_hub.py (what `make hub` runs) fills in the password and prints the URL and the
# nbgitpuller link; run `jupyterhub -f hub/jupyterhub_config.py` yourself only with the variables set.
import os
import shutil
import sys
from pathlib import Path

c = get_config()  # noqa: F821  (provided by JupyterHub when it loads this file)

HUB_DIR = Path(__file__).resolve().parent


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(f"COURSE_HUB_{name}", "").strip()
    return value if value else default


def _env_int(name: str, default: int, low: int = 1) -> int:
    raw = _env(name, str(default))
    try:
        value = int(raw)
    except ValueError:
        raise SystemExit(f"COURSE_HUB_{name} must be a whole number of seconds or a port, got {raw!r}") from None
    if value < low:
        raise SystemExit(f"COURSE_HUB_{name} must be at least {low}, got {value}")
    return value


STATE = Path(_env("STATE_DIR", str(HUB_DIR / "state"))).resolve()
STATE.mkdir(parents=True, exist_ok=True)
PYTHON = sys.executable  # the interpreter running the hub: the course's pinned .venv
# configurable-http-proxy: the npm-pinned copy in hub/node_modules (`make hub-deps`), else one on PATH
# (conda-forge's `jupyterhub` package brings one along).
CHP = HUB_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
if not CHP.exists() and shutil.which("configurable-http-proxy"):
    CHP = Path(shutil.which("configurable-http-proxy"))
if not CHP.exists():
    raise SystemExit(
        f"configurable-http-proxy is not installed at {CHP}.\n"
        "Run `make hub-deps` (it runs `npm ci` in hub/; needs node >= 20 and npm)."
    )

# --------------------------------------------------------------------------- network
c.JupyterHub.ip = _env("IP", "127.0.0.1")
c.JupyterHub.port = _env_int("PORT", 8000)
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = _env_int("HUB_PORT", 8081)
c.ConfigurableHTTPProxy.command = [str(CHP)]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{_env_int('PROXY_API_PORT', 8001)}"
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")
c.ConfigurableHTTPProxy.should_start = True  # the hub starts the proxy and stops it on shutdown

# --------------------------------------------------------------------------- state
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every learner server
c.JupyterHub.cleanup_proxy = True

# --------------------------------------------------------------------------- authentication
# A shared password: fine in a classroom on a trusted network, wrong anywhere else.
# Anyone who knows it can log in as ANY non-admin username. Production: see hub/README.md.
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = _env("PASSWORD")
c.Authenticator.allow_all = True  # every username is accepted (with the shared password)
if _env("ADMIN_PASSWORD"):
    c.SharedPasswordAuthenticator.admin_password = _env("ADMIN_PASSWORD")
    c.Authenticator.admin_users = {"instructor"}
c.JupyterHub.template_vars = {
    "announcement_login": (
        "IGF-1 course workshop hub. Type any username and the workshop password. "
        "This hub uses a shared password: for a local or trusted network only."
    ),
}

# --------------------------------------------------------------------------- learner servers
# SimpleLocalProcessSpawner needs no system users: each learner gets a folder under
# <state>/home/ as home and notebook root. All servers run as the hub's own OS user,
# so there is NO isolation between learners beyond separate folders (see hub/README.md).
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "home" / "{username}")
c.Spawner.cmd = [PYTHON, "-m", "jupyterhub.singleuser"]  # same pinned environment as `make lab`
c.Spawner.default_url = "/lab"
args = ["--ServerApp.terminals_enabled=False"]  # learners need notebooks, not shells
if hasattr(os, "geteuid") and os.geteuid() == 0:
    args.append("--ServerApp.allow_root=True")  # e.g. in a container; the hub warns about running as root
c.Spawner.args = args
ACTIVITY = _env_int("ACTIVITY_INTERVAL", 300)
c.Spawner.environment = {
    # Spawner.env_keep passes almost nothing from the hub's environment (JupyterHub 6),
    # so give learner servers a PATH with the course environment and git (nbgitpuller runs git).
    "PATH": os.pathsep.join([str(Path(PYTHON).parent), os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin")]),
    "LANG": os.environ.get("LANG", "C.UTF-8"),
    "JUPYTERHUB_ACTIVITY_INTERVAL": str(ACTIVITY),
}
# Ten servers starting at once on two cores take longer than the default 30 s / 60 s.
c.Spawner.http_timeout = 180
c.Spawner.start_timeout = 180

# --------------------------------------------------------------------------- activity and culling
c.JupyterHub.last_activity_interval = ACTIVITY  # how often the hub reads activity from the proxy
c.JupyterHub.activity_resolution = min(30, ACTIVITY)
CULL_TIMEOUT = _env_int("CULL_TIMEOUT", 3600)
CULL_EVERY = min(_env_int("CULL_EVERY", 300), max(1, CULL_TIMEOUT // 2))
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [PYTHON, "-m", "jupyterhub_idle_culler", f"--timeout={CULL_TIMEOUT}", f"--cull-every={CULL_EVERY}"],
        "cwd": str(STATE),
    },
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "description": "Stop learner servers that have been idle for the configured timeout",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    },
]

# An API token for scripted checks (tests/hub, bench/hub_capacity.py); off unless set.
if _env("MONITOR_TOKEN"):
    c.JupyterHub.services.append({"name": "workshop-monitor", "api_token": _env("MONITOR_TOKEN")})
    c.JupyterHub.load_roles.append(
        {
            "name": "workshop-monitor",
            "description": "Create learners, start/stop their servers, read their state, talk to their servers",
            "scopes": ["admin:users", "admin:servers", "access:servers", "list:users", "read:users", "read:services"],
            "services": ["workshop-monitor"],
        }
    )
