"""sweep(): every combination of expiry days, application days and choices, evaluated."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from pandas.tseries.frequencies import to_offset

from ..core.columns import REASONS
from ..core.inputs import INPUT_COLUMNS, OPTIONS
from ..core.phrases import Phrase, choice_of, detail, phrase, some_of
from ..errors import ExplorerError

DEFAULT_MAX_ROWS = 20_000_000
GRID_COLUMNS = ("card_expiry", "application_date", "option", "expedited", "delivery")


LAST_ON_OR_AFTER_FIRST = phrase("allowed.last_on_or_after_first", "a last day on or after the first")
ISO_PAIR = phrase("allowed.iso_pair", "a (first, last) pair of ISO dates")
ENDS_BEFORE = phrase("error.problem.range_ends_before_start", "range ends before it starts")
"""Words of the range errors, each one catalogue entry (shown on the page in its language)."""


def _at_most_rows(max_rows: int) -> Phrase:
    """What a sweep may hold: at most max_rows rows (one catalogue entry)."""
    return phrase("allowed.max_rows", f"at most {max_rows:,} rows (max_rows)", max_rows=max_rows)


def _combinations(shape: tuple[int, ...]) -> Phrase:
    """The sizes of a sweep's axes, e.g. "10 x 20 x 2 combinations" (one catalogue entry)."""
    shown = " x ".join(map(str, shape))
    return phrase("error.problem.combinations", f"{shown} combinations", shape=shown)


def date_range(name: str, bounds: Any, freq: str) -> pd.DatetimeIndex:
    """The days of a (first, last) pair at a pandas frequency; clear errors when malformed."""
    if isinstance(bounds, str) and ":" in bounds:
        bounds = bounds.split(":", 1)
    if not isinstance(bounds, Sequence) or isinstance(bounds, str) or len(bounds) != 2:
        raise ExplorerError(name, bounds, phrase("allowed.date_pair", "a (first, last) pair of dates, e.g. "
                                                 "('2020-01-01', '2022-12-31')"))
    shown = ":".join("" if b is None else str(b) for b in bounds)
    for which, bound in zip(("first", "last"), bounds, strict=True):
        if bound is None or (isinstance(bound, str) and not bound.strip()) or \
                (not isinstance(bound, str) and bool(pd.isna(bound))):
            raise ExplorerError(
                name,
                shown,
                phrase("allowed.both_days", "a first and a last day, both given, e.g. 2020-01-01:2022-12-31"),
                problem=phrase(f"error.problem.{which}_day_missing", f"the {which} day is missing"),
            )
    try:
        first, last = (pd.Timestamp(b).normalize() for b in bounds)
    except (TypeError, ValueError, AttributeError, OverflowError):
        raise ExplorerError(name, shown, ISO_PAIR, problem=REASONS["not_a_date"]) from None
    if pd.isna(first) or pd.isna(last):
        raise ExplorerError(name, shown, ISO_PAIR, problem=REASONS["missing_date"])
    if last < first:
        raise ExplorerError(name, f"{first.date()}:{last.date()}", LAST_ON_OR_AFTER_FIRST,
                            problem=ENDS_BEFORE)
    try:
        offset = to_offset(freq)
        if isinstance(offset, pd.offsets.Tick) or offset.n < 1:
            raise ValueError("steps of less than a day")
        days = pd.date_range(first, last, freq=offset, unit="us")
    except (TypeError, ValueError, OverflowError) as exc:
        raise ExplorerError(
            "freq",
            freq,
            phrase("allowed.frequency", "a pandas frequency alias of a day or more, such as D, W, MS or ME"),
            problem=detail(str(exc).split("\n")[0]),
        ) from None
    if len(days) == 0:
        raise ExplorerError(name, f"{first.date()}:{last.date()}",
                            phrase("allowed.range_with_a_day",
                                   f"a range holding at least one day at frequency {freq!r}", freq=str(freq)),
                            problem=phrase("error.problem.no_day_of_frequency",
                                           "no day of the frequency falls in the range"))
    return days


_END = r"\s*expiry\s*(?:([+-])\s*(\d{1,5})\s*D)?\s*"
_RELATIVE = re.compile(f"^{_END}:{_END}$", re.IGNORECASE)
RELATIVE_COLUMN = "application_days_after_expiry"
"""The column a relative sweep adds: application day minus card expiry, in days (negative: before)."""


def relative_offsets(application: Any) -> np.ndarray | None:
    """Day offsets from the card's expiry of an application range written relative to it, such as
    "expiry-30D:expiry+30D" (every day between; both ends included); None for absolute dates."""
    if not isinstance(application, str) or "expiry" not in application.lower():
        return None
    found = _RELATIVE.match(application)
    if found is None:
        raise ExplorerError(
            "application",
            application,
            phrase(
                "allowed.relative_range",
                "FIRST:LAST dates, or days relative to the card's expiry such as expiry-30D:expiry+30D",
            ),
            problem=phrase("error.problem.not_a_relative_range", "not a relative range"),
        )
    first, last = (0 if n is None else (-1 if sign == "-" else 1) * int(n)
                   for sign, n in (found.group(1, 2), found.group(3, 4)))
    if last < first:
        raise ExplorerError("application", application, LAST_ON_OR_AFTER_FIRST, problem=ENDS_BEFORE)
    return np.arange(first, last + 1, dtype=np.int64)


def relative_grid(expiry: Any, offsets: np.ndarray, freq: str = "D", options: Sequence[str] = OPTIONS,
                  expedited: Sequence[bool] = (False, True), delivery: Sequence[bool] = (False, True),
                  max_rows: int = DEFAULT_MAX_ROWS, **fixed: Any) -> pd.DataFrame:
    """The input frame of a sweep whose application days are offsets from each expiry day: rows are
    expiry x offset x option x expedited x delivery, with the offset in RELATIVE_COLUMN."""
    # the expiry range stands in for the application axis: only the checks and the expiry days are used
    found = axes(expiry, expiry, freq, options, expedited, delivery, np.iinfo(np.int64).max, **fixed)
    found = Axes(found.expiry, offsets, found.options, found.expedited, found.delivery)
    n = int(np.prod(found.shape, dtype=np.int64))
    if n > max_rows:
        raise ExplorerError("sweep rows", n, _at_most_rows(max_rows), problem=_combinations(found.shape))
    frame = grid_frame(Axes(found.expiry, np.zeros(len(offsets), dtype="datetime64[us]"), found.options,
                            found.expedited, found.delivery), fixed)
    days = np.repeat(np.tile(offsets, len(found.expiry)), int(np.prod(found.shape[2:])))
    frame["application_date"] = frame["card_expiry"].to_numpy() + days.astype("timedelta64[D]")
    frame[RELATIVE_COLUMN] = days
    return frame


def grid_size(expiry: Any, application: Any, freq: str = "D", options: Sequence[str] = OPTIONS,
              expedited: Sequence[bool] = (False, True),
              delivery: Sequence[bool] = (False, True)) -> int:
    """Number of rows a sweep with these arguments produces."""
    offsets = relative_offsets(application)
    n_application = len(offsets) if offsets is not None \
        else len(date_range("application", application, freq))
    return (len(date_range("expiry", expiry, freq)) * n_application
            * len(options) * len(expedited) * len(delivery))


@dataclass(frozen=True)
class Axes:
    """The five dimensions of a sweep, checked: expiry and application days (datetime64[us]),
    options, expedited and delivery choices; rows are their row-major product."""

    expiry: np.ndarray
    application: np.ndarray
    options: tuple[str, ...]
    expedited: tuple[bool, ...]
    delivery: tuple[bool, ...]

    @property
    def shape(self) -> tuple[int, int, int, int, int]:
        """Lengths of the five dimensions, in row-major order."""
        return (len(self.expiry), len(self.application), len(self.options), len(self.expedited),
                len(self.delivery))


def axes(expiry: Any, application: Any, freq: str = "D", options: Sequence[str] = OPTIONS,
         expedited: Sequence[bool] = (False, True), delivery: Sequence[bool] = (False, True),
         max_rows: int = DEFAULT_MAX_ROWS, **fixed: Any) -> Axes:
    """The checked dimensions of a sweep (ExplorerError on bad ranges, choices, fixed columns or size)."""
    found = Axes(date_range("expiry", expiry, freq).to_numpy(),
                 date_range("application", application, freq).to_numpy(),
                 _choices("options", options, OPTIONS), _choices("expedited", expedited, (False, True)),
                 _choices("delivery", delivery, (False, True)))
    unknown = [k for k in fixed if k not in INPUT_COLUMNS or k in GRID_COLUMNS]
    if unknown:
        allowed = [c for c in INPUT_COLUMNS if c not in GRID_COLUMNS]
        raise ExplorerError(unknown[0], fixed[unknown[0]], choice_of(allowed),
                            problem=phrase("error.problem.not_fixable", "not a column a sweep can fix"))
    n = int(np.prod(found.shape, dtype=np.int64))
    if n > max_rows:
        raise ExplorerError("sweep rows", n, _at_most_rows(max_rows), problem=_combinations(found.shape))
    return found


def grid(expiry: Any, application: Any, freq: str = "D", options: Sequence[str] = OPTIONS,
         expedited: Sequence[bool] = (False, True), delivery: Sequence[bool] = (False, True),
         max_rows: int = DEFAULT_MAX_ROWS, **fixed: Any) -> pd.DataFrame:
    """The input frame of a sweep: one row per combination, `fixed` columns set on every row.

    `application` may be relative to each card's expiry ("expiry-30D:expiry+30D"): see relative_grid."""
    offsets = relative_offsets(application)
    if offsets is not None:
        return relative_grid(expiry, offsets, freq, options, expedited, delivery, max_rows, **fixed)
    return grid_frame(axes(expiry, application, freq, options, expedited, delivery, max_rows, **fixed),
                      fixed)


def grid_frame(found: Axes, fixed: dict[str, Any]) -> pd.DataFrame:
    """The input frame of checked sweep dimensions, `fixed` columns set on every row."""
    sizes = list(found.shape)
    n = int(np.prod(sizes, dtype=np.int64))
    option_codes = np.array([OPTIONS.index(o) for o in found.options], dtype=np.int8)
    columns: dict[str, Any] = {
        "card_expiry": _axis(found.expiry, sizes, 0),
        "application_date": _axis(found.application, sizes, 1),
        "option": pd.Categorical.from_codes(_axis(option_codes, sizes, 2), categories=list(OPTIONS)),
        "expedited": _axis(np.array(found.expedited, dtype=bool), sizes, 3),
        "delivery": _axis(np.array(found.delivery, dtype=bool), sizes, 4),
    }
    frame = pd.DataFrame(columns, copy=False)
    for name, value in fixed.items():
        frame[name] = constant_column(value, n)
    return frame


def constant_column(value: Any, n: int) -> Any:
    """A column holding `value` on n rows, cheap to validate: text as a one-category
    Categorical, flags and numbers as numpy arrays; anything else as given (validation then
    reports it)."""
    if isinstance(value, str):
        return pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), categories=[value])
    if isinstance(value, bool | np.bool_):
        return np.full(n, bool(value))
    if isinstance(value, int | float | np.integer | np.floating):
        return np.full(n, value)
    return value


def _axis(values: np.ndarray, sizes: list[int], axis: int) -> np.ndarray:
    """Values of one grid dimension on every row of the row-major product of `sizes`."""
    inner = int(np.prod(sizes[axis + 1:], dtype=np.int64))
    outer = int(np.prod(sizes[:axis], dtype=np.int64))
    return np.tile(np.repeat(values, inner), outer)


def _choices(name: str, values: Any, allowed: tuple) -> tuple:
    if isinstance(values, str | bool) or not isinstance(values, Sequence):
        values = (values,)
    values = tuple(dict.fromkeys(values))
    bad = [v for v in values if v not in allowed or (isinstance(v, int) and not isinstance(v, bool)
                                                      and allowed == (False, True))]
    if bad or not values:
        raise ExplorerError(name, bad[0] if bad else values, some_of(allowed))
    return values
