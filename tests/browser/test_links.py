"""Links to a view in Chromium: the page URL follows the controls, the shown link reopens the same view
(tables and person, through the preheated kernel of `make serve`), bad values get one line each, and
'Download report' saves the current view."""

from __future__ import annotations

from tests.browser.driver import (
    MAP_CELLS,
    PAGE_WAIT_MS,
    choose,
    control,
    open_dashboard,
    open_tab,
    page_text,
    read_table,
    set_number,
    wait_for,
)
from tests.browser.test_dashboard import outcome, show_all_rows


def link(page) -> str:
    """The 'Link to this view' field's text."""
    return control(page, "rx-link-field").input_value()


def settled(page, part: str) -> str:
    """Wait until the link holds `part` and the page is not computing; the link."""
    busy = "() => getComputedStyle(document.querySelector('.rx-busy')).visibility === 'hidden'"
    return wait_for(lambda: part in link(page) and page.evaluate(busy) and link(page),
                    what=f"link with {part}")


def view(page) -> dict:
    """What the tests compare: the person's outcome and why, then the deadline and fee tables."""
    person_tab = page.get_by_role("tab", name="One person")
    wait_for(lambda: person_tab.get_attribute("aria-selected") == "true", what="the One person tab")
    shown = {"outcome": wait_for(lambda: outcome(page), what="the outcome"),
             "why": control(page, "rx-person-why").inner_text()}
    for tab, css_class in (("Deadlines", "rx-deadlines-table"), ("Fee totals", "rx-fees-table")):
        open_tab(page, tab)
        control(page, css_class).locator("table").first.wait_for(timeout=PAGE_WAIT_MS)
        show_all_rows(page, css_class)
        shown[css_class] = read_table(page, css_class)
    open_tab(page, "One person")
    return shown


def test_the_shown_link_reopens_the_same_view(page, voila_url, context, screenshot):
    open_dashboard(page, voila_url)
    choose(page, "rx-granularity", "week")
    choose(page, "rx-path", "b")
    choose(page, "rx-expedited", "yes")
    set_number(page, "rx-lead-days", 3)
    settled(page, "lead_days=3")
    wait_for(lambda: page.locator(MAP_CELLS).count() > 0, what="heatmap cells")
    box = page.locator(".rx-map .nsewdrag").first.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.6)
    shared = settled(page, "person_expiry=")
    assert page.url == shared  # history.replaceState keeps the address bar equal to the link
    before = view(page)
    assert settled(page, "tab=person") == shared
    screenshot("link-before")

    other = context.new_page()
    other.route(lambda url: not url.startswith("http://127.0.0.1"), lambda route: route.abort())
    open_dashboard(other, shared)
    after = view(other)
    screenshot("link-after")
    assert after == before
    assert link(other) == shared
    for part in ("granularity=week", "path=b", "expedited=yes", "lead_days=3", "tab=person"):
        assert part in shared
    other.close()


def test_bad_link_values_get_one_line_each(page, voila_url):
    open_dashboard(page, voila_url + "?granularity=year&colour=red")
    messages = control(page, "rx-link-messages")
    wait_for(lambda: messages.inner_text().count("\n") >= 1, what="the link messages")
    assert messages.inner_text().splitlines() == [
        "Link parameter “granularity=year” is not one of day, week, month: using the default, “month”.",
        "Link parameter “colour” is unknown: ignored."]
    assert "Traceback" not in page_text(page)


def test_download_report_saves_the_current_view(page, voila_url, tmp_path):
    open_dashboard(page, voila_url + "?granularity=week&person_expiry=2020-11-13&person_applied=2020-12-01")
    with page.expect_download(timeout=PAGE_WAIT_MS) as download:
        control(page, "rx-report-html").locator("button").click()
    saved = tmp_path / "report.html"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "residence-report.html"
    html = saved.read_text(encoding="utf-8")
    for part in ("scenario report", "Grid step</th><td>week", "One person", "2020-12-01",
                 "person_expiry=2020-11-13"):
        assert part in html, part
