"""Day numbers (days since 1970-01-01, int64) and their datetime64[us] form: the one place for
NAT, US_PER_DAY and the conversions between day numbers, dates and datetimes (one value or
columns)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ExplorerError
from .phrases import PhrasedTypeError, PhrasedValueError, expected, phrase

NAT = np.iinfo(np.int64).min
"""The int64 value of NaT: a missing day number, and a missing datetime64 value."""
DATETIME = "datetime64[us]"
"""The dtype of every date column the package writes."""
US_PER_DAY = 86_400_000_000


def to_datetime(days: np.ndarray, missing: np.ndarray | bool | None = None,
                in_place: bool = False) -> np.ndarray:
    """datetime64[us] values of day numbers, NaT where `missing` is True (None: where a day is
    NAT; False: nowhere); `in_place` converts an int64 array where it stands (no copy)."""
    days = np.asarray(days)
    if missing is None:
        missing = days == NAT
    if in_place and days.dtype == np.int64:
        out = days
        np.multiply(out, US_PER_DAY, out=out)
    else:
        out = days.astype(np.int64) * US_PER_DAY
    if missing is not False:
        np.copyto(out, NAT, where=missing)
    return out.view(DATETIME)


_EPOCH = dt.date(1970, 1, 1)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\S|$)", re.ASCII)


def day_number(value: Any) -> int:
    """Day number (days since 1970-01-01) of a date-like value; raise TypeError/ValueError."""
    if isinstance(value, bool) or isinstance(value, int | float | Decimal):
        raise PhrasedTypeError(expected("error.problem.expected_date", "a date", value))
    if isinstance(value, np.datetime64):
        return int(value.astype("datetime64[D]").astype(np.int64))
    if isinstance(value, pd.Timestamp | dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return (value - _EPOCH).days
    if isinstance(value, str):
        return (_iso_date(value) - _EPOCH).days
    raise PhrasedTypeError(expected("error.problem.expected_date", "a date", value))


def _iso_date(text: str) -> dt.date:
    """The date of a whole ISO string: YYYY-MM-DD, optionally with a time ("T10:00", " 00:00:00")."""
    text = text.strip()
    if not _ISO_DAY.match(text):
        raise PhrasedValueError(
            phrase("error.problem.not_iso_date", f"not an ISO date (YYYY-MM-DD): {text!r}", text=text)
        )
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text).date()  # the rest must be a whole ISO time
    except ValueError:  # 2021-02-30, 2021-13-01
        raise PhrasedValueError(phrase("error.problem.no_such_day", f"no such day in the calendar: {text!r}",
                                       text=text)) from None


def day_argument(value: Any, name: str) -> int:
    """The day number of a function's date argument `name`; ExplorerError naming it otherwise."""
    try:
        return day_number(value)
    except (TypeError, ValueError):
        raise ExplorerError(name, value, phrase("allowed.date_such_as", "a date such as 2021-06-30",
                                                example="2021-06-30")) from None


def day_to_date(day: int) -> dt.date:
    """The calendar date of a day number."""
    return _EPOCH + dt.timedelta(days=int(day))
