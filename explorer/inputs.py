"""Input columns of a scenario frame: validation, defaults, and their numeric form for the rules.

Every problem raises ExplorerError naming the column, the bad value, what is allowed and
the first offending row (its index label).  Blank cells of optional columns take the
column's default, so a CSV with empty cells means "the default here".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .errors import ExplorerError
from .parameters import PAYMENTS, Parameters, day_to_date
from .rules.transition import last_day_allowed

OPTIONS = ("a", "b")
NAT = np.iinfo(np.int64).min
DAY = np.int32
"""dtype of day numbers inside the rules: int32 halves the memory traffic of int64 and
covers every supported date."""
DATETIME = "datetime64[us]"
US_PER_DAY = 86_400_000_000

REQUIRED_COLUMNS = ("card_expiry", "application_date")
BOOL_COLUMNS = {
    "expedited": False,
    "delivery": False,
    "address_changed": False,
    "accommodation_submitted_before": True,
    "booked_online": True,
}
INPUT_COLUMNS = (
    "card_expiry", "application_date", "option", "expedited", "delivery",
    "second_application_date", "stamp_channel", "stamp_lead_days", "payment",
    "years_resided", "address_changed", "accommodation_submitted_before", "booked_online",
)
INPUT_DEFAULTS: dict[str, Any] = {
    "option": "b",
    "expedited": False,
    "delivery": False,
    "second_application_date": "transition_deadline",
    "stamp_channel": "online",
    "stamp_lead_days": 0,
    "payment": "card",
    "years_resided": 0,
    "address_changed": False,
    "accommodation_submitted_before": True,
    "booked_online": True,
}
_TRUE = {"true", "yes", "1", "y", "t"}
_FALSE = {"false", "no", "0", "n", "f"}


@dataclass
class Scenario:
    """Validated inputs as numpy arrays (int32 day numbers, codes, flags), one entry per row."""

    expiry: np.ndarray
    application: np.ndarray
    option_b: np.ndarray
    expedited: np.ndarray
    delivery: np.ndarray
    second: np.ndarray
    channel: np.ndarray
    lead: np.ndarray
    cash: np.ndarray
    years_resided: np.ndarray
    address_changed: np.ndarray
    accommodation_before: np.ndarray
    booked_online: np.ndarray
    columns: dict[str, Any]


def days_to_datetime(days: np.ndarray) -> np.ndarray:
    """datetime64[us] values of day numbers; NAT stays NaT."""
    days = np.asarray(days, dtype=np.int64)
    out = days * US_PER_DAY
    np.copyto(out, NAT, where=days == NAT)
    return out.view(DATETIME)


def validate(frame: pd.DataFrame, params: Parameters) -> Scenario:
    """Check a frame of scenarios and return its inputs in numeric form, defaults filled in."""
    if not isinstance(frame, pd.DataFrame):
        raise ExplorerError("frame", type(frame).__name__, "a pandas DataFrame")
    for name in REQUIRED_COLUMNS:
        if name not in frame.columns:
            raise ExplorerError(
                name, None, "a column of dates (required: card_expiry, application_date)",
                problem="missing required column",
            )
    index = frame.index
    n = len(frame)
    cal = params.calendar
    expiry, expiry_values = _dates(frame, "card_expiry", index, cal)
    application, application_values = _dates(frame, "application_date", index, cal)
    option_b = _choice(frame, "option", OPTIONS, "b", index) == 1
    channels = params.channels
    channel = _choice(frame, "stamp_channel", channels, "online", index).astype(np.int8)
    cash = _choice(frame, "payment", PAYMENTS, "card", index) == 1
    flags = {name: _bool(frame, name, default, index) for name, default in BOOL_COLUMNS.items()}
    lead = _number(frame, "stamp_lead_days", 0, index, integer=True)
    years = _number(frame, "years_resided", 0, index, integer=False)
    deadline = last_day_allowed("transition_deadline", application, params)
    if "second_application_date" in frame.columns:
        second, _ = _dates(frame, "second_application_date", index, cal, allow_missing=True)
        blank = second == NAT
        if blank.any():
            second = np.where(blank, deadline, second)
    else:
        second = np.broadcast_to(np.int64(deadline), (n,)).copy() if np.ndim(deadline) == 0 \
            else np.asarray(deadline, dtype=np.int64)
    columns = {
        "card_expiry": expiry_values if expiry_values is not None else days_to_datetime(expiry),
        "application_date": application_values if application_values is not None
        else days_to_datetime(application),
        "option": pd.Categorical.from_codes(option_b.astype(np.int8), categories=list(OPTIONS)),
        "expedited": flags["expedited"],
        "delivery": flags["delivery"],
        "second_application_date": days_to_datetime(second),
        "stamp_channel": pd.Categorical.from_codes(channel, categories=list(channels)),
        "stamp_lead_days": lead,
        "payment": pd.Categorical.from_codes(cash.astype(np.int8), categories=list(PAYMENTS)),
        "years_resided": years,
        "address_changed": flags["address_changed"],
        "accommodation_submitted_before": flags["accommodation_submitted_before"],
        "booked_online": flags["booked_online"],
    }
    return Scenario(
        expiry=expiry.astype(DAY),
        application=application.astype(DAY),
        option_b=option_b,
        expedited=flags["expedited"],
        delivery=flags["delivery"],
        second=second.astype(DAY),
        channel=channel,
        lead=lead.astype(DAY),
        cash=cash,
        years_resided=years,
        address_changed=flags["address_changed"],
        accommodation_before=flags["accommodation_submitted_before"],
        booked_online=flags["booked_online"],
        columns=columns,
    )


def _dates(
    frame: pd.DataFrame, name: str, index: pd.Index, cal: Any, allow_missing: bool = False
) -> tuple[np.ndarray, np.ndarray | None]:
    """Day numbers of a date column (NAT where blank, only when allow_missing), and the
    column's own datetime64[us] values when they are whole days with none blank (reused
    as the output column, saving a conversion)."""
    col = frame[name]
    allowed = (
        f"an ISO date such as 2020-11-15, between {day_to_date(cal.first_day)} and "
        f"{day_to_date(cal.last_day)}"
    )
    if isinstance(col.dtype, pd.DatetimeTZDtype):
        col = col.dt.tz_localize(None)
    if pd.api.types.is_datetime64_dtype(col.dtype):
        values = col.to_numpy()
        missing = np.isnat(values)
    else:
        missing = col.isna().to_numpy()
        try:
            parsed = pd.to_datetime(col, errors="coerce", format="ISO8601")
        except (TypeError, ValueError):
            parsed = pd.to_datetime(col.astype(str), errors="coerce", format="ISO8601")
        if isinstance(parsed.dtype, pd.DatetimeTZDtype):
            parsed = parsed.dt.tz_localize(None)
        values = parsed.to_numpy()
        bad = np.isnat(values) & ~missing
        if bad.any():
            pos = int(np.argmax(bad))
            raise ExplorerError(name, col.iloc[pos], allowed, index[pos], problem="not a date")
    if missing.any() and not allow_missing:
        pos = int(np.argmax(missing))
        raise ExplorerError(name, col.iloc[pos], allowed, index[pos], problem="missing date")
    days, whole = _day_numbers(values)
    any_missing = bool(missing.any())
    if any_missing:
        outside = ~missing & ((days < cal.first_day) | (days > cal.last_day))
    elif days.size and (days.min() < cal.first_day or days.max() > cal.last_day):
        outside = (days < cal.first_day) | (days > cal.last_day)
    else:
        outside = None
    if outside is not None and outside.any():
        pos = int(np.argmax(outside))
        raise ExplorerError(name, str(values[pos])[:10], allowed, index[pos],
                            problem="outside the supported dates")
    reusable = values if whole and not any_missing and values.dtype == np.dtype(DATETIME) else None
    return days, reusable


def _day_numbers(values: np.ndarray) -> tuple[np.ndarray, bool]:
    """Day numbers (floor) of datetime64 values of any unit, NaT becoming NAT, and whether
    every value is a whole day."""
    if values.dtype == np.dtype(DATETIME):
        raw = values.view(np.int64)
        days, rest = np.divmod(raw, US_PER_DAY)
        nat = raw == NAT
        if nat.any():
            np.copyto(days, NAT, where=nat)
            rest[nat] = 0
        return days, not rest.any()
    return values.astype("datetime64[D]").view(np.int64), False


def _choice(
    frame: pd.DataFrame, name: str, allowed: tuple[str, ...], default: str, index: pd.Index
) -> np.ndarray:
    """Codes (positions in `allowed`) of a categorical input column; blanks take the default."""
    n = len(frame)
    if name not in frame.columns:
        return np.full(n, allowed.index(default), dtype=np.int8)
    col = frame[name]
    if isinstance(col.dtype, pd.CategoricalDtype):
        codes = col.cat.codes.to_numpy()
        uniques = col.cat.categories
    else:
        codes, uniques = pd.factorize(col, use_na_sentinel=True)
    mapping = np.empty(len(uniques) + 1, dtype=np.int8)
    mapping[-1] = allowed.index(default)  # code -1: blank
    unknown = []
    for i, value in enumerate(uniques):
        key = str(value).strip().lower() if isinstance(value, str) else value
        if key in allowed:
            mapping[i] = allowed.index(key)
        else:
            mapping[i] = -1
            unknown.append(i)
    if unknown:
        bad = np.isin(codes, unknown)
        if bad.any():
            pos = int(np.argmax(bad))
            raise ExplorerError(name, col.iloc[pos], "one of " + ", ".join(allowed), index[pos],
                                problem="unknown value")
    return mapping[codes]


def _bool(frame: pd.DataFrame, name: str, default: bool, index: pd.Index) -> np.ndarray:
    """A flag column as a numpy bool array; accepts bools, 0/1 and true/false/yes/no text."""
    n = len(frame)
    if name not in frame.columns:
        return np.full(n, default, dtype=bool)
    col = frame[name]
    if col.dtype == bool:
        return col.to_numpy(copy=True)
    codes, uniques = pd.factorize(col, use_na_sentinel=True)
    mapping = np.empty(len(uniques) + 1, dtype=np.int8)
    mapping[-1] = int(default)
    for i, value in enumerate(uniques):
        text = str(value).strip().lower()
        if isinstance(value, bool | np.bool_) or text in _TRUE | _FALSE:
            mapping[i] = int(bool(value)) if isinstance(value, bool | np.bool_) else int(text in _TRUE)
        elif isinstance(value, int | float | np.integer | np.floating) and value in (0, 1):
            mapping[i] = int(value)
        else:
            pos = int(np.argmax(codes == i))
            raise ExplorerError(name, col.iloc[pos], "True or False (also 1/0, yes/no)",
                                index[pos], problem="not a flag")
    return mapping[codes].astype(bool)


def _number(
    frame: pd.DataFrame, name: str, default: int, index: pd.Index, integer: bool
) -> np.ndarray:
    """A non-negative numeric column (whole numbers when `integer`); blanks take the default."""
    n = len(frame)
    allowed = "a whole number of days, 0 or more" if integer else "a number of years, 0 or more"
    if name not in frame.columns:
        return np.full(n, default, dtype=np.int64 if integer else np.float64)
    col = frame[name]
    if pd.api.types.is_integer_dtype(col.dtype) and not pd.api.types.is_extension_array_dtype(
        col.dtype
    ):
        values = col.to_numpy()
        bad = values < 0
        if bad.any():
            pos = int(np.argmax(bad))
            raise ExplorerError(name, values[pos], allowed, index[pos], problem="negative")
        return values.astype(np.int64 if integer else np.float64, copy=True)
    if pd.api.types.is_bool_dtype(col.dtype):
        raise ExplorerError(name, col.iloc[0], allowed, index[0], problem="not a number")
    missing = col.isna().to_numpy()
    numeric = pd.to_numeric(col, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    bad = np.isnan(numeric) & ~missing
    if bad.any():
        pos = int(np.argmax(bad))
        raise ExplorerError(name, col.iloc[pos], allowed, index[pos], problem="not a number")
    numeric = np.where(missing, default, numeric)
    bad = numeric < 0
    if bad.any():
        pos = int(np.argmax(bad))
        raise ExplorerError(name, col.iloc[pos], allowed, index[pos], problem="negative")
    if integer:
        bad = numeric != np.floor(numeric)
        if bad.any():
            pos = int(np.argmax(bad))
            raise ExplorerError(name, col.iloc[pos], allowed, index[pos],
                                problem="not a whole number")
        return numeric.astype(np.int64)
    return numeric
