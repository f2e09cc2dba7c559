"""Dated rule parameters: looked up per row, replaced for reforms (read from `data/parameters.yaml`
by explorer.core.parameter_file; day conversions in explorer.core.days).

A parameter holds one or more values, each in force from a day (`since`) until the next
one; the first is in force since the beginning of time.  Values are kept in exact
internal forms: dates as day numbers (days since 1970-01-01), money as integer cents,
durations as `Duration`, so that a million rows never drift by a cent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ExplorerError, ParameterFileError
from .columns import REASONS
from .days import day_number, day_to_date
from .durations import Duration
from .limits import DURATIONS, INTEGER_PARAMETER, MONEY_CENTS
from .phrases import (
    PhrasedTypeError,
    PhrasedValueError,
    choice_of,
    detail,
    expected,
    one_of_codes,
    phrase,
)

KINDS = ("date", "money", "duration", "integer", "channels", "venues", "reading")
PAYMENTS = ("card", "cash")
def money_cents(value: Any) -> int:
    """Integer cents of a euro amount given as Decimal, int, str or a float with at most 2 decimals."""
    if isinstance(value, bool):
        raise PhrasedTypeError(expected("error.problem.expected_amount", "an amount in EUR", value))
    if isinstance(value, float):
        if not np.isfinite(value):
            raise PhrasedValueError(phrase("error.problem.not_a_finite_amount_value",
                                           f"not a finite amount: {value!r}", value=repr(value)))
        value = Decimal(repr(value))
    try:
        amount = Decimal(value) if isinstance(value, int | str | Decimal) else None
    except InvalidOperation as exc:
        raise PhrasedValueError(phrase("error.problem.not_an_amount", f"not an amount in EUR: {value!r}",
                                       value=str(value))) from exc
    if amount is None:
        raise PhrasedTypeError(expected("error.problem.expected_amount", "an amount in EUR", value))
    if not amount.is_finite():
        raise PhrasedValueError(phrase("error.problem.not_a_finite_amount", "not a finite amount"))
    if amount * 100 > MONEY_CENTS.high:
        raise PhrasedValueError(phrase("error.problem.above_largest_amount",
                                       f"above the largest amount, {MONEY_CENTS.high / 100:,.2f} EUR",
                                       high=MONEY_CENTS.high / 100))
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise PhrasedValueError(phrase("error.problem.more_than_two_decimals",
                                       f"more than two decimals: {value!r}", value=str(value)))
    if cents < 0:
        raise PhrasedValueError(phrase("error.problem.negative_amount", f"negative amount: {value!r}",
                                       value=str(value)))
    return int(cents.to_integral_value(ROUND_HALF_UP))


@dataclass(frozen=True)
class Source:
    """Where a value or a declaration comes from: document, its date, section, and the short `ref`
    of data/parameters.yaml's `sources` (G, B, S) when it has one."""

    document: str
    date: str
    section: str
    ref: str = ""

    def __str__(self) -> str:
        return f"{self.document}, {self.date}, section \u201c{self.section}\u201d"

    def short(self) -> str:
        """"G: section" (the ref and the section), or the whole citation when there is no ref."""
        return f"{self.ref}: {self.section}" if self.ref else str(self)


@dataclass(frozen=True)
class Alternative:
    """One way of reading an ambiguous sentence: the value's name, the sentences behind it, its case."""

    value: str
    sentences: tuple[str, ...]
    case: str
    backs: tuple[tuple[str, int], ...] = ()
    """Which sentence (its position in `sentences`) backs which step of an explanation."""

    def sentence_for(self, step: str) -> str:
        """The sentence a step depending on this reading quotes (the first when none is named)."""
        return self.sentences[dict(self.backs).get(step, 0)]


@dataclass(frozen=True)
class Parameter:
    """One named rule parameter: a series of values by effective day, with unit and source.

    `sources` holds one source per value when values come from different documents (a reform
    extending a dated series cites itself only for the values it adds); empty means `source`
    for every value.  A parameter of kind "reading" lists its `alternatives`."""

    name: str
    kind: str
    unit: str
    interpretation: str
    source: Source
    since: tuple[int | None, ...]
    values: tuple[Any, ...]
    sources: tuple[Source, ...] = ()
    alternatives: tuple[Alternative, ...] = ()

    def source_of(self, index: int) -> Source:
        """The source of the value at `index` of the series."""
        return self.sources[index] if self.sources else self.source

    def source_at(self, day: int | None = None) -> Source:
        """The source of the value in force on a day (the latest one when day is None)."""
        if day is None:
            return self.source_of(len(self.values) - 1)
        return self.source_of(int(self.index_at(np.array([day]))[0]) if self.dated else 0)

    def alternative(self, value: str) -> Alternative:
        """The alternative of a reading named `value`."""
        for alt in self.alternatives:
            if alt.value == value:
                return alt
        raise KeyError(value)

    @property
    def dated(self) -> bool:
        """True when the value changes over time."""
        return len(self.values) > 1

    def index_at(self, days: np.ndarray) -> np.ndarray:
        """Index of the value in force on each day (vectorised)."""
        starts = np.array([np.iinfo(np.int64).min] + [s for s in self.since[1:]], dtype=np.int64)
        return np.searchsorted(starts, days, side="right") - 1

    def value_at(self, day: int | None = None) -> Any:
        """The internal value in force on one day (the latest one when day is None)."""
        if day is None or not self.dated:
            return self.values[-1] if day is None else self.values[0]
        return self.values[int(self.index_at(np.array([day]))[0])]

    def numeric_at(self, days: np.ndarray) -> np.ndarray | int:
        """Day numbers, cents or integers in force per row: a scalar when not dated."""
        if not self.dated:
            return self.values[0]
        return np.asarray(self.values, dtype=np.int64)[self.index_at(days)]

    def display_value(self, value: Any) -> Any:
        """A value in the form an analyst reads: dates as dates, money as Decimal euros."""
        if self.kind == "date":
            return day_to_date(value)
        if self.kind == "money":
            return Decimal(value).scaleb(-2)
        if self.kind == "channels":
            return {k: (str(v) if isinstance(v, Duration) else list(v)) for k, v in value.items()}
        if self.kind == "duration":
            return str(value)
        if self.kind == "venues":
            return list(value)
        return value

    def series(self) -> list[tuple[dt.date | None, Any]]:
        """The (since, value) pairs in readable form."""
        return [
            (None if s is None else day_to_date(s), self.display_value(v))
            for s, v in zip(self.since, self.values, strict=True)
        ]


@dataclass(frozen=True)
class CalendarSettings:
    """Where the working-day calendar comes from and which dates it supports."""

    country: str
    language: str
    first_holiday_year: int
    last_holiday_year: int
    first_day: int
    last_day: int


@dataclass(frozen=True)
class Parameters:
    """All rule parameters; immutable. `replace(**changes)` gives a modified copy."""

    items: Mapping[str, Parameter]
    calendar: CalendarSettings
    path: str = ""
    changed: tuple[str, ...] = field(default=())
    documents: Mapping[str, Source] = field(default_factory=dict)
    """The file's `sources`: each document by its short ref (G, B, S), for every declaration that
    cites one (data/outputs.yaml through explorer.labels)."""

    def __getitem__(self, name: str) -> Parameter:
        return self.items[name]

    def __contains__(self, name: object) -> bool:
        return name in self.items

    def __iter__(self):
        return iter(self.items)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.items)

    @property
    def channels(self) -> tuple[str, ...]:
        """Stamp channels known to the parameters (keys of stamp_validity)."""
        return tuple(self.items["stamp_validity"].values[-1])

    def value(self, name: str, on: Any = None) -> Any:
        """Readable value of `name` in force on a day (default: the latest value)."""
        param = self._get(name)
        day = None if on is None else day_number(on)
        return param.display_value(param.value_at(day))

    def replace(self, **changes: Any) -> Parameters:
        """A copy with some parameters changed.

        A plain value replaces the whole series; a dict {since: value} (keys dates, the
        first may be None) or a list of (since, value) pairs gives a dated series.  When no
        key is None, the current values stay in force before the earliest date given.
        Unknown names and values of the wrong type raise ExplorerError.
        """
        return self.replace_citing(None, **changes)

    def replace_citing(self, cite: Callable[[str], Source] | None, /, **changes: Any) -> Parameters:
        """replace(), with `cite(name)` as the source of the values a change brings (values kept
        from before a dated change keep their own source); None keeps each parameter's source."""
        items = dict(self.items)
        for name, change in changes.items():
            param = self._get(name)
            since, values, kept = _series_from_change(param, change, self.channels)
            new_source = cite(name) if cite is not None else param.source
            sources = tuple(param.source_of(i) for i in kept) + (new_source,) * (len(values) - len(kept))
            items[name] = Parameter(
                name, param.kind, param.unit, param.interpretation, new_source, since, values,
                sources=() if len(set(sources)) == 1 else sources,
                alternatives=param.alternatives,
            )
            check_supported_dates(items[name], self.calendar)
        changed = tuple(dict.fromkeys(self.changed + tuple(changes)))
        return Parameters(items, self.calendar, self.path, changed, self.documents)

    def reading(self, name: str) -> str:
        """The value in force of a reading (a parameter of kind "reading")."""
        param = self._get(name)
        if param.kind != "reading":
            raise ExplorerError("reading", name, one_of_codes(self.readings),
                                problem=phrase("error.problem.not_a_reading", "not a reading"))
        return param.values[0]

    @property
    def readings(self) -> tuple[str, ...]:
        """Names of the parameters that are readings of an ambiguous sentence."""
        return tuple(n for n, p in self.items.items() if p.kind == "reading")

    def table(self) -> pd.DataFrame:
        """All parameters as a readable table: name, since, value, unit, source, interpretation."""
        rows = []
        for p in self.items.values():
            for i, (since, value) in enumerate(p.series()):
                rows.append(
                    {
                        "parameter": p.name,
                        "since": since,
                        "value": value,
                        "unit": p.unit,
                        "source": str(p.source_of(i)),
                        "interpretation": p.interpretation,
                    }
                )
        return pd.DataFrame(rows)

    def _get(self, name: str) -> Parameter:
        if name not in self.items:
            raise ExplorerError(
                "parameter", name, one_of_codes(self.items),
                problem=phrase("error.problem.unknown_parameter", "unknown parameter"),
            )
        return self.items[name]


def normalise(kind: str, value: Any, channels: Iterable[str] | None, name: str,
               alternatives: tuple[str, ...] = ()) -> Any:
    """Internal form of one value of a parameter of this kind; raise ExplorerError if wrong."""
    if kind == "reading":
        if not isinstance(value, str) or value not in alternatives:
            raise ExplorerError(name, value, one_of_codes(alternatives),
                                problem=phrase("error.problem.unknown_reading", "unknown reading"))
        return value
    try:
        if kind == "date":
            return day_number(value)
        if kind == "money":
            return money_cents(value)
        if kind == "duration":
            if isinstance(value, Duration):
                duration = value
            elif isinstance(value, str):
                duration = Duration.parse(value)
            else:
                raise PhrasedTypeError(expected("error.problem.expected_duration", "a duration", value))
            if duration.amount < 0:
                raise PhrasedValueError(phrase("error.problem.negative_duration", "negative duration"))
            if duration.amount > DURATIONS[duration.unit].high:
                high = int(DURATIONS[duration.unit].high)
                most = phrase(f"parameter.duration.{duration.unit}", f"{high:,} {duration.unit}", n=high)
                raise PhrasedValueError(phrase("error.problem.longer_than", f"longer than {most.english}",
                                               most=most))
            return duration
        if kind == "integer":
            if isinstance(value, bool) or not isinstance(value, int | np.integer):
                raise PhrasedTypeError(expected("error.problem.expected_integer", "an integer", value))
            INTEGER_PARAMETER.check(name, int(value))
            return int(value)
        if kind == "venues":
            if isinstance(value, str) or not isinstance(value, Iterable):
                raise PhrasedTypeError(
                    phrase("error.problem.expected_offices", "expected a list of kinds of office")
                )
            venues = tuple(str(v) for v in value)
            if not venues:
                raise PhrasedValueError(phrase("error.problem.no_office", "at least one kind of office"))
            return venues
        if kind == "channels":
            if not isinstance(value, Mapping):
                raise PhrasedTypeError(
                    expected("error.problem.expected_channels", "a mapping from stamp channel", value)
                )
            out = {}
            for channel, v in value.items():
                if channels is not None and channel not in channels:
                    raise PhrasedValueError(
                        phrase(
                            "error.problem.unknown_channel",
                            f"unknown stamp channel {channel!r}",
                            channel=str(channel),
                        )
                    )
                if name == "stamp_payment":
                    if isinstance(v, str) or not isinstance(v, Iterable):
                        raise PhrasedTypeError(
                            phrase("error.problem.expected_payments", "expected a list of payments")
                        )
                    pays = tuple(str(x) for x in v)
                    bad = [x for x in pays if x not in PAYMENTS]
                    if bad:
                        raise PhrasedValueError(
                            phrase(
                                "error.problem.unknown_payment", f"unknown payment {bad[0]!r}", payment=bad[0]
                            )
                        )
                    out[str(channel)] = pays
                else:
                    out[str(channel)] = normalise("duration", v, None, name)
            return out
    except ExplorerError:
        raise
    except (TypeError, ValueError) as exc:
        raise ExplorerError(name, value, _ALLOWED_PHRASES[kind],
                            problem=getattr(exc, "phrase", None) or detail(exc)) from None
    raise ExplorerError(
        name, kind, choice_of(KINDS), problem=phrase("error.problem.unknown_kind", "unknown kind")
    )


_ALLOWED = {
    "date": "a date such as '2021-06-30' or datetime.date",
    "money": "an amount in EUR from 0.00 to 1,000,000.00 with at most two decimals, e.g. '24.50' "
    "or Decimal('24.50')",
    "duration": "a duration such as '30 days', '2 working_days' or '5 years' (at most "
    + ", ".join(f"{r.high:,g} {unit}" for unit, r in DURATIONS.items()) + ")",
    "integer": INTEGER_PARAMETER.allowed(),
    "venues": "a list of kinds of office",
    "channels": "a mapping from stamp channel (online, mobile_app, vending_machine, "
    "post_office) to a duration or a list of payments (card, cash)",
}


_ALLOWED_PHRASES = {
    "money": phrase("allowed.money_parameter", _ALLOWED["money"]),
    "date": phrase("allowed.date_parameter", _ALLOWED["date"]),
    "duration": phrase("allowed.duration_parameter", _ALLOWED["duration"],
                       **{unit: int(r.high) for unit, r in DURATIONS.items()}),
    "integer": INTEGER_PARAMETER.phrase(),
    "venues": phrase("allowed.venues_parameter", _ALLOWED["venues"]),
    "channels": phrase("allowed.channels_parameter", _ALLOWED["channels"]),
}
"""What each kind of parameter allows, as catalogue entries (the English of _ALLOWED)."""


def _series_from_change(
    param: Parameter, change: Any, channels: tuple[str, ...]
) -> tuple[tuple[int | None, ...], tuple[Any, ...], tuple[int, ...]]:
    """Since-days and values of a replacement given as a value, a dated dict or a pair list,
    and the indexes of the current values kept in force before it (they lead the series)."""
    pairs: list[tuple[Any, Any]]
    if param.kind == "reading":
        # A reading holds for the whole scenario: one value, never a dated series.
        pairs = [(None, change)]
    elif isinstance(change, list) and change and all(
        isinstance(p, tuple) and len(p) == 2 for p in change
    ):
        pairs = list(change)
    elif isinstance(change, Mapping) and change and all(
        k is None or (not isinstance(k, bool | int | float)
                      and (param.kind != "channels" or _is_date(k)))
        for k in change
    ):
        pairs = list(change.items())
    else:
        pairs = [(None, change)]
    latest = param.values[-1]
    out: list[tuple[int | None, Any]] = []
    for since, value in pairs:
        if param.kind == "channels" and isinstance(value, Mapping):
            value = {**_readable_channels(latest), **value}
        norm = normalise(param.kind, value, channels, param.name,
                          tuple(a.value for a in param.alternatives))
        try:
            day = None if since is None else day_number(since)
        except (TypeError, ValueError):
            raise ExplorerError(
                f"{param.name} (since)", since,
                phrase("allowed.date_or_none", "a date such as '2021-01-01' or None"),
            ) from None
        out.append((day, norm))
    out.sort(key=lambda p: -(2**62) if p[0] is None else p[0])
    kept: list[int] = []
    if out[0][0] is not None:
        # The change starts on a day: the current values stay in force before it.
        first = out[0][0]
        kept = [i for i, s in enumerate(param.since) if s is None or s < first]
        out = [(param.since[i], param.values[i]) for i in kept] + out
    return tuple([None] + [d for d, _ in out[1:]]), tuple(v for _, v in out), tuple(kept)


def _is_date(value: Any) -> bool:
    try:
        day_number(value)
    except (TypeError, ValueError):
        return False
    return True


def _readable_channels(value: Mapping[str, Any]) -> dict[str, Any]:
    return {k: (str(v) if isinstance(v, Duration) else list(v)) for k, v in value.items()}


def check_supported_dates(param: Parameter, calendar: CalendarSettings, where: str | None = None) -> None:
    """A date parameter's values must lie in the calendar's supported dates (ExplorerError)."""
    if param.kind != "date":
        return
    for i, day in enumerate(param.values):
        if not calendar.first_day <= day <= calendar.last_day:
            key = param.name if where is None else f"parameters.{param.name}.values[{i}]"
            error = ExplorerError if where is None else ParameterFileError
            first, last = str(day_to_date(calendar.first_day)), str(day_to_date(calendar.last_day))
            raise error(key, str(day_to_date(day)),
                        phrase("allowed.supported_dates",
                               f"a date from {first} to {last} (the calendar's supported dates)",
                               first=first, last=last),
                        source=where, problem=REASONS["outside_dates"])


def check_since_order(key: str, days: list[int | None], shown: list[Any], where: str) -> None:
    """`since` days of a series must increase from entry to entry (ParameterFileError naming the entry)."""
    previous: int | None = None
    before = -1
    for i, day in enumerate(days):
        if day is None:
            continue
        if previous is not None and day <= previous:
            entry, day = f"{key}[{before}].since", str(_iso(shown[before]))
            raise ParameterFileError(f"{key}[{i}].since", _iso(shown[i]),
                                     phrase("allowed.increasing_dates", "dates in increasing order"),
                                     source=where, problem=phrase("error.problem.not_after",
                                                                  f"not after {entry} ({day})",
                                                                  entry=entry, day=day))
        previous, before = day, i


def _iso(value: Any) -> Any:
    """A date as YYYY-MM-DD (YAML reads unquoted dates as date objects), anything else unchanged."""
    return value.isoformat() if isinstance(value, dt.date) else value
