"""Dated parameters are looked up per row, as of the row's own day (spec: parameters by effective day)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest

import explorer
from tests.support.scalar_reading import ScenarioInputs, evaluate_scenario

EXPEDITED_RISE = {None: "24.50", "2021-01-01": "30.00"}


@pytest.fixture(scope="module")
def expedited_rise() -> explorer.Parameters:
    """Expedited issuance at 24.50 EUR until 2020-12-31 and 30.00 EUR from 2021-01-01."""
    return explorer.load_parameters().replace(fee_expedited=EXPEDITED_RISE)


def test_dated_fee_reads_back_per_day(expedited_rise):
    assert expedited_rise.value("fee_expedited", on="2020-12-31") == Decimal("24.50")
    assert expedited_rise.value("fee_expedited", on="2021-01-01") == Decimal("30.00")
    assert expedited_rise["fee_expedited"].series() == [
        (None, Decimal("24.50")), (dt.date(2021, 1, 1), Decimal("30.00"))]


def test_rows_applying_before_and_after_a_fee_change_pay_different_fees(frame, expedited_rise):
    rows = frame(
        dict(card_expiry="2021-03-01", application_date="2020-12-30", expedited=True),
        dict(card_expiry="2021-03-01", application_date="2020-12-31", expedited=True),
        dict(card_expiry="2021-03-01", application_date="2021-01-01", expedited=True),
        dict(card_expiry="2021-03-01", application_date="2021-01-04", expedited=True),
        dict(card_expiry="2021-03-01", application_date="2021-01-04", expedited=False),
    )
    result = explorer.evaluate(rows, expedited_rise)
    assert result["fees_cents"].tolist() == [2450, 2450, 3000, 3000, 0]
    assert result["fees_eur"].tolist() == [24.50, 24.50, 30.00, 30.00, 0.0]


def test_option_a_spanning_a_fee_change_pays_the_old_fee_then_the_new(frame, expedited_rise):
    rows = frame(dict(card_expiry="2020-11-13", application_date="2020-11-13", option="a",
                      expedited=True, second_application_date="2021-06-30"))
    result = explorer.evaluate(rows, expedited_rise)
    assert result["fees_cents"].tolist() == [2450 + 3000]
    assert result["fees_eur"].tolist() == [54.50]
    person = ScenarioInputs(dt.date(2020, 11, 13), dt.date(2020, 11, 13), option="a", expedited=True,
                    second_application_date=dt.date(2021, 6, 30))
    assert evaluate_scenario(person, expedited_rise)["fees_cents"] == 5450


def test_baseline_is_untouched_by_a_dated_replacement(params, expedited_rise):
    assert params.value("fee_expedited", on="2021-06-30") == Decimal("24.50")
    assert not params["fee_expedited"].dated
    assert expedited_rise["fee_expedited"].dated


def test_dated_standard_processing_applies_as_of_each_application_day(frame, params):
    slower = params.replace(standard_processing={None: "30 days", "2021-01-01": "60 days"})
    rows = frame(
        dict(card_expiry="2021-06-30", application_date="2020-12-31"),
        dict(card_expiry="2021-06-30", application_date="2021-01-01"),
        dict(card_expiry="2020-11-13", application_date="2020-11-13", option="a"),
    )
    result = explorer.evaluate(rows, slower)
    # 2020-12-31 + 30 days; 2021-01-01 + 60 days (Jan 31, Feb 28 days).
    assert result["first_issued_by"].dt.date.tolist() == [
        dt.date(2021, 1, 30), dt.date(2021, 3, 2), dt.date(2020, 12, 13)]
    # Option a: second application 2021-06-30 (+60 days) -> 2021-08-29, valid five years.
    assert result.loc["p2", "five_year_issued_by"] == pd.Timestamp("2021-08-29")
    assert result.loc["p2", "five_year_valid_until"] == pd.Timestamp("2026-08-29")
    # Without a card: 14 Nov..12 Dec 2020 (29 days), then 1 Jul..28 Aug 2021 (59 days).
    assert result.loc["p2", "gap_days"] == 29 + 59


def test_dated_bok_wider_activation_is_looked_up_as_of_the_five_year_card_validity_end(frame, params):
    # The wider venues start 2025-08-14; a reform decided for days from 2026 on moves it to 2027.
    reform = params.replace(bok_wider_activation_from={None: "2025-08-14", "2026-01-01": "2027-01-01"})
    rows = frame(
        dict(card_expiry="2020-11-15", application_date="2020-10-01"),  # valid until 2025-10-31
        dict(card_expiry="2020-11-13", application_date="2020-11-13", option="a", expedited=True),
    )  # the second is valid until 2026-07-02: as of that day, wider activation only from 2027
    assert explorer.evaluate(rows, params)["bok_venue_types"].tolist() == [3, 3]
    assert explorer.evaluate(rows, reform)["bok_venue_types"].tolist() == [3, 1]
    assert explorer.bok_activation_places("2026-07-02", reform) == ["Foreign Police departments"]
    assert len(explorer.bok_activation_places("2025-10-31", reform)) == 3


def test_bok_activation_widens_on_14_august_2025(params):
    assert explorer.bok_activation_places("2025-08-13", params) == ["Foreign Police departments"]
    wider = explorer.bok_activation_places(dt.date(2025, 8, 14), params)
    assert wider[0] == "Foreign Police departments"
    assert len(wider) == 3


def test_stamps_are_bought_only_for_the_application_whose_fee_is_above_zero(frame, params):
    reform = params.replace(fee_delivery={None: "0.00", "2021-01-01": "3.00"})
    rows = frame(dict(card_expiry="2020-11-13", application_date="2020-11-13", option="a",
                      delivery=True, stamp_lead_days=10, second_application_date="2021-06-30"))
    dated = explorer.evaluate(rows, reform).iloc[0]
    assert dated["fees_cents"] == 300
    assert dated["visits"] == 2
    assert bool(dated["stamp_ok"])
    # Stamps bought 10 days before the second application, refundable two years on.
    assert dated["stamp_refund_by"] == pd.Timestamp("2023-06-20")
    baseline = explorer.evaluate(rows, params).iloc[0]
    assert baseline["fees_cents"] == 600
    assert baseline["stamp_refund_by"] == pd.Timestamp("2022-11-03")


def test_a_dated_fee_and_its_plain_replacement_agree_on_days_after_the_change(frame, params):
    rows = frame(dict(card_expiry="2021-06-30", application_date="2021-02-01", expedited=True))
    dated = explorer.evaluate(rows, params.replace(fee_expedited=EXPEDITED_RISE))
    plain = explorer.evaluate(rows, params.replace(fee_expedited="30.00"))
    pd.testing.assert_frame_equal(dated, plain)
