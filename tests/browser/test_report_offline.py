"""The report opened from disk in Chromium with the network off: no request, every chart drawn, the facts
of the view on the page; the PDF printed from it holds the same facts (text extracted with pypdf)."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from explorer import labels
from explorer.interfaces.pdf import html_to_pdf
from explorer.interfaces.report import build_report
from explorer.person.timeline import evaluate_one, key_dates
from tests.browser.driver import PAGE_WAIT_MS

SWEEP = {"expiry": ("2020-06-01", "2021-05-31"), "application": ("2020-03-01", "2021-08-31"), "freq": "MS"}
PERSON = {"card_expiry": "2020-11-13", "application_date": "2020-11-13", "option": "a", "expedited": True}


@pytest.fixture(scope="module")
def report_files(tmp_path_factory):
    """The report as HTML and PDF files, and the facts both must show."""
    folder = tmp_path_factory.mktemp("report")
    document = build_report(SWEEP, person=PERSON).to_html()
    html_path, pdf_path = folder / "report.html", folder / "report.pdf"
    html_path.write_text(document, encoding="utf-8")
    pdf_path.write_bytes(html_to_pdf(document))
    row = evaluate_one(PERSON)
    facts = ["Residence card transition: scenario report", "Parameters in force",
             labels.label("transition_deadline"),  # labels, not codes, in the English report too
             "Deadlines by card expiry month", "One person", "Why, step by step",
             labels.value_label(str(row["status"]), "en"),
             "Status by card expiry and application day",  # drawn by plotly: only there once the chart is
             "Key dates"]
    return html_path, pdf_path, facts, [d.isoformat() for d in key_dates(row)["date"]]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_report_opens_offline_with_every_chart(browser, report_files):
    html_path, _, facts, dates = report_files
    page = browser.new_page()
    requests: list[str] = []
    local = ("file:", "data:", "blob:")
    page.on("request", lambda r: None if r.url.startswith(local) else requests.append(r.url))
    page.route(lambda url: not url.startswith(local), lambda route: route.abort())
    page.goto(html_path.as_uri())
    page.locator("#rx-report-timeline .textpoint text").first.wait_for(timeout=PAGE_WAIT_MS)
    assert page.locator(".rx-report-figure .main-svg").count() >= 2
    assert page.locator("#rx-report-map .hm image").count() == 1  # the heatmap's cells
    assert page.locator("#rx-report-timeline .textpoint text").evaluate_all(
        "ts => ts.map(t => t.textContent)") == dates
    text = flat(page.locator("body").inner_text())
    for fact in facts:
        assert fact in text, fact
    assert requests == []
    page.close()


def test_pdf_holds_the_same_facts(report_files):
    _, pdf_path, facts, dates = report_files
    text = flat(" ".join(p.extract_text() for p in PdfReader(pdf_path).pages))
    for fact in facts:
        assert fact in text, fact
    assert all(d in text for d in dates)  # the key-dates chart's labels
