"""JupyterHub for a team (make hub): two people log in through the hub's form and each gets their own
server showing the options map; a wrong password is refused, JupyterLab with the notebooks is one
click away, the server limit holds, and the idle culler stops a server nobody uses, which gives its
place to the next person.

Starts the hub the way `make hub` does (scripts/hub.sh, hub/jupyterhub_config.py) on free ports with
its state in a temporary folder. Slow (two servers start): runs in `make test`.
"""

from __future__ import annotations

import os
import re
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.browser.driver import MAP_CELLS, MAP_PLOT, PAGE_WAIT_MS, wait_for
from tests.browser.server import SCREENSHOTS, free_port, is_local, start_server, stop_voila
from tests.paths import ARTIFACTS, ROOT

pytestmark = pytest.mark.slow

HUB_LOG = ARTIFACTS / "hub-tests.log"
PASSWORD = "a-test-password-for-the-hub"
START_TIMEOUT_S = 120
SPAWN_TIMEOUT_MS = 300_000  # two servers and their kernels starting side by side on a busy 2-core machine
DASHBOARD = "voila/render/notebooks/dashboard.ipynb"


@dataclass(frozen=True)
class Hub:
    url: str
    log: Path


def _log_tail(lines: int = 40, log: Path = HUB_LOG) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    """The hub of `make hub`, on free ports, at most two servers at once, its state in a temp folder."""
    yield from _hub(tmp_path_factory.mktemp("hub"), HUB_LOG, {"EXPLORER_HUB_MAX_SERVERS": "2"})


def _hub(state: Path, log: Path, settings: dict[str, str]) -> Iterator[Hub]:
    """Start scripts/hub.sh with `settings` (EXPLORER_HUB_*) on free ports; stop it afterwards."""
    port = free_port()
    env = {**os.environ, "VENV": os.environ.get("VENV", str(ROOT / ".venv")),
           "EXPLORER_HUB_PORT": str(port), "EXPLORER_HUB_PROXY_API_PORT": str(free_port()),
           "EXPLORER_HUB_INTERNAL_PORT": str(free_port()), "EXPLORER_HUB_PASSWORD": PASSWORD,
           "EXPLORER_HUB_STATE": str(state), **settings}
    process = start_server(["bash", str(ROOT / "scripts" / "hub.sh")], ROOT, log, env)
    url = f"http://127.0.0.1:{port}/"
    try:
        def login_page() -> bool:
            if process.poll() is not None:
                pytest.fail(f"the hub exited with code {process.returncode}:\n{_log_tail(log=log)}")
            try:
                with urllib.request.urlopen(url + "hub/login", timeout=2) as answer:
                    return answer.status == 200
            except OSError:
                return False

        wait_for(login_page, timeout_s=START_TIMEOUT_S, poll_s=0.5, what="the hub's login page")
        yield Hub(url, log)
    finally:
        stop_voila(process)  # SIGTERM to the hub's process group (proxy, culler, servers), then SIGKILL


def _context(browser: Browser) -> BrowserContext:
    """A browser context of its own (one person's cookies) that refuses every host but this machine."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    return context


def _log_in(page: Page, hub: Hub, name: str, password: str) -> None:
    page.goto(hub.url, timeout=PAGE_WAIT_MS)
    page.locator("input[name=username]").fill(name)
    page.locator("input[name=password]").fill(password)
    page.locator("#login_submit, form [type=submit]").first.click()


def test_two_people_log_in_through_the_hub_and_each_sees_the_options_map(hub, browser):
    people = {name: _context(browser) for name in ("alice", "bob")}
    try:
        pages = {name: context.new_page() for name, context in people.items()}
        for name, page in pages.items():  # both log in before either server is up: spawns overlap
            _log_in(page, hub, name, PASSWORD)
        for name, page in pages.items():
            page.locator(MAP_PLOT).first.wait_for(state="attached", timeout=SPAWN_TIMEOUT_MS)
            page.locator(MAP_CELLS).first.wait_for(state="attached", timeout=PAGE_WAIT_MS)
            assert page.url == f"{hub.url}user/{name}/{DASHBOARD}"
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"hub-{name}.png"))

        # JupyterLab, with the notebooks, is one click away on the same login: /user/<name>/lab.
        lab = pages["alice"]
        lab.locator(".rx-lab-link a").click()
        lab.locator(".jp-DirListing-item", has_text="dashboard.ipynb").first.wait_for(timeout=PAGE_WAIT_MS)
        assert lab.url.startswith(f"{hub.url}user/alice/lab")

        # A third person: the hub refuses a server beyond the limit (here 2) with a message.
        carol = _context(browser)
        try:
            page = carol.new_page()
            _log_in(page, hub, "carol", PASSWORD)
            page.get_by_text("Active user limit exceeded").first.wait_for(timeout=PAGE_WAIT_MS)
        finally:
            carol.close()
    finally:
        for context in people.values():
            context.close()
    # The idle culler runs as a hub service and reads the users' servers through the hub's API.
    log = hub.log.read_text(errors="replace")
    assert "Starting service 'idle-culler'" in log
    assert re.search(r"200 GET /hub/api/users\S* \(idle-culler@127\.0\.0\.1\)", log), log[-3000:]


def test_a_wrong_password_is_refused_on_the_login_form(hub, browser):
    context = _context(browser)
    try:
        page = context.new_page()
        _log_in(page, hub, "mallory", "not-the-password")
        page.get_by_text("Invalid username or password").wait_for(timeout=PAGE_WAIT_MS)
        assert "/hub/login" in page.url
    finally:
        context.close()


CULLING_LOG = ARTIFACTS / "hub-culling-tests.log"
IDLE_TIMEOUT_S = 60


@pytest.fixture(scope="module")
def culling_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    """A hub of one server at a time whose culler stops a server idle for a minute (looks every 10 s;
    servers tell the hub of their activity every 10 s)."""
    yield from _hub(tmp_path_factory.mktemp("culling-hub"), CULLING_LOG,
                    {"EXPLORER_HUB_MAX_SERVERS": "1", "EXPLORER_HUB_IDLE_TIMEOUT": str(IDLE_TIMEOUT_S),
                     "EXPLORER_HUB_CULL_EVERY": "10", "EXPLORER_HUB_ACTIVITY_INTERVAL": "10"})


def _sees_the_map(context: BrowserContext, hub: Hub, name: str) -> Page:
    """`name` logs in and sees the options map on the dashboard of their own server."""
    page = context.new_page()
    _log_in(page, hub, name, PASSWORD)
    page.locator(MAP_PLOT).first.wait_for(state="attached", timeout=SPAWN_TIMEOUT_MS)
    page.locator(MAP_CELLS).first.wait_for(state="attached", timeout=PAGE_WAIT_MS)
    assert page.url == f"{hub.url}user/{name}/{DASHBOARD}"
    return page


def test_the_idle_culler_stops_a_left_server_and_its_place_goes_to_the_next_person(culling_hub, browser):
    alice = _context(browser)
    try:
        _sees_the_map(alice, culling_hub, "alice")
        bob = _context(browser)
        try:  # the one place is alice's
            _log_in(bob.new_page(), culling_hub, "bob", PASSWORD)
            bob.pages[0].get_by_text("Active user limit exceeded").first.wait_for(timeout=PAGE_WAIT_MS)
        finally:
            bob.close()
    finally:
        alice.close()  # alice leaves: nothing uses her server any more

    def culled() -> bool:  # the culler asked, and the hub has stopped the server (it takes a moment)
        log = culling_hub.log.read_text(errors="replace")
        return bool(re.search(r"Culling server alice\b", log)
                    and re.search(r"User alice server took [\d.]+ seconds to stop", log))

    wait_for(culled, timeout_s=IDLE_TIMEOUT_S + 240, poll_s=2, what="the culler to stop alice's idle server")
    bob = _context(browser)
    try:
        _sees_the_map(bob, culling_hub, "bob")
    finally:
        bob.close()
