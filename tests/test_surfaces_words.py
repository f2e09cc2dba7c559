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
    assert "49,00" in shown[column].tolist() and not any("." in v for v in shown[column])
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
