# JupyterHub for a team on one machine: the local demonstration `make hub` starts (scripts/hub.sh).
#
# Every setting a person may change is an environment variable with a default (README "A team:
# make hub"). For a cluster, deploy/z2jh/values.yaml carries the same choices for Zero to JupyterHub.
#
#   EXPLORER_HUB_IP / EXPLORER_HUB_PORT   where people open the hub (127.0.0.1:8000)
#   EXPLORER_HUB_PASSWORD                 the one shared password; any user name is accepted with it.
#                                         The default below is for a local demonstration only.
#   EXPLORER_HUB_MAX_SERVERS              most users' servers running at once (20)
#   EXPLORER_HUB_MAX_SPAWNING             most servers starting at once (4)
#   EXPLORER_HUB_IDLE_TIMEOUT             seconds without activity before jupyterhub-idle-culler
#                                         stops a user's server (3600); EXPLORER_HUB_CULL_EVERY how
#                                         often it looks (300)
#   EXPLORER_HUB_ACTIVITY_INTERVAL        how often, in seconds, a user's server and the proxy tell
#                                         the hub that someone is using it (300, JupyterHub's own);
#                                         the culler judges idleness on what the hub was last told
#   EXPLORER_HUB_STATE                    folder of the hub's database, cookie secret and pid files
#   EXPLORER_HUB_INTERNAL_PORT / EXPLORER_HUB_PROXY_API_PORT   the hub's and the proxy's own ports
#                                         (8081 and the public port + 1), on 127.0.0.1 only
# Each user's server is the project's own environment (jupyterhub-singleuser from the venv the hub
# runs in), started as the hub's user (SimpleLocalProcessSpawner: a demonstration, no separation
# between users, no memory limit enforced), in the checkout, landing on the dashboard; JupyterLab
# with the notebooks is /user/<name>/lab.
import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DEMO_PASSWORD = "explorer-demo"  # documented default, for a local demonstration only


def _int(name: str, default: int) -> int:
    """A whole-number setting from the environment; a clear error naming it otherwise."""
    text = os.environ.get(name, str(default)).strip()
    if not text.isdigit() or int(text) <= 0:
        raise SystemExit(f"jupyterhub_config: {name} = {text!r}: not a positive whole number")
    return int(text)


ip = os.environ.get("EXPLORER_HUB_IP", "127.0.0.1")
port = _int("EXPLORER_HUB_PORT", 8000)
state = Path(os.environ.get("EXPLORER_HUB_STATE", ROOT / ".hub-state")).resolve()
state.mkdir(parents=True, exist_ok=True)

# Where people open it, and the internal ports (loopback only).
c.JupyterHub.ip = ip
c.JupyterHub.port = port
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = _int("EXPLORER_HUB_INTERNAL_PORT", 8081)
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{_int('EXPLORER_HUB_PROXY_API_PORT', port + 1)}"
c.ConfigurableHTTPProxy.command = [str(ROOT / "hub" / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(state / "jupyterhub-proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")

# A login form: any user name, one shared password.
password = os.environ.get("EXPLORER_HUB_PASSWORD", DEMO_PASSWORD)
if password == DEMO_PASSWORD and ip not in ("127.0.0.1", "localhost", "::1"):
    raise SystemExit(f"jupyterhub_config: EXPLORER_HUB_IP = {ip!r} with the demonstration password: "
                     "set EXPLORER_HUB_PASSWORD (8 characters or more) before serving beyond this machine")
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = password
c.Authenticator.allow_all = True

# Each user's server: the project's environment, in the checkout, landing on the dashboard.
c.JupyterHub.spawner_class = "simple"
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.notebook_dir = str(ROOT)
c.Spawner.default_url = "/voila/render/notebooks/dashboard.ipynb"
# The offline Voila template from the checkout first, as make serve does.
c.Spawner.environment = {"JUPYTER_PATH": str(ROOT / "share" / "jupyter"),
                         "JUPYTERHUB_ACTIVITY_INTERVAL": str(_int("EXPLORER_HUB_ACTIVITY_INTERVAL", 300))}
c.JupyterHub.last_activity_interval = _int("EXPLORER_HUB_ACTIVITY_INTERVAL", 300)
c.SimpleLocalProcessSpawner.home_dir_template = str(state / "home" / "{username}")
if os.geteuid() == 0:  # a root demonstration machine (as CI): the servers run as the hub's user
    c.Spawner.args = ["--ServerApp.allow_root=True"]
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180

# Limits: servers running and starting at once.
c.JupyterHub.active_server_limit = _int("EXPLORER_HUB_MAX_SERVERS", 20)
c.JupyterHub.concurrent_spawn_limit = _int("EXPLORER_HUB_MAX_SPAWNING", 4)

# Idle servers are stopped by jupyterhub-idle-culler, a hub service with only the scopes it needs.
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                f"--timeout={_int('EXPLORER_HUB_IDLE_TIMEOUT', 3600)}",
                f"--cull-every={_int('EXPLORER_HUB_CULL_EVERY', 300)}"],
}]
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]
