"""Every way people serve a Voila dashboard renders it offline, from the installed environment alone:
`make serve`, `voila notebooks/dashboard.ipynb` from the repository root, `voila <absolute path>`
from another folder, and jupyter server / jupyter lab at /voila/render/notebooks/dashboard.ipynb.
A missing template or a failing import gives one sentence on the page instead of a blank page."""

from __future__ import annotations

import os
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ARTIFACTS, FIRST_RENDER_TIMEOUT_MS, ROOT, free_port, is_local, start_server, stop_voila
from driver import MAP_CELLS, open_dashboard, page_text, wait_for

BIN = Path(sys.executable).parent
NOTEBOOK = ROOT / "notebooks" / "dashboard.ipynb"
RENDER_PATH = "voila/render/notebooks/dashboard.ipynb"
START_TIMEOUT_S = 120
AS_ROOT = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without JUPYTER_PATH (so only the installed template can be found)."""
    env = {k: v for k, v in os.environ.items() if k not in ("JUPYTER_PATH", "EXPLORER_PAGE_NOTICE")}
    return {**env, **extra}


def serve(name: str, port: int, command: list[str], cwd: Path, path: str,
          env: dict[str, str] | None = None) -> Iterator[str]:
    """Run a server until the test ends; yields the page URL once the server answers."""
    log = ARTIFACTS / f"route-{name}.log"
    process = start_server(command, cwd, log, env if env is not None else clean_env())
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + START_TIMEOUT_S
    try:
        while True:
            if process.poll() is not None:
                tail = log.read_text(errors="replace")[-3000:]
                pytest.fail(f"{name} exited with {process.returncode}:\n{tail}")
            try:
                urllib.request.urlopen(base + "api", timeout=2).close()
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"{name} did not answer within {START_TIMEOUT_S} s")
                time.sleep(0.25)
        yield base + path
    finally:
        stop_voila(process)


def voila_command(notebook: str, port: int) -> list[str]:
    """The plain `voila` command a user types (plus a free port and no browser)."""
    return [str(BIN / "voila"), notebook, f"--port={port}", "--no-browser", "--Voila.ip=127.0.0.1"]


def jupyter_command(app: str, port: int) -> list[str]:
    """`jupyter server` or `jupyter lab` on the repository, no token, local address only."""
    return [str(BIN / "jupyter"), app, f"--port={port}", "--no-browser", "--ServerApp.ip=127.0.0.1",
            "--IdentityProvider.token=", f"--ServerApp.root_dir={ROOT}", *AS_ROOT]


ROUTES = {
    "voila-from-root": lambda port: (voila_command("notebooks/dashboard.ipynb", port), ROOT, ""),
    "voila-absolute-path": lambda port: (voila_command(str(NOTEBOOK), port), None, ""),
    "jupyter-server": lambda port: (jupyter_command("server", port), ROOT, RENDER_PATH),
    "jupyter-lab": lambda port: (jupyter_command("lab", port), ROOT, RENDER_PATH),
}


def test_make_serve_renders_offline(page, voila_url):
    open_dashboard(page, voila_url)
    wait_for(lambda: page.locator(MAP_CELLS).count() > 0, timeout_s=30, what="heatmap cells")
    assert page.outside_requests == []


@pytest.mark.parametrize("route", list(ROUTES))
def test_route_renders_offline(route, page, tmp_path, screenshot):
    port = free_port()
    command, cwd, path = ROUTES[route](port)
    for url in serve(route, port, command, cwd or tmp_path, path):
        open_dashboard(page, url)
        wait_for(lambda: page.locator(MAP_CELLS).count() > 0, timeout_s=30, what="heatmap cells")
        screenshot(f"route-{route}")
        assert "Traceback" not in page_text(page)
        assert page.locator(".rx-error").count() == 0
    assert page.outside_requests == []  # the page fixture also fails the test on any


def offline_page(browser):
    """A page whose requests beyond 127.0.0.1 are refused without failing the test (lab template)."""
    page = browser.new_page()
    page.route(lambda url: not is_local(url), lambda route: route.abort())
    return page


def test_missing_template_is_said_on_the_page(browser, tmp_path):
    env = clean_env(EXPLORER_VOILA_TEMPLATE="no-such-template")
    port = free_port()
    for url in serve("missing-template", port, voila_command(str(NOTEBOOK), port), tmp_path, "", env):
        page = offline_page(browser)
        open_dashboard(page, url)
        message = page.locator(".rx-error").first
        message.wait_for(timeout=FIRST_RENDER_TIMEOUT_MS)
        text = message.inner_text()
        assert "'no-such-template' is not installed" in text and text.count(". ") == 0
        page.close()


def test_import_error_is_said_on_the_page(browser, tmp_path):
    broken = tmp_path / "broken" / "explorer"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text("raise ImportError('explorer is broken here')\n")
    env = clean_env(PYTHONPATH=str(broken.parent))
    port = free_port()
    for url in serve("import-error", port, voila_command(str(NOTEBOOK), port), tmp_path, "", env):
        page = offline_page(browser)
        page.goto(url, timeout=FIRST_RENDER_TIMEOUT_MS)
        message = page.locator(".rx-startup-error")
        message.wait_for(timeout=FIRST_RENDER_TIMEOUT_MS)
        assert message.inner_text() == ("The dashboard could not start (explorer is broken here): install "
                                        "the project where Voila runs (make setup, or pip install -e .).")
        assert "Traceback" not in page_text(page)
        page.close()
