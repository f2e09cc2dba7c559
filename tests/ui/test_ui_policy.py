"""The dashboard's What if and Population tabs without a browser: the same numbers as explorer.whatif.compare
and explorer.tables.aggregates, messages instead of tracebacks."""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import json
import re

import numpy as np
import pandas as pd
import pytest
from plotly.callbacks import Points

import explorer
from explorer import labels
from explorer.tables import aggregates
from explorer.ui import build_app
from explorer.ui.app import TAB_TITLES
from explorer.ui.formatting import format_frame
from explorer.ui.tabs import POPULATION_TAB, WHATIF_TAB
from explorer.ui.views import whatif as whatif_module
from explorer.ui.views.whatif import CUSTOM, shown_deltas
from explorer.whatif.reforms import reform_title
from explorer.words.formats import format_money

REFORM = "expedited-fee-waived"
GOOD_ROWS = [
    ("h1", "2020-11-15", "2020-10-01", "b", "false"),
    ("h2", "2020-11-13", "2020-11-13", "a", "true"),
    ("h3", "2021-03-10", "2020-12-23", "b", "true"),
    ("h4", "2021-05-20", "2021-05-03", "b", "false"),
]
BAD_ROW = ("h5", "2021-02-30", "2021-01-10", "b", "false")  # 30 February is not a date


@pytest.fixture
def app(params):
    return build_app(params, debounce=None)


@pytest.fixture
def whatif(app):
    app.tabs.selected_index = WHATIF_TAB
    return app.whatif_view


def sweep_args(app) -> dict:
    """The sweep arguments of the dashboard's current settings (what the main views show)."""
    return app.results.settings.sweep_kwargs()


def csv_bytes(rows) -> bytes:
    lines = ["id,card_expiry,application_date,option,expedited"] + [",".join(r) for r in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def upload(view, name: str, data: bytes) -> None:
    """Deliver one file as the browser's upload widget does: a message with the file's bytes."""
    view.upload._receive(view.upload, {"event": "file", "name": name, "size": len(data)}, [memoryview(data)])


def html_table_frame(text: str) -> pd.DataFrame:
    """The first HTML table in `text` as a frame of cell texts."""
    head = re.findall(r"<th>(.*?)</th>", text.split("</thead>")[0])
    rows = [[html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", r)]
            for r in re.findall(r"<tr>(.*?)</tr>", text.split("<tbody>")[1])]
    return pd.DataFrame(rows, columns=head)


def data_uri_bytes(html: str, filename: str) -> bytes:
    match = re.search(rf'download="{re.escape(filename)}" href="data:[^;]+;base64,([^"]+)"', html)
    assert match, f"no link to {filename}"
    return base64.b64decode(match.group(1))


# -- What if --------------------------------------------------------------------------------------

def test_the_policy_tabs_come_after_the_grid_views():
    assert TAB_TITLES[-3:] == ("What if", "Population", "Readings and reforms compared")
    assert (WHATIF_TAB, POPULATION_TAB) == (len(TAB_TITLES) - 3, len(TAB_TITLES) - 2)


def test_reform_picker_lists_the_shipped_reforms_and_custom(app):
    picker = app.whatif_view.picker
    assert "rx-reform" in picker._dom_classes
    assert [value for _, value in picker.options] == [r.name for r in explorer.list_reforms()] + [CUSTOM]
    # shown by their titles in the page's words (a file name is a code), each from the catalogues
    titles = [reform_title(r.name) for r in explorer.list_reforms()]
    assert [name for name, _ in picker.options][:-1] == titles
    assert not {r.name for r in explorer.list_reforms()} & {name for name, _ in picker.options}


def test_selected_reform_gives_the_tables_of_explorer_compare_on_the_sidebar_grid(app, whatif, params):
    whatif.picker.value = REFORM
    expected = explorer.compare(params, explorer.load_reform(REFORM), sweep=sweep_args(app))
    pd.testing.assert_frame_equal(whatif.comparison.status_transitions, expected.status_transitions)
    pd.testing.assert_frame_equal(whatif.comparison.deltas, expected.deltas)
    pd.testing.assert_frame_equal(whatif.comparison.date_shifts, expected.date_shifts)
    pd.testing.assert_frame_equal(whatif.shown["transitions"], format_frame(expected.status_transitions))
    pd.testing.assert_frame_equal(whatif.shown["deltas"], shown_deltas(expected.deltas))
    assert whatif.summary.value.count("\n") == expected.summary().count("\n")
    assert reform_title("expedited-fee-waived") in whatif.summary.value  # the reform by its title
    # the baseline side is the main views' sweep
    baseline = whatif.comparison.rows["status_baseline"].astype(str).to_numpy()
    assert (baseline == app.results.result["status"].astype(str).to_numpy()).all()


def test_the_deltas_table_highlights_only_the_non_zero_differences(whatif):
    whatif.picker.value = REFORM
    cells = re.findall(r'<td( class="rx-diff")?[^>]*>([^<]*)</td>', whatif.deltas.value)
    marked = [text for cls, text in cells if cls]
    total = whatif.comparison.deltas.iloc[-1]
    assert total["fees difference (EUR)"] < 0
    assert format_money(total["fees difference (EUR)"], "en") in marked  # "-€24.50": money on the page
    assert all(float(t.replace(",", "").replace("€", "")) != 0 for t in marked)
    assert len(cells) == whatif.shown["deltas"].size  # every cell read, marked or not
    assert not whatif.comparison.status_transitions["changed"].any()  # a fee reform moves no status
    assert "rx-diff" not in whatif.transitions.value


def test_a_status_moving_reform_marks_its_transitions_and_colours_both_maps(app, whatif, params):
    whatif.picker.value = "transition-deadline-2021-12-31"
    moves = whatif.comparison.status_transitions
    assert moves["changed"].any()
    assert whatif.transitions.value.count("rx-changed-row") == int(moves["changed"].sum())
    base_map, reform_map = whatif.map_views
    rows = whatif.comparison.rows
    def hover_statuses(view):  # the status line of each cell's hover text
        return sorted(set(np.asarray(view.figure.data[0].text).ravel()) - {""})

    def status_lines(statuses):
        return sorted(labels.ui_text("map.hover_status", "en", status=html.escape(labels.label("status")),
                                     value=html.escape(labels.label(s, "en"))) for s in statuses)

    assert hover_statuses(base_map) == status_lines(set(rows["status_baseline"].astype(str)))
    assert hover_statuses(reform_map) == status_lines(set(rows["status_reform"].astype(str)))
    assert f"Reform: {reform_title('transition-deadline-2021-12-31')}" in reform_map.figure.layout.title.text


def test_editing_the_expedited_fee_changes_the_deltas(app, whatif, params):
    before = whatif.comparison.deltas.iloc[-1]
    assert before["fees difference (EUR)"] == 0  # custom, nothing edited: reform = baseline
    whatif.editors["fee_expedited"].widget.value = "0"
    expected = explorer.compare(params, params.replace(fee_expedited="0.00"), sweep=sweep_args(app))
    pd.testing.assert_frame_equal(whatif.comparison.deltas, expected.deltas)
    assert whatif.comparison.deltas.iloc[-1]["fees difference (EUR)"] < 0
    assert whatif.reform.changes == {"fee_expedited": "0"}


def test_editors_are_prefilled_with_unit_and_source(whatif, params):
    editor = whatif.editors["transition_deadline"]
    assert "rx-param-transition_deadline" in editor.widget._dom_classes
    assert editor.widget.value == params.value("transition_deadline")
    assert params["transition_deadline"].unit in editor.widget.tooltip
    assert params["transition_deadline"].source.document in editor.widget.tooltip
    assert params["transition_deadline"].source.document in editor.note.value  # the note's tooltip
    assert html.escape(params["transition_deadline"].source.section) in editor.note.value
    assert whatif.editors["fee_delivery"].widget.value == "3.00"
    assert whatif.editors["expedited_processing"].widget.value == 2
    assert set(whatif.editors) >= {"choice_window_end", "eu_card_valid_until", "fee_expedited",
                                   "fee_delivery", "standard_processing", "expedited_processing"}


def test_picking_a_reform_prefills_its_values_and_cites_it(whatif):
    whatif.picker.value = "transition-deadline-2021-12-31"
    editor = whatif.editors["transition_deadline"]
    assert editor.widget.value == dt.date(2021, 12, 31)
    assert f"the reform “{reform_title('transition-deadline-2021-12-31')}”" in editor.widget.tooltip
    assert whatif.reform.name == "transition-deadline-2021-12-31"


def test_dated_reform_keeps_its_series_unless_edited(app, whatif, params):
    whatif.picker.value = "expedited-fee-30-from-2021"
    assert whatif.editors["fee_expedited"].widget.value == "30.00"
    assert "dated: €24.50; from 1 January 2021: €30.00" in whatif.editors["fee_expedited"].note.value
    expected = explorer.compare(params, explorer.load_reform("expedited-fee-30-from-2021"),
                                sweep=sweep_args(app))
    pd.testing.assert_frame_equal(whatif.comparison.deltas, expected.deltas)


def test_editing_processing_days_shifts_the_issue_dates(app, whatif, params):
    whatif.editors["standard_processing"].widget.value = 20
    expected = explorer.compare(params, params.replace(standard_processing="20 days"), sweep=sweep_args(app))
    shifts = whatif.comparison.date_shifts.set_index("output")
    pd.testing.assert_frame_equal(whatif.comparison.date_shifts, expected.date_shifts)
    assert shifts.loc["first_issued_by", "min shift (days)"] == -10


@pytest.mark.parametrize(("editor", "value", "words"), [
    ("fee_expedited", "-5", ("negative",)),
    ("fee_delivery", "three euros", ("not an amount",)),
    ("standard_processing", -1, ("= -1 day:", "negative")),
    ("transition_deadline", None, ("missing date",)),
])
def test_a_bad_parameter_value_shows_a_message_and_keeps_the_previous_results(whatif, app, editor, value,
                                                                               words):
    whatif.picker.value = REFORM
    comparison, deltas_html = whatif.comparison, whatif.deltas.value
    whatif.editors[editor].widget.value = value
    assert all(w in app.message.value for w in words), app.message.value
    assert labels.label(editor) in app.message.value and editor not in app.message.value  # label, not code
    assert "#b00020" in app.message.value and "Traceback" not in app.message.value
    assert whatif.comparison is comparison and whatif.deltas.value == deltas_html
    whatif.picker.value = CUSTOM  # refills every editor: the message goes
    assert app.message.value == ""
    assert whatif.comparison.deltas.iloc[-1]["fees difference (EUR)"] == 0


def test_what_if_follows_the_sidebar_while_open(app, whatif):
    whatif.picker.value = REFORM
    app.controls.path.value = "a"
    assert set(whatif.comparison.rows["option"]) == {"a"}
    assert len(whatif.comparison.rows) == len(app.results.result)


def test_a_grid_too_big_to_compare_is_a_message(app, whatif, monkeypatch):
    monkeypatch.setattr(whatif_module, "MAX_COMPARE_ROWS", 100)
    whatif.refresh_guarded(force=True)
    assert "too many to compare" in app.message.value and "coarser granularity" in app.message.value


def test_clicking_a_map_cell_explains_that_person_under_the_reform(app, whatif, params):
    whatif.picker.value = "transition-deadline-2021-12-31"
    reform_map = whatif.map_views[1]
    reform_map.handle_click(reform_map.figure.data[0],
                            Points(point_inds=[(0, 0)], xs=["2021-08-01"], ys=["2021-12-01"], trace_index=0))
    expected = explorer.explain(dt.date(2021, 12, 1), dt.date(2021, 8, 1),
                                params=explorer.load_reform("transition-deadline-2021-12-31"),
                                baseline=params, **app.results.settings.fixed_inputs())
    assert expected.changed_steps
    assert whatif.explanation.to_html() == expected.to_html()
    assert 'class="step changed"' in whatif.why.value
    assert app.tabs.selected_index == WHATIF_TAB


# -- Population -----------------------------------------------------------------------------------

@pytest.fixture
def uploaded(app, tmp_path, params):
    """The dashboard after uploading a CSV of four good rows and one bad one; and the file's load."""
    data = csv_bytes(GOOD_ROWS + [BAD_ROW])
    upload(app.population_view, "holders.csv", data)
    path = tmp_path / "holders.csv"
    path.write_bytes(data)
    return app, explorer.load_population(path, params)


def test_upload_lists_the_bad_row_with_its_reason(uploaded):
    app, load = uploaded
    view = app.population_view
    assert len(load.good) == len(GOOD_ROWS) and load.bad_rows == 1
    assert "rx-population-bad" in view.bad._dom_classes
    table = html_table_frame(view.bad.value)
    assert list(table.columns) == ["Row", "Column", "Value", "Why"]  # labels.labelled headers
    assert table["Row"].tolist() == [str(len(GOOD_ROWS) + 1)]
    assert table["Column"].tolist() == [labels.label("card_expiry", "en")]
    assert table["Value"].tolist() == ["2021-02-30"]
    assert table["Why"].tolist() == list(load.bad["reason"]) and "not a date" in table["Why"][0]
    assert "holders.csv: 5 rows read, 4 valid, 1 with problems" in view.summary.value
    assert app.message.value == ""


def test_upload_aggregates_count_only_the_good_rows(uploaded, params):
    app, load = uploaded
    tables = app.population_view.tables["baseline"]
    expected = aggregates.all_aggregates(explorer.evaluate(load.good, params), params)
    assert list(tables) == list(expected)
    for name in expected:
        pd.testing.assert_frame_equal(tables[name], expected[name], obj=name)
    assert tables["late_by_reason"]["people"].sum() == len(GOOD_ROWS)
    assert "reform" not in app.population_view.tables


def test_upload_shows_a_chart_and_a_table_per_aggregate(uploaded):
    app, load = uploaded
    view = app.population_view
    assert len(view.figures) == 5
    renewal = next(w for w in _descendants(view.results) if "rx-population-renewal" in
                   getattr(w, "_dom_classes", ()))
    wave = view.tables["baseline"]["renewal_wave"]
    assert aggregates.renewal_sentence(wave) in renewal.value
    assert "end on or after 14 August 2025" in renewal.value
    fees_chart = next(f for f in view.figures if "Fees" in f.layout.title.text)
    fees = view.tables["baseline"]["fees_per_month"]
    assert sum(sum(bar.y) for bar in fees_chart.data) == pytest.approx(fees["fees_eur"].sum())
    table = next(w for w in _descendants(view.results) if "rx-population-fees-per-month-baseline" in
                 getattr(w, "_dom_classes", ()))
    shown = format_frame(labels.labelled(fees, "en"))  # the raw table, labelled for display
    assert json.loads(table._dt_args["data_json"]) == shown.to_numpy().tolist()


def _descendants(widget):
    for child in getattr(widget, "children", ()):
        yield child
        yield from _descendants(child)


def test_population_downloads_hold_the_aggregates(uploaded):
    app, _ = uploaded
    view = app.population_view
    assert "rx-population-download" in view.downloads._dom_classes
    book = pd.read_excel(io.BytesIO(data_uri_bytes(view.downloads.value, "population-aggregates.xlsx")),
                         sheet_name=None)
    # the workbook is for people: sheet names and headers in the page's language (the CSVs keep codes)
    assert list(book) == [labels.ui_text(f"sheet.{name}", "en") for name in (
        "applications_per_week", "fees_per_month", "late_by_reason", "gap_histogram", "renewal_wave",
        "problems")]
    fees = view.tables["baseline"]["fees_per_month"]
    fees_sheet = book[labels.ui_text("sheet.fees_per_month", "en")]
    assert fees_sheet[labels.header("fees_cents", "en")].sum() == fees["fees_cents"].sum()
    late = pd.read_csv(io.BytesIO(data_uri_bytes(view.downloads.value, "late_by_reason.csv")))
    assert late["people"].sum() == len(GOOD_ROWS)


def test_population_is_aggregated_under_the_what_if_reform_too(uploaded, params):
    app, load = uploaded
    app.tabs.selected_index = WHATIF_TAB
    app.whatif_view.picker.value = REFORM
    tables = app.population_view.tables
    reformed = explorer.load_reform(REFORM).apply(params)
    expected = aggregates.all_aggregates(explorer.evaluate(load.good, reformed), reformed)
    for name in expected:
        pd.testing.assert_frame_equal(tables["reform"][name], expected[name], obj=name)
    assert tables["reform"]["fees_per_month"]["fees_cents"].sum() < \
        tables["baseline"]["fees_per_month"]["fees_cents"].sum()
    assert len(app.population_view.figures) == 10
    sheet = f"{labels.label('reform', 'en')} – {labels.ui_text('sheet.applications_per_week', 'en')}"
    assert sheet in pd.read_excel(io.BytesIO(data_uri_bytes(
        app.population_view.downloads.value, "population-aggregates.xlsx")), sheet_name=None)
    app.whatif_view.picker.value = CUSTOM  # back to no reform: the reform side goes
    assert "reform" not in app.population_view.tables


def test_synthetic_population_is_seeded_and_aggregated(app, params):
    view = app.population_view
    assert view.size.value == 50_000 and "rx-population-size" in view.size._dom_classes
    view.size.value = 3_000
    view.synthetic.click()
    frame = explorer.synthetic_population(3_000, seed=0)
    expected = aggregates.all_aggregates(explorer.evaluate(frame, params), params)
    for name in expected:
        pd.testing.assert_frame_equal(view.tables["baseline"][name], expected[name], obj=name)
    assert "3,000 rows read, 3,000 valid" in view.summary.value
    assert "No problems" in view.bad.value


def test_bad_uploads_and_sizes_are_messages(app):
    view = app.population_view
    data = b"id,card_expiry\nh1,2020-11-15\n"
    upload(view, "no-application.csv", data)
    assert f"{labels.label('application_date')}: missing required column" in app.message.value
    assert "application_date" not in app.message.value.split("(allowed:")[0]  # allowed: the file's headers
    upload(view, "holders.txt", csv_bytes(GOOD_ROWS))
    assert "unknown file type" in app.message.value
    view.size.value = -4
    view.synthetic.click()
    assert "Population size = -4" in app.message.value and "Traceback" not in app.message.value
    view.size.value = 100
    view.synthetic.click()
    assert app.message.value == ""


def test_parquet_upload_is_read_like_the_csv(app, params, tmp_path):
    frame = pd.read_csv(io.BytesIO(csv_bytes(GOOD_ROWS)), dtype=str)
    buffer = io.BytesIO()
    frame.to_parquet(buffer)
    upload(app.population_view, "holders.parquet", buffer.getvalue())
    assert "holders.parquet: 4 rows read, 4 valid" in app.population_view.summary.value
