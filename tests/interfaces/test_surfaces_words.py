"""Slovak on every surface: tables, command line, comparison summary and files speak the language in
force, with Babel's numbers and dates; codes stay in files meant for machines."""

from __future__ import annotations

import pandas as pd
import pytest

import explorer
from explorer import labels
from explorer.tables.display import display_frame
from explorer.ui.formatting import format_frame


@pytest.fixture(scope="module")
def result() -> pd.DataFrame:
    return explorer.sweep("2020-10-01:2020-12-31", "2020-09-01:2020-11-30", freq="MS")


def test_slovak_numbers_in_dashboard_tables_use_a_decimal_comma(result):
    fees = labels.labelled(explorer.fees_table(result), "sk")
    shown = format_frame(fees, "sk")
    column = labels.label("fees per person (EUR)", "sk")
    assert "49,00\xa0€" in shown[column].tolist() and not any("." in v for v in shown[column])
    gap = shown[labels.label("gap days per person", "sk")]
    assert all("," in v for v in gap)


def test_slovak_table_dates_are_day_month_year(result):
    shown = format_frame(explorer.deadlines_table(result), "sk")
    assert shown["apply by (earliest)"].tolist()[:2] == ["1. 10. 2020", "1. 11. 2020"]


def test_english_tables_keep_iso_days_and_decimal_points(result):
    shown = format_frame(explorer.deadlines_table(result), "en")
    assert shown["apply by (earliest)"].iloc[0] == "2020-10-01"
    assert shown["gap days (mean)"].str.match(r"^\d+\.\d\d$").all()


def test_slovak_thousands_are_grouped_the_slovak_way():
    shown = display_frame(pd.DataFrame({"rows": [6912, 12]}), "sk")
    assert shown["rows"].tolist() == ["6\xa0912", "12"]
    assert display_frame(pd.DataFrame({"rows": [6912]}), "en")["rows"].tolist() == ["6,912"]


@pytest.mark.parametrize(("lang", "expected"), [("en", "54.5%"), ("sk", "54,5\xa0%")])
def test_shares_are_percentages_in_the_language(lang, expected):
    shown = display_frame(pd.DataFrame({"share": [0.545]}), lang)
    assert shown["share"].iloc[0] == expected


def test_whole_weighted_counts_show_no_decimals():
    shown = display_frame(pd.DataFrame({"applications": [2.0, 0.0, 1234.0]}), "sk")
    assert shown["applications"].tolist() == ["2", "0", "1\xa0234"]


def run(capsys, *argv: str) -> str:
    from explorer.interfaces import cli

    assert cli.main(list(argv)) == 0
    return capsys.readouterr().out


GRID = ("--expiry", "2020-10-01:2020-11-30", "--application", "2020-09-01:2020-10-31", "--freq", "MS")


def test_the_clis_slovak_section_titles_are_slovak(capsys):
    out = run(capsys, "summary", *GRID, "--labels", "sk")
    assert "== stav podľa obdobia konca platnosti (mesiac) a obdobia podania žiadosti (mesiac) ==" in out
    assert "== lehoty podľa obdobia konca platnosti (mesiac) ==" in out
    assert "status by expiry period" not in out and "scenarios" not in out
    assert "32 scenárov" in out


def test_the_clis_slovak_tables_use_slovak_numbers_and_dates(capsys):
    out = run(capsys, "summary", *GRID, "--labels", "sk")
    assert "1. 10. 2020" in out and "2020-10-01" not in out
    assert "49,00" in out and "49.00" not in out


def test_the_clis_codes_output_keeps_codes_and_iso_days(capsys):
    out = run(capsys, "summary", *GRID)
    assert "== status by expiry period (MS) x application period (MS) ==" in out
    assert "2020-10-01" in out and "32 scenarios" in out


def test_the_clis_slovak_population_titles_are_slovak(capsys):
    out = run(capsys, "population", "data/populations/sample.csv", "--labels", "sk", "--no-progress")
    for title in ("problémy", "žiadosti za týždeň", "poplatky za mesiac", "oneskorené žiadosti a prečo",
                  "dni bez preukazu"):
        assert f"== {title} ==" in out
    assert "applications per week" not in out and "late and why" not in out


def test_comparison_summary_in_slovak_uses_slovak_sentences_and_numbers(capsys):
    out = run(capsys, "compare", *GRID, "--reform", "transition-deadline-2021-12-31", "--labels", "sk")
    assert "„transition-deadline-2021-12-31“ oproti „Východiskový stav“ na 32 scenároch: stav sa mení v" \
        in out
    assert "(0,0\xa0%)" in out  # a Slovak percentage: decimal comma, a space before the sign
    assert "Poplatky:" in out and "\u00a0€ -> " in out and "rows" not in out and " EUR" not in out
    assert "== zmeny stavu (riadky podľa stavu predtým -> po reforme) ==" in out


@pytest.mark.parametrize(("lang", "sheets"), [
    ("codes", ["status", "deadlines", "fees"]), ("en", ["status", "deadlines", "fees"]),
    ("sk", ["stav", "lehoty", "poplatky"])])
def test_excel_sheet_names_are_in_the_language_in_force(capsys, tmp_path, lang, sheets):
    out = tmp_path / "summary.xlsx"
    run(capsys, "summary", *GRID, "--labels", lang, "--out", str(out))
    assert list(pd.read_excel(out, sheet_name=None)) == sheets


def test_excel_sheet_names_of_a_slovak_comparison_are_slovak(capsys, tmp_path):
    out = tmp_path / "compare.xlsx"
    run(capsys, "compare", *GRID, "--reform", "transition-deadline-2021-12-31", "--labels", "sk",
        "--out", str(out))
    book = pd.read_excel(out, sheet_name=None)
    assert list(book) == ["zhrnutie", "parametre", "zmeny stavu", "posuny dátumov", "rozdiely"]
    assert book["zhrnutie"]["zhrnutie"].iloc[0].startswith("„transition-deadline-2021-12-31“ oproti")


def report_text(path) -> str:
    import html as html_lib
    import re

    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<script>.*?</script>|<style>.*?</style>", "", text, flags=re.S)
    return html_lib.unescape(re.sub(r"<[^>]+>", "\n", text))


def test_the_slovak_report_has_slovak_headings_dates_and_page_language(capsys, tmp_path):
    out = tmp_path / "report.html"
    run(capsys, "report", *GRID, "--person", "2020-11-13:2020-11-13", "--labels", "sk", "--out", str(out))
    assert '<html lang="sk">' in out.read_text(encoding="utf-8")
    text = report_text(out)
    for heading in ("Prechod na nové pobytové preukazy: správa o scenároch", "Zobrazenie", "Platné parametre",
                    "Mapa možností", "Počty podľa stavu", "Jedna osoba", "Dôležité dátumy",
                    "Prečo, krok za krokom"):
        assert heading in text.splitlines()
    for english in ("One person", "Key dates", "Why, step by step", "Status counts", "Parameters in force",
                    "The view", "evaluated scenarios"):
        assert english not in text
    assert "1. 10. 2020 až 30. 11. 2020" in text  # the view's card expiry range, Slovak table dates


def test_the_english_report_keeps_its_english_words(capsys, tmp_path):
    out = tmp_path / "report.html"
    run(capsys, "report", *GRID, "--out", str(out))
    text = report_text(out)
    assert '<html lang="en">' in out.read_text(encoding="utf-8")
    assert "Residence card transition: scenario report" in text and "Status counts" in text
    assert "2020-10-01 to 2020-11-30" in text


def test_the_dashboards_report_is_in_the_pages_language():
    from explorer.ui import build_app

    app = build_app(explorer.load_parameters(), debounce=None)
    app.recompute_now()
    app.set_language("sk")
    document = app.report_content().to_html()
    assert '<html lang="sk">' in document and "Počty podľa stavu" in document
    assert "Card expiry from" not in document and "Status counts" not in document
    app.set_language("en")
    english = app.report_content().to_html()
    assert '<html lang="en">' in english and "Card expiry from" in english


def test_the_clis_slovak_population_line_and_bad_rows_file_are_slovak(capsys, tmp_path):
    bad = tmp_path / "bad.xlsx"
    out = run(capsys, "population", "data/populations/sample.csv", "--labels", "sk", "--no-progress",
              "--bad-out", str(bad))
    assert "načítaných riadkov 16, platných 9" in out and "rows read" not in out
    back = pd.read_excel(bad)
    assert list(back.columns)[:2] == [labels.label("row", "sk"), labels.label("column", "sk")]


def spelling():
    from tests.support import slovak_spelling

    assert slovak_spelling.available(), "no Slovak dictionary: run scripts/ensure-hunspell-sk.sh"
    return slovak_spelling


def test_every_slovak_interface_sentence_passes_the_slovak_spell_check():
    from explorer.words.catalogue import entries

    check = spelling()
    bad = {key: check.misspelled(form) for key, entry in entries().items() if entry.domain == "interface"
           for form in entry.forms["sk"] if check.misspelled(form)}
    assert bad == {}


def test_the_slovak_command_line_and_report_pass_the_slovak_spell_check(capsys, tmp_path):
    check = spelling()
    summary = run(capsys, "summary", *GRID, "--labels", "sk")
    compare = run(capsys, "compare", *GRID, "--reform", "transition-deadline-2021-12-31", "--labels", "sk")
    out = tmp_path / "report.html"
    run(capsys, "report", *GRID, "--labels", "sk", "--out", str(out))
    # Left out: the tool's and time zone's names (the parameters and readings tables are checked too).
    page = out.read_text(encoding="utf-8")
    out.write_text(page.replace("residence-explorer", "").replace(" UTC", ""), encoding="utf-8")
    report = report_text(out)
    found = {name: check.misspelled(text) for name, text in
             (("summary", summary), ("compare", compare), ("report", report))}
    assert found == {"summary": [], "compare": [], "report": []}


def test_what_if_tables_in_slovak_use_a_decimal_comma():
    from explorer.ui.views.whatif import shown_deltas

    params = explorer.load_parameters()
    comparison = explorer.compare(params, params.replace(fee_expedited="30.00"),
                                  sweep=dict(expiry=("2020-10-01", "2020-11-30"),
                                             application=("2020-09-01", "2020-10-31"), freq="MS"))
    english, slovak = shown_deltas(comparison.deltas), shown_deltas(comparison.deltas, "sk")
    column = "fees difference (EUR)"
    total = float(comparison.deltas[column].iloc[-1])
    assert total > 0 and english[column].iloc[-1] == f"€{total:,.2f}"
    assert slovak[column].iloc[-1] == f"{total:,.2f}".replace(",", "\xa0").replace(".", ",") + "\xa0€"


def test_the_dashboards_slovak_report_writes_the_views_days_the_slovak_way():
    import datetime as dt

    from explorer.interfaces.report import cell_text

    assert cell_text(dt.date(2021, 6, 30), "sk") == "30. 6. 2021"
    assert cell_text(dt.date(2021, 6, 30), "en") == "2021-06-30"
    assert cell_text(True, "sk") == "áno" and cell_text(6912, "sk") == "6\xa0912"
