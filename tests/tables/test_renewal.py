"""Renewal wave: five-year cards ending per ISO week, and the share ending on or after the BOK widening."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import explorer
from explorer.scenarios.population import synthetic_population
from explorer.tables import aggregates as agg


@pytest.fixture(scope="module")
def params():
    return explorer.load_parameters()


@pytest.fixture(scope="module")
def evaluated(params):
    frame = synthetic_population(20_000, seed=3).reset_index(drop=True)
    return explorer.evaluate(frame, params)


@pytest.mark.parametrize("weight", [None, "weight"])
def test_weekly_counts_equal_a_direct_groupby_by_iso_week(evaluated, params, weight):
    got = agg.renewal_wave(evaluated, params, weight=weight)
    ends = evaluated.dropna(subset=["five_year_valid_until"])
    iso = ends["five_year_valid_until"].dt.isocalendar()
    keep = iso["year"].isin([2025, 2026]).to_numpy()
    direct = (pd.DataFrame({"iso_year": iso["year"].astype(np.int64),
                            "iso_week": iso["week"].astype(np.int64),
                            "cards": 1.0 if weight is None else ends["weight"].astype(float)})[keep]
              .groupby(["iso_year", "iso_week"]).sum()["cards"])
    per_week = got.groupby(["iso_year", "iso_week"])["cards"].sum()
    pd.testing.assert_series_equal(per_week.astype(float), direct, check_names=False)
    assert len(direct) > 50
    # each row's week is the Monday of its ISO week
    assert (got["week"].dt.day_of_week == 0).all()
    assert (got["week"].dt.isocalendar()["week"].to_numpy() == got["iso_week"].to_numpy()).all()


def test_the_share_equals_a_hand_count_on_a_small_frame(params):
    # Five-year cards (path b, standard 30 days, five years):
    #   A 2020-07-01 -> issued 2020-07-31 -> ends 2025-07-31 (before 14 Aug 2025)
    #   A 2020-07-14 -> issued 2020-08-13 -> ends 2025-08-13 (the day before)
    #   A 2020-07-15 -> issued 2020-08-14 -> ends 2025-08-14 (the day itself: on or after)
    #   A 2020-12-01 -> issued 2020-12-31 -> ends 2025-12-31 (after)
    #   E 2020-06-30, A 2020-07-01: applied after the card expired, no five-year card (not counted)
    frame = pd.DataFrame({
        "card_expiry": ["2020-12-31", "2020-12-31", "2020-12-31", "2020-12-31", "2020-06-30"],
        "application_date": ["2020-07-01", "2020-07-14", "2020-07-15", "2020-12-01", "2020-07-01"],
    })
    result = explorer.evaluate(frame, params)
    assert result["five_year_valid_until"].dt.strftime("%Y-%m-%d").tolist()[:4] == [
        "2025-07-31", "2025-08-13", "2025-08-14", "2025-12-31"]
    table = agg.renewal_wave(result, params)
    assert table["cards"].sum() == 4
    assert agg.renewal_share(table) == pytest.approx(2 / 4)
    # 13 and 14 August 2025 share a week (Monday 11 August), split by the widening day
    week = table[table["week"] == pd.Timestamp("2025-08-11")]
    assert week[["bok_wider", "cards"]].values.tolist() == [[False, 1], [True, 1]]
    weighted = result.assign(weight=[1.0, 1.0, 3.0, 5.0, 7.0])
    assert agg.renewal_share(agg.renewal_wave(weighted, params)) == pytest.approx(8 / 10)
    assert agg.renewal_sentence(table, params) == (
        "50% of these five-year cards end on or after 14 August 2025, when BOK activation opened at "
        "document departments and client centres.")


def test_the_widening_day_comes_from_the_parameters(params):
    frame = pd.DataFrame({"card_expiry": ["2020-12-31"] * 2,
                          "application_date": ["2020-07-01", "2020-12-01"]})
    later = params.replace(bok_wider_activation_from="2025-12-01")
    table = agg.renewal_wave(explorer.evaluate(frame, later), later)
    assert agg.renewal_share(table) == pytest.approx(0.5)
    assert "1 December 2025" in agg.renewal_sentence(table, later)


def test_years_limit_the_weeks_shown_but_the_aggregate_keeps_every_week(evaluated, params):
    every = agg.renewal_wave(evaluated, params, years=None)
    assert set(agg.renewal_wave(evaluated, params)["iso_year"]) <= {2025, 2026}
    pd.testing.assert_frame_equal(agg.all_aggregates(evaluated, params)["renewal_wave"], every)


def test_the_chart_carries_the_weeks_of_2025_and_2026(evaluated, params):
    table = agg.all_aggregates(evaluated, params)["renewal_wave"]
    fig = agg.renewal_chart(table)
    shown = agg.renewal_wave(evaluated, params)
    assert sum(v for trace in fig.data for v in trace.y) == pytest.approx(shown["cards"].sum())
    assert [trace.name for trace in fig.data][1].startswith("BOK also at document departments")


def test_no_five_year_cards_gives_an_empty_table_and_says_so(params):
    late = pd.DataFrame({"card_expiry": ["2020-06-30"], "application_date": ["2020-07-01"]})
    result = explorer.evaluate(late, params)
    table = agg.renewal_wave(result, params)
    assert table.empty and list(table.columns) == ["week", "iso_year", "iso_week", "bok_wider", "cards"]
    assert np.isnan(agg.renewal_share(table))
    assert agg.renewal_sentence(table, params).startswith("No five-year card")
