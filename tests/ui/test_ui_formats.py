"""Formats from Babel on every view, labels in the downloads, the guidance's period flagged everywhere."""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import re

import numpy as np
import pandas as pd
import pytest

from explorer import labels
from explorer.core.rules.transition import STATUSES
from explorer.ui import build_app
from explorer.ui.app import page_notice
from explorer.ui.tabs import DOWNLOADS_TAB
from explorer.ui.views.downloads import DownloadsView
from explorer.ui.views.map import hover_data


@pytest.fixture
def app(params):
    made = build_app(params, debounce=None)
    yield made
    made.set_language("en")


def _with_slovak_space(text: str) -> str:
    return re.sub("[\xa0\u202f]", " ", text)


def test_status_line_writes_numbers_the_slovak_way(app):
    app.controls.granularity.value = "day"
    app.controls.expiry_end.value = dt.date(2020, 6, 30)
    app.controls.application_end.value = dt.date(2020, 12, 31)
    rows = app.results.rows
    assert rows >= 1000
    english = app.status_line.value
    assert f"{rows:,} rows" in english and re.search(r"computed in \d+\.\d\d s", english)
    app.set_language("sk")
    slovak = _with_slovak_space(app.status_line.value)
    assert f"{rows:,}".replace(",", " ") + " riadkov" in slovak
    assert re.search(r"vypočítaných za \d+,\d\d s", slovak), slovak
    assert "." not in re.sub(r"[^\d.,]", "", slovak.split("(")[0])


def test_status_line_takes_the_plural_form_of_its_count():
    assert labels.ui_text("status.line_n", "sk", n=3, granularity="deň", computed=0.5, shown=1.0) \
        .startswith("3 riadky (krok: deň) vypočítané za 0,50 s")
    assert labels.ui_text("status.line_n", "en", n=1, granularity="day", computed=0.5, shown=1.0) \
        .startswith("1 row (day grid)")


def test_fallback_notice_is_a_catalogue_sentence_in_both_languages(params, monkeypatch):
    environ = {"EXPLORER_PAGE_NOTICE": "template_missing", "EXPLORER_PAGE_NOTICE_MISSING": "offline-lab",
               "EXPLORER_PAGE_NOTICE_FALLBACK": "lab"}
    english, slovak = page_notice("en", environ), page_notice("sk", environ)
    assert "offline-lab" in english and "make setup" in english and "CDN" in english
    assert "offline-lab" in slovak and "nie je nainštalovaná" in slovak and "CDN" not in slovak
    assert page_notice("en", {}) == "" and page_notice("en", {"EXPLORER_PAGE_NOTICE": "<b>x</b>"}) == ""
    for key, value in environ.items():
        monkeypatch.setenv(key, value)
    made = build_app(params, debounce=None)
    assert "offline-lab" in made.message.value and "asks a CDN" in made.message.value
    made.set_language("sk")
    assert "nie je nainštalovaná" in made.message.value and "asks a CDN" not in made.message.value


def test_the_voila_config_holds_no_sentence():
    from explorer.core.datafiles import data_path
    text = (data_path("locale").parents[1] / "jupyter-config" / "voila.py").read_text(encoding="utf-8")
    code = "\n".join(line for line in text.splitlines() if "environ[" in line)
    assert "EXPLORER_PAGE_NOTICE" in code and "CDN" not in code and "install" not in code


def test_map_hover_writes_dates_in_the_page_language(app):
    english = app.map_view.figure.data[0].hovertemplate
    assert "%{y|%-d %B %Y}" in english and "%{x|%-d %B %Y}" in english  # "20 August 2020"
    app.set_language("sk")
    trace = app.map_view.figure.data[0]
    slovak = trace.hovertemplate
    assert f"{labels.label('card_expiry', 'sk')} %{{y|%-d. %-m. %Y}}" in slovak, slovak
    assert "%{x|%-d. %-m. %Y}" in slovak  # "20. 8. 2020": digits, no English day or month name
    assert not re.search(r"%[-_0]?[aAbBp]", slovak)
    assert "%{customdata" not in slovak and np.asarray(trace.text)[0, 0].startswith("Stav: <b>")
    assert list(trace.x)[0] == app.results.grid.application[0].strftime("%Y-%m-%d")  # machine data


def test_map_sends_one_line_per_cell_and_no_dates(app):
    trace = app.map_view.figure.data[0]
    text = np.asarray(trace.text)
    assert text.shape == np.asarray(trace.z).shape and trace.customdata is None
    lines = {labels.ui_text("map.hover_status", "en", status=labels.label("status"), value=labels.label(s))
             for s in STATUSES}
    assert set(text.ravel()) - {""} <= lines  # the dates come from x/y through the template


def test_rows_before_the_guidance_period_are_flagged_in_the_map_hover(app):
    app.controls.application_start.value = dt.date(2019, 10, 1)
    grid = app.results.grid
    before = grid.application < pd.Timestamp(2020, 1, 1)
    assert before.any() and (~before).any()
    data = hover_data(grid, "en", app.results.params)
    said = data[:, before]
    has_row = grid.codes[:, before] >= 0
    expected = labels.ui_text("map.before_guidance_period", "en", start=dt.date(2020, 1, 1))
    assert (said[has_row] == expected).all() and "1 January 2020" in expected
    assert not any("Status:" in s for s in said[has_row])
    assert all(s.startswith("Status: <b>") for s in data[:, ~before][grid.codes[:, ~before] >= 0])
    step = app.map_view.step
    assert (np.asarray(app.map_view.figure.data[0].text) == data[::step, ::step]).all()
    slovak = hover_data(grid, "sk", app.results.params)[:, before][has_row]
    assert all(s.startswith("Usmernenie bolo napísané pre žiadosti od 1. januára 2020") for s in slovak)


def _link_bytes(html_text: str) -> bytes:
    match = re.search(r'href="data:[^;]+;base64,([^"]+)"', html_text)
    assert match, html_text[:200]
    return base64.b64decode(match.group(1))


def _small_grid(app) -> None:
    app.controls.expiry_end.value = dt.date(2020, 4, 30)
    app.controls.application_end.value = dt.date(2020, 12, 31)


def test_download_workbook_uses_labels_in_the_page_language(app):
    _small_grid(app)
    app.set_language("sk")
    app.tabs.selected_index = DOWNLOADS_TAB
    view = app.downloads_view
    book = pd.read_excel(io.BytesIO(_link_bytes(view.xlsx.value)), sheet_name=None)
    assert list(book) == ["mriežka", "stav", "lehoty", "poplatky"]
    grid = book["mriežka"]
    assert labels.label("card_expiry", "sk") in grid.columns and "card_expiry" not in grid.columns
    assert set(grid[labels.label("status", "sk")]) <= {labels.label(s, "sk") for s in
                                                      app.results.result["status"].cat.categories}
    yes_no = grid[labels.label("applied_after_expiry", "sk")]
    assert set(yes_no) <= {"áno", "nie"}
    assert "MB" in view.xlsx.value and re.search(r"\(\d+,\d\d MB\)", view.xlsx.value)
    # the CSV is the machine-readable file, and the page says so in its language
    csv = pd.read_csv(io.BytesIO(_link_bytes(view.csv.value)))
    assert "card_expiry" in csv.columns
    assert set(csv["status"]) <= set(app.results.result["status"].cat.categories)
    assert labels.ui_text("downloads.csv_codes", "sk") in view.csv_note.value.replace("&#x27;", "'")


def test_download_workbook_is_built_once_per_language(app):
    _small_grid(app)
    view = DownloadsView(lambda f: f, background=False)
    view.refresh(app.results)
    english = _link_bytes(view.xlsx.value)
    sheets = list(pd.read_excel(io.BytesIO(english), sheet_name=None))
    assert sheets == ["grid", "status", "deadlines", "fees"]
    view.set_language("sk")
    slovak = _link_bytes(view.xlsx.value)
    assert "mriežka" in pd.read_excel(io.BytesIO(slovak), sheet_name=None)
    built = dict(view._xlsx)
    view.set_language("en")
    assert _link_bytes(view.xlsx.value) == english and view._xlsx == built  # nothing built again


BEFORE_SWEEP = {"expiry": ("2020-01-01", "2020-12-31"), "application": ("2019-10-01", "2020-06-30"),
                "freq": "MS"}


def test_rows_before_the_guidance_period_are_flagged_in_map_tables_and_report(params):
    import explorer
    from explorer.interfaces.report import build_report, tables_of_frame
    from explorer.tables.summaries import BEFORE_ROWS, status_table

    result = explorer.sweep(params=params, **BEFORE_SWEEP)
    flagged = result["before_guidance_period"].to_numpy(dtype=bool)
    assert flagged.any() and (~flagged).any()
    # tables: counted apart, from rows and from the factored form alike, named by a label
    table = status_table(result)
    assert int(table[BEFORE_ROWS].sum()) == int(flagged.sum())
    early = table["application period"] < pd.Timestamp(2020, 1, 1)
    assert (table.loc[early, BEFORE_ROWS] == table.loc[early, "rows"]).all()
    assert (table.loc[~early, BEFORE_ROWS] == 0).all()
    report = build_report(BEFORE_SWEEP, params)
    from_rows = tables_of_frame(result)
    for name in ("status", "deadlines", "fees"):  # the factored sweep counts them as the rows do
        factored = getattr(report.tables, name)
        pd.testing.assert_frame_equal(factored, getattr(from_rows, name), check_dtype=False)
        assert int(factored[BEFORE_ROWS].sum()) == int(flagged.sum())
    expiry_month = result["card_expiry"].dt.to_period("M").dt.start_time
    by_month = result["before_guidance_period"].groupby(expiry_month).sum()
    assert from_rows.deadlines.set_index("expiry period")[BEFORE_ROWS].to_dict() == by_month.to_dict()
    slovak_table = status_table(result, labels="sk")
    assert labels.label(BEFORE_ROWS, "sk") in slovak_table.columns and BEFORE_ROWS not in slovak_table.columns
    # report: said under the map, in the report's language
    english = report.to_html()
    n = f"{int(flagged.sum()):,}"
    assert f"{n} rows apply before 1 January 2020" in english
    slovak = build_report(BEFORE_SWEEP, params, lang="sk").to_html()
    assert "pred dňom 1. januára 2020" in slovak and labels.label(BEFORE_ROWS, "sk") in slovak


def test_tables_and_report_say_nothing_of_the_guidance_period_when_every_row_is_inside_it(params):
    import explorer
    from explorer.interfaces.report import build_report
    from explorer.tables.summaries import BEFORE_ROWS, status_table

    inside = {**BEFORE_SWEEP, "application": ("2020-01-01", "2020-06-30")}
    assert BEFORE_ROWS not in status_table(explorer.sweep(params=params, **inside)).columns
    assert "rx-report-scope" not in build_report(inside, params).to_html()


HOLDERS = (b"card_expiry,application_date,option\n2020-08-20,2020-07-20,b\n2020-11-13,2020-11-13,a\n"
           b"2021-03-10,2021-02-01,b\n")


def test_population_workbook_uses_labels_in_the_page_language(app):
    view = app.population_view
    view.load_file("holders.csv", HOLDERS)
    app.set_language("sk")

    def workbook() -> dict[str, pd.DataFrame]:
        link = re.search(r'download="population-aggregates.xlsx" href="data:[^;]+;base64,([^"]+)"',
                         view.downloads.value)
        assert link, view.downloads.value[:300]
        return pd.read_excel(io.BytesIO(base64.b64decode(link.group(1))), sheet_name=None)

    book = workbook()
    assert labels.ui_text("sheet.applications_per_week", "sk") in book
    fees = book[labels.ui_text("sheet.fees_per_month", "sk")]
    assert labels.header("fees_cents", "sk") in fees.columns and "fees_cents" not in fees.columns
    late = book[labels.ui_text("sheet.late_by_reason", "sk")]
    statuses = set(late[labels.header("status", "sk")])
    assert statuses and statuses <= {labels.label(s, "sk") for s in explorer_statuses()}
    assert "late_by_reason.csv" in view.downloads.value  # the machine files stay, in codes
    app.set_language("en")
    assert labels.ui_text("sheet.applications_per_week", "en") in workbook()


def explorer_statuses() -> tuple[str, ...]:
    from explorer.core.rules.transition import STATUSES
    return STATUSES


def test_renewal_share_is_a_percentage_written_the_way_each_language_writes_it(params):
    import explorer
    from explorer.tables import aggregates

    frame = pd.DataFrame({"card_expiry": ["2020-12-31"] * 4,
                          "application_date": ["2020-07-01", "2020-07-14", "2020-07-15", "2020-12-01"]})
    table = aggregates.renewal_wave(explorer.evaluate(frame, params), params)
    assert aggregates.renewal_sentence(table, params, "en").startswith("50% of these")
    assert _with_slovak_space(aggregates.renewal_sentence(table, params, "sk")).startswith("50 % týchto")


def test_key_dates_hover_writes_days_in_the_page_language(app):
    app.select_person(pd.Timestamp(2020, 8, 20), pd.Timestamp(2020, 7, 20))
    app.set_language("sk")
    trace = app.person_view.timeline.data[0]
    assert trace.hovertemplate == "%{text}: %{y}<extra></extra>"
    assert "20. 7. 2020" in list(trace.text)
    app.set_language("en")
    assert "20 Jul 2020" in list(app.person_view.timeline.data[0].text)


def test_map_note_counts_take_the_plural_form_of_each_count(app):
    from explorer.tables.hover import grid_size_text

    assert grid_size_text(1, 3, "en") == "1 expiry day x 3 application days"
    assert grid_size_text(1, 3, "sk") == "1 deň konca platnosti x 3 dni žiadosti"
    assert _with_slovak_space(grid_size_text(12345, 7, "sk")) == "12 345 dní konca platnosti x 7 dní žiadosti"
    app.set_language("sk")
    n_e, n_a = app.results.grid.codes.shape
    assert html.unescape(app.map_view.note.value).startswith(grid_size_text(n_e, n_a, "sk"))


def test_csv_link_takes_the_plural_form_of_its_row_count(app):
    _small_grid(app)
    app.set_language("sk")
    app.tabs.selected_index = DOWNLOADS_TAB
    rows = len(app.results.result)
    assert rows >= 5
    link = _with_slovak_space(html.unescape(app.downloads_view.csv.value))
    assert f"ako CSV ({rows:,} riadkov)".replace(",", " ") in link and "riadkov:" not in link
    assert labels.ui_text("downloads.csv_link_n", "sk", n=3).endswith("(3 riadky)")
    assert labels.ui_text("downloads.csv_link_n", "en", n=1).endswith("(1 row)")


def test_comparison_summary_unit_words_take_plural_forms(params):
    import explorer
    from explorer.whatif.reforms import list_reforms

    sweep = {"expiry": ("2021-01-01", "2021-12-31"), "application": ("2020-06-01", "2021-12-31"),
             "freq": "MS"}
    reform = next(r for r in list_reforms() if r.name == "transition-deadline-2021-12-31")
    comparison = explorer.compare(None, reform, sweep=sweep)
    shifts = comparison.date_shifts
    n = int(shifts[shifts["rows shifted"] > 0].iloc[0]["rows shifted"])
    english, slovak = comparison.summary("en"), _with_slovak_space(comparison.summary("sk"))
    assert comparison.unit == "scenarios" and n > 4
    assert f"; {n:,} shifted by" in english
    assert f"; {n:,} posunutých v priemere o".replace(",", " ") in slovak and " dňa (" in slovak
    g = int(shifts[shifts["rows gaining a date"] > 0].iloc[0]["rows gaining a date"])
    assert f"; {g:,} gain it, 0 lose it" in english and g > 4
    assert f"; {g} ho získa, 0 ho stratí" in slovak
    paths = int(comparison.deltas.iloc[-1]["rows with a path reform"])
    assert english.endswith(f"-> {paths:,} scenarios.") and paths > 4
    assert slovak.endswith(f"-> {paths:,} scenárov.".replace(",", " "))
    assert labels.ui_text("summary.date_shifted_n", "sk", n=3, mean=1.0, least=1, most=1).startswith(
        "; 3 posunuté v priemere o +1,0 dňa")
    assert labels.ui_text("summary.gain_n", "en", n=1) == "1 gains it"
    assert labels.ui_text("summary.lose_n", "sk", n=2) == "2 ho stratia"


def test_report_heatmap_hover_reads_as_the_dashboard_map(params):
    import explorer
    from explorer.interfaces.report import build_report, options_map_figure
    from explorer.tables.hover import hover_template

    result = explorer.sweep(params=params, **BEFORE_SWEEP)
    figure, _note = options_map_figure(result, "sk", params)
    trace = figure.data[0]
    assert trace.hovertemplate == hover_template("sk") and "%{y|%-d. %-m. %Y}" in trace.hovertemplate
    text = np.asarray(trace.text)
    before = pd.DatetimeIndex(trace.x) < pd.Timestamp(2020, 1, 1)
    has_row = ~np.isnan(np.asarray(trace.z, dtype=float))
    assert before.any() and (~before).any()
    assert all(s.startswith("Usmernenie bolo napísané pre žiadosti od 1. januára 2020")
               for s in text[:, before][has_row[:, before]])
    assert all(s.startswith("Stav: <b>") for s in text[:, ~before][has_row[:, ~before]])
    assert (text[~has_row] == "").all()
    english = build_report(BEFORE_SWEEP, params).to_html()
    assert '"hovertemplate":"Card expiry %{y|%-d %B %Y}' in english.replace(": ", ":")
    assert "Status: \\u003cb\\u003eChoice of EU card" in english  # labels in the page's hover, not codes


def test_population_applications_count_rows_before_the_guidance_period_apart(params):
    import explorer
    from explorer.tables import aggregates

    frame = pd.DataFrame({"card_expiry": ["2020-03-31", "2020-12-31", "2021-03-10"],
                          "application_date": ["2019-12-20", "2020-07-01", "2021-02-01"],
                          "option": ["b", "b", "b"], "weight": [3.0, 2.0, 1.0]})
    result = explorer.evaluate(frame, params)
    assert result["before_guidance_period"].tolist() == [True, False, False]
    table = aggregates.applications_per_week(result)
    before = table[aggregates.BEFORE_APPLICATIONS]
    assert before.sum() == 3.0 and table["applications"].sum() == 6.0  # still counted, and apart
    assert table.loc[before > 0, "week"].tolist() == [pd.Timestamp(2019, 12, 16)]
    pieces = [aggregates.partial_applications(part) for part in (result.iloc[:1], result.iloc[1:])]
    chunks = aggregates.combine(pieces, aggregates.APPLICATION_KEYS)
    assert chunks[aggregates.BEFORE_APPLICATIONS].sum() == 3.0  # pieces add up as the whole
    slovak = aggregates.applications_per_week(result, labels="sk")
    assert labels.label(aggregates.BEFORE_APPLICATIONS, "sk") in slovak.columns
    inside = aggregates.applications_per_week(explorer.evaluate(frame.iloc[1:], params))
    assert aggregates.BEFORE_APPLICATIONS not in inside.columns  # nothing to say when none applies before


def test_population_tab_says_how_many_people_apply_before_the_guidance_period(app):
    from explorer.tables import aggregates

    view = app.population_view
    early = b"card_expiry,application_date,weight\n2020-03-31,2019-12-20,3\n2020-12-31,2020-07-01,2\n"
    view.upload._receive(view.upload, {"event": "file", "name": "early.csv", "size": len(early)},
                         [memoryview(early)])
    shown = html.unescape(view.results.children[0].value)
    assert 'class="rx-population-scope"' in shown
    assert ("3 people apply before 1 January 2020, the start of the period the guidance was written for"
            in shown) and labels.label(aggregates.BEFORE_PEOPLE, "en") in shown
    app.set_language("sk")
    shown = html.unescape(view.results.children[0].value)
    assert "3 osoby majú žiadosť pred dňom 1. januára 2020" in shown
    assert labels.label(aggregates.BEFORE_PEOPLE, "sk") in shown
    inside = b"card_expiry,application_date\n2020-12-31,2020-07-01\n"
    view.upload._receive(view.upload, {"event": "file", "name": "inside.csv", "size": len(inside)},
                         [memoryview(inside)])
    assert "rx-population-scope" not in view.results.children[0].value  # nothing to say: none applies before
