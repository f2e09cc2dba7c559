"""Reading the rule parameters from a YAML file (data/parameters.yaml by default): every entry
checked and named in the error when it is wrong, then held as explorer.core.parameters.Parameters."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import holidays

from ..errors import ExplorerError, ParameterFileError
from .datafiles import data_path
from .days import day_number, day_to_date
from .limits import HOLIDAY_YEARS
from .parameters import (
    KINDS,
    Alternative,
    CalendarSettings,
    Parameter,
    Parameters,
    Source,
    check_since_order,
    check_supported_dates,
    normalise,
)
from .phrases import MISSING, NON_EMPTY, OUT_OF_RANGE, VALUE_ENTRY, choice_of, detail, phrase
from .safe_yaml import load_yaml_file

DEFAULT_PATH = data_path("parameters.yaml")


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
            value = normalise(kind, entry["value"], channels, name,
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
