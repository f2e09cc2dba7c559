"""Open to everyone: axe-core finds no critical or serious violation on any tab (English, and Slovak
once), a person can be picked with the keyboard alone, and the page fits a 390 px phone."""

from __future__ import annotations

import pytest

from explorer import labels
from explorer.ui.tabs import TAB_KEYS
from tests.browser.a11y import axe_violations, describe
from tests.browser.driver import (
    PAGE_WAIT_MS,
    STATUS_LINE,
    control,
    open_dashboard,
    open_tab,
    page_text,
    set_date,
    wait_for,
)

# Something each tab shows once its content is drawn, so the audit sees the tab, not a blank box.
TAB_READY = {
    "map": ".rx-map .main-svg",
    "deadlines": ".rx-deadlines-table table",
    "fees": ".rx-fees-table table",
    "person": ".rx-person-lead p",
    "downloads": ".rx-download-csv a[download]",
    "whatif": ".rx-whatif",
    "population": ".rx-population-upload input[type=file]",
    "readings_compared": ".rx-readings-compared-intro",
}
ACTIVE_JS = """
() => { const e = document.activeElement; const box = e && e.closest('[class*="rx-"]');
        const own = e.classList.contains('rx-scroll') ? ' rx-scroll' : '';
        return box ? Array.from(box.classList).join(' ') + own : ''; }
"""
WATCH_PERSON_DAYS_JS = """
() => { window.__personDays = [];
        const read = (css) => { const e = document.querySelector(`.${css} input[type=date]`);
                                return e && e.offsetParent !== null ? e.value : null; };
        const frame = () => { const pair = [read('rx-person-expiry'), read('rx-person-application')];
                              if (pair[0] !== null || pair[1] !== null) window.__personDays.push(pair);
                              requestAnimationFrame(frame); };
        requestAnimationFrame(frame); }
"""
SIDEWAYS_JS = """
() => { const out = [[document.scrollingElement.scrollWidth, window.innerWidth]];
        for (let e = document.querySelector('.rx-app'); e; e = e.parentElement) {
          const style = getComputedStyle(e).overflowX;
          if (style === 'auto' || style === 'scroll') out.push([e.scrollWidth, e.clientWidth]);
        }
        return out; }
"""


def open_each_tab(page, lang: str = "en"):
    """Open every tab in turn (yields its key once its content is on the page)."""
    for key in TAB_KEYS:
        open_tab(page, labels.ui_text(f"tab.{key}", lang))
        page.locator(TAB_READY[key]).first.wait_for(state="attached", timeout=PAGE_WAIT_MS)
        yield key


def test_no_tab_has_a_critical_or_serious_accessibility_violation(page, voila_url):
    open_dashboard(page, voila_url)
    found = {}
    for key in open_each_tab(page):
        if key == "map":
            control(page, "rx-map-table-toggle").click()
            page.locator(".rx-map-table table").wait_for(state="attached")
        violations = axe_violations(page)
        if violations:
            found[key] = describe(violations)
    assert not found, "\n".join(f"== {key}\n{text}" for key, text in found.items())


def test_the_slovak_page_has_no_critical_or_serious_violation_and_says_it_is_slovak(page, voila_url):
    open_dashboard(page, voila_url)
    control(page, "rx-language").get_by_role("button", name="Slovensky").click()
    wait_for(lambda: page.evaluate("document.documentElement.lang") == "sk", what="<html lang=sk>")
    wait_for(lambda: labels.ui_text("tab.map", "sk") in page_text(page), what="Slovak tab titles")
    open_tab(page, labels.ui_text("tab.person", "sk"))
    page.locator(TAB_READY["person"]).first.wait_for(state="attached", timeout=PAGE_WAIT_MS)
    violations = axe_violations(page)
    assert not violations, describe(violations)


def tab_to(page, css_class: str, limit: int = 200) -> None:
    """Press Tab until the focus is inside the widget with `css_class` (keyboard only)."""
    for _ in range(limit):
        if css_class in page.evaluate(ACTIVE_JS).split():
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached .{css_class}; last focus: {page.evaluate(ACTIVE_JS)!r}")


def test_a_person_can_be_picked_and_the_map_read_with_the_keyboard_alone(page, voila_url):
    open_dashboard(page, voila_url)
    for css_class, typed, iso in (("rx-pick-expiry", "03102021", "2021-03-10"),
                                  ("rx-pick-application", "12232020", "2020-12-23")):
        tab_to(page, css_class)
        page.keyboard.type(typed)  # mm dd yyyy, as Chromium's en-US date field takes it
        box = control(page, css_class).locator("input[type=date]")
        wait_for(lambda b=box, want=iso: b.input_value() == want, what=f"{iso} typed into .{css_class}")
    tab_to(page, "rx-pick-open")
    page.evaluate(WATCH_PERSON_DAYS_JS)  # every frame from here on: the days One person shows
    page.keyboard.press("Enter")
    person_tab = page.get_by_role("tab", name=labels.ui_text("tab.person", "en"))
    wait_for(lambda: person_tab.get_attribute("aria-selected") == "true", what="the One person tab")
    wait_for(lambda: control(page, "rx-person-lead").inner_text().strip(), what="the person's lead sentence")
    shown = page.evaluate("() => window.__personDays")
    assert shown and set(map(tuple, shown)) == {("2021-03-10", "2020-12-23")}, \
        f"One person showed other days than the picked ones: {sorted(set(map(tuple, shown)))}"

    # back to the map through the tab bar, with arrow keys, then the table alternative
    person_tab.focus()
    for _ in range(TAB_KEYS.index("person") - TAB_KEYS.index("map")):
        page.keyboard.press("ArrowLeft")
    page.keyboard.press("Enter")
    map_tab = page.get_by_role("tab", name=labels.ui_text("tab.map", "en"))
    wait_for(lambda: map_tab.get_attribute("aria-selected") == "true", what="the Options map tab")
    tab_to(page, "rx-map-table-toggle")
    page.keyboard.press("Space")
    page.locator(".rx-map-table table").wait_for(state="attached")
    page.keyboard.press("Tab")
    assert "rx-scroll" in page.evaluate(ACTIVE_JS).split(), "the table's scroll box takes the focus"
    text = control(page, "rx-map-table").inner_text()
    assert labels.label("five_year_only", "en") in text


def test_at_390_px_the_controls_stack_above_the_content_and_nothing_scrolls_sideways(browser, voila_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        open_dashboard(page, voila_url)
        controls = control(page, "rx-controls").bounding_box()
        tabs = control(page, "rx-tabs").bounding_box()
        assert controls["y"] + controls["height"] <= tabs["y"] + 1, (controls, tabs)
        assert controls["width"] >= 300 and tabs["width"] >= 300, (controls, tabs)
        for key in open_each_tab(page):
            widths = page.evaluate(SIDEWAYS_JS)
            assert all(scroll <= client for scroll, client in widths), (key, widths)
            if key in ("map", "deadlines"):
                save(page, f"phone-390-{key}")
    finally:
        context.close()


def test_at_1400_px_the_controls_sit_beside_the_content(browser, voila_url):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    try:
        open_dashboard(page, voila_url)
        controls = control(page, "rx-controls").bounding_box()
        tabs = control(page, "rx-tabs").bounding_box()
        assert controls["x"] + controls["width"] <= tabs["x"] + 1, (controls, tabs)
        assert all(scroll <= client for scroll, client in page.evaluate(SIDEWAYS_JS))
        save(page, "desktop-1400-map")
    finally:
        context.close()


def save(page, name: str) -> None:
    """A screenshot under artifacts/screenshots/ (the browser server's folder)."""
    from tests.browser.server import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


@pytest.mark.parametrize("date_class", ["rx-person-expiry", "rx-person-application"])
def test_the_person_date_pickers_have_labels_a_screen_reader_reads(page, voila_url, date_class):
    open_dashboard(page, voila_url)
    open_tab(page, labels.ui_text("tab.person", "en"))
    box = control(page, date_class).locator("input[type=date]")
    box.wait_for(state="attached")
    name = box.evaluate("e => e.labels && e.labels.length ? e.labels[0].innerText.trim() : ''")
    key = "person.card_expiry" if date_class == "rx-person-expiry" else "person.application"
    want = labels.ui_text(key, "en")
    assert name == want
    set_date(page, date_class, "2021-03-10")
    assert page.locator(STATUS_LINE).first.inner_text()
