"""In words, for one person: when the five-year card ends and where its BOK can be activated on a day.

English and Slovak, every sentence a whole catalogue entry (data/locale, keys "bok.*", "venue.*").
The days and the kinds of office come from the parameters bok_wider_activation_from,
bok_venues_before and bok_venues_wider, cited with their source.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..core.days import day_argument, day_to_date
from ..core.engine import default_parameters
from ..core.parameters import Parameter, Parameters
from ..core.phrases import choice_of
from ..errors import ExplorerError
from ..words import catalogue, formats

LANGS = ("en", "sk")
VENUE_KEYS = {
    "Foreign Police departments": "venue.foreign_police",
    "Document departments of district police headquarters": "venue.document_departments",
    "Client centres of district offices": "venue.client_centres",
}
"""The catalogue entry naming each kind of office of the parameters, as a holder reads it."""


def long_date(day: dt.date, lang: str = "en") -> str:
    """A date in words with its weekday apart: "2 July 2026 (Thursday)", "2. júla 2026 (štvrtok)"."""
    return formats.format_date_weekday(day, lang)


def plain_date(day: dt.date, lang: str) -> str:
    """A date without its weekday: "14 August 2025" or "14. augusta 2025"."""
    return formats.format_date(day, lang)


def _t(key: str, lang: str, **fields: Any) -> str:
    return catalogue.text(key, lang, **fields)


def _joined(words: list[str], lang: str) -> str:
    """"a, b and c" (English) or "a, b a c" (Slovak)."""
    if len(words) <= 1:
        return "".join(words)
    return _t("explain.and", lang, first=", ".join(words[:-1]), last=words[-1])


def _venues(venues: tuple[str, ...], lang: str) -> str:
    return _joined([_t(VENUE_KEYS[v], lang) if v in VENUE_KEYS else v for v in venues], lang)


def _cite(param: Parameter, day: int, lang: str) -> str:
    """A short citation of a parameter's value in force on a day: "vizum.sk, 15 August 2025"."""
    source = param.source_at(day)
    try:
        when = plain_date(dt.date.fromisoformat(source.date), lang)
    except ValueError:
        when = source.date
    return f"{source.document.split(':')[0]}, {when}"


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ExplorerError("lang", lang, choice_of(LANGS))


def bok_sentence(five_year_valid_until: Any, on_date: Any = None, params: Parameters | None = None,
                 lang: str = "en") -> str:
    """When the five-year card ends and where its BOK can be activated on `on_date` (default: that day)."""
    _check_lang(lang)
    params = params if params is not None else default_parameters()
    end = day_argument(five_year_valid_until, "five_year_valid_until")
    on = end if on_date is None else day_argument(on_date, "on_date")
    first = params["bok_wider_activation_from"]
    wider_from = first.value_at(on)
    before = params["bok_venues_before"].value_at(on)
    wider = params["bok_venues_wider"].value_at(on)
    new = tuple(v for v in wider if v not in before)
    cite = _cite(first, on, lang)
    since = day_to_date(wider_from)
    end_date = day_to_date(end)
    opening = _t("bok.valid", lang, end=end_date, weekday=formats.format_weekday(end_date, lang))
    on_day = day_to_date(on)
    when = _t("bok.that_day", lang) if on == end else \
        _t("bok.on_day", lang, day=on_day, weekday=formats.format_weekday(on_day, lang))
    if on >= wider_from:
        if new:
            return opening + " " + _t("bok.wider_since", lang, when=when, venues=_venues(wider, lang),
                                      new=_venues(new, lang), since=since, cite=cite)
        return opening + " " + _t("bok.wider", lang, when=when, venues=_venues(wider, lang), cite=cite)
    text = opening + " " + _t("bok.before", lang, when=when, venues=_venues(before, lang))
    if new:
        text += " " + _t("bok.later", lang, since=since, new=_venues(new, lang), cite=cite)
    return text


def card_story(row: Any, params: Parameters | None = None, on: Any = None, lang: str = "en") -> str:
    """bok_sentence() of an evaluated row; says so when the row's path gives no five-year card."""
    _check_lang(lang)
    end = row["five_year_valid_until"]
    if end is None or end != end or str(end) == "NaT":
        return _t("bok.no_card", lang)
    return bok_sentence(end, on, params, lang)
