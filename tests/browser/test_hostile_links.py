"""Hostile links in Chromium (issue 14, findings 6 and 8): a link with ~1,200 keys, a 20,000-character
value and an impossible date each get a readable line on the page (no empty HTTP 400, no Python
form, nothing echoed whole), and a link whose view does not compute gives no report."""

from __future__ import annotations

import urllib.request

from tests.browser.driver import control, open_dashboard, page_text, wait_for

PYTHON_FORMS = ("Timestamp(", "datetime.date(", "[first offending row", "Traceback", "NaTType")


def test_finding_8_a_link_with_1200_keys_opens_the_page_with_one_clear_line(page, voila_url):
    query = "&".join(f"k{i}=1" for i in range(1_200))
    with urllib.request.urlopen(f"{voila_url}?{query}", timeout=120) as answer:  # not an empty 400
        assert answer.status == 200 and b"<html" in answer.read(4096).lower()
    open_dashboard(page, f"{voila_url}?{query}")
    messages = control(page, "rx-link-messages")
    wait_for(lambda: "1,200 parameters" in messages.inner_text(), what="the link message")
    assert messages.inner_text().strip() == (
        "This link has 1,200 parameters, more than the 200 a link to this dashboard can hold: none of "
        "them was used, so the page shows the default view.")


def test_finding_8_long_values_and_impossible_dates_read_as_words(page, voila_url):
    open_dashboard(page, f"{voila_url}?granularity={'x' * 20_000}&expiry_from=0001-01-01")
    messages = control(page, "rx-link-messages")
    wait_for(lambda: "20,000 characters" in messages.inner_text(), what="the link message")
    assert len(messages.inner_text()) < 600  # the value is not echoed whole
    message = control(page, "rx-message")
    wait_for(lambda: "0001-01-01" in message.inner_text(), what="the grid's error")
    text = page_text(page)
    assert not [form for form in PYTHON_FORMS if form in text], text[:2000]


def test_finding_6_a_view_with_an_error_gives_no_report(page, voila_url):
    open_dashboard(page, f"{voila_url}?expiry_from=2021-06-01&expiry_to=2020-01-01")
    message = control(page, "rx-message")
    wait_for(lambda: "ends before it starts" in message.inner_text(), what="the range error")
    downloads: list = []
    page.on("download", lambda download: downloads.append(download))
    control(page, "rx-report-html").locator("button").click()
    wait_for(lambda: "The report was not made" in message.inner_text(),
             what="the report refusal")
    assert "the view on the page has an error" in message.inner_text() and downloads == []
