"""Every way people serve a Voila dashboard renders it offline, from the installed environment alone:
`make serve`, `voila notebooks/dashboard.ipynb` from the repository root, `voila <absolute path>`
from another folder, and jupyter server / jupyter lab at /voila/render/notebooks/dashboard.ipynb.
On every route nothing from the address reaches the page as markup or chooses the template
(?theme=, ?template=). A missing template or a failing import gives one sentence on the page instead
of a blank page."""

from __future__ import annotations

import os
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from explorer import labels, serving
from explorer.ui.app import page_notice
from tests.browser.driver import FIRST_RENDER_TIMEOUT_MS, MAP_CELLS, open_dashboard, page_text, wait_for
from tests.browser.server import free_port, is_local, start_server, stop_voila
from tests.paths import ARTIFACTS, ROOT

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
    wait_for(lambda: page.locator(MAP_CELLS).count() > 0, what="heatmap cells")
    assert page.outside_requests == []


@pytest.mark.parametrize("route", list(ROUTES))
def test_route_renders_offline(route, page, tmp_path, screenshot):
    port = free_port()
    command, cwd, path = ROUTES[route](port)
    for url in serve(route, port, command, cwd or tmp_path, path):
        open_dashboard(page, url)
        wait_for(lambda: page.locator(MAP_CELLS).count() > 0, what="heatmap cells")
        screenshot(f"route-{route}")
        assert "Traceback" not in page_text(page)
        assert page.locator(".rx-error").count() == 0
    assert page.outside_requests == []  # the page fixture also fails the test on any


THEME_PAYLOAD = "x%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(document.domain)%3E"
HOSTILE_QUERIES = {"theme": f"?theme={THEME_PAYLOAD}", "template-nope": "?template=nope",
                   "template-lab": "?template=lab"}


def raw_page(url: str) -> str:
    """The HTML the server sends for `url` (read to the end: Voila streams the executed notebook)."""
    with urllib.request.urlopen(url, timeout=300) as reply:
        return reply.read().decode("utf-8", errors="replace")


def check_hostile_addresses(page, url: str, route: str, screenshot) -> None:
    """?theme=<script payload> is not in the page; ?template=nope and ?template=lab render the dashboard
    with the offline template (the page fixture fails the test on any request beyond 127.0.0.1)."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for name, query in HOSTILE_QUERIES.items():
        address = url + query
        html = raw_page(address)
        assert "onerror" not in html and "<img src=x" not in html, f"{route} {name}: payload in the page"
        assert "offline-lab" in html, f"{route} {name}: not the offline template"
        open_dashboard(page, address)
        wait_for(lambda: page.locator(MAP_CELLS).count() > 0, what=f"heatmap cells ({name})")
        assert page.locator("img[src=x]").count() == 0
        assert page.locator("[data-jp-theme-name*='img']").count() == 0
        assert page.locator(".rx-error").count() == 0 and "Traceback" not in page_text(page)
        screenshot(f"route-{route}-{name}")
    assert dialogs == []


def test_script_injection_make_serve_ignores_theme_and_template_in_the_address(page, voila_url, screenshot):
    check_hostile_addresses(page, voila_url, "make-serve", screenshot)


@pytest.mark.parametrize("route", list(ROUTES))
def test_script_injection_route_ignores_theme_and_template_in_the_address(route, page, tmp_path, screenshot):
    port = free_port()
    command, cwd, path = ROUTES[route](port)
    for url in serve(route + "-hostile", port, command, cwd or tmp_path, path):
        check_hostile_addresses(page, url, route, screenshot)


def upload_file(tmp_path: Path, name: str, size_mb: int) -> Path:
    """A valid two-row population file padded to about `size_mb` MB."""
    pad = "x" * (size_mb * 1_000_000 // 2)
    path = tmp_path / name
    path.write_text(f"id,card_expiry,application_date\n{pad}1,2021-03-10,2020-12-23\n"
                    f"{pad}2,2021-05-20,2021-05-03\n", encoding="utf-8")
    return path


def population_tab(page) -> None:
    """Open the Population tab."""
    from tests.browser.driver import open_tab

    open_tab(page, labels.ui_text("tab.population", "en"))


def upload_and_wait(page, url: str, path: Path, limit: str, outcome: str) -> str:
    """Open the Population tab, see `limit` stated, pick `path`, wait for `outcome` in the summary."""
    from tests.browser.driver import control

    open_dashboard(page, url)
    population_tab(page)
    wait_for(lambda: limit in control(page, "rx-population-limit").inner_text(), what=f"the {limit} limit")
    control(page, "rx-population-upload").locator("input[type=file]").set_input_files(str(path))
    summary = control(page, "rx-population-summary")
    wait_for(lambda: outcome in summary.inner_text(), what=f"'{outcome}' after the upload")
    assert "Connection lost" not in page_text(page)
    return summary.inner_text()


def test_server_route_limits_a_15_mb_upload_arrives_on_jupyter_server(page, tmp_path):
    """The page states the 50 MB limit on the jupyter server route and a 15 MB file arrives (tornado's
    default 10 MiB message limit dropped the connection there)."""
    path = upload_file(tmp_path, "fifteen.csv", 15)
    assert path.stat().st_size > 14_000_000
    port = free_port()
    command, cwd, render = ROUTES["jupyter-server"](port)
    for url in serve("jupyter-server-upload", port, command, cwd, render):
        upload_and_wait(page, url, path, f"{serving.UPLOAD_MAX_MB:,} MB", "2 rows read, 2 valid")


def test_server_route_limits_the_page_states_the_servers_real_limit_and_refuses_above_it(page, tmp_path):
    """A jupyter server whose message limit is left at tornado's 10 MiB: the page says 9 MB and
    refuses the 15 MB file with a message instead of losing its connection."""
    path = upload_file(tmp_path, "fifteen.csv", 15)
    port = free_port()
    command, cwd, render = ROUTES["jupyter-server"](port)
    command = [*command, "--ServerApp.tornado_settings={}"]
    for url in serve("jupyter-server-default-limit", port, command, cwd, render):
        text = upload_and_wait(page, url, path, "9 MB", "explorer population FILE")
        assert "fifteen.csv" in text and "9 MB" in text


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
        said = page_notice("en", {"EXPLORER_PAGE_NOTICE": "template_missing",
                                  "EXPLORER_PAGE_NOTICE_MISSING": "no-such-template",
                                  "EXPLORER_PAGE_NOTICE_FALLBACK": "lab"})
        assert text == said and "no-such-template" in text and text.count(". ") == 0
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
