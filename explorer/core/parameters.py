"""Dated rule parameters: loaded from `data/parameters.yaml`, looked up per row, replaced for reforms.

A parameter holds one or more values, each in force from a day (`since`) until the next
one; the first is in force since the beginning of time.  Values are kept in exact
internal forms: dates as day numbers (days since 1970-01-01), money as integer cents,
durations as `Duration`, so that a million rows never drift by a cent.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import holidays
import numpy as np
import pandas as pd

from ..errors import ExplorerError, ParameterFileError
from .columns import REASONS
from .datafiles import data_path
from .durations import Duration
from .limits import DURATIONS, HOLIDAY_YEARS, INTEGER_PARAMETER, MONEY_CENTS
from .phrases import (
    MISSING,
    NON_EMPTY,
    OUT_OF_RANGE,
    VALUE_ENTRY,
    PhrasedTypeError,
    PhrasedValueError,
    choice_of,
    detail,
    expected,
    one_of_codes,
    phrase,
)
from .safe_yaml import load_yaml_file

DEFAULT_PATH = data_path("parameters.yaml")
KINDS = ("date", "money", "duration", "integer", "channels", "venues", "reading")
PAYMENTS = ("card", "cash")
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


def _normalise(kind: str, value: Any, channels: Iterable[str] | None, name: str,
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
                    out[str(channel)] = _normalise("duration", v, None, name)
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
        norm = _normalise(param.kind, value, channels, param.name,
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


def load_parameters(path: str | Path | None = None) -> Parameters:
    """Read the rule parameters (default: the project's `data/parameters.yaml`)."""
    path = Path(path) if path is not None else DEFAULT_PATH
    where = str(path)
    doc = load_yaml_file(path, "a parameters YAML file")
    if not isinstance(doc, dict) or not isinstance(doc.get("parameters"), dict):
        raise ParameterFileError(
            "parameters",
            None,
            phrase("allowed.parameters_mapping", "a mapping of parameter names"),
            source=where,
            problem=phrase("error.problem.no_parameters_section", "missing 'parameters' section"),
        )
    calendar = _read_calendar(doc.get("calendar"), where)
    sources = doc.get("sources") or {}
    items: dict[str, Parameter] = {}
    channels: tuple[str, ...] | None = None
    raw_params = doc["parameters"]
    # stamp_validity defines the channels; read it first so others can be checked against it.
    order = sorted(raw_params, key=lambda n: n != "stamp_validity")
    for name in order:
        raw = raw_params[name]
        items[name] = _read_parameter(name, raw, sources, channels, where)
        check_supported_dates(items[name], calendar, where)
        if name == "stamp_validity":
            channels = tuple(items[name].values[-1])
    missing = [n for n in REQUIRED if n not in items]
    if missing:
        raise ParameterFileError(
            f"parameters.{missing[0]}",
            None,
            phrase("allowed.every_parameter", "every parameter of the spec's table"),
            source=where,
            problem=MISSING,
        )
    ordered = {n: items[n] for n in raw_params}
    documents = {str(ref): Source(str(raw.get("document", "")), str(raw.get("date", "")), "", str(ref))
                 for ref, raw in sources.items() if isinstance(raw, Mapping)}
    return Parameters(ordered, calendar, where, documents=documents)


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


REQUIRED = (
    "choice_window_end", "choice_expiry_from", "choice_expiry_to", "status_change_date",
    "transition_deadline", "eu_card_valid_until", "five_year_validity", "standard_processing",
    "expedited_processing", "fee_card", "fee_expedited", "fee_delivery", "stamp_validity",
    "stamp_payment", "stamp_refund_window", "max_years_resided", "bok_wider_activation_from",
    "bok_venues_before", "bok_venues_wider",
)


def _read_parameter(
    name: str, raw: Any, sources: Mapping[str, Any], channels: tuple[str, ...] | None, where: str
) -> Parameter:
    key = f"parameters.{name}"
    if not isinstance(raw, dict):
        raise ParameterFileError(key, raw, phrase("allowed.parameter_mapping", "a mapping with kind, unit, "
                                                  "values, source, interpretation"), source=where)
    for k in ("kind", "unit", "values", "source", "interpretation"):
        if not raw.get(k):
            raise ParameterFileError(f"{key}.{k}", raw.get(k), NON_EMPTY, source=where, problem=MISSING)
    kind = raw["kind"]
    if kind not in KINDS:
        raise ParameterFileError(f"{key}.kind", kind, choice_of(KINDS), source=where)
    src = raw["source"]
    if not isinstance(src, dict) or not src.get("section"):
        raise ParameterFileError(f"{key}.source", src, phrase("allowed.source_mapping", "a mapping with ref "
                                 "(or document and date) and section"), source=where)
    ref = sources.get(src.get("ref"), {}) if src.get("ref") else {}
    document = src.get("document") or ref.get("document")
    date = src.get("date") or ref.get("date")
    if not document or not date:
        raise ParameterFileError(f"{key}.source", src, phrase("allowed.source_known", "a known ref or a "
                                 "document and a date"), source=where,
                                 problem=phrase("error.problem.source_incomplete", "source incomplete"))
    values = raw["values"]
    if not isinstance(values, list) or not values:
        raise ParameterFileError(f"{key}.values", values, phrase("allowed.values_list", "a list of "
                                 "{since, value} entries", entry="{since, value}"), source=where)
    alternatives = _read_alternatives(key, kind, raw.get("alternatives"), len(values), where)
    pairs = []
    order_days: list[int | None] = []  # every entry's since, the first's too, for the order check
    for i, entry in enumerate(values):
        if not isinstance(entry, dict) or "value" not in entry:
            raise ParameterFileError(f"{key}.values[{i}]", entry, VALUE_ENTRY, source=where)
        if i > 0 and entry.get("since") is None:
            raise ParameterFileError(f"{key}.values[{i}].since", None,
                                     phrase("allowed.since_first_value_only", "a date: only the first "
                                            "value may omit since"), source=where)
        try:
            given = None if entry.get("since") is None else day_number(str(entry["since"]))
            since = None if i == 0 else given  # the first value is in force since the beginning of time
            value = _normalise(kind, entry["value"], channels, name,
                               tuple(a.value for a in alternatives))
        except ExplorerError as exc:
            raise ParameterFileError(
                f"{key}.values[{i}]",
                entry.get("value"),
                exc.allowed_phrase or exc.allowed,
                source=where,
                problem=exc.problem_phrase or exc.problem,
            ) from None
        except (TypeError, ValueError) as exc:
            raise ParameterFileError(f"{key}.values[{i}].since", entry.get("since"),
                                     phrase("allowed.date_such_as", "a date such as 2021-01-01",
                                            example="2021-01-01"), source=where,
                                     problem=detail(exc)) from None
        pairs.append((since, value))
        order_days.append(given)
    check_since_order(f"{key}.values", order_days, [e.get("since") for e in values], where)
    return Parameter(
        name=name,
        kind=kind,
        unit=str(raw["unit"]),
        interpretation=" ".join(str(raw["interpretation"]).split()),
        source=Source(str(document), str(date), str(src["section"]), str(src.get("ref") or "")),
        since=tuple(p[0] for p in pairs),
        values=tuple(p[1] for p in pairs),
        alternatives=alternatives,
    )


def _read_alternatives(key: str, kind: str, raw: Any, n_values: int, where: str) -> tuple[Alternative, ...]:
    """The alternatives of a reading: {value: {sentences: [...], case: text}}, at least two."""
    if kind != "reading":
        if raw is not None:
            raise ParameterFileError(f"{key}.alternatives", raw, phrase("allowed.alternatives_on_reading",
                                     "alternatives only on a reading"), source=where)
        return ()
    if n_values != 1:
        raise ParameterFileError(f"{key}.values", n_values, phrase("allowed.reading_one_value", "one value: "
                                 "a reading is not dated"), source=where)
    if not isinstance(raw, dict) or len(raw) < 2:
        raise ParameterFileError(
            f"{key}.alternatives",
            raw,
            phrase(
                "allowed.alternatives_mapping",
                "a mapping of at least two values, each with sentences and case",
            ),
            source=where,
        )
    out = []
    for value, entry in raw.items():
        sentences = entry.get("sentences") if isinstance(entry, dict) else None
        if (not isinstance(sentences, list) or not sentences or not all(isinstance(t, str) for t in sentences)
                or not isinstance(entry.get("case"), str) or not entry["case"].strip()):
            raise ParameterFileError(f"{key}.alternatives.{value}", entry,
                                     phrase("allowed.alternative_entry", "sentences (a list of quotes) and "
                                            "case (text)"), source=where)
        backs = entry.get("backs") or {}
        if not isinstance(backs, dict) or not all(
                isinstance(k, str) and isinstance(i, int) and not isinstance(i, bool)
                and 0 <= i < len(sentences) for k, i in backs.items()):
            last = len(sentences) - 1
            raise ParameterFileError(f"{key}.alternatives.{value}.backs", backs,
                                     phrase("allowed.backs_mapping", f"a mapping of step names to sentence "
                                            f"positions 0..{last}", last=last), source=where)
        out.append(Alternative(str(value), tuple(" ".join(t.split()) for t in sentences),
                               " ".join(entry["case"].split()),
                               tuple((str(k), int(i)) for k, i in backs.items())))
    return tuple(out)


def _read_calendar(raw: Any, where: str) -> CalendarSettings:
    if not isinstance(raw, dict):
        raise ParameterFileError(
            "calendar",
            raw,
            phrase(
                "allowed.calendar_mapping", "a mapping with country, language, holiday_years, supported_dates"
            ),
            source=where,
            problem=MISSING,
        )
    try:
        first_year, last_year = (int(y) for y in raw["holiday_years"])
        first, last = (day_number(str(d)) for d in raw["supported_dates"])
        country, language = str(raw["country"]), str(raw["language"])
    except (KeyError, TypeError, ValueError, OverflowError) as exc:
        raise ParameterFileError("calendar", raw, phrase("allowed.calendar_keys", "country, language, "
                                 "holiday_years [first, last], supported_dates [first, last]"), source=where,
                                 problem=detail(exc)) from None
    countries = holidays.list_supported_countries()
    if country not in countries:
        raise ParameterFileError("calendar.country", country, phrase("allowed.country_code", "a country code "
                                 "of the holidays package, e.g. SK"), source=where,
                                 problem=phrase("error.problem.unknown_country", "unknown country"))
    languages = holidays.list_localized_countries().get(country, [])
    if languages and language not in languages:
        raise ParameterFileError("calendar.language", language, choice_of(languages), source=where,
                                 problem=phrase("error.problem.no_holiday_names", "no holiday names in this "
                                                f"language for {country}", country=country))
    for year in (first_year, last_year):
        if not HOLIDAY_YEARS.low <= year <= HOLIDAY_YEARS.high or first_year > last_year:
            low, high = int(HOLIDAY_YEARS.low), int(HOLIDAY_YEARS.high)
            raise ParameterFileError("calendar.holiday_years", raw["holiday_years"],
                                     phrase("allowed.holiday_years", f"[first, last] with {low} <= first <= "
                                            f"last <= {high}", low=low, high=high), source=where,
                                     problem=OUT_OF_RANGE)
    if day_to_date(first).year <= first_year or day_to_date(last).year >= last_year:
        raise ParameterFileError(
            "calendar.supported_dates",
            raw["supported_dates"],
            phrase("allowed.inside_holiday_years", "dates strictly inside holiday_years"),
            source=where,
        )
    return CalendarSettings(country, language, first_year, last_year, first, last)
