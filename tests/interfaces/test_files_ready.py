"""Excel files ready to send: bold frozen filtered header, widths that fit, days without times,
euros and shares formatted, no live formula anywhere."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

import explorer
from explorer.interfaces import cli, export
from explorer.scenarios.population import synthetic_population
from explorer.tables import aggregates


@pytest.fixture(scope="module")
def result() -> pd.DataFrame:
    return explorer.sweep("2020-10-01:2021-03-31", "2020-09-01:2021-02-28", freq="MS")


def book(sheets: dict[str, pd.DataFrame], lang: str = "codes") -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(export.to_bytes(sheets, "xlsx", lang=lang)))


def column_of(sheet, header: str) -> list:
    """The cells of the column with this header, header excluded."""
    names = [c.value for c in sheet[1]]
    j = names.index(header) + 1
    return [row[0] for row in sheet.iter_rows(min_row=2, min_col=j, max_col=j)]


@pytest.mark.parametrize("lang", ["codes", "en", "sk"])
def test_excel_header_is_bold_frozen_and_filtered(result, lang):
    sheet = book({"grid": explorer.labels.rename_columns(result, lang)}, lang)["grid"]
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{len(result) + 1}"


@pytest.mark.parametrize("lang", ["en", "sk"])
def test_excel_column_widths_fit_the_headers(result, lang):
    table = explorer.fees_table(result, labels=lang)
    sheet = book({"fees": table}, lang)["fees"]
    for cell in sheet[1]:
        width = sheet.column_dimensions[cell.column_letter].width
        assert width >= len(str(cell.value)) + 2, (cell.value, width)


def test_excel_column_is_wide_enough_for_its_longest_text(result):
    table = explorer.fees_table(result, labels="sk")
    sheet = book({"fees": table}, "sk")["fees"]
    longest = table.iloc[:, 0].astype(str).str.len().max()
    assert sheet.column_dimensions["A"].width >= min(longest, export.MAX_WIDTH)  # capped: no 200-char column


@pytest.mark.parametrize(("lang", "expected"), [("codes", "yyyy-mm-dd"), ("en", "d mmm yyyy"),
                                                 ("sk", "d. m. yyyy")])
def test_excel_dates_are_days_without_times(result, lang, expected):
    sheet = book({"deadlines": explorer.deadlines_table(result)}, lang)["deadlines"]
    cells = column_of(sheet, "apply by (earliest)")
    assert cells and {c.number_format for c in cells} == {expected}
    assert all(c.is_date for c in cells)
    assert all(ch not in expected.lower() for ch in "hs")  # no hours, minutes or seconds


@pytest.mark.parametrize(("lang", "money"), [("en", '"€"#,##0.00'), ("sk", '#,##0.00 "€"')])
def test_excel_euros_and_shares_have_euro_and_percent_formats(lang, money):
    params = explorer.load_parameters()
    tables = aggregates.aggregate_frame(explorer.evaluate(synthetic_population(500, seed=3), params),
                                        params, labels=lang)
    sheets = book({"fees": tables["fees_per_month"], "late": tables["late_by_reason"]}, lang)
    fees_header = explorer.labels.label("fees_eur", lang)
    share_header = explorer.labels.label("share", lang)
    assert {c.number_format for c in column_of(sheets["fees"], fees_header)} == {money}
    assert {c.number_format for c in column_of(sheets["late"], share_header)} == {"0.0%"}


def test_excel_summary_money_column_from_the_command_line_is_in_euros(tmp_path):
    out = tmp_path / "summary.xlsx"
    assert cli.main(["summary", "--expiry", "2020-10-01:2020-12-31", "--application",
                     "2020-09-01:2020-12-31", "--freq", "MS", "--labels", "sk", "--out", str(out)]) == 0
    workbook = openpyxl.load_workbook(out)
    money = [ws for ws in workbook if "Poplatky spolu (EUR)" in [c.value for c in ws[1]]]
    assert money, [ws.title for ws in workbook]
    assert {c.number_format for c in column_of(money[0], "Poplatky spolu (EUR)")} == {'#,##0.00 "€"'}


def test_no_cell_of_any_written_workbook_is_a_live_formula(tmp_path):
    hostile = pd.DataFrame({"=SUM(A1)": ["=1+1", "+cmd", "-2", "@x", "plain"], "n": [1, 2, 3, 4, 5]})
    workbook = book({"hostile": hostile, "safe": explorer.fees_table(
        explorer.sweep("2020-10-01:2020-11-30", "2020-09-01:2020-10-31", freq="MS"), labels="en")}, "en")
    for sheet in workbook:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)


@pytest.mark.parametrize(("lang", "words"), [("en", {"yes", "no"}), ("sk", {"áno", "nie"})])
def test_excel_yes_no_values_are_words_never_true_false(tmp_path, lang, words):
    out = tmp_path / "summary.xlsx"
    assert cli.main(["summary", "--expiry", "2020-10-01:2020-12-31", "--application",
                     "2020-09-01:2020-12-31", "--freq", "MS", "--options", "a,b", "--expedited", "no,yes",
                     "--labels", lang, "--out", str(out)]) == 0
    workbook = openpyxl.load_workbook(out)
    cells = [c for ws in workbook for row in ws.iter_rows(min_row=2) for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "b" or c.value in ("True", "False")]
    expedited = explorer.labels.label("expedited", lang)
    fees = [ws for ws in workbook if expedited in [c.value for c in ws[1]]][0]
    assert {c.value for c in column_of(fees, expedited)} == words
