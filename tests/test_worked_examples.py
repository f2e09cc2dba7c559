"""The worked-example table of spec/rules.md, field by field, through the engine and the scalar reading.

Expected values are typed from the spec table (worked by hand), never computed with the code.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pandas as pd
import pytest

import explorer
from explorer.core.scalar import ScenarioInputs, evaluate_scenario

FIELDS = ("status", "apply_by", "apply_by_last_working_day", "first_issued_by", "five_year_issued_by",
          "five_year_valid_until", "gap_days", "fees_eur", "fees_cents", "visits", "stamp_ok")
DATE_FIELDS = ("apply_by", "apply_by_last_working_day", "first_issued_by", "five_year_issued_by",
               "five_year_valid_until")
PATH_FIELDS = ("first_issued_by", "five_year_issued_by", "five_year_valid_until", "gap_days", "stamp_ok")


def _row(inputs: dict[str, Any], status: str, apply_by: str, last_working_day: str,
         first: str | None, five_year: str | None, valid_until: str | None, gap: int | None,
         fees_eur: str, visits: int, stamp_ok: bool | None) -> tuple[dict, dict]:
    expected = {
        "status": status, "apply_by": apply_by, "apply_by_last_working_day": last_working_day,
        "first_issued_by": first, "five_year_issued_by": five_year, "five_year_valid_until": valid_until,
        "gap_days": gap, "fees_eur": Decimal(fees_eur), "fees_cents": int(Decimal(fees_eur) * 100),
        "visits": visits, "stamp_ok": stamp_ok,
    }
    return inputs, expected


# One entry per row of the spec's table, in its order.
EXAMPLES: dict[str, tuple[dict, dict]] = {
    "b_standard": _row(
        dict(card_expiry="2020-11-15", application_date="2020-10-01", option="b"),
        "choice", "2020-11-15", "2020-11-13", "2020-10-31", "2020-10-31", "2025-10-31", 0, "0.00", 2, True),
    "a_expedited_over_17_november": _row(
        dict(card_expiry="2020-11-13", application_date="2020-11-13", option="a", expedited=True),
        "choice", "2020-11-13", "2020-11-13", "2020-11-18", "2021-07-02", "2026-07-02", 5, "49.00", 4, True),
    "b_expedited_delivery_over_christmas": _row(
        dict(card_expiry="2021-03-10", application_date="2020-12-23", option="b", expedited=True,
             delivery=True),
        "five_year_only", "2021-03-10", "2021-03-10", "2020-12-29", "2020-12-29", "2025-12-29", 0, "27.50",
        1, True),
    "b_expiry_on_a_holiday": _row(
        dict(card_expiry="2020-12-26", application_date="2020-12-10", option="b"),
        "choice", "2020-12-26", "2020-12-23", "2021-01-09", "2021-01-09", "2026-01-09", 13, "0.00", 2, True),
    "b_on_the_transition_deadline": _row(
        dict(card_expiry="2021-06-30", application_date="2021-06-30", option="b"),
        "five_year_only", "2021-06-30", "2021-06-30", "2021-07-30", "2021-07-30", "2026-07-30", 29, "0.00",
        2, True),
    "online_stamps_31_days_ahead": _row(
        dict(card_expiry="2021-05-20", application_date="2021-05-03", option="b", delivery=True,
             stamp_channel="online", stamp_lead_days=31),
        "five_year_only", "2021-05-20", "2021-05-20", "2021-06-02", "2021-06-02", "2026-06-02", 12, "3.00",
        1, False),
    "post_office_stamps_31_days_ahead": _row(
        dict(card_expiry="2021-05-20", application_date="2021-05-03", option="b", delivery=True,
             stamp_channel="post_office", stamp_lead_days=31),
        "five_year_only", "2021-05-20", "2021-05-20", "2021-06-02", "2021-06-02", "2026-06-02", 12, "3.00",
        1, True),
    "online_stamps_paid_in_cash": _row(
        dict(card_expiry="2021-05-20", application_date="2021-05-03", option="b", delivery=True,
             stamp_channel="online", payment="cash"),
        "five_year_only", "2021-05-20", "2021-05-20", "2021-06-02", "2021-06-02", "2026-06-02", 12, "3.00",
        1, False),
    "a_unavailable_after_2020": _row(
        dict(card_expiry="2021-09-01", application_date="2020-08-01", option="a"),
        "five_year_only", "2021-06-30", "2021-06-30", None, None, None, None, "0.00", 0, None),
    "late_card_expired": _row(
        dict(card_expiry="2020-06-30", application_date="2020-07-01", option="b"),
        "late_card_expired", "2020-06-30", "2020-06-30", None, None, None, None, "0.00", 0, None),
    "late_transition_deadline": _row(
        dict(card_expiry="2022-05-01", application_date="2021-07-01", option="b"),
        "late_transition_deadline", "2021-06-30", "2021-06-30", None, None, None, None, "0.00", 0, None),
}
CASES = [(name, field) for name in EXAMPLES for field in FIELDS]


def _engine_value(value: Any, field: str) -> Any:
    """An engine output cell in the plain form of the expected table (None for NaT/NA)."""
    if value is None or value is pd.NaT or (not isinstance(value, str) and pd.isna(value)):
        return None
    if field in DATE_FIELDS:
        return pd.Timestamp(value).date().isoformat()
    if field == "fees_eur":
        return Decimal(repr(float(value)))
    if field == "stamp_ok":
        return bool(value)
    if field == "status":
        return str(value)
    return int(value)


def _expected(name: str, field: str) -> Any:
    value = EXAMPLES[name][1][field]
    return Decimal(value).quantize(Decimal("0.01")) if field == "fees_eur" else value


@pytest.fixture(scope="module")
def table_result() -> pd.DataFrame:
    """All worked examples evaluated in one frame, indexed by example name."""
    rows = pd.DataFrame([EXAMPLES[n][0] for n in EXAMPLES], index=list(EXAMPLES))
    return explorer.evaluate(rows)


@pytest.mark.parametrize(("name", "field"), CASES, ids=[f"{n}-{f}" for n, f in CASES])
def test_engine_matches_the_spec_table_field_by_field(table_result, name, field):
    got = _engine_value(table_result.loc[name, field], field)
    want = _expected(name, field)
    if field == "fees_eur":
        got = got.quantize(Decimal("0.01"))
    assert got == want, f"{name}: {field} = {got!r}, spec says {want!r}"


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_each_example_alone_gives_the_same_row_as_in_the_batch(table_result, name):
    alone = explorer.evaluate(pd.DataFrame([EXAMPLES[name][0]], index=[name]))
    pd.testing.assert_frame_equal(alone, table_result.loc[[name]], check_categorical=False)


@pytest.mark.parametrize("name", [n for n in EXAMPLES if EXAMPLES[n][1]["first_issued_by"] is None])
def test_rows_without_a_path_have_missing_path_columns_and_zero_counts(table_result, name):
    row = table_result.loc[name]
    assert not row["option_available"]
    assert pd.isna(row["path_status"])
    assert pd.isna(row["stamp_refund_by"])
    assert pd.isna(row["bok_venue_types"])
    for field in PATH_FIELDS:
        assert pd.isna(row[field]), field
    assert (row["applications"], row["visits"], row["fees_cents"], row["fees_eur"]) == (0, 0, 0, 0.0)


def test_second_example_pays_two_expedited_applications_and_counts_four_visits(table_result):
    row = table_result.loc["a_expedited_over_17_november"]
    assert row["applications"] == 2
    assert row["second_application_date"] == pd.Timestamp("2021-06-30")  # default: transition_deadline
    assert row["path_status"] == "ok"
    assert row["fees_cents"] == 2 * 2450


def _person(inputs: dict[str, Any]) -> ScenarioInputs:
    kwargs = {k: (dt.date.fromisoformat(v) if k.endswith(("_date", "_expiry")) else v)
              for k, v in inputs.items()}
    return ScenarioInputs(**kwargs)


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_scalar_reading_matches_the_spec_table(params, name):
    inputs, expected = EXAMPLES[name]
    got = evaluate_scenario(_person(inputs), params)
    for field in FIELDS:
        if field == "fees_eur":
            value = Decimal(got["fees_cents"]).scaleb(-2)
        elif field in DATE_FIELDS and got[field] is not None:
            value = got[field].isoformat()
        else:
            value = got[field]
        assert value == _expected(name, field), f"{name}: scalar {field} = {value!r}"
