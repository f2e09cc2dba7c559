"""Slovak working days and calendar arithmetic on day numbers, vectorised.

Day numbers are days since 1970-01-01 (int64).  Everything here depends on a date alone,
so grids with few distinct dates compute each function once per distinct day and gather.
Holidays come from the `holidays` package (Slovakia, names in a fixed language).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import holidays
import numpy as np

from .durations import Duration
from .parameters import CalendarSettings

_DAY = "datetime64[D]"


class WorkingCalendar:
    """Slovak public holidays and working-day steps over the supported years."""

    def __init__(self, settings: CalendarSettings) -> None:
        self.settings = settings
        years = range(settings.first_holiday_year, settings.last_holiday_year + 1)
        self.holidays = holidays.country_holidays(
            settings.country, years=years, language=settings.language
        )
        days = np.array(sorted(self.holidays), dtype=_DAY)
        self.busdaycal = np.busdaycalendar(weekmask="1111100", holidays=days)

    def holiday_name(self, day: int) -> str | None:
        """English name of the public holiday on a day, or None."""
        return self.holidays.get(np.datetime64(int(day), "D").item())

    def is_working_day(self, days: np.ndarray) -> np.ndarray:
        """True on Monday to Friday that are not Slovak public holidays."""
        return np.is_busday(_as_dates(days), busdaycal=self.busdaycal)

    def nth_working_day_after(self, days: np.ndarray, n: int) -> np.ndarray:
        """The n-th working day strictly after each day (n >= 1); the day itself for n == 0."""
        if n <= 0:
            return np.asarray(days)
        return per_day(
            lambda d: np.busday_offset(_as_dates(d), n, roll="backward", busdaycal=self.busdaycal)
            .astype(np.int64),
            days,
        )

    def last_working_day_on_or_before(self, days: np.ndarray) -> np.ndarray:
        """The latest working day on or before each day."""
        return per_day(
            lambda d: np.busday_offset(_as_dates(d), 0, roll="backward", busdaycal=self.busdaycal)
            .astype(np.int64),
            days,
        )

    def add(self, days: np.ndarray, duration: Duration) -> np.ndarray:
        """Each day plus a duration (calendar days, working days or years)."""
        if duration.unit == "days":
            return np.asarray(days) + duration.amount
        if duration.unit == "working_days":
            return self.nth_working_day_after(days, duration.amount)
        return add_years(days, duration.amount)

    def longest_lead(self, days: np.ndarray, duration: Duration) -> np.ndarray | int:
        """Largest L with (day - L) + duration >= day: how long before a day something with
        this validity may be bought and still be usable on it."""
        if duration.unit == "days":
            return duration.amount
        reach = duration.amount * (366 if duration.unit == "years" else 3) + 31

        def limit(d: np.ndarray) -> np.ndarray:
            start = int(d[0]) - reach
            ends = self.add(np.arange(start, int(d[-1]) + 1, dtype=np.int64), duration)
            earliest = start + np.searchsorted(ends, d, side="left")
            return d - earliest

        return per_day(limit, days)


@lru_cache(maxsize=8)
def working_calendar(settings: CalendarSettings) -> WorkingCalendar:
    """The calendar for these settings, built once per process."""
    return WorkingCalendar(settings)


def _as_dates(days: np.ndarray) -> np.ndarray:
    return np.asarray(days, dtype=np.int64).view(_DAY)


def per_day(func: Callable[[np.ndarray], np.ndarray], days: np.ndarray) -> np.ndarray:
    """Apply a day-only function once per distinct day and gather the result per row.

    For a dense span of days a table indexed by (day - first day) is built; for a sparse
    span the distinct days are found with np.unique.
    """
    days = np.asarray(days)
    if days.size == 0:
        return days.copy()
    lo, hi = int(days.min()), int(days.max())
    span = hi - lo + 1
    if span <= max(4096, days.size):
        table = func(np.arange(lo, hi + 1, dtype=np.int64)).astype(days.dtype)
        return table[days - lo]
    uniq, inverse = np.unique(days, return_inverse=True)
    return func(uniq.astype(np.int64)).astype(days.dtype)[inverse]


def add_years(days: np.ndarray, years: int) -> np.ndarray:
    """Same month and day `years` later; 29 February becomes 28 February in a common year."""

    def shift(d: np.ndarray) -> np.ndarray:
        dates = _as_dates(d)
        year_start = dates.astype("datetime64[Y]")
        month_start = dates.astype("datetime64[M]")
        day_of_month = (dates - month_start.astype(_DAY)).astype(np.int64)
        month = (month_start - year_start.astype("datetime64[M]")).astype(np.int64)
        new_month_start = (year_start + years).astype("datetime64[M]") + month
        next_month_start = new_month_start + 1
        month_len = (next_month_start.astype(_DAY) - new_month_start.astype(_DAY)).astype(np.int64)
        day_of_month = np.minimum(day_of_month, month_len - 1)
        return (new_month_start.astype(_DAY) + day_of_month).astype(np.int64)

    return per_day(shift, days)
