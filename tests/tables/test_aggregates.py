"""Population aggregates equal a direct groupby on the evaluated rows, weighted or not."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import explorer
from explorer import ExplorerError
from explorer.scenarios.population import synthetic_chunks, synthetic_population
from explorer.tables import aggregates as agg


@pytest.fixture(scope="module")
def params():
    return explorer.load_parameters()


@pytest.fixture(scope="module")
def evaluated(params):
    """Synthetic holders (weighted, both paths, late and on time) plus a sweep over 2020-21."""
    pop = synthetic_population(30_000, seed=11)
    sweep = explorer.grid(("2020-09-01", "2021-08-31"), ("2020-08-01", "2021-08-31"), freq="7D")
    sweep["weight"] = 1.0 + (np.arange(len(sweep)) % 3)
    frame = pd.concat([pop.reset_index(drop=True), sweep], ignore_index=True)
    return explorer.evaluate(frame, params)


def _applications_long(result: pd.DataFrame) -> pd.DataFrame:
    """One line per application, by hand: first on A for open paths, second on S for path a."""
    open_rows = result[result["option_available"]]
    first = pd.DataFrame({"day": open_rows["application_date"], "option": open_rows["option"].astype(str),
                          "application": "first", "w": open_rows.get("weight", 1),
                          "before": open_rows["before_guidance_period"] * open_rows.get("weight", 1),
                          "cents": open_rows["fees_cents"] // open_rows["applications"]})
    a_rows = open_rows[open_rows["option"] == "a"]
    second = pd.DataFrame({"day": a_rows["second_application_date"], "option": "a", "application": "second",
                           "w": a_rows.get("weight", 1),
                           "before": a_rows["before_guidance_period"] * a_rows.get("weight", 1),
                           "cents": a_rows["fees_cents"] // a_rows["applications"]})
    return pd.concat([first, second], ignore_index=True)


@pytest.mark.parametrize("weighted", [True, False])
def test_applications_per_week_equals_a_direct_groupby(evaluated, weighted):
    result = evaluated if weighted else evaluated.drop(columns="weight")
    long = _applications_long(result)
    long["week"] = long["day"].dt.to_period("W-SUN").dt.start_time.astype("datetime64[us]")
    expected = (long.groupby(["week", "option", "application"])[["w", "before"]].sum()
                .rename(columns={"w": "applications", "before": agg.BEFORE_APPLICATIONS}).reset_index())
    assert expected[agg.BEFORE_APPLICATIONS].sum() > 0  # the holders include applications before 2020
    table = agg.applications_per_week(result)
    assert (table["week"].dt.day_of_week == 0).all()
    counted = table[table["applications"] > 0].reset_index(drop=True)
    pd.testing.assert_frame_equal(counted, expected, check_dtype=False)
    holes = table[table["applications"] == 0].merge(expected, on=["week", "option", "application"])
    assert holes.empty  # a row of 0 only where the direct groupby has no row
    w = result["weight"] if weighted else 1
    assert table["applications"].sum() == (result["applications"] * w).sum()


@pytest.mark.parametrize("weighted", [True, False])
def test_a_week_with_no_application_is_a_row_with_0(params, weighted):
    frame = pd.DataFrame({"card_expiry": ["2020-12-20", "2020-12-20"],
                          "application_date": ["2020-11-02", "2020-11-23"], "option": ["b", "b"]})
    if weighted:
        frame["weight"] = [2.0, 3.0]
    table = agg.applications_per_week(explorer.evaluate(frame, params))
    assert table["week"].dt.strftime("%Y-%m-%d").tolist() == ["2020-11-02", "2020-11-09", "2020-11-16",
                                                               "2020-11-23"]
    assert table["applications"].tolist() == ([2, 0, 0, 3] if weighted else [1, 0, 0, 1])
    assert set(table["option"]) == {"b"} and set(table["application"]) == {"first"}


@pytest.mark.parametrize("weighted", [True, False])
def test_fees_per_month_equals_a_direct_groupby_and_keeps_exact_cents(evaluated, params, weighted):
    result = evaluated if weighted else evaluated.drop(columns="weight")
    long = _applications_long(result)
    long["month"] = long["day"].dt.to_period("M").dt.start_time.astype("datetime64[us]")
    long["wc"] = long["w"] * long["cents"]
    long["bc"] = long["before"] * long["cents"]
    expected = long.groupby(["month", "option"]).agg(applications=("w", "sum"), fees_cents=("wc", "sum"),
                                                     before=("before", "sum"), before_cents=("bc", "sum"))
    expected = expected.reset_index().rename(columns={"before": agg.BEFORE_APPLICATIONS})
    expected[agg.BEFORE_FEES] = expected.pop("before_cents") / 100
    assert expected[agg.BEFORE_FEES].sum() > 0  # some holders applying before 2020 pay fees
    table = agg.fees_per_month(result, params)
    pd.testing.assert_frame_equal(table.drop(columns="fees_eur"), expected, check_dtype=False)
    total = (result["fees_cents"] * (result["weight"] if weighted else 1)).sum()
    assert table["fees_cents"].sum() == total  # exact, not approximately
    if not weighted:
        assert table["fees_cents"].dtype == np.int64 and table["applications"].dtype == np.int64


def test_fees_are_booked_in_the_month_of_each_application_under_a_dated_fee(params):
    # Path a, expedited: 13 Nov 2020 and (default) 30 Jun 2021; a reform raises the expedited
    # fee to 30.00 EUR from 2021-01-01, so the second application pays the new fee.
    reform = params.replace(fee_expedited={None: "24.50", "2021-01-01": "30.00"})
    frame = pd.DataFrame({"card_expiry": ["2020-11-13"], "application_date": ["2020-11-13"],
                          "option": ["a"], "expedited": [True]})
    table = agg.fees_per_month(explorer.evaluate(frame, reform), reform)
    assert table[["month", "fees_cents"]].values.tolist() == [
        [pd.Timestamp("2020-11-01"), 2450], [pd.Timestamp("2021-06-01"), 3000]]


@pytest.mark.parametrize("weighted", [True, False])
def test_late_by_reason_equals_status_counts(evaluated, weighted):
    result = evaluated if weighted else evaluated.drop(columns="weight")
    w = result["weight"] if weighted else pd.Series(1, index=result.index)
    path = result["path_status"].astype(object).fillna("no path")
    expected = w.groupby([result["status"].astype(str), path]).sum()
    before = (w * result["before_guidance_period"]).groupby([result["status"].astype(str), path]).sum()
    assert before.sum() > 0  # the holders include applications before 2020
    table = agg.late_by_reason(result)
    got = table.set_index(["status", "path_status"])
    pd.testing.assert_series_equal(got["people"].sort_index(), expected.sort_index(), check_names=False,
                                   check_dtype=False)
    pd.testing.assert_series_equal(got[agg.BEFORE_PEOPLE].sort_index(), before.sort_index(),
                                   check_names=False, check_dtype=False)
    late_people = w[result["status"].astype(str).str.startswith("late_")
                    | (result["path_status"] == "late_second_application").fillna(False)].sum()
    assert table.loc[table["late"], "people"].sum() == late_people
    assert table["share"].sum() == pytest.approx(1.0)
    assert table["reason"].str.len().min() > 0


@pytest.mark.parametrize("weighted", [True, False])
def test_gap_histogram_equals_a_direct_groupby_of_binned_gap_days(evaluated, weighted):
    result = evaluated if weighted else evaluated.drop(columns="weight")
    rows = result[result["gap_days"].notna()]
    w = rows["weight"] if weighted else pd.Series(1, index=rows.index)
    bins = pd.cut(rows["gap_days"].astype(float), [-0.5, 0.5, 7.5, 14.5, 30.5, 60.5, np.inf],
                  labels=["0", "1-7", "8-14", "15-30", "31-60", "61+"])
    expected = w.groupby([rows["status"].astype(str), rows["option"].astype(str), bins],
                         observed=True).sum()
    before = (w * rows["before_guidance_period"]).groupby(
        [rows["status"].astype(str), rows["option"].astype(str), bins], observed=True).sum()
    assert before.sum() > 0  # some holders applying before 2020 go without a card for some days
    table = agg.gap_histogram(result)
    got = table.set_index(["status", "option", "gap_days"])
    assert dict(got["people"]) == {k: v for k, v in expected.items() if v}
    assert dict(got[agg.BEFORE_PEOPLE]) == {k: before[k] for k, v in expected.items() if v}
    assert table.loc[table["gap_days"] == "61+", "last_day"].isna().all()


@pytest.mark.parametrize("weighted", [True, False])
def test_renewal_wave_counts_the_cards_of_applications_before_the_guidance_period_apart(evaluated, params,
                                                                                       weighted):
    result = evaluated if weighted else evaluated.drop(columns="weight")
    rows = result[result["five_year_valid_until"].notna()]
    w = rows["weight"] if weighted else pd.Series(1, index=rows.index)
    week = rows["five_year_valid_until"].dt.to_period("W-SUN").dt.start_time.astype("datetime64[us]")
    wider = rows["five_year_valid_until"] >= pd.Timestamp(params.value("bok_wider_activation_from"))
    cards = w.groupby([week, wider]).sum()
    before = (w * rows["before_guidance_period"]).groupby([week, wider]).sum()
    assert before.sum() > 0
    table = agg.renewal_wave(result, params, years=None).set_index(["week", "bok_wider"])
    assert dict(table["cards"]) == dict(cards)
    assert dict(table[agg.BEFORE_CARDS]) == dict(before)


def test_aggregates_of_applications_from_2020_on_have_no_column_for_rows_before_the_guidance(params):
    frame = pd.DataFrame({"card_expiry": ["2020-12-20", "2020-08-01"],
                          "application_date": ["2020-11-02", "2020-07-01"], "option": ["b", "a"]})
    tables = agg.all_aggregates(explorer.evaluate(frame, params), params)
    before_columns = {agg.BEFORE_APPLICATIONS, agg.BEFORE_FEES, agg.BEFORE_PEOPLE, agg.BEFORE_CARDS}
    assert all(not before_columns & set(table.columns) for table in tables.values())
    early = frame.assign(application_date=["2019-12-02", "2020-07-01"])
    tables = agg.all_aggregates(explorer.evaluate(early, params), params)
    assert tables["late_by_reason"][agg.BEFORE_PEOPLE].sum() == 1
    assert tables["fees_per_month"][agg.BEFORE_APPLICATIONS].sum() == 1


def test_gap_bins_must_start_at_zero_and_increase(evaluated):
    with pytest.raises(ExplorerError):
        agg.gap_histogram(evaluated, edges=(1, 5))
    with pytest.raises(ExplorerError):
        agg.gap_histogram(evaluated, edges=(0, 5, 5))


def test_negative_weight_is_an_explorer_error(evaluated):
    bad = evaluated.head(5).copy()
    bad["weight"] = [1, 1, -1, 1, 1]
    with pytest.raises(ExplorerError) as info:
        agg.late_by_reason(bad)
    assert info.value.field == "weight"


def test_an_unevaluated_frame_names_the_missing_column():
    with pytest.raises(ExplorerError) as info:
        agg.late_by_reason(pd.DataFrame({"card_expiry": []}))
    assert info.value.field == "status"


def test_aggregating_in_chunks_equals_aggregating_everything_at_once(params):
    chunks = list(synthetic_chunks(12_000, chunk_rows=5_000, seed=4))
    whole = agg.all_aggregates(explorer.evaluate(pd.concat(chunks), params), params)
    pieces = agg.aggregate_chunks(iter(chunks), params, progress=False)
    for name in agg.AGGREGATES:
        pd.testing.assert_frame_equal(pieces[name], whole[name], check_exact=False, rtol=1e-12)


def test_population_aggregates_are_the_aggregates_of_the_valid_rows(params):
    good = synthetic_population(3_000, seed=5)
    tables = agg.population_aggregates(good, params)
    whole = agg.all_aggregates(explorer.evaluate(good, params), params)
    assert list(tables) == list(agg.AGGREGATES)
    for name in agg.AGGREGATES:
        pd.testing.assert_frame_equal(tables[name], whole[name], check_exact=False, rtol=1e-12)


def test_population_aggregates_of_no_valid_row_is_an_error_not_empty_tables(params):
    with pytest.raises(ExplorerError) as info:
        agg.population_aggregates(synthetic_population(10, seed=5).iloc[:0], params)
    assert (info.value.field, info.value.value) == ("population", 0)
    assert "no valid rows to aggregate" in str(info.value) and "at least one valid row" in str(info.value)


def test_chunk_progress_bar_reports_every_chunk(params, capsys):
    agg.aggregate_chunks(synthetic_chunks(4_000, chunk_rows=1_000, seed=1), params, progress=True, total=4)
    assert "4/4" in capsys.readouterr().err


def test_charts_carry_the_table_without_displaying(evaluated, params):
    tables = agg.all_aggregates(evaluated, params)
    charts = {
        "applications_per_week": (agg.applications_chart, "applications"),
        "fees_per_month": (agg.fees_chart, "fees_eur"),
        "late_by_reason": (agg.late_chart, None),
        "gap_histogram": (agg.gap_chart, "people"),
    }
    for name, (chart, column) in charts.items():
        fig = chart(tables[name])
        values = [v for trace in fig.data for v in (trace.x if name == "late_by_reason" else trace.y)]
        expected = tables[name]["people" if column is None else column].sum()
        assert sum(values) == pytest.approx(expected), name
