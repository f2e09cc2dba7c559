"""The Readings and reforms compared tab without a browser: every alternative at once, the robustness
map and its table, for whom, both languages, and its settings in the page's link."""

from __future__ import annotations

import html
import re

import pytest

import explorer
from explorer import labels
from explorer.ui.app import build_app
from explorer.ui.tabs import TAB_KEYS

TAB = TAB_KEYS.index("readings_compared")


@pytest.fixture(scope="module")
def app():
    dashboard = build_app(debounce=None)
    dashboard.tabs.selected_index = TAB
    return dashboard


def test_the_tab_states_what_sensitivity_finds_on_the_current_grid(app):
    view = app.readings_view
    found = explorer.sensitivity(app.results.settings.sweep_kwargs(), reforms=explorer.list_reforms(),
                                 params=app.results.params)
    assert found.summary("en").splitlines()[0] in view.headline.value
    rows = re.findall(r"<tr><td>", view.alternatives.value)
    assert len(rows) == len(found.table)  # every alternative of every reading and each reform
    for reading in explorer.load_parameters().readings:
        assert html.escape(labels.header(reading, "en")) in view.alternatives.value


def test_the_robustness_map_names_the_readings_a_block_depends_on(app):
    svg = app.readings_view.robust_map.value
    titles = re.findall(r'<rect class="rx-robust-(\w+)"[^>]*><title>([^<]*)</title>', svg)
    assert {kind for kind, _ in titles} >= {"robust", "depends"}
    expiry_label = html.escape(labels.header("card_expiry_reading", "en"))
    assert any(expiry_label in text for kind, text in titles if kind == "depends")
    assert all("under every reading and reform" in text for kind, text in titles if kind == "robust")
    table = app.readings_view.robust_table.value
    assert "Hold under every reading" in table and "rx-robust-by-table" in table


def test_the_breakdown_period_and_reforms_travel_in_the_link(app):
    view = app.readings_view
    view.period.value = "QS"
    view.with_reforms.value = False
    query = app.share.link.query
    assert "readings_period=QS" in query and "readings_reforms=" in query
    assert "Reform" not in view.alternatives.value
    other = build_app(debounce=None)
    assert other.open_link(query) == []
    assert other.readings_view.period.value == "QS" and other.readings_view.with_reforms.value is False
    view.period.value, view.with_reforms.value = "MS", True


def test_the_tab_speaks_slovak(app):
    app.set_language("sk")
    try:
        view = app.readings_view
        assert labels.ui_text("sensitivity.heading", "sk") in view.heading.value
        assert "scenárov" in view.headline.value
        assert labels.ui_text("sensitivity.legend.robust", "sk") in view.robust_map.value
        assert labels.ui_text("tab.readings_compared", "sk") in app.tabs.titles
    finally:
        app.set_language("en")


def test_the_report_includes_readings_and_reforms_compared():
    from explorer.interfaces import report

    sweep = dict(expiry=("2020-01-01", "2021-12-31"), application=("2020-01-01", "2021-08-31"), freq="MS")
    text = report.build_report(sweep).to_html()
    found = explorer.sensitivity(sweep, reforms=explorer.list_reforms())
    assert "<h2>Readings and reforms compared</h2>" in text
    assert html.escape(found.summary("en").splitlines()[0]) in text
    assert text.count('<rect class="rx-robust-') == found.blocks()["robust"].size
    assert "Net change: " in text


def test_a_report_of_rows_that_are_not_a_sweep_says_why_it_has_no_comparison():
    from explorer.interfaces.robustness import sensitivity_section

    rows = explorer.evaluate(explorer.grid("2020-01-01:2020-03-01", "2020-01-01:2020-03-01", freq="MS")
                             .sample(frac=0.5, random_state=1))
    text = sensitivity_section(rows, explorer.load_parameters())
    assert labels.ui_text("sensitivity.report_not_a_sweep", "en") in html.unescape(text)
