"""sweep() and grid(): every combination once, fixed columns everywhere, pandas frequencies."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import explorer


def test_row_count_is_the_product_of_the_dimensions():
    result = explorer.sweep(("2020-11-01", "2020-11-10"), ("2020-10-01", "2020-10-05"))
    assert len(result) == 10 * 5 * 2 * 2 * 2


def test_every_combination_appears_exactly_once():
    result = explorer.sweep(("2020-11-01", "2020-11-03"), ("2020-10-30", "2020-11-02"),
                            options=("a", "b"), expedited=(True,), delivery=(False, True))
    keys = result[["card_expiry", "application_date", "option", "expedited", "delivery"]].astype(str)
    assert len(result) == 3 * 4 * 2 * 1 * 2
    assert not keys.duplicated().any()
    assert set(result["option"]) == {"a", "b"}
    assert set(result["expedited"]) == {True}
    assert set(result["delivery"]) == {False, True}
    assert result["card_expiry"].nunique() == 3
    assert result["application_date"].nunique() == 4


def test_sweep_is_evaluate_of_grid(params):
    args = (("2020-12-20", "2021-01-05"), ("2020-12-20", "2021-01-05"))
    swept = explorer.sweep(*args, params=params, stamp_channel="post_office")
    built = explorer.evaluate(explorer.grid(*args, stamp_channel="post_office"), params)
    pd.testing.assert_frame_equal(swept, built)


def test_fixed_columns_are_set_on_every_row():
    result = explorer.sweep(("2020-11-01", "2020-11-05"), ("2020-10-01", "2020-10-05"),
                            stamp_channel="post_office", stamp_lead_days=40, payment="cash",
                            years_resided=2, address_changed=True)
    assert (result["stamp_channel"] == "post_office").all()
    assert (result["stamp_lead_days"] == 40).all()
    assert (result["payment"] == "cash").all()
    assert (result["years_resided"] == 2).all()
    assert result["address_changed"].all()
    assert result["accommodation_document_required"].all()


def test_a_fixed_second_application_day_is_used_by_option_a():
    result = explorer.sweep(("2020-11-01", "2020-11-05"), ("2020-10-01", "2020-10-05"), options=("a",),
                            second_application_date="2021-07-15")
    assert (result["second_application_date"] == pd.Timestamp("2021-07-15")).all()
    assert set(result["path_status"]) == {"late_second_application"}


def test_weekly_frequency_takes_sundays():
    result = explorer.sweep(("2020-11-01", "2020-11-30"), ("2020-10-01", "2020-10-31"), freq="W",
                            options=("b",), expedited=(False,), delivery=(False,))
    expiries = sorted(result["card_expiry"].dt.date.unique())
    assert expiries == [dt.date(2020, 11, d) for d in (1, 8, 15, 22, 29)]
    assert (result["application_date"].dt.day_of_week == 6).all()
    assert len(result) == 5 * 4


def test_month_start_frequency_takes_first_days():
    result = explorer.sweep(("2020-01-15", "2020-12-31"), ("2020-01-01", "2020-03-31"), freq="MS",
                            options=("b",), expedited=(False,), delivery=(False,))
    assert sorted(result["card_expiry"].dt.month.unique()) == list(range(2, 13))
    assert (result["card_expiry"].dt.day == 1).all()
    assert sorted(result["application_date"].dt.date.unique()) == [
        dt.date(2020, 1, 1), dt.date(2020, 2, 1), dt.date(2020, 3, 1)]
    assert len(result) == 11 * 3


def test_ranges_may_be_given_as_first_colon_last_strings():
    a = explorer.sweep("2020-11-01:2020-11-03", "2020-10-01:2020-10-02")
    b = explorer.sweep(("2020-11-01", "2020-11-03"), (dt.date(2020, 10, 1), dt.date(2020, 10, 2)))
    pd.testing.assert_frame_equal(a, b)


def test_a_single_day_range_gives_one_day():
    result = explorer.sweep(("2020-11-13", "2020-11-13"), ("2020-11-13", "2020-11-13"), options=("a",),
                            expedited=(True,), delivery=(False,))
    assert len(result) == 1
    assert result.iloc[0]["five_year_issued_by"] == pd.Timestamp("2021-07-02")


def test_a_sweep_of_exactly_max_rows_is_allowed():
    result = explorer.sweep(("2020-11-01", "2020-11-02"), ("2020-10-01", "2020-10-02"), max_rows=32)
    assert len(result) == 32
    with pytest.raises(explorer.ExplorerError):
        explorer.sweep(("2020-11-01", "2020-11-02"), ("2020-10-01", "2020-10-02"), max_rows=31)


def test_deadlines_table_has_the_documented_columns():
    result = explorer.sweep(("2020-11-01", "2021-02-28"), ("2020-10-01", "2020-10-31"), freq="W")
    table = explorer.deadlines_table(result)
    labels = ["apply by", "last working day", "first card issued by", "five-year card issued by",
              "five-year card valid until"]
    expected = ["expiry period", "rows", "rows with a path"]
    for label in labels:
        expected += [f"{label} (earliest)", f"{label} (latest)"]
    expected += ["gap days (min)", "gap days (mean)", "gap days (max)"]
    assert list(table.columns) == expected
    # One row per expiry month, November 2020 to February 2021.
    assert table["expiry period"].tolist() == list(pd.date_range("2020-11-01", "2021-02-01", freq="MS"))
    for label in labels:
        assert (table[f"{label} (earliest)"] <= table[f"{label} (latest)"]).all()


def test_deadlines_table_by_week_groups_on_week_starts():
    result = explorer.sweep(("2020-11-02", "2020-11-29"), ("2020-10-01", "2020-10-01"))
    table = explorer.deadlines_table(result, freq="W-SUN")
    assert len(table) == 4
    assert table["rows"].sum() == len(result)
