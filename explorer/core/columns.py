"""The one check of input cells, vectorised: dates, choices, flags and numbers in ranges.

Each function reads one column of any dtype and returns its values in numeric form with
every problem as a (rows, reason) mask.  `inputs.validate` (behind evaluate, sweep, --set
and the dashboard) raises on the first bad row; the population loader reports every bad
row.  Blank cells (NA, or text that is empty after stripping) take the column's default.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .days import DATETIME, NAT, US_PER_DAY
from .limits import Range
from .phrases import Phrase, phrase

FLAG_WORDS = {**dict.fromkeys(("true", "yes", "1", "1.0", "y", "t"), True),
              **dict.fromkeys(("false", "no", "0", "0.0", "n", "f"), False)}
"""The words read as a flag (lower case), in a file's cell, a link and the command line alike."""
FLAG_ALLOWED_PHRASE = phrase("allowed.flag", "True or False (also 1/0, yes/no)")
FLAG_ALLOWED = FLAG_ALLOWED_PHRASE.english
REASONS = {
    "not_a_date": phrase("bad_row.not_a_date", "not a date"),
    "missing_date": phrase("bad_row.missing_date", "missing date"),
    "outside_dates": phrase("bad_row.outside_dates", "outside the supported dates"),
    "unknown_value": phrase("bad_row.unknown_value", "unknown value"),
    "not_a_flag": phrase("bad_row.not_a_flag", "not a flag"),
    "not_a_number": phrase("bad_row.not_a_number", "not a number"),
    "not_finite": phrase("bad_row.not_finite", "not a finite number"),
    "negative": phrase("bad_row.negative", "negative"),
    "not_whole": phrase("bad_row.not_whole", "not a whole number"),
}
"""The reasons a cell is bad that take no value, each one catalogue entry (bad_row.*)."""
_TZ_SUFFIX = r"^(.*[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(?:Z|[+-]\d{2}(?::?\d{2})?)$"


@dataclass
class Checked:
    """A checked column: numeric values (the default where blank or bad), blanks, problems."""

    values: np.ndarray
    blank: np.ndarray
    allowed_phrase: Phrase
    problems: list[tuple[np.ndarray, Phrase]] = field(default_factory=list)
    reusable: np.ndarray | None = None  # dates: the column's own datetime64[us] values, when whole days

    @property
    def allowed(self) -> str:
        """What the column may hold, in English words (ExplorerError's messages)."""
        return self.allowed_phrase.english

    def add(self, rows: np.ndarray, reason: Phrase) -> None:
        """Record a problem (a catalogue phrase) on these rows (a boolean mask), if any."""
        rows = np.asarray(rows, dtype=bool)
        if rows.any():
            self.problems.append((rows, reason))

    @property
    def bad(self) -> np.ndarray:
        """Rows with at least one problem."""
        bad = np.zeros(len(self.blank), dtype=bool)
        for rows, _ in self.problems:
            bad |= rows
        return bad

    def first_phrase(self) -> tuple[int, Phrase] | None:
        """(position, reason as a catalogue phrase) of the first bad row, or None."""
        found = [(int(np.argmax(rows)), reason) for rows, reason in self.problems]
        return min(found, key=lambda p: p[0]) if found else None

    def first(self) -> tuple[int, str] | None:
        """(position, reason in English words) of the first bad row, or None."""
        found = [(int(np.argmax(rows)), reason.english) for rows, reason in self.problems]
        return min(found, key=lambda p: p[0]) if found else None


def tolerant(check: Callable[..., Checked]) -> Callable[..., Checked]:
    """Run a column check; when a cell's own methods fail (e.g. Decimal('sNaN') cannot be compared
    or hashed), check the column again with every cell replaced by its text."""

    @functools.wraps(check)
    def run(col: pd.Series, *args: Any) -> Checked:
        try:
            return check(col, *args)
        except (TypeError, ValueError, ArithmeticError):
            if col.dtype != object:
                raise
            return check(col.map(cell_text).astype(object), *args)

    return run


def cell_text(value: Any) -> str | None:
    """A cell as text (None for a missing value), even when the cell's own methods fail."""
    if value is None or isinstance(value, str):
        return value
    try:
        if pd.isna(value) is True:
            return None
        return str(value)
    except Exception:  # noqa: BLE001 - any object can be a cell
        return f"<{type(value).__name__}>"


def blank_cells(col: pd.Series) -> np.ndarray:
    """Blank cells: NA, or text that is empty after stripping."""
    blank = np.asarray(col.isna().to_numpy(), dtype=bool).copy()
    if col.dtype == object or pd.api.types.is_string_dtype(col.dtype):
        blank |= (_text(col) == "").fillna(True).to_numpy(dtype=bool)
    return blank


def _text(col: pd.Series) -> pd.Series:
    """The column as stripped text (nested values such as lists become their text)."""
    return col.astype("string").str.strip()


def _factorize(col: pd.Series) -> tuple[np.ndarray, Any]:
    """pd.factorize, also for cells that cannot be hashed (lists, dicts): those by their text."""
    if isinstance(col.dtype, pd.CategoricalDtype):
        return col.cat.codes.to_numpy(), col.cat.categories
    try:
        return pd.factorize(col, use_na_sentinel=True)
    except TypeError:
        return pd.factorize(col.astype("string"), use_na_sentinel=True)


# -- dates --------------------------------------------------------------------------------------


def date_allowed(first_day: int, last_day: int) -> Phrase:
    """What a date cell may hold, one catalogue entry: an ISO date between the calendar's first and
    last day (written as ISO dates, the form the cell must take)."""
    first, last = (str(np.datetime64(int(d), "D")) for d in (first_day, last_day))
    return phrase("allowed.date", f"an ISO date such as 2020-11-15, between {first} and {last}",
                  example="2020-11-15", first=first, last=last)


@tolerant
def dates(col: pd.Series, first_day: int, last_day: int, required: bool, allowed: Phrase | str) -> Checked:
    """Day numbers of a date column (NAT where blank or bad); reasons: not a date, missing
    date (when required), outside the supported dates.  `allowed`: see date_allowed (English
    text is taken as it is, for English-only messages)."""
    if isinstance(allowed, str):
        allowed = Phrase("", (), allowed)
    if isinstance(col.dtype, pd.DatetimeTZDtype):
        col = col.dt.tz_localize(None)
    if pd.api.types.is_datetime64_dtype(col.dtype):
        values = col.to_numpy()
        blank = np.isnat(values)
        unparsed = np.zeros(len(col), dtype=bool)
    else:  # text or objects: each distinct cell read once (a file's dates repeat), then spread
        codes, uniques = _factorize(col)
        distinct = uniques if isinstance(uniques, pd.Series) else pd.Series(uniques, dtype=object)
        parsed = _parse_dates(distinct)
        blank = np.append(blank_cells(distinct), True)[codes]  # code -1: a missing cell
        values = np.append(parsed, np.array(["NaT"], dtype=parsed.dtype))[codes]
        unparsed = np.isnat(values) & ~blank
    days, whole = day_numbers(values)
    checked = Checked(days, blank, allowed)
    any_blank = bool(blank.any())
    if not any_blank and not unparsed.any():  # the usual case: check the bounds only
        if days.size and (days.min() < first_day or days.max() > last_day):
            outside = (days < first_day) | (days > last_day)
            checked.add(outside, REASONS["outside_dates"])
            checked.values = np.where(outside, NAT, days)
        elif whole and values.dtype == np.dtype(DATETIME):
            checked.reusable = values
        return checked
    checked.add(unparsed, REASONS["not_a_date"])
    if required:
        checked.add(blank, REASONS["missing_date"])
    ok = ~blank & ~unparsed
    checked.add(ok & ((days < first_day) | (days > last_day)), REASONS["outside_dates"])
    bad = checked.bad | blank
    checked.values = np.where(bad, NAT, days)
    return checked


def _parse_dates(col: pd.Series) -> np.ndarray:
    """datetime64 values of text or date objects (NaT where not a date); a time-zone offset is
    dropped, keeping the local day, also when rows have different offsets."""
    text = _text(col)
    try:
        parsed = pd.to_datetime(text, errors="coerce", format="ISO8601")
    except (TypeError, ValueError, OverflowError):  # mixed offsets: the local day of each
        local = text.str.replace(_TZ_SUFFIX, r"\1", regex=True)
        try:
            parsed = pd.to_datetime(local, errors="coerce", format="ISO8601")
        except (TypeError, ValueError, OverflowError):
            parsed = pd.Series(pd.NaT, index=col.index, dtype=DATETIME)
    if isinstance(parsed.dtype, pd.DatetimeTZDtype):
        parsed = parsed.dt.tz_localize(None)
    return parsed.to_numpy()


def day_numbers(values: np.ndarray) -> tuple[np.ndarray, bool]:
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
    days = values.astype("datetime64[D]").view(np.int64).copy()
    return days, False


# -- choices and flags --------------------------------------------------------------------------


@tolerant
def choice(col: pd.Series, allowed: tuple[str, ...], default: str) -> Checked:
    """Codes (positions in `allowed`) of a text column, case and spaces ignored; blanks take
    the default; reason: unknown value."""
    codes, uniques = _factorize(col)
    mapping = np.full(len(uniques) + 1, allowed.index(default), dtype=np.int8)  # code -1: blank
    unknown = np.zeros(len(uniques) + 1, dtype=bool)
    blank_code = np.zeros(len(uniques) + 1, dtype=bool)
    blank_code[-1] = True
    for i, value in enumerate(uniques):  # once per distinct value, not per row
        key = value.strip().lower() if isinstance(value, str) else None
        if key == "":
            blank_code[i] = True
        elif key in allowed:
            mapping[i] = allowed.index(key)
        else:
            unknown[i] = True
    checked = Checked(mapping[codes], _gather(blank_code, codes), one_of(allowed))
    if unknown.any():
        checked.add(unknown[codes], REASONS["unknown_value"])
    return checked


def one_of(allowed: tuple[str, ...]) -> Phrase:
    """What a choice may be, one catalogue entry: "one of a, b" (the values as they are typed)."""
    choices = ", ".join(allowed)
    return phrase("allowed.choice", f"one of {choices}", choices=choices)


def _gather(per_code: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """per_code[codes] for a boolean table whose last entry is code -1 (blank), skipping the
    gather when no row can be True."""
    if not per_code[:-1].any() and (not per_code[-1] or not len(codes) or codes.min() >= 0):
        return np.zeros(len(codes), dtype=bool)
    return per_code[codes]


@tolerant
def flag(col: pd.Series, default: bool) -> Checked:
    """A flag column as bools: bools, the numbers 0/1, or true/false, yes/no, 1/0 text; blanks
    take the default; reason: not a flag."""
    if col.dtype == bool:
        return Checked(col.to_numpy(copy=True), np.zeros(len(col), dtype=bool), FLAG_ALLOWED_PHRASE)
    codes, uniques = _factorize(col)
    mapping = np.full(len(uniques) + 1, int(default), dtype=np.int8)
    unknown = np.zeros(len(uniques) + 1, dtype=bool)
    blank_code = np.zeros(len(uniques) + 1, dtype=bool)
    blank_code[-1] = True
    for i, value in enumerate(uniques):  # once per distinct value, not per row
        if isinstance(value, bool | np.bool_):
            mapping[i] = int(value)
        elif isinstance(value, int | float | np.integer | np.floating) and value in (0, 1):
            mapping[i] = int(value)
        elif isinstance(value, str) and value.strip().lower() in FLAG_WORDS:
            mapping[i] = int(FLAG_WORDS[value.strip().lower()])
        elif isinstance(value, str) and value.strip() == "":
            blank_code[i] = True
        else:
            unknown[i] = True
    checked = Checked(mapping[codes].astype(bool), _gather(blank_code, codes), FLAG_ALLOWED_PHRASE)
    if unknown.any():
        checked.add(unknown[codes], REASONS["not_a_flag"])
    return checked


# -- numbers ------------------------------------------------------------------------------------


@tolerant
def number(col: pd.Series, limits: Range, default: float) -> Checked:
    """float64 values of a numeric column within `limits`; blanks take the default; reasons: not
    a number, not a finite number, negative / out of range, not a whole number."""
    n = len(col)
    allowed = limits.phrase()
    if pd.api.types.is_bool_dtype(col.dtype):
        blank = col.isna().to_numpy(dtype=bool)
        checked = Checked(np.full(n, float(default)), blank, allowed)
        checked.add(~blank, REASONS["not_a_number"])
        return checked
    if pd.api.types.is_integer_dtype(col.dtype) and not pd.api.types.is_extension_array_dtype(col.dtype):
        raw = col.to_numpy()
        blank = np.zeros(n, dtype=bool)
        if not n or (raw.min() >= limits.low and raw.max() <= limits.high):  # the usual case
            return Checked(raw.astype(np.float64), blank, allowed)
        low, high = raw < limits.low, raw > limits.high
        checked = Checked(raw.astype(np.float64), blank, allowed)
    else:
        blank = blank_cells(col)
        source = col if pd.api.types.is_numeric_dtype(col.dtype) else _text(col)
        try:
            numeric = pd.to_numeric(source, errors="coerce")
        except (TypeError, ValueError):
            numeric = pd.to_numeric(_text(col), errors="coerce")
        values = np.asarray(numeric.to_numpy(dtype=np.float64, na_value=np.nan), dtype=np.float64)
        checked = Checked(values, blank, allowed)
        not_number = np.isnan(values) & ~blank
        infinite = np.isinf(values)
        checked.add(not_number, REASONS["not_a_number"])
        checked.add(infinite, REASONS["not_finite"])
        finite = ~blank & ~not_number & ~infinite
        with np.errstate(invalid="ignore"):
            low = finite & (values < limits.low)
            high = finite & (values > limits.high)
    bound = limits.phrase().placeholders
    checked.add(low, REASONS["negative"] if limits.low == 0 else
                phrase("bad_row.below", f"below {bound['low']:,}", low=bound["low"]))
    checked.add(high, phrase("bad_row.above", f"above {bound['high']:,}", high=bound["high"]))
    if limits.whole:
        with np.errstate(invalid="ignore"):
            checked.add(~blank & ~low & ~high & np.isfinite(checked.values)
                        & (checked.values != np.floor(checked.values)), REASONS["not_whole"])
    bad = checked.bad | blank
    if bad.any():
        checked.values = np.where(bad, float(default), checked.values)
    return checked
