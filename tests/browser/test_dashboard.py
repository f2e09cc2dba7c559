"""The Voila dashboard in Chromium: it renders offline, its tables and person view agree with the engine,
its CSV download is the sweep, and bad input gives a message, never a traceback."""

from __future__ import annotations

import datetime as dt
import math
import re

import pandas as pd
import pytest

import explorer
from explorer import labels
from explorer.person.timeline import key_dates
from explorer.words.formats import format_date
from tests.browser.driver import (
    MAP_CELLS,
    PAGE_WAIT_MS,
    choose,
    control,
    date_value,
    open_dashboard,
    open_tab,
    page_text,
    read_table,
    set_date,
    wait_for,
)

# The sweep every test sets up in the sidebar (monthly grid, both paths, both fee choices).
EXPIRY = ("2020-06-01", "2021-05-31")
APPLICATION = ("2020-03-01", "2021-08-31")
NARROWER_APPLICATION_END = "2020-12-31"
FIXED = {"stamp_channel": "online", "stamp_lead_days": 0, "payment": "card", "years_resided": 0,
         "address_changed": False, "accommodation_submitted_before": True}
ALL_ROWS = "1000"  # the largest entries-per-page choice of the table widget


def engine_sweep(application_end: str = APPLICATION[1], expedited: tuple[bool, ...] = (False, True),
                 delivery: tuple[bool, ...] = (False, True)) -> pd.DataFrame:
    """What the dashboard should compute for the sidebar as the tests set it."""
    return explorer.sweep(EXPIRY, (APPLICATION[0], application_end), freq="MS", options=("a", "b"),
                          expedited=expedited, delivery=delivery, **FIXED)


def shows(text: str, value: object) -> bool:
    """True when a table cell's text shows `value` (dates ISO, numbers to 2 decimals, money as "€49.00",
    blanks for missing)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return text == ""
    if isinstance(value, bool):
        return text.lower() in (("yes", "true") if value else ("no", "false"))
    if isinstance(value, pd.Timestamp | dt.date):
        return text == pd.Timestamp(value).strftime("%Y-%m-%d")
    if isinstance(value, int | float):
        try:
            # money columns show euro amounts ("€49.00"): the amount is what is compared
            return math.isclose(float(text.replace(",", "").replace("€", "")), round(float(value), 2),
                                abs_tol=0.006)
        except ValueError:
            return False
    return text == str(value)


def mismatches(shown: dict, expected: pd.DataFrame) -> list[str]:
    """Differences between a table read from the page and an engine frame (same columns, same order),
    the frame labelled as the page labels it in English."""
    expected = labels.labelled(expected, "en")
    problems = []
    if shown["columns"] != list(expected.columns):
        return [f"columns {shown['columns']} != {list(expected.columns)}"]
    if len(shown["rows"]) != len(expected):
        return [f"{len(shown['rows'])} rows shown, {len(expected)} expected"]
    for i, (row, (_, want)) in enumerate(zip(shown["rows"], expected.iterrows(), strict=True)):
        for col, text in zip(expected.columns, row, strict=True):
            value = want[col].item() if hasattr(want[col], "item") else want[col]
            if not shows(text, value):
                problems.append(f"row {i} {col!r}: shown {text!r}, engine {want[col]!r}")
    return problems


def show_all_rows(page, css_class: str) -> None:
    """Ask the table widget for all its rows on one page (it pages by 25)."""
    length = control(page, css_class).locator("select").first
    if length.count():
        length.select_option(ALL_ROWS)


def table_equal_to(page, css_class: str, expected: pd.DataFrame) -> bool:
    """Whether the table on the page shows exactly `expected` now."""
    show_all_rows(page, css_class)
    return not mismatches(read_table(page, css_class), expected)


def assert_table(page, css_class: str, expected: pd.DataFrame, what: str) -> None:
    """Wait for the table to show `expected`; on timeout, fail listing the differences."""
    try:
        wait_for(lambda: table_equal_to(page, css_class, expected), what=what)
    except AssertionError:
        problems = mismatches(read_table(page, css_class), expected)
        pytest.fail(f"{what}: " + "; ".join(problems[:10]))


def set_sidebar(page, application_end: str = APPLICATION[1]) -> None:
    """Put the sidebar on the tests' sweep and wait for the recompute to finish."""
    before = page.locator(".rx-status").inner_text()
    set_date(page, "rx-expiry-start", EXPIRY[0])
    set_date(page, "rx-expiry-end", EXPIRY[1])
    set_date(page, "rx-application-start", APPLICATION[0])
    set_date(page, "rx-application-end", application_end)
    for css_class, label in (("rx-granularity", "month"), ("rx-path", "both"), ("rx-expedited", "both"),
                             ("rx-delivery", "both")):
        choose(page, css_class, label)
    # Settled: the status line reports the final grid's row count (earlier recomputes of the
    # burst of changes report other counts) and nothing is computing any more.
    rows = f"{len(engine_sweep(application_end)):,} rows"
    busy_hidden = "() => getComputedStyle(document.querySelector('.rx-busy')).visibility === 'hidden'"
    wait_for(lambda: page.locator(".rx-status").inner_text() != before
             and rows in page.locator(".rx-status").inner_text() and page.evaluate(busy_hidden),
             what=f"the recompute of {rows}")


@pytest.fixture
def dashboard(page, voila_url):
    """The dashboard open in the page, first render done."""
    open_dashboard(page, voila_url)
    return page


def test_first_render_draws_the_options_map_offline(dashboard, screenshot):
    wait_for(lambda: dashboard.locator(MAP_CELLS).count() > 0, what="heatmap cells")
    screenshot("dashboard")
    assert dashboard.get_by_role("tab", name="Options map").count() == 1
    assert "Traceback" not in page_text(dashboard)
    assert dashboard.outside_requests == []
    # plotly's front end was loaded once for the page (explorer/ui/figures.py), not once per figure
    loaded = dashboard.evaluate("""() => Object.getOwnPropertySymbols(globalThis)
        .filter((key) => String(key.description).startsWith("explorer.plotly-bundle")).length""")
    assert loaded == 1


def test_tables_follow_the_application_range_and_a_fee_toggle(dashboard, screenshot):
    set_sidebar(dashboard)
    open_tab(dashboard, "Deadlines")
    assert_table(dashboard, "rx-deadlines-table",
                 explorer.deadlines_table(engine_sweep(), "MS"), "deadlines at the start")

    set_date(dashboard, "rx-application-end", NARROWER_APPLICATION_END)
    narrower = engine_sweep(NARROWER_APPLICATION_END)
    assert_table(dashboard, "rx-deadlines-table", explorer.deadlines_table(narrower, "MS"),
                 "deadlines after narrowing the application range")
    screenshot("deadlines")

    open_tab(dashboard, "Fee totals")
    assert_table(dashboard, "rx-fees-table", explorer.fees_table(narrower), "fees after the range change")
    choose(dashboard, "rx-expedited", "yes")
    expedited = engine_sweep(NARROWER_APPLICATION_END, expedited=(True,))
    assert_table(dashboard, "rx-fees-table", explorer.fees_table(expedited), "fees with expedited only")
    screenshot("fees")

    # The Deadlines table was drawn before and changed while its tab was closed.
    open_tab(dashboard, "Deadlines")
    assert_table(dashboard, "rx-deadlines-table", explorer.deadlines_table(expedited, "MS"),
                 "deadlines updated while their tab was closed")
    assert "Traceback" not in page_text(dashboard)


def outcome(page) -> dict[str, str]:
    """The person's outcome table as {label: text}."""
    rows = page.locator(".rx-person table").first.evaluate(
        "t => Array.from(t.querySelectorAll('tr')).map(r => [r.querySelector('th')?.innerText.trim(),"
        " r.querySelector('td')?.innerText.trim()])")
    return {k: v for k, v in rows if k}


def test_clicking_a_map_cell_opens_that_person(dashboard, screenshot):
    set_sidebar(dashboard)
    wait_for(lambda: dashboard.locator(MAP_CELLS).count() > 0, what="heatmap cells")
    plot = dashboard.locator(".rx-map .nsewdrag").first
    box = plot.bounding_box()
    dashboard.mouse.click(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.6)

    def picked() -> tuple[str, str] | None:
        """Both person dates, once both lie inside the map's ranges (they start outside them)."""
        dates = date_value(dashboard, "rx-person-expiry"), date_value(dashboard, "rx-person-application")
        inside = EXPIRY[0] <= dates[0] <= EXPIRY[1] and APPLICATION[0] <= dates[1] <= APPLICATION[1]
        return dates if inside else None

    expiry, application = wait_for(picked, what="the person's dates to follow the click into the map")
    person_tab = dashboard.get_by_role("tab", name="One person")
    wait_for(lambda: person_tab.get_attribute("aria-selected") == "true", what="the One person tab to open")

    option = control(dashboard, "rx-person-option").locator("button.mod-active").inner_text().strip()
    expedited = control(dashboard, "rx-person-expedited").locator("input").is_checked()
    delivery = control(dashboard, "rx-person-delivery").locator("input").is_checked()
    row = explorer.evaluate(pd.DataFrame([{
        "card_expiry": pd.Timestamp(expiry), "application_date": pd.Timestamp(application),
        "option": option, "expedited": expedited, "delivery": delivery, **FIXED,
    }])).iloc[0]

    def engine_text(col: str) -> object:
        return labels.value_label(str(row[col]), "en") if col == "status" else row[col]

    def agrees() -> bool:
        shown = outcome(dashboard)
        return all(shows(shown.get(labels.label(col), "?"), engine_text(col)) for col in (
            "status", "apply_by", "apply_by_last_working_day", "first_issued_by", "five_year_issued_by",
            "five_year_valid_until", "gap_days", "fees_eur", "visits"))

    try:
        wait_for(agrees, what="the person's outcome")
    except AssertionError:
        pytest.fail(f"person {expiry} / {application} / {option}: shown {outcome(dashboard)}, "
                    f"engine {row.to_dict()}")

    # The key-dates chart shows this person's dates (not those of the person shown before).
    want = [format_date(d, "en", "table") for d in key_dates(row)["date"]]  # as the chart writes them
    plotted = "e => Array.from(e.querySelectorAll('.textpoint text')).map(t => t.textContent)"  # drawn labels
    timeline = control(dashboard, "rx-person-timeline")
    wait_for(lambda: timeline.evaluate(plotted) == want, what="the key-dates chart of the picked person")

    docs = explorer.documents(expedited, delivery, FIXED["address_changed"],
                              FIXED["accommodation_submitted_before"], application_date=application,
                              option=option)
    shown_docs = read_table(dashboard, "rx-person-documents")
    names = [r[shown_docs["columns"].index(labels.label("document"))] for r in shown_docs["rows"]]
    assert names == list(docs["document"])
    required = [r[shown_docs["columns"].index(labels.label("required"))] for r in shown_docs["rows"]]
    assert [shows(t, bool(v)) for t, v in zip(required, docs["required"], strict=True)] == [True] * len(docs)
    assert control(dashboard, "rx-ics-download").locator("a[download]").count() == 1
    screenshot("person")


def test_csv_download_is_the_sweep(dashboard, tmp_path, screenshot):
    set_sidebar(dashboard)
    open_tab(dashboard, "Downloads")
    link = control(dashboard, "rx-download-csv").locator("a[download]")
    link.wait_for(timeout=PAGE_WAIT_MS)
    screenshot("downloads")
    with dashboard.expect_download() as info:
        link.click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    got = pd.read_csv(path)
    want = engine_sweep()
    assert len(got) == len(want)
    keys = ["card_expiry", "application_date", "option", "expedited", "delivery"]
    got = got.sort_values(keys).reset_index(drop=True)
    want = want.sort_values(keys).reset_index(drop=True)
    for col in ("card_expiry", "application_date", "apply_by", "first_issued_by", "five_year_issued_by",
                "five_year_valid_until"):
        pd.testing.assert_series_equal(pd.to_datetime(got[col]), pd.to_datetime(want[col]),
                                       check_dtype=False, check_names=False, obj=col)
    assert list(got["option"].astype(str)) == list(want["option"].astype(str))
    assert list(got["status"].astype(str)) == list(want["status"].astype(str))
    assert (got["fees_cents"].to_numpy() == want["fees_cents"].to_numpy()).all()
    pd.testing.assert_series_equal(got["gap_days"].astype("float64"), want["gap_days"].astype("float64"),
                                   check_names=False)


def test_inverted_range_shows_a_message_and_no_traceback(dashboard, screenshot):
    set_date(dashboard, "rx-application-start", "2021-06-01")
    set_date(dashboard, "rx-application-end", "2020-06-01")
    message = wait_for(lambda: dashboard.locator(".rx-message").inner_text().strip(),
                       what="a message in rx-message")
    assert re.search(r"applic|range|before|after|start|end", message, re.IGNORECASE), message
    screenshot("inverted-range")
    assert "Traceback" not in page_text(dashboard)
