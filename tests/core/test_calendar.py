"""Slovak working days (holidays from the maintained package) and calendar arithmetic."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from explorer.core.calendar import add_years, working_calendar
from explorer.core.days import day_number, day_to_date
from explorer.core.durations import Duration
from tests.support.scalar_reading import Reader


@pytest.fixture(scope="module")
def cal(params):
    return working_calendar(params.calendar)


def _days(*isos: str) -> np.ndarray:
    return np.array([day_number(d) for d in isos], dtype=np.int64)


def _dates(days: np.ndarray) -> list[dt.date]:
    return [day_to_date(d) for d in days]


@pytest.mark.parametrize("day", ["2020-11-17", "2020-12-24", "2020-12-25", "2020-12-26", "2021-01-01",
                                 "2021-01-06", "2020-09-01", "2020-09-15", "2020-05-08"])
def test_2020_2021_slovak_public_holidays_are_not_working_days(cal, day):
    assert not cal.is_working_day(_days(day))[0]


@pytest.mark.parametrize("day", ["2020-11-13", "2020-11-16", "2020-11-18", "2020-12-23", "2020-12-28",
                                 "2020-12-31", "2021-06-30"])
def test_ordinary_weekdays_are_working_days(cal, day):
    assert cal.is_working_day(_days(day))[0]


def test_weekends_are_not_working_days(cal):
    assert not cal.is_working_day(_days("2020-11-14", "2020-11-15")).any()


@pytest.mark.parametrize(("day", "working"), [
    ("2023-09-01", False),  # Fri, Constitution Day still a holiday in 2023
    ("2025-09-01", True),   # Mon, dropped as a public holiday from 2024
    ("2025-11-17", True),   # Mon, dropped from 2025
    ("2025-05-08", False),  # Thu, still a holiday in 2025
    ("2026-05-08", True),   # Fri, dropped from 2026
    ("2025-09-15", False),  # Mon, still a holiday in 2025
    ("2026-09-15", True),   # Tue, dropped from 2026
])
def test_holidays_dropped_from_2024_on_are_working_days(cal, day, working):
    assert bool(cal.is_working_day(_days(day))[0]) is working


def test_holiday_names_come_in_english(cal):
    assert cal.holiday_name(day_number("2020-11-17")) == "Struggle for Freedom and Democracy Day"
    assert cal.holiday_name(day_number("2020-11-16")) is None


def test_expedited_steps_skip_weekends_and_holidays(cal):
    starts = _days("2020-11-13", "2020-12-23", "2021-06-30", "2020-11-14")
    assert _dates(cal.nth_working_day_after(starts, 2)) == [
        dt.date(2020, 11, 18),  # Mon 16, (Tue 17 holiday), Wed 18
        dt.date(2020, 12, 29),  # 24-26 holidays, 27 Sunday: Mon 28, Tue 29
        dt.date(2021, 7, 2),    # Thu 1, Fri 2
        dt.date(2020, 11, 18),  # from a Saturday: Mon 16, Wed 18
    ]
    assert _dates(cal.nth_working_day_after(starts[:1], 0)) == [dt.date(2020, 11, 13)]


def test_last_working_day_on_or_before(cal):
    days = _days("2020-12-26", "2020-11-15", "2020-11-17", "2021-06-30", "2021-01-03")
    assert _dates(cal.last_working_day_on_or_before(days)) == [
        dt.date(2020, 12, 23), dt.date(2020, 11, 13), dt.date(2020, 11, 16), dt.date(2021, 6, 30),
        dt.date(2020, 12, 31),
    ]


def test_add_years_keeps_month_and_day_and_turns_29_february_into_28():
    days = _days("2020-02-29", "2020-02-29", "2020-02-28", "2021-03-01", "2019-12-31", "2024-02-29")
    assert _dates(add_years(days[:1], 5)) == [dt.date(2025, 2, 28)]
    assert _dates(add_years(days[1:2], 4)) == [dt.date(2024, 2, 29)]
    assert _dates(add_years(days[2:], 5)) == [dt.date(2025, 2, 28), dt.date(2026, 3, 1),
                                               dt.date(2024, 12, 31), dt.date(2029, 2, 28)]


def test_add_years_on_many_days_agrees_with_a_plain_calendar():
    days = np.arange(day_number("2019-01-01"), day_number("2023-01-01"), dtype=np.int64)
    got = _dates(add_years(days, 5))
    for start, end in zip(_dates(days), got, strict=True):
        if (start.month, start.day) == (2, 29):
            assert end == dt.date(start.year + 5, 2, 28)
        else:
            assert end == start.replace(year=start.year + 5)


def test_vectorised_and_scalar_working_day_steps_agree_over_four_years(cal, params):
    reader = Reader(params)
    days = np.arange(day_number("2019-01-01"), day_number("2023-01-01"), dtype=np.int64)
    two = Duration(2, "working_days")
    stepped = _dates(cal.nth_working_day_after(days, 2))
    latest = _dates(cal.last_working_day_on_or_before(days))
    for i, day in enumerate(_dates(days)):
        assert stepped[i] == reader.add(day, two)
        assert latest[i] == reader.last_working_day(day)


def test_2020_has_251_working_days(cal):
    days = np.arange(day_number("2020-01-01"), day_number("2021-01-01"), dtype=np.int64)
    weekdays = int((pd.to_datetime(_dates(days)).day_of_week < 5).sum())
    # 262 weekdays in 2020 less the public holidays that fell on one: 1 Jan, 6 Jan, 10 Apr, 13 Apr,
    # 1 May, 8 May, 5 Jul (Sun), 29 Aug (Sat), 1 Sep, 15 Sep, 1 Nov (Sun), 17 Nov, 24, 25 Dec,
    # 26 Dec (Sat): 11 weekday holidays.
    assert weekdays == 262
    assert int(cal.is_working_day(days).sum()) == 262 - 11
