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

from ..errors import ExplorerError
from . import columns
from .days import NAT, day_to_date
from .days import to_datetime as days_to_datetime
from .limits import Range
from .parameters import PAYMENTS, Parameters
from .phrases import A_DATAFRAME, phrase
from .rules.transition import last_day_allowed

OPTIONS = ("a", "b")
DAY = np.int32
"""dtype of day numbers inside the rules: int32 halves the memory traffic of int64 and
covers every supported date."""

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
EACH_COLUMN_ONCE = phrase("allowed.each_column_once", "each column once")
DUPLICATE_COLUMN = phrase("error.problem.duplicate_column", "duplicate column name")
MISSING_COLUMN = phrase("error.problem.missing_required_column", "missing required column")
REQUIRED_DATES = phrase("allowed.required_dates",
                        "a column of dates (required: card_expiry, application_date)")
"""Words of the column errors, each one catalogue entry (shown on the page in its language)."""
NUMBER_RANGES = {
    "stamp_lead_days": Range(0, 3_650, whole=True, unit="days"),
    "years_resided": Range(0, 150, whole=False, unit="years"),
}
"""Allowed values of the numeric input columns (flags, choices and dates are checked by kind)."""


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


def check_frame(frame: Any, params: Any, source: str | None = None) -> None:
    """The checks of a whole table of inputs before its cells: a DataFrame, Parameters, and each
    column once (ExplorerError naming the first fault; `source`: the file it came from)."""
    if not isinstance(frame, pd.DataFrame):
        raise ExplorerError("frame", type(frame).__name__, A_DATAFRAME, source=source)
    if not isinstance(params, Parameters):
        raise ExplorerError("params", type(params).__name__,
                            phrase("allowed.parameters_for_evaluate",
                                   "Parameters (explorer.load_parameters()), a Reform's apply(), or None"),
                            source=source)
    duplicated = frame.columns[frame.columns.duplicated()]
    if len(duplicated):
        raise ExplorerError(str(duplicated[0]), None, EACH_COLUMN_ONCE, source=source,
                            problem=DUPLICATE_COLUMN)


def validate(frame: pd.DataFrame, params: Parameters) -> Scenario:
    """Check a frame of scenarios and return its inputs in numeric form, defaults filled in."""
    check_frame(frame, params)
    for name in REQUIRED_COLUMNS:
        if name not in frame.columns:
            raise ExplorerError(name, None, REQUIRED_DATES, problem=MISSING_COLUMN)
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
    allowed = columns.date_allowed(cal.first_day, cal.last_day)
    checked = columns.dates(frame[name], cal.first_day, cal.last_day, not allow_missing, allowed)
    _raise_first(frame, name, checked, index)
    return checked.values, checked.reusable


def _choice(
    frame: pd.DataFrame, name: str, allowed: tuple[str, ...], default: str, index: pd.Index
) -> np.ndarray:
    """Codes (positions in `allowed`) of a categorical input column; blanks take the default."""
    if name not in frame.columns:
        return np.full(len(frame), allowed.index(default), dtype=np.int8)
    checked = columns.choice(frame[name], allowed, default)
    _raise_first(frame, name, checked, index)
    return checked.values


def _bool(frame: pd.DataFrame, name: str, default: bool, index: pd.Index) -> np.ndarray:
    """A flag column as a numpy bool array; accepts bools, 0/1 and true/false/yes/no text."""
    if name not in frame.columns:
        return np.full(len(frame), default, dtype=bool)
    checked = columns.flag(frame[name], default)
    _raise_first(frame, name, checked, index)
    return checked.values


def _number(
    frame: pd.DataFrame, name: str, default: int, index: pd.Index, integer: bool
) -> np.ndarray:
    """A numeric column within its NUMBER_RANGES entry (int64 when `integer`); blanks take the default."""
    dtype = np.int64 if integer else np.float64
    if name not in frame.columns:
        return np.full(len(frame), default, dtype=dtype)
    checked = columns.number(frame[name], NUMBER_RANGES[name], default)
    _raise_first(frame, name, checked, index)
    return checked.values.astype(dtype)


def _raise_first(frame: pd.DataFrame, name: str, checked: columns.Checked, index: pd.Index) -> None:
    """ExplorerError naming the column, the cell, what is allowed and the first bad row, if any."""
    first = checked.first_phrase()
    if first is not None:
        pos, reason = first
        raise ExplorerError(name, frame[name].iloc[pos], checked.allowed_phrase, index[pos], problem=reason)


def check_value(name: str, value: Any, params: Parameters) -> Any:
    """One value of an input column checked as `evaluate` checks it (--set, the dashboard's
    boxes): the value in plain form (bool, int, float, text, date), or ExplorerError."""
    if name not in INPUT_COLUMNS:
        raise ExplorerError("column", name, columns.one_of(INPUT_COLUMNS),
                            problem=phrase("error.problem.unknown_input_column", "unknown input column"))
    frame = pd.DataFrame({name: pd.Series([value], dtype=object)})
    index = pd.Index([0])
    cal = params.calendar
    if name in REQUIRED_COLUMNS or name == "second_application_date":
        days, _ = _dates(frame, name, index, cal, allow_missing=name not in REQUIRED_COLUMNS)
        return None if days[0] == NAT else day_to_date(days[0])
    if name in BOOL_COLUMNS:
        return bool(_bool(frame, name, BOOL_COLUMNS[name], index)[0])
    if name in NUMBER_RANGES:
        number = _number(frame, name, INPUT_DEFAULTS[name], index, NUMBER_RANGES[name].whole)[0]
        return int(number) if NUMBER_RANGES[name].whole else float(number)
    allowed = choice_columns(params)[name]
    return allowed[int(_choice(frame, name, allowed, INPUT_DEFAULTS[name], index)[0])]


def choice_columns(params: Parameters) -> dict[str, tuple[str, ...]]:
    """The text input columns and their allowed values (stamp channels come from the parameters)."""
    return {"option": OPTIONS, "stamp_channel": params.channels, "payment": PAYMENTS}
