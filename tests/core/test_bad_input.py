"""Bad input raises ExplorerError naming the column, the bad value, what is allowed and the first bad row."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pytest

import explorer
from explorer import ExplorerError
from tests.support.scalar_reading import ScenarioInputs, evaluate_scenario

GOOD = dict(card_expiry="2021-06-30", application_date="2021-03-01")
LABELS = [f"p{i}" for i in range(10)]


def _with_bad_row(column: str, value: Any, row: int = 7, **base: Any) -> pd.DataFrame:
    """Ten good rows labelled p0..p9 (p9 also bad, later), with `column` = `value` on row `row`."""
    rows = [dict(GOOD, **base) for _ in LABELS]
    rows[row][column] = value
    rows[9][column] = value
    return pd.DataFrame(rows, index=LABELS)


def _assert_names(exc: ExplorerError, column: str, value: Any, allowed_words: tuple[str, ...],
                  row: Any = "p7") -> None:
    message = str(exc)
    assert exc.field == column
    assert column in message
    assert repr(value) in message or str(value) in message
    for word in allowed_words:
        assert word in exc.allowed
        assert word in message
    assert exc.row == row
    assert repr(row) in message


def test_a_missing_required_column_is_named():
    rows = pd.DataFrame({"card_expiry": ["2021-06-30"]}, index=["p0"])
    with pytest.raises(ExplorerError) as info:
        explorer.evaluate(rows)
    assert info.value.field == "application_date"
    assert "application_date" in str(info.value)
    assert "missing" in str(info.value)


def test_input_that_is_not_a_frame_is_refused():
    with pytest.raises(ExplorerError):
        explorer.evaluate([GOOD])


@pytest.mark.parametrize("column", ["card_expiry", "application_date", "second_application_date"])
def test_an_unparsable_date_names_column_value_and_row(column):
    with pytest.raises(ExplorerError) as info:
        explorer.evaluate(_with_bad_row(column, "2020-13-01", option="b"))
    _assert_names(info.value, column, "2020-13-01", ("ISO date",))
    assert "not a date" in str(info.value)


def test_text_that_is_no_date_at_all_is_refused():
    with pytest.raises(ExplorerError) as info:
        explorer.evaluate(_with_bad_row("card_expiry", "soon"))
    _assert_names(info.value, "card_expiry", "soon", ("ISO date",))


@pytest.mark.parametrize("column", ["card_expiry", "application_date"])
@pytest.mark.parametrize("blank", [None, pd.NaT])
def test_a_missing_required_date_names_column_and_row(column, blank):
    rows = _with_bad_row(column, blank)
    with pytest.raises(ExplorerError) as info:
        explorer.evaluate(rows)
    assert info.value.field == column
    assert info.value.row == "p7"
    assert "missing date" in str(info.value)
    assert "'p7'" in str(info.value)


def test_a_missing_date_in_a_datetime_column_is_reported_at_its_row():
    rows = pd.DataFrame({"card_expiry": pd.to_datetime(["2021-06-30", None, "2021-06-30"]),
                         "application_date": pd.to_datetime(["2021-03-01"] * 3)}, index=["p5", "p7", "p9"])
    with pytest.raises(ExplorerError) as info:
        explorer.evaluate(rows)
    assert (info.value.field, info.value.row) == ("card_expiry", "p7")


def test_a_blank_second_application_takes_the_default():
    rows = pd.DataFrame([dict(card_expiry="2020-11-13", application_date="2020-11-13", option="a",
                              second_application_date=None)], index=["p0"])
    result = explorer.evaluate(rows)
    assert result.loc["p0", "second_application_date"] == pd.Timestamp("2021-06-30")


@pytest.mark.parametrize(("column", "value", "allowed"), [
    ("option", "c", ("a", "b")),
    ("stamp_channel", "bank_transfer", ("online", "mobile_app", "vending_machine", "post_office")),
    ("payment", "bitcoin", ("card", "cash")),
])
def test_an_unknown_choice_names_column_value_allowed_values_and_row(column, value, allowed):
    with pytest.raises(ExplorerError) as info:
        explorer.evaluate(_with_bad_row(column, value))
    _assert_names(info.value, column, value, allowed)


def test_an_unknown_choice_in_a_categorical_column_is_found_too():
    rows = _with_bad_row("stamp_channel", "bank_transfer")
    rows["stamp_channel"] = rows["stamp_channel"].fillna("online").astype("category")
    with pytest.raises(ExplorerError) as info:
        explorer.evaluate(rows)
    _assert_names(info.value, "stamp_channel", "bank_transfer", ("post_office",))


@pytest.mark.parametrize("value", [-1, -1.0, "-3"])
def test_negative_lead_days_name_column_value_and_row(value):
    rows = _with_bad_row("stamp_lead_days", value)
    if isinstance(value, int):
        rows["stamp_lead_days"] = rows["stamp_lead_days"].fillna(0).astype("int64")
    with pytest.raises(ExplorerError) as info:
        explorer.evaluate(rows)
    assert info.value.field == "stamp_lead_days"
    assert info.value.row == "p7"
    assert "negative" in str(info.value)
    assert "from 0 to 3,650" in info.value.allowed


@pytest.mark.parametrize(("column", "value"), [("stamp_lead_days", "a week"), ("stamp_lead_days", 2.5),
                                                ("years_resided", "many"), ("years_resided", -1)])
def test_non_numbers_and_fractions_of_days_are_refused(column, value):
    with pytest.raises(ExplorerError) as info:
        explorer.evaluate(_with_bad_row(column, value))
    assert (info.value.field, info.value.row) == (column, "p7")


@pytest.mark.parametrize("value", ["perhaps", 2])
def test_a_flag_that_is_not_true_or_false_is_refused(value):
    with pytest.raises(ExplorerError) as info:
        explorer.evaluate(_with_bad_row("expedited", value))
    assert (info.value.field, info.value.row) == ("expedited", "p7")
    assert "True or False" in str(info.value)


@pytest.mark.parametrize("second", ["2020-11-13", "2020-11-01"])
def test_a_second_application_on_or_before_the_first_is_refused_where_option_a_is_open(second):
    base = dict(card_expiry="2020-11-13", application_date="2020-11-13", option="a",
                second_application_date="2021-06-30")
    rows = _with_bad_row("second_application_date", second, **base)
    with pytest.raises(ExplorerError) as info:
        explorer.evaluate(rows)
    _assert_names(info.value, "second_application_date", second, ("application_date",))


@pytest.mark.parametrize(("expiry", "application", "option"), [
    ("2020-06-30", "2020-07-01", "a"),   # late: card expired
    ("2022-05-01", "2021-07-01", "a"),   # late: after the transition deadline
    ("2021-09-01", "2020-08-01", "a"),   # five_year_only: option a closed
    ("2020-11-13", "2020-11-13", "b"),   # option b ignores the second application
])
def test_a_second_application_before_the_first_is_ignored_where_option_a_is_closed(expiry, application,
                                                                                  option):
    rows = pd.DataFrame([dict(card_expiry=expiry, application_date=application, option=option,
                              second_application_date="2019-01-01")], index=["p7"])
    result = explorer.evaluate(rows)
    assert result.loc["p7", "applications"] == (1 if option == "b" else 0)


def test_a_sweep_over_late_application_days_with_option_a_raises_nothing():
    result = explorer.sweep(("2020-06-01", "2020-06-30"), ("2020-07-01", "2020-07-31"), options=("a",),
                            second_application_date="2020-07-01")
    assert set(result["status"]) == {"late_card_expired"}


def test_years_out_of_scope_do_not_check_the_second_application():
    rows = pd.DataFrame([dict(card_expiry="2020-11-13", application_date="2020-11-13", option="a",
                              second_application_date="2020-11-01", years_resided=5)], index=["p7"])
    assert explorer.evaluate(rows).loc["p7", "status"] == "out_of_scope"


def test_an_inverted_sweep_range_names_the_range():
    with pytest.raises(ExplorerError) as info:
        explorer.sweep(("2021-06-30", "2020-01-01"), ("2020-01-01", "2020-01-31"))
    assert info.value.field == "expiry"
    assert "2021-06-30" in str(info.value) and "2020-01-01" in str(info.value)
    assert "on or after" in info.value.allowed


def test_an_inverted_application_range_names_the_range():
    with pytest.raises(ExplorerError) as info:
        explorer.sweep(("2020-01-01", "2020-01-31"), "2020-12-31:2020-12-01")
    assert info.value.field == "application"


def test_a_sweep_larger_than_max_rows_is_refused_before_building_it():
    with pytest.raises(ExplorerError) as info:
        explorer.sweep(("2020-01-01", "2020-01-31"), ("2020-01-01", "2020-01-31"), max_rows=1000)
    # 31 x 31 days x 2 options x 2 x 2 fee choices
    assert info.value.value == 31 * 31 * 8
    assert "1,000" in info.value.allowed
    assert "max_rows" in str(info.value)


def test_a_sweep_range_that_is_not_a_pair_is_refused():
    with pytest.raises(ExplorerError) as info:
        explorer.sweep(("2020-01-01",), ("2020-01-01", "2020-01-31"))
    assert info.value.field == "expiry"


def test_a_sweep_with_an_unknown_option_is_refused():
    with pytest.raises(ExplorerError) as info:
        explorer.sweep(("2020-01-01", "2020-01-02"), ("2020-01-01", "2020-01-02"), options=("a", "z"))
    assert info.value.field == "options"
    assert info.value.value == "z"


def test_a_sweep_fixing_an_unknown_column_is_refused():
    with pytest.raises(ExplorerError) as info:
        explorer.sweep(("2020-01-01", "2020-01-02"), ("2020-01-01", "2020-01-02"), colour="red")
    assert info.value.field == "colour"


def test_the_error_is_a_value_error_for_callers_that_catch_those():
    with pytest.raises(ValueError):
        explorer.evaluate(_with_bad_row("option", "c"))


def test_the_scalar_reading_refuses_a_second_application_on_the_first_day_with_explorer_error(params):
    day = dt.date(2020, 11, 13)
    with pytest.raises(ExplorerError) as info:
        evaluate_scenario(ScenarioInputs(day, day, option="a", second_application_date=day), params)
    assert info.value.field == "second_application_date"
