"""Browser-test fixtures: one Voila server for the session (scripts/serve.sh, started by server.py),
Chromium from the system, pages that must not reach beyond 127.0.0.1, and screenshots under
artifacts/screenshots/."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.browser.driver import PAGE_WAIT_MS
from tests.browser.server import (
    CHROMIUM,
    CHROMIUM_ARGS,
    SCREENSHOTS,
    SERVER_LOG,
    SERVER_START_TIMEOUT_S,
    VIEWPORT,
    free_port,
    is_local,
    start_voila,
    stop_voila,
    wait_until_serving,
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test under tests/browser/ `browser`, so `-m "not browser"` leaves them out."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def voila_url() -> Iterator[str]:
    """Base URL of a Voila server serving the dashboard for the whole test session."""
    port = free_port()
    process = start_voila(port, SERVER_LOG)
    try:
        wait_until_serving(f"http://127.0.0.1:{port}/voila/static/", process, SERVER_START_TIMEOUT_S)
        yield f"http://127.0.0.1:{port}/"
    finally:
        stop_voila(process)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch the system Chromium (never a playwright download), headless and quiet on the network."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: run scripts/ensure-chromium.sh or set CHROMIUM=/path")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """A screen the size of the README screenshot, downloads allowed."""
    return {**browser_context_args, "viewport": VIEWPORT, "accept_downloads": True}


@pytest.fixture
def page(page):
    """pytest-playwright's page, failing the test if it requests anything outside 127.0.0.1.

    Requests elsewhere are aborted on the spot (the machine is offline anyway) and listed."""
    outside: list[str] = []

    def refuse(route) -> None:
        outside.append(route.request.url)
        route.abort()

    page.set_default_timeout(PAGE_WAIT_MS)  # every locator wait of playwright, not only ours
    page.route(lambda url: not is_local(url), refuse)
    page.on("websocket", lambda ws: None if is_local(ws.url) else outside.append(ws.url))
    page.outside_requests = outside
    yield page
    if outside:
        pytest.fail("the page requested hosts other than 127.0.0.1: " + ", ".join(sorted(set(outside))))


@pytest.fixture
def screenshot(page) -> Callable[[str], Path]:
    """Save a full-window screenshot as artifacts/screenshots/<name>.png and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def shoot(name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path))
        return path

    return shoot
