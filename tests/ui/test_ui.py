"""The dashboard app without a browser: controls in, the same numbers as explorer.sweep out."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import logging
import re
import threading
import time

import ipywidgets as widgets
import nbformat
import pandas as pd
import pytest
from plotly.callbacks import Points

import explorer
from explorer import labels
from explorer.core.rules.transition import STATUSES
from explorer.ui import build_app
from explorer.ui import model as ui_model
from explorer.ui.app import TAB_TITLES
from explorer.ui.formatting import format_frame
from explorer.ui.tabs import DEADLINES_TAB, DOWNLOADS_TAB, PERSON_TAB
from tests.paths import ROOT

DEFAULT_EXPIRY = ("2020-01-01", "2022-12-31")
DEFAULT_APPLICATION = ("2020-01-01", "2021-08-31")


@pytest.fixture
def app(params):
    return build_app(params, debounce=None)


def _data_uri_bytes(html: str) -> bytes:
    match = re.search(r'href="data:[^;]+;base64,([^"]+)"', html)
    assert match, html[:200]
    return base64.b64decode(match.group(1))


def test_root_widget_has_app_class_and_the_eight_tabs_in_order(app):
    assert "rx-app" in app._dom_classes
    assert tuple(app.tabs.titles) == ("Options map", "Deadlines", "Fee totals", "One person", "Downloads",
                                      "What if", "Population", "Readings and reforms compared")


def test_defaults_match_the_brief_and_the_parameters(app):
    c = app.controls
    assert (c.expiry_start.value, c.expiry_end.value) == (dt.date(2020, 1, 1), dt.date(2022, 12, 31))
    assert (c.application_start.value, c.application_end.value) == (dt.date(2020, 1, 1),
                                                                      dt.date(2021, 8, 31))
    assert (c.granularity.value, c.path.value, c.expedited.value, c.delivery.value) == \
        ("month", "both", "both", "both")


def shown(table: pd.DataFrame) -> pd.DataFrame:
    """A summary table as the dashboard shows it in English: labelled, then formatted as text."""
    return format_frame(labels.labelled(table, "en"))


def test_default_results_equal_explorer_sweep_and_summaries(app, params):
    expected = explorer.sweep(DEFAULT_EXPIRY, DEFAULT_APPLICATION, freq="MS", params=params)
    pd.testing.assert_frame_equal(app.results.result, expected)
    pd.testing.assert_frame_equal(app.deadlines_view.frame,
                                  shown(explorer.deadlines_table(expected, freq="MS")))
    pd.testing.assert_frame_equal(app.fees_view.frame, shown(explorer.fees_table(expected)))
    pd.testing.assert_frame_equal(app.status_view.frame, shown(explorer.status_table(expected)))
    assert f"{len(expected):,} rows" in app.status_line.value


def test_changing_application_range_and_a_fee_toggle_recomputes(app, params):
    app.controls.application_start.value = dt.date(2020, 6, 1)
    app.controls.application_end.value = dt.date(2021, 3, 31)
    app.controls.expedited.value = "yes"
    app.controls.path.value = "a"
    app.controls.stamp_channel.value = "post_office"
    expected = explorer.sweep(DEFAULT_EXPIRY, ("2020-06-01", "2021-03-31"), freq="MS", options=("a",),
                              expedited=(True,), params=params, stamp_channel="post_office",
                              stamp_lead_days=0, payment="card", years_resided=0.0, address_changed=False,
                              accommodation_submitted_before=True)
    pd.testing.assert_frame_equal(app.results.result, expected)
    pd.testing.assert_frame_equal(app.fees_view.frame, shown(explorer.fees_table(expected)))
    # two applications at 24.50 EUR, without and with 3.00 EUR delivery each
    assert app.fees_view.frame[labels.label("fees per person (EUR)")].tolist() == ["€49.00", "€55.00"]
    assert app.message.value == ""


def test_tables_show_dates_euros_and_counts_as_text(app):
    deadlines = app.deadlines_view.frame
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) for v in deadlines[labels.label("expiry period")])
    fees = app.fees_view.frame
    assert all(re.fullmatch(r"€\d{1,3}(,\d{3})*\.\d{2}", v) for v in fees[labels.label("total fees (EUR)")])
    assert all(re.fullmatch(r"\d{1,3}(,\d{3})*", v) for v in fees[labels.label("total fees (cents)")])
    assert any("," in v for v in fees[labels.label("total fees (cents)")])


def test_tables_reach_the_itable_widgets_when_their_tab_opens(app):
    assert app.deadlines_view.table is None  # created with the tab, not before
    app.tabs.selected_index = DEADLINES_TAB
    table = app.deadlines_view.table
    assert "rx-deadlines-table" in table._dom_classes
    shown = json.loads(table._dt_args["data_json"])
    assert shown == app.deadlines_view.frame.to_numpy().tolist()


def test_map_has_one_status_per_cell_matching_the_sweep(app):
    result = app.results.result
    trace = app.map_view.figure.data[0]
    assert list(trace.colorbar.ticktext) == [labels.label(s) for s in STATUSES]  # labels, not codes
    assert len(trace.y) == result["card_expiry"].nunique()
    assert len(trace.x) == result["application_date"].nunique()
    firsts = result.drop_duplicates(["card_expiry", "application_date"])
    for row in firsts.sample(50, random_state=1).itertuples():
        i = list(trace.y).index(row.card_expiry.strftime("%Y-%m-%d"))
        j = list(trace.x).index(row.application_date.strftime("%Y-%m-%d"))
        assert trace.text[i][j] == labels.ui_text(
            "map.hover_status", "en", status=labels.label("status"), value=labels.label(row.status))
        assert trace.z[i][j] == STATUSES.index(row.status)


def test_status_does_not_depend_on_the_choices_so_one_cell_is_exact(app):
    statuses = app.results.result.groupby(["card_expiry", "application_date"])["status"].nunique()
    assert (statuses == 1).all()


def test_daily_map_is_thinned_but_exact(params):
    grid = ui_model.status_grid(explorer.sweep(("2020-01-01", "2020-12-31"), ("2020-01-01", "2020-12-31"),
                                               options=("b",), expedited=(False,), delivery=(False,),
                                               params=params))
    shown, step = grid.strided(10_000)
    assert step > 1 and shown.codes.size <= 10_000
    assert (shown.codes == grid.codes[::step, ::step]).all()


def test_inverted_range_shows_a_message_and_keeps_previous_tables(app):
    before = app.results
    deadlines = app.deadlines_view.frame.copy()
    app.controls.expiry_end.value = dt.date(2019, 6, 30)
    assert "range ends before it starts" in app.message.value
    assert "#b00020" in app.message.value and "Traceback" not in app.message.value
    assert app.results is before
    pd.testing.assert_frame_equal(app.deadlines_view.frame, deadlines)
    app.controls.expiry_end.value = dt.date(2021, 12, 31)
    assert app.message.value == ""
    assert app.results.result["card_expiry"].max() == pd.Timestamp("2021-12-01")


def test_a_cleared_date_picker_is_a_readable_message(app):
    app.controls.application_start.value = None
    assert "Applied from: missing date" in app.message.value and "application_start" not in app.message.value


def test_negative_lead_days_are_reported_by_the_engine(app):
    app.controls.stamp_lead_days.value = -3
    assert f"{labels.label('stamp_lead_days')} = -3: negative" in app.message.value
    assert "stamp_lead_days" not in app.message.value


def test_unexpected_error_shows_one_sentence_naming_no_class_and_logs_the_traceback(app, monkeypatch, caplog):
    def broken(settings, params=None):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(ui_model, "compute", broken)
    with caplog.at_level(logging.ERROR, logger="explorer.ui"):
        app.controls.granularity.value = "week"
    assert "An unexpected error happened; the details are in the server&#x27;s log." in app.message.value
    assert "RuntimeError" not in app.message.value and "disk on fire" not in app.message.value
    assert "Traceback" not in app.message.value and "File " not in app.message.value
    assert any(r.exc_info and r.exc_info[0] is RuntimeError for r in caplog.records)
    assert app.busy.layout.visibility == "hidden"


def test_busy_indicator_is_visible_while_computing(app, monkeypatch):
    seen = []
    real = ui_model.compute

    def watching(settings, params=None):
        seen.append(app.busy.layout.visibility)
        return real(settings, params)

    monkeypatch.setattr(ui_model, "compute", watching)
    app.recompute_now()
    assert seen == ["visible"]
    assert app.busy.layout.visibility == "hidden"


def test_clicking_a_map_cell_fills_the_person_view(app, params):
    app.controls.path.value = "b"
    app.controls.delivery.value = "yes"
    trace = app.map_view.figure.data[0]
    app.map_view.handle_click(trace, Points(point_inds=[(1, 2)], xs=["2020-10-01"], ys=["2020-11-01"],
                                            trace_index=0))
    person = app.person_view
    assert app.tabs.selected_index == PERSON_TAB
    assert (person.expiry.value, person.application.value) == (dt.date(2020, 11, 1), dt.date(2020, 10, 1))
    assert (person.option.value, person.delivery.value, person.expedited.value) == ("b", True, False)
    expected = explorer.evaluate(pd.DataFrame({"card_expiry": ["2020-11-01"],
                                               "application_date": ["2020-10-01"], "delivery": [True]}),
                                 params).iloc[0]
    assert person.row["status"] == expected["status"] == "choice"
    assert person.row["five_year_issued_by"] == expected["five_year_issued_by"]
    assert "3.00" in person.outcome.value
    assert list(person.timeline.data[0].x) == [d.isoformat() for d in person.key_dates["date"]]
    assert "stamp" in person.documents.value.lower()
    assert person.why.value.strip()


def test_the_person_view_tells_the_card_end_and_bok_offices_and_counts_photos(app, params):
    person = app.person_view
    person.option.value, person.expedited.value = "a", True
    person.select("2020-11-13", "2020-11-13")
    assert "valid until 2 July 2026 (Thursday)" in person.bok.value
    assert "client centres of district offices" in person.bok.value
    assert "per application (2 applications: 2 photos)" in person.documents.value


def test_person_view_toggles_recompute_and_offer_an_ics(app):
    person = app.person_view
    person.select("2020-11-13", "2020-11-13")
    person.option.value = "a"
    person.expedited.value = True
    assert person.row["gap_days"] == 5 and person.row["fees_cents"] == 4900
    assert 'download="residence-dates.ics"' in person.ics.value
    ics = _data_uri_bytes(person.ics.value).decode("utf-8")
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and "DTSTART;VALUE=DATE:20210702" in ics


def test_person_view_bad_date_shows_a_message(app):
    app.person_view.select("2200-01-01", "2200-01-01")
    assert "outside the supported dates" in app.message.value
    assert "Traceback" not in app.message.value
    app.person_view.select("2020-11-15", "2020-10-01")
    assert app.message.value == ""
    assert app.person_view.row["status"] == "choice"


def _small_grid(app) -> None:
    app.controls.expiry_end.value = dt.date(2020, 4, 30)
    app.controls.application_end.value = dt.date(2020, 12, 31)


def test_downloads_contain_the_grid_and_the_tables(app):
    _small_grid(app)
    app.tabs.selected_index = DOWNLOADS_TAB
    grid = pd.read_csv(io.BytesIO(_data_uri_bytes(app.downloads_view.csv.value)))
    result = app.results.result
    assert len(grid) == len(result)
    assert grid["card_expiry"].tolist() == result["card_expiry"].dt.strftime("%Y-%m-%d").tolist()
    assert grid["status"].tolist() == result["status"].astype(str).tolist()
    book = pd.read_excel(io.BytesIO(_data_uri_bytes(app.downloads_view.xlsx.value)), sheet_name=None)
    assert list(book) == ["grid", "status", "deadlines", "fees"]
    assert len(book["grid"]) == len(result) and len(book["fees"]) == len(app.results.fees)


def test_downloads_follow_a_recompute_while_their_tab_is_open(app):
    _small_grid(app)
    app.tabs.selected_index = DOWNLOADS_TAB
    app.controls.path.value = "a"
    grid = pd.read_csv(io.BytesIO(_data_uri_bytes(app.downloads_view.csv.value)))
    assert set(grid["option"]) == {"a"}


def test_downloads_write_nothing_on_the_server(app, tmp_path, monkeypatch):
    """Many readers share the server: the Downloads tab offers browser downloads only, no server folder."""
    monkeypatch.chdir(tmp_path)
    _small_grid(app)
    app.tabs.selected_index = DOWNLOADS_TAB
    assert "data:text/csv;base64," in app.downloads_view.csv.value
    assert not any(isinstance(w, widgets.Button) for w in app.downloads_view.widget.children)
    assert list(tmp_path.iterdir()) == []


def test_a_burst_of_changes_ends_in_one_recompute_with_the_final_values(params, monkeypatch):
    app = build_app(params, debounce=5.0)
    calls = []
    real = ui_model.compute

    def counting(settings, p=None):
        calls.append(settings)
        return real(settings, p)

    monkeypatch.setattr(ui_model, "compute", counting)
    app.debouncer._last_trigger = time.monotonic()  # as if a change had just happened
    app.controls.expedited.value = "yes"
    app.controls.delivery.value = "no"
    app.controls.path.value = "b"
    assert app.debouncer.wait(120)
    assert len(calls) == 1
    assert (calls[0].expedited, calls[0].delivery, calls[0].path) == ("yes", "no", "b")
    assert set(app.results.result["expedited"]) == {True}


def test_notebook_only_builds_the_app():
    """One code cell: build the app; if that fails (even importing explorer), one sentence instead.
    (The title is the app's own, so that it follows the language switch.)"""
    nb = nbformat.read(ROOT / "notebooks" / "dashboard.ipynb", as_version=4)
    kinds = [c.cell_type for c in nb.cells]
    assert kinds == ["code"]
    code = nb.cells[0].source
    assert code.startswith("try:\n    from explorer.ui import build_app\n\n    app = build_app()\n"
                           "except Exception")
    assert code.endswith("\napp") and len(code.splitlines()) <= 15 and "rx-startup-error" in code


@pytest.mark.notebook
def test_notebook_executes_and_displays_the_widget():
    from nbclient import NotebookClient

    nb = nbformat.read(ROOT / "notebooks" / "dashboard.ipynb", as_version=4)
    NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
                   ).execute()
    outputs = nb.cells[0].outputs
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)
    assert not any(o.output_type == "error" for o in outputs)


def test_big_grid_downloads_point_to_the_server_folder(app, monkeypatch):
    from explorer.ui.views import downloads

    monkeypatch.setattr(downloads, "MAX_LINK_ROWS", 100)
    app.tabs.selected_index = DOWNLOADS_TAB
    assert "too big" in app.downloads_view.csv.value and "data:" not in app.downloads_view.csv.value
    assert "too big" in app.downloads_view.xlsx.value


def test_live_app_builds_the_workbook_in_the_background(params):
    app = build_app(params, debounce=0.25)
    app.debouncer.cancel()
    _small_grid(app)
    app.debouncer.wait(60)
    assert app.downloads_view.background
    app.tabs.selected_index = DOWNLOADS_TAB
    assert "data:text/csv" in app.downloads_view.csv.value
    for _ in range(600):
        if "data:" in app.downloads_view.xlsx.value:
            break
        threading.Event().wait(0.1)
    assert "data:application/vnd.openxmlformats" in app.downloads_view.xlsx.value


def test_a_single_change_after_a_quiet_spell_runs_without_waiting_for_the_delay(params):
    app = build_app(params, debounce=600.0)
    app.controls.path.value = "a"
    assert app.debouncer.wait(120), "a lone change must not wait out the 600 s delay"
    assert set(app.results.result["option"]) == {"a"}


def test_only_the_options_map_is_on_the_page_until_another_tab_is_opened(app):
    mounted = [bool(box.children) for box in app.tabs.children]
    assert mounted == [True] + [False] * (len(TAB_TITLES) - 1)
    app.tabs.selected_index = PERSON_TAB
    assert app.tabs.children[PERSON_TAB].children == (app.person_view.widget,)
    assert not app.tabs.children[DOWNLOADS_TAB].children


def test_a_closed_tabs_table_is_brought_up_to_date_when_the_tab_opens(app):
    app.tabs.selected_index = DEADLINES_TAB
    shown_before = json.loads(app.deadlines_view.table._dt_args["data_json"])
    app.tabs.selected_index = PERSON_TAB
    app.controls.expedited.value = "yes"  # the synchronous app recomputes at once
    assert json.loads(app.deadlines_view.table._dt_args["data_json"]) == shown_before
    app.tabs.selected_index = DEADLINES_TAB
    shown_after = json.loads(app.deadlines_view.table._dt_args["data_json"])
    assert shown_after == app.deadlines_view.frame.to_numpy().tolist() != shown_before


def test_a_language_switch_during_a_recompute_waits_for_it_and_the_legend_ends_in_the_language(
        params, monkeypatch):
    """A recompute runs in the debouncer's thread; a language switch arriving meanwhile on the
    kernel's thread must not edit the map's figure at the same time (an edit could be lost and the
    legend stay English on a Slovak page): it waits, and the page ends wholly Slovak."""
    app = build_app(params, debounce=0.01)
    inside, release = threading.Event(), threading.Event()
    real = ui_model.compute

    def held(settings, p=None):
        inside.set()
        assert release.wait(60)
        return real(settings, p)

    monkeypatch.setattr(ui_model, "compute", held)
    app.debouncer._last_trigger = float("-inf")  # a first change after a quiet spell runs at once
    app.controls.expedited.value = "yes"
    assert inside.wait(60)  # the recompute is under way in the debouncer's thread
    switch = threading.Thread(target=app.set_language, args=("sk",))
    switch.start()
    switch.join(0.5)
    assert switch.is_alive()  # the switch waits for the recompute to finish
    release.set()
    switch.join(60)
    assert not switch.is_alive()
    assert app.debouncer.wait(60)
    legend = list(app.map_view.figure.data[0].colorbar.ticktext)
    assert legend == [labels.label(s, "sk") for s in STATUSES]
    assert set(app.results.result["expedited"]) == {True}
