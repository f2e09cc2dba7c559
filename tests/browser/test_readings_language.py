"""Readings and languages in Chromium: switching a reading changes the map and the status counts as
evaluate() says, the Readings compared view matches compare(), and Slovak reaches every tab with no
column code on the One person view."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import explorer
from explorer import labels
from explorer.core.engine import OUTPUT_COLUMNS
from explorer.core.inputs import INPUT_COLUMNS
from explorer.core.rules.transition import PATH_STATUSES, STATUSES
from explorer.ui.tabs import TAB_KEYS
from tests.browser.driver import (
    STATUS_LINE,
    choose,
    control,
    open_dashboard,
    open_tab,
    page_text,
    read_table,
    set_date,
    wait_for,
)

EXPIRY = ("2020-05-01", "2021-02-28")
APPLICATION = ("2020-05-01", "2021-08-31")
FIXED = {"options": ("b",), "expedited": (False,), "delivery": (False,)}
MAP_Z = "e => e.querySelector('.js-plotly-plot').data[0].z"
BUSY_HIDDEN = "() => getComputedStyle(document.querySelector('.rx-busy')).visibility === 'hidden'"


def sweep(params: explorer.Parameters) -> pd.DataFrame:
    return explorer.sweep(EXPIRY, APPLICATION, freq="MS", params=params, **FIXED)


def settle(page, reading: str, value: str) -> None:
    """Wait until the line of readings in force names `reading` = `value` (it is written after the
    recompute) and nothing computes. (The status line may read the same before and after: a
    small grid takes the same hundredths of a second.)"""
    words = (labels.label(reading), labels.value_label(value, "en"))
    wait_for(lambda: all(w in control(page, "rx-readings-line").inner_text() for w in words)
             and page.evaluate(BUSY_HIDDEN), what=f"the recompute under {reading} = {value}")


def set_small_grid(page) -> None:
    """A monthly grid, path b, no optional fees: few rows, every status of the period."""
    before = page.locator(STATUS_LINE).inner_text()
    for css_class, iso in (("rx-expiry-start", EXPIRY[0]), ("rx-expiry-end", EXPIRY[1]),
                           ("rx-application-start", APPLICATION[0]), ("rx-application-end", APPLICATION[1])):
        set_date(page, css_class, iso)
    for css_class, label in (("rx-granularity", "month"), ("rx-path", "b"), ("rx-expedited", "no"),
                             ("rx-delivery", "no")):
        choose(page, css_class, label)
    rows = f"{len(sweep(explorer.load_parameters())):,} rows"
    wait_for(lambda: rows in page.locator(STATUS_LINE).inner_text() and page.evaluate(BUSY_HIDDEN)
             and page.locator(STATUS_LINE).inner_text() != before, what=f"the grid of {rows}")


def status_codes(result: pd.DataFrame) -> list[list[int]]:
    """The map's cells as the engine sees them: one status code per expiry x application month."""
    table = result.pivot_table(index="card_expiry", columns="application_date", values="status",
                               aggfunc="first", observed=True)
    return [[STATUSES.index(v) for v in row] for row in table.astype(str).to_numpy()]


def rows_of(page, css_class: str) -> list[list[str]]:
    return read_table(page, css_class)["rows"]


@pytest.fixture
def dashboard(page, voila_url):
    open_dashboard(page, voila_url)
    set_small_grid(page)
    return page


def test_switching_a_reading_changes_the_map_and_the_status_counts_as_evaluate_says(dashboard, screenshot):
    params = explorer.load_parameters()
    advisory = params.replace(card_expiry_reading="advisory")
    binding_map = status_codes(sweep(params))
    advisory_map = status_codes(sweep(advisory))
    assert binding_map != advisory_map  # the reading matters on this grid
    map_view = control(dashboard, "rx-map")
    wait_for(lambda: map_view.evaluate(MAP_Z) == binding_map, what="the baseline map")

    choose(dashboard, "rx-reading-card-expiry-reading", labels.value_label("advisory", "en"))
    settle(dashboard, "card_expiry_reading", "advisory")
    wait_for(lambda: map_view.evaluate(MAP_Z) == advisory_map, what="the map under the advisory reading")
    line = control(dashboard, "rx-readings-line").inner_text()
    assert labels.label("card_expiry_reading") in line and labels.value_label("advisory", "en") in line

    open_tab(dashboard, labels.ui_text("tab.deadlines"))
    expected = labels.labelled(explorer.status_table(sweep(advisory)), "en")
    late = labels.label("late_card_expired")

    def counts_match() -> bool:
        length = control(dashboard, "rx-status-table").locator("select").first
        if length.count():
            length.select_option("1000")  # every row on one page
        shown = read_table(dashboard, "rx-status-table")
        if late in shown["columns"]:
            column = shown["columns"].index(late)
            if any(r[column] not in ("0", "") for r in shown["rows"]):
                return False
        return len(shown["rows"]) == len(expected) and shown["columns"] == list(expected.columns)

    wait_for(counts_match, what="status counts without late-after-expiry rows")
    shown = read_table(dashboard, "rx-status-table")
    choice = shown["columns"].index(labels.label("choice"))
    assert [int(r[choice].replace(",", "")) for r in shown["rows"]] == \
        expected[labels.label("choice")].astype(int).tolist()
    screenshot("reading-advisory")


def test_readings_compared_view_matches_compare(dashboard, screenshot):
    choose(dashboard, "rx-reading-card-expiry-reading", labels.value_label("advisory", "en"))
    settle(dashboard, "card_expiry_reading", "advisory")
    open_tab(dashboard, labels.ui_text("tab.readings_compared"))
    params = explorer.load_parameters()
    comparison = explorer.compare(params, params.replace(card_expiry_reading="advisory"),
                                  sweep=dict(expiry=EXPIRY, application=APPLICATION, freq="MS", **FIXED))
    changes = labels.labelled(comparison.changes, "en")

    def shown_changes() -> list[list[str]] | None:
        rows = rows_of(dashboard, "rx-readings-changes")
        return rows if len(rows) == len(changes) else None

    rows = wait_for(shown_changes, what="the Readings compared table")
    for row, (_, want) in zip(rows, changes.iterrows(), strict=True):
        assert row[0] == want.iloc[0]
        assert float(row[1].replace(",", "")) == want.iloc[1]
        assert np.isclose(float(row[4].replace(",", "").replace("€", "")), float(want.iloc[4]))  # "€132.00"
    moves = comparison.status_transitions
    moved = moves[moves["changed"]]
    assert len(rows_of(dashboard, "rx-readings-transitions")) == len(moved) > 0
    screenshot("readings-compared")


# Codes people should never see (words like "status" or "option" are left out: they are words too).
CODES = sorted(c for c in set(OUTPUT_COLUMNS) | set(INPUT_COLUMNS) | set(STATUSES) | set(PATH_STATUSES)
               | set(explorer.load_parameters().names) if "_" in c)


PLOT_TITLES = ("e => { const g = e.querySelectorAll('.js-plotly-plot'); "
               "return [g.length, g[0].layout.title.text, g[0].layout.xaxis.title.text]; }")
"""How many plots the map holds, and the first one's title and x-axis title (to tell, when the legend
stays English, whether the whole relabel or only the legend was lost)."""


def test_slovak_reaches_every_tab_and_the_person_view_shows_no_code(dashboard, screenshot):
    before = dashboard.locator(STATUS_LINE).inner_text()
    said: list[str] = []  # what the browser logged, for the failure message
    dashboard.on("console", lambda m: said.append(f"{m.type}: {m.text[:300]}"))
    dashboard.on("pageerror", lambda e: said.append(f"page error: {str(e)[:300]}"))
    choose(dashboard, "rx-language", "Slovensky")
    wait_for(lambda: dashboard.get_by_role("tab", name=labels.ui_text("tab.map", "sk")).count() == 1,
             what="Slovak tab titles")
    wait_for(lambda: labels.ui_text("control.granularity", "sk") in page_text(dashboard),
             what="Slovak sidebar")
    legend = "e => e.querySelector('.js-plotly-plot').data[0].colorbar.ticktext"
    slovak = [labels.label(s, "sk") for s in STATUSES]
    shown: list = []  # the legend the page last showed, for the failure message
    wait_for(lambda: shown.append(control(dashboard, "rx-map").evaluate(legend)) or shown[-1] == slovak,
             what=lambda: (f"the Slovak status legend (shown: {shown[-1:]}; the plots' count and titles: "
                           f"{control(dashboard, 'rx-map').evaluate(PLOT_TITLES)}; "
                           f"the browser said: {said[-8:]})"))
    rows = before.split()[0]  # the row count stays; the words around it are Slovak now
    assert dashboard.locator(STATUS_LINE).inner_text().startswith(f"{rows} riadkov")
    # Each tab speaks Slovak: a heading, caption or label of its own.
    own_words = {
        "deadlines": labels.ui_text("heading.status_counts", "sk"),
        "fees": labels.label("fees per person (EUR)", "sk"),
        "person": labels.ui_text("person.documents", "sk"),
        "downloads": labels.ui_text("downloads.intro", "sk"),
        "whatif": labels.ui_text("whatif.reform", "sk"),
        "population": labels.ui_text("population.synthetic", "sk"),
        "readings_compared": labels.ui_text("readings.compared_intro", "sk"),
    }
    for key, words in own_words.items():
        open_tab(dashboard, labels.ui_text(f"tab.{key}", "sk"))
        wait_for(lambda w=words: w in page_text(dashboard), what=f"Slovak words on the {key} tab")
    assert set(own_words) | {"map"} == set(TAB_KEYS)

    open_tab(dashboard, labels.ui_text("tab.person", "sk"))
    person = control(dashboard, "rx-person")
    wait_for(lambda: "Podajte" in person.inner_text() or "Môžete" in person.inner_text()
             or "Usmernenie" in person.inner_text(), what="the Slovak lead sentence")
    text = person.inner_text()
    found = [code for code in CODES if re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text)]
    assert found == [], f"column codes on the One person view: {found}"
    assert "Traceback" not in page_text(dashboard)
    screenshot("slovak-person")
