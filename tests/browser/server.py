"""The Voila server of the browser tests (and of the dashboard benchmarks): started with
scripts/serve.sh as `make serve` starts it, its log under artifacts/, the system Chromium that
drives it, and what counts as staying on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.paths import ARTIFACTS, ROOT

SCREENSHOTS = ARTIFACTS / "screenshots"
# One log per pytest-xdist worker (each serves its own Voila): voila-tests.log, voila-tests-gw1.log, ...
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
SERVER_LOG = ARTIFACTS / (f"voila-tests-{_WORKER}.log" if _WORKER else "voila-tests.log")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})
VIEWPORT = {"width": 1366, "height": 900}
SERVER_START_TIMEOUT_S = 120


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_serving(url: str, process: subprocess.Popen, timeout_s: float) -> None:
    """Return once `url` answers at all (a 404 counts); fail if the server dies or never answers."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"Voila exited with code {process.returncode}; see {SERVER_LOG}:\n{log_tail()}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.25)
    pytest.fail(f"Voila did not answer {url} within {timeout_s} s; see {SERVER_LOG}:\n{log_tail()}")


def log_tail(lines: int = 30) -> str:
    """The last lines of the server log, for failure messages."""
    try:
        return "\n".join(SERVER_LOG.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


TEST_POOL_SIZE = 2
"""Preheated kernels of a test server, replaced one second after a page takes one (Voila's own
default): the tests open page after page, one at a time, and need a pool ready for each, not one
sized and paced for a burst of readers (explorer.serving.POOL_SIZE and POOL_REFILL_DELAY_SECONDS,
with which the soak benchmark serves)."""
TEST_REFILL_DELAY_S = 1.0


def start_voila(port: int, log_path: Path, extra_args: tuple[str, ...] = (),
                pool: int = TEST_POOL_SIZE, refill_delay_s: float = TEST_REFILL_DELAY_S) -> subprocess.Popen:
    """Start scripts/serve.sh (the same flags `make serve` uses) on `port` with a pool of `pool`
    preheated kernels, in its own process group."""
    env = {**os.environ, "PORT": str(port), "VENV": os.environ.get("VENV", str(ROOT / ".venv")),
           "EXPLORER_POOL_SIZE": str(pool)}
    extra_args = (f"--VoilaKernelManager.fill_delay={refill_delay_s}", *extra_args)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "wb") as log:
        return subprocess.Popen(["bash", str(ROOT / "scripts" / "serve.sh"), *extra_args], cwd=ROOT, env=env,
                                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True)


def stop_voila(process: subprocess.Popen) -> None:
    """Stop the server and its kernels: SIGTERM to the process group, SIGKILL if it lingers."""
    for sig, wait_s in ((signal.SIGTERM, 20), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait_s)
            return
        except subprocess.TimeoutExpired:
            continue


def is_local(url: str) -> bool:
    """True for URLs that stay on this machine (127.0.0.1, localhost, data:, blob:, about:)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome-error"):
        return True
    return parts.hostname in LOCAL_HOSTS


def start_server(command: list[str], cwd: Path, log_path: Path, env: dict[str, str] | None = None
                 ) -> subprocess.Popen:
    """Start any server command (voila, jupyter server) in its own process group, output to log_path."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "wb") as log:
        return subprocess.Popen(command, cwd=cwd, env=env if env is not None else dict(os.environ),
                                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True)
