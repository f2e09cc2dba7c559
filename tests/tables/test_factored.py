"""The factored sweep: its tables equal the summaries of its rows; the dashboard uses it lazily."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest

import explorer
from explorer.scenarios.factored import factor
from explorer.scenarios.grid import axes
from explorer.tables import factored as factored_tables
from explorer.tables import summaries
from explorer.ui import model

SWEEPS = [
    dict(expiry=("2020-09-01", "2021-08-31"), application=("2020-06-01", "2021-09-30"), freq="W-MON"),
    dict(expiry=("2020-12-01", "2021-01-31"), application=("2020-12-01", "2021-07-31"),
         options=("a",), expedited=(True,), stamp_channel="post_office", stamp_lead_days=400,
         payment="cash", second_application_date="2021-07-15"),
    dict(expiry=("2019-06-01", "2022-12-31"), application=("2019-06-01", "2021-12-31"), freq="MS",
         years_resided=5),
]
READINGS = [{}, {"card_expiry_reading": "advisory"}, {"before_reading": "exclusive"},
            {"processing_days_reading": "working"}, {"stamp_refund_reading": "each_purchase"},
            {"late_second_application_reading": "no_card"},
            {"five_year_validity_reading": "earliest_issue"},
            {"transition_deadline": [(None, "2021-06-30"), ("2021-03-01", "2021-09-30")],
             "fee_expedited": [(None, "24.50"), ("2021-01-01", "30.00")]}]
FIXED = ("stamp_channel", "stamp_lead_days", "payment", "second_application_date", "years_resided")


@pytest.mark.parametrize("changes", READINGS)
@pytest.mark.parametrize("arguments", SWEEPS)
def test_factored_tables_equal_the_summaries_of_the_rows(params, arguments, changes):
    reform = params.replace(**changes)
    fixed = {k: v for k, v in arguments.items() if k in FIXED}
    f = factor(axes(**arguments), fixed, reform)
    rows = f.frame()
    pd.testing.assert_frame_equal(rows, explorer.evaluate(explorer.grid(**arguments), reform))
    for freq in ("QS", "W"):
        pd.testing.assert_frame_equal(factored_tables.status_table(f, freq, "MS"),
                                      summaries.status_table(rows, freq, "MS"), check_exact=True)
        pd.testing.assert_frame_equal(factored_tables.deadlines_table(f, freq, labels="sk"),
                                      summaries.deadlines_table(rows, freq, labels="sk"), check_exact=True)
    pd.testing.assert_frame_equal(factored_tables.fees_table(f, labels="en"),
                                  summaries.fees_table(rows, labels="en"), check_exact=True)


def test_a_bad_fixed_value_is_reported_as_the_plain_evaluation_reports_it(params):
    with pytest.raises(explorer.ExplorerError) as plain:
        explorer.evaluate(explorer.grid(("2020-11-01", "2020-11-30"), ("2020-11-01", "2020-11-30"),
                                        stamp_channel="pigeon"), params)
    with pytest.raises(explorer.ExplorerError) as factored:
        explorer.sweep(("2020-11-01", "2020-11-30"), ("2020-11-01", "2020-11-30"), stamp_channel="pigeon")
    assert str(factored.value) == str(plain.value)


def test_an_early_second_application_names_the_first_bad_row(params):
    arguments = dict(expiry=("2020-12-01", "2020-12-31"), application=("2020-11-01", "2020-12-31"),
                     options=("b", "a"), second_application_date="2020-12-10")
    with pytest.raises(explorer.ExplorerError) as plain:
        explorer.evaluate(explorer.grid(**arguments), params)
    with pytest.raises(explorer.ExplorerError) as factored:
        explorer.sweep(**arguments)
    assert str(factored.value) == str(plain.value) and "second_application_date" in str(plain.value)


def test_the_dashboard_builds_the_rows_only_when_asked(params, monkeypatch):
    settings = dataclasses.replace(model.default_settings(params), granularity="day",
                                   expiry_start=dt.date(2020, 12, 1), expiry_end=dt.date(2020, 12, 31),
                                   application_start=dt.date(2020, 11, 1),
                                   application_end=dt.date(2020, 12, 31))
    built = []
    real = factor

    def counting(*args, **kwargs):
        f = real(*args, **kwargs)
        frame = f.frame
        f.frame = lambda: built.append(1) or frame()
        return f

    monkeypatch.setattr(model, "factor", counting)
    results = model.compute(settings, params)
    assert built == [] and results.rows == 31 * 61 * 8
    expected = explorer.sweep(params=params, **settings.sweep_kwargs())
    assert (results.grid.codes == model.status_grid(expected).codes).all()
    pd.testing.assert_frame_equal(results.fees, summaries.fees_table(expected))
    assert built == []
    pd.testing.assert_frame_equal(results.result, expected)
    pd.testing.assert_frame_equal(results.result, expected)
    assert built == [1]
