"""Driving the dashboard's ipywidgets in Chromium by the CSS classes the app gives them (rx-*).

Shared by the browser tests and the dashboard benchmarks; knows the DOM of ipywidgets 8, plotly and
lumino tabs, nothing about the rules.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from playwright.sync_api import Locator, Page

PAGE_WAIT_S = 180.0
"""The longest any state a person waits for may take to show (the first render, a recompute, a
download): generous, so that a loaded 2-core machine (CI beside another CPU-heavy process) slows a
test down instead of failing it. Waits poll and return as soon as the state shows."""
PAGE_WAIT_MS = int(PAGE_WAIT_S * 1000)
FIRST_RENDER_TIMEOUT_MS = PAGE_WAIT_MS
UPDATE_TIMEOUT_S = PAGE_WAIT_S
MAP_PLOT = ".rx-map .main-svg"
MAP_CELLS = ".rx-map .hm image"  # plotly draws a heatmap's cells as one <image> in its .hm layer
STATUS_LINE = ".rx-status"  # "N rows (... grid) computed in ..." after every recompute
READ_TABLE_JS = """
t => ({
  columns: Array.from(t.querySelectorAll('thead tr:last-child th')).map(c => c.innerText.trim()),
  rows: Array.from(t.querySelectorAll('tbody tr'))
    .map(r => Array.from(r.querySelectorAll('td, th')).map(c => c.innerText.trim()))
    .filter(r => r.length > 1),
})
"""


def open_dashboard(page: Page, url: str, timeout_ms: int = FIRST_RENDER_TIMEOUT_MS) -> float:
    """Load the dashboard and wait until the map's plot and the status line are there; seconds taken.

    (The map's cells are a separate check, MAP_CELLS, so that a map bug does not hide every other test.)"""
    start = time.perf_counter()
    page.goto(url, timeout=timeout_ms)
    page.locator(MAP_PLOT).first.wait_for(state="attached", timeout=timeout_ms)
    page.locator(STATUS_LINE).first.wait_for(state="attached", timeout=timeout_ms)
    wait_for(lambda: page.locator(STATUS_LINE).first.inner_text().strip(), timeout_s=timeout_ms / 1000,
             poll_s=0.02, what="the status line")
    return time.perf_counter() - start


def control(page: Page, css_class: str) -> Locator:
    """The widget carrying `css_class` (exactly one is expected)."""
    return page.locator(f".{css_class}").first


def set_date(page: Page, css_class: str, iso_date: str) -> None:
    """Type a date into a DatePicker (fill sets an <input type=date> whatever its display format)."""
    box = control(page, css_class).locator("input[type=date]")
    box.fill(iso_date)
    box.dispatch_event("change")


def choose(page: Page, css_class: str, label: str) -> None:
    """Pick `label` in a ToggleButtons, Dropdown or RadioButtons widget."""
    widget = control(page, css_class)
    select = widget.locator("select")
    if select.count():
        select.select_option(label=label)
        return
    button = widget.locator("button", has_text=label)
    if button.count():
        button.filter(has_text=label).first.click()
        return
    widget.get_by_label(label, exact=True).check()


def set_checkbox(page: Page, css_class: str, checked: bool) -> None:
    """Tick or untick a Checkbox widget."""
    control(page, css_class).locator("input[type=checkbox]").set_checked(checked)


def set_number(page: Page, css_class: str, value: float) -> None:
    """Type a number into an IntText/FloatText and commit it with Enter."""
    box = control(page, css_class).locator("input")
    box.fill(str(value))
    box.press("Enter")


def date_value(page: Page, css_class: str) -> str:
    """The ISO date a DatePicker shows."""
    return control(page, css_class).locator("input[type=date]").input_value()


def open_tab(page: Page, title: str) -> None:
    """Bring the tab with this title to the front."""
    page.get_by_role("tab", name=title).first.click()


def read_table(page: Page, css_class: str) -> dict[str, Any]:
    """Header and body text of the first <table> inside the widget with `css_class`."""
    table = control(page, css_class).locator("table").first
    table.wait_for(state="attached", timeout=FIRST_RENDER_TIMEOUT_MS)
    return table.evaluate(READ_TABLE_JS)


def wait_for(condition: Callable[[], Any], timeout_s: float = UPDATE_TIMEOUT_S, poll_s: float = 0.05,
             what: str | Callable[[], str] = "condition") -> Any:
    """Poll `condition()` until it returns something truthy; its value, or AssertionError at timeout
    (`what` may be a function, to name in the message what the page showed last)."""
    deadline = time.monotonic() + timeout_s
    last: Any = None
    while time.monotonic() < deadline:
        try:
            last = condition()
        except Exception as exc:  # noqa: BLE001 - the DOM may be mid-update; poll again
            last = exc
        else:
            if last:
                return last
        time.sleep(poll_s)
    named = what() if callable(what) else what
    raise AssertionError(f"timed out after {timeout_s} s waiting for {named}; last value: {last!r}")


def page_text(page: Page) -> str:
    """All text on the page (what a user can read)."""
    return page.locator("body").inner_text()
