"""Summary tables: totals equal the sum over rows, and a small grid worked by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import explorer
from explorer import ExplorerError
from explorer.core.rules.transition import STATUSES


@pytest.fixture(scope="module")
def mixed() -> pd.DataFrame:
    """A weekly grid over 2020-2021 with every option and fee choice; every 17th row out of scope."""
    rows = explorer.grid(("2020-01-06", "2021-12-27"), ("2020-01-06", "2021-12-27"), freq="W-MON")
    rows["years_resided"] = np.where(np.arange(len(rows)) % 17 == 0, 6.0, 0.0)
    return explorer.evaluate(rows)


@pytest.fixture(scope="module")
def by_hand() -> pd.DataFrame:
    """2 expiry days x 2 application days (30-31 Dec 2020), option b, delivery off and on."""
    return explorer.sweep(("2020-12-30", "2020-12-31"), ("2020-12-30", "2020-12-31"), options=("b",),
                          expedited=(False,), delivery=(False, True))


def test_every_status_appears_in_the_mixed_sweep(mixed):
    assert set(mixed["status"].astype(str)) == set(STATUSES)


def test_status_table_counts_sum_to_the_number_of_rows(mixed):
    table = explorer.status_table(mixed)
    assert table["rows"].sum() == len(mixed)
    assert table[list(STATUSES)].to_numpy().sum() == len(mixed)
    assert (table[list(STATUSES)].sum(axis=1) == table["rows"]).all()
    for status in STATUSES:
        assert table[status].sum() == (mixed["status"] == status).sum(), status


def test_status_table_dominant_status_is_the_most_frequent_in_its_cell(mixed):
    table = explorer.status_table(mixed, expiry_freq="QS", application_freq="QS")
    for _, cell in table.iterrows():
        counts = cell[list(STATUSES)]
        assert counts[cell["dominant status"]] == counts.max()


def test_fees_table_totals_equal_the_sums_over_rows(mixed):
    table = explorer.fees_table(mixed).set_index(["option", "expedited", "delivery"])
    groups = mixed.groupby(["option", "expedited", "delivery"], observed=True)
    assert table["rows"].sum() == len(mixed)
    assert table["total fees (cents)"].sum() == mixed["fees_cents"].sum()
    assert table["total visits"].sum() == mixed["visits"].sum()
    assert table["total gap days"].sum() == mixed["gap_days"].sum()
    for key, rows in groups:
        assert table.loc[key, "rows"] == len(rows)
        assert table.loc[key, "rows with a path"] == rows["option_available"].sum()
        assert table.loc[key, "total fees (cents)"] == rows["fees_cents"].sum()
        assert table.loc[key, "total fees (EUR)"] == rows["fees_cents"].sum() / 100
        assert table.loc[key, "total visits"] == rows["visits"].sum()
        assert table.loc[key, "total gap days"] == rows["gap_days"].sum()


def test_deadlines_table_rows_sum_to_the_number_of_rows(mixed):
    table = explorer.deadlines_table(mixed)
    assert table["rows"].sum() == len(mixed)
    assert table["rows with a path"].sum() == mixed["option_available"].sum()
    assert table["apply by (earliest)"].min() == mixed["apply_by"].min()
    assert table["five-year card valid until (latest)"].max() == mixed["five_year_valid_until"].max()


# The grid worked by hand from the spec.  Every row has E in 2020 and A <= 31 Dec 2020:
# E=30 Dec, A=30 Dec: choice; issued 29 Jan 2021 (A + 30); gap = 30 - 1 = 29
# E=30 Dec, A=31 Dec: late_card_expired (A > E): no path
# E=31 Dec, A=30 Dec: choice; issued 29 Jan 2021; gap = 29 - 1 = 28
# E=31 Dec, A=31 Dec: choice; issued 30 Jan 2021; gap = 30 - 1 = 29
# So per delivery choice: 4 rows, 3 with a path, 86 gap days; delivery costs 3.00 EUR each
# and saves the collection visit.


def test_hand_worked_grid_has_the_expected_rows(by_hand):
    assert len(by_hand) == 8
    assert (by_hand["status"] == "choice").sum() == 6
    assert (by_hand["status"] == "late_card_expired").sum() == 2


def test_hand_worked_grid_fees_table(by_hand):
    table = explorer.fees_table(by_hand)
    assert table["option"].tolist() == ["b", "b"]
    assert table["expedited"].tolist() == [False, False]
    assert table["delivery"].tolist() == [False, True]
    assert table["rows"].tolist() == [4, 4]
    assert table["rows with a path"].tolist() == [3, 3]
    assert table["fees per person (EUR)"].tolist() == [0.0, 3.0]
    assert table["visits per person"].tolist() == [2.0, 1.0]
    assert table["gap days per person"].tolist() == pytest.approx([86 / 3, 86 / 3])
    assert table["total fees (EUR)"].tolist() == [0.0, 9.0]
    assert table["total fees (cents)"].tolist() == [0, 900]
    assert table["total visits"].tolist() == [6, 3]
    assert table["total gap days"].tolist() == [86, 86]


def test_hand_worked_grid_status_table(by_hand):
    table = explorer.status_table(by_hand)
    assert len(table) == 1
    row = table.iloc[0]
    assert row["expiry period"] == pd.Timestamp("2020-12-01")
    assert row["application period"] == pd.Timestamp("2020-12-01")
    assert (row["choice"], row["late_card_expired"], row["five_year_only"]) == (6, 2, 0)
    assert row["rows"] == 8
    assert row["dominant status"] == "choice"


def test_hand_worked_grid_status_table_by_day(by_hand):
    table = explorer.status_table(by_hand, expiry_freq="D", application_freq="D")
    assert len(table) == 4
    late = table[table["late_card_expired"] > 0]
    assert late["expiry period"].tolist() == [pd.Timestamp("2020-12-30")]
    assert late["application period"].tolist() == [pd.Timestamp("2020-12-31")]
    assert late["dominant status"].tolist() == ["late_card_expired"]


def test_hand_worked_grid_deadlines_table(by_hand):
    table = explorer.deadlines_table(by_hand)
    assert len(table) == 1
    row = table.iloc[0]
    assert row["expiry period"] == pd.Timestamp("2020-12-01")
    assert (row["rows"], row["rows with a path"]) == (8, 6)
    assert row["apply by (earliest)"] == pd.Timestamp("2020-12-30")
    assert row["apply by (latest)"] == pd.Timestamp("2020-12-31")
    assert row["last working day (earliest)"] == pd.Timestamp("2020-12-30")  # Wed
    assert row["last working day (latest)"] == pd.Timestamp("2020-12-31")    # Thu, not a holiday
    assert row["first card issued by (earliest)"] == pd.Timestamp("2021-01-29")
    assert row["first card issued by (latest)"] == pd.Timestamp("2021-01-30")
    assert row["five-year card valid until (earliest)"] == pd.Timestamp("2026-01-29")
    assert row["five-year card valid until (latest)"] == pd.Timestamp("2026-01-30")
    assert (row["gap days (min)"], row["gap days (max)"]) == (28, 29)
    assert row["gap days (mean)"] == pytest.approx(86 / 3)


def test_weighted_fees_table_counts_each_row_as_its_weight(by_hand):
    weighted = by_hand.copy()
    # Weights by row: 1..8 in sweep order (expiry, application, delivery).
    weighted["people"] = np.arange(1, 9)
    table = explorer.fees_table(weighted, weight="people")
    # Sweep order: (E30,A30,off)=1 (E30,A30,on)=2 (E30,A31,off)=3 (E30,A31,on)=4 [late]
    #              (E31,A30,off)=5 (E31,A30,on)=6 (E31,A31,off)=7 (E31,A31,on)=8
    # delivery off: people 1+3+5+7 = 16, with a path 1+5+7 = 13, visits 2 each -> 26,
    #               gap 29*1 + 28*5 + 29*7 = 372, fees 0
    # delivery on:  people 2+4+6+8 = 20, with a path 2+6+8 = 16, visits 1 each -> 16,
    #               gap 29*2 + 28*6 + 29*8 = 458, fees 3.00 * 16 = 48.00
    assert table["people (weighted)"].tolist() == [16, 20]
    assert table["people with a path (weighted)"].tolist() == [13, 16]
    assert table["total fees, weighted (EUR)"].tolist() == [0.0, 48.0]
    assert table["total visits, weighted"].tolist() == [26, 16]
    assert table["total gap days, weighted"].tolist() == [372, 458]
    # Unweighted columns are unchanged by the weight.
    pd.testing.assert_frame_equal(table[explorer.fees_table(by_hand).columns], explorer.fees_table(by_hand))


def test_weighted_totals_equal_the_weighted_sums_over_rows(mixed):
    weighted = mixed.copy()
    weighted["w"] = (np.arange(len(mixed)) % 7) * 0.5
    table = explorer.fees_table(weighted, weight="w")
    w = weighted["w"]
    assert table["people (weighted)"].sum() == pytest.approx(w.sum())
    assert table["total fees, weighted (EUR)"].sum() == pytest.approx((w * mixed["fees_cents"]).sum() / 100)
    assert table["total visits, weighted"].sum() == pytest.approx((w * mixed["visits"]).sum())
    assert table["total gap days, weighted"].sum() == pytest.approx(
        (w * mixed["gap_days"].fillna(0)).sum())


def test_a_weight_column_carried_through_evaluate_can_weigh_the_table(frame):
    rows = frame(dict(card_expiry="2021-06-30", application_date="2021-03-01", expedited=True, n=1000),
                 dict(card_expiry="2021-06-30", application_date="2021-07-01", expedited=True, n=10))
    result = explorer.evaluate(rows)
    assert result["n"].tolist() == [1000, 10]
    table = explorer.fees_table(result, weight="n")
    assert table["total fees, weighted (EUR)"].tolist() == [24_500.00]
    assert table["people with a path (weighted)"].tolist() == [1000]


@pytest.mark.parametrize("bad", [-1, "many"])
def test_a_bad_weight_names_the_column_and_row(by_hand, bad):
    weighted = by_hand.copy()
    weighted["people"] = 1
    weighted["people"] = weighted["people"].astype(object)
    weighted.loc[weighted.index[5], "people"] = bad
    with pytest.raises(ExplorerError) as info:
        explorer.fees_table(weighted, weight="people")
    assert info.value.field == "people"
    assert info.value.row == weighted.index[5]


def test_summaries_of_a_frame_that_was_not_evaluated_name_the_missing_column():
    with pytest.raises(ExplorerError) as info:
        explorer.fees_table(pd.DataFrame({"option": ["a"]}))
    assert info.value.field == "expedited"


def test_weighted_deadlines_and_fees_tables_count_people_before_the_guidance_period_apart(params):
    from explorer.tables.summaries import BEFORE_PEOPLE, BEFORE_ROWS, deadlines_table, fees_table

    frame = pd.DataFrame({"card_expiry": ["2020-03-31", "2020-03-20", "2020-12-31"],
                          "application_date": ["2019-12-20", "2020-02-03", "2020-07-01"],
                          "option": ["b", "b", "b"], "weight": [3.0, 2.0, 1.0]})
    result = explorer.evaluate(frame, params)
    deadlines = deadlines_table(result, weight="weight").set_index("expiry period")
    assert deadlines[BEFORE_ROWS].tolist() == [1, 0] and deadlines[BEFORE_PEOPLE].tolist() == [3.0, 0.0]
    fees = fees_table(result, weight="weight")
    assert fees[BEFORE_ROWS].tolist() == [1] and fees[BEFORE_PEOPLE].tolist() == [3.0]
    inside = explorer.evaluate(frame.iloc[1:], params)
    for table in (deadlines_table(inside, weight="weight"), fees_table(inside, weight="weight")):
        assert not {BEFORE_ROWS, BEFORE_PEOPLE} & set(table.columns)  # said only when some row applies before
