"""In words, for one person: when the five-year card ends and where its BOK can be activated on a day.

English and Slovak.  The days and the kinds of office come from the parameters
bok_wider_activation_from, bok_venues_before and bok_venues_wider, cited with their source.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..core.parameters import Parameter, Parameters, day_number, day_to_date
from ..errors import ExplorerError

LANGS = ("en", "sk")
_WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "sk": ("pondelok", "utorok", "streda", "štvrtok", "piatok", "sobota", "nedeľa"),
}
_WEEKDAYS_SK_UNTIL = ("pondelka", "utorka", "stredy", "štvrtka", "piatku", "soboty", "nedele")  # "do ..."
_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "sk": ("januára", "februára", "marca", "apríla", "mája", "júna", "júla", "augusta", "septembra",
           "októbra", "novembra", "decembra"),
}
# The kinds of office of the parameters, as a holder reads them (with the Slovak office term).
VENUE_WORDS: dict[str, dict[str, str]] = {
    "Foreign Police departments": {
        "en": "Foreign Police departments (cudzinecká polícia)",
        "sk": "oddelenia cudzineckej polície"},
    "Document departments of district police headquarters": {
        "en": "document departments of district police headquarters (oddelenie dokladov)",
        "sk": "oddelenia dokladov okresných riaditeľstiev Policajného zboru"},
    "Client centres of district offices": {
        "en": "client centres of district offices (klientske centrum)",
        "sk": "klientske centrá okresných úradov"},
}
_LAST = {"en": {1: "the last one", 2: "the last two", 3: "the last three"},
         "sk": {1: "na poslednom mieste", 2: "na posledných dvoch", 3: "na posledných troch"}}


def long_date(day: dt.date, lang: str = "en") -> str:
    """A date in words: "Thursday 2 July 2026" or "2. júla 2026"."""
    if lang == "sk":
        return f"{day.day}. {_MONTHS['sk'][day.month - 1]} {day.year}"
    return f"{_WEEKDAYS['en'][day.weekday()]} {day.day} {_MONTHS['en'][day.month - 1]} {day.year}"


def plain_date(day: dt.date, lang: str) -> str:
    """A date without its weekday: "14 August 2025" or "14. augusta 2025"."""
    return long_date(day, "sk") if lang == "sk" else f"{day.day} {_MONTHS['en'][day.month - 1]} {day.year}"


def _joined(words: list[str], lang: str) -> str:
    """"a, b and c" (English) or "a, b a c" (Slovak)."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + (" a " if lang == "sk" else " and ") + words[-1]


def _venues(venues: tuple[str, ...], lang: str) -> list[str]:
    return [VENUE_WORDS.get(v, {}).get(lang, v) for v in venues]


def _where_new(new: tuple[str, ...], wider: tuple[str, ...], lang: str) -> str:
    """The offices added by the wider list: "the last two" when they end it, else by name."""
    if new == wider[-len(new):] and len(new) in _LAST[lang]:
        return _LAST[lang][len(new)]
    words = _joined(_venues(new, lang), lang)
    return f"na miestach {words}" if lang == "sk" else words


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
        raise ExplorerError("lang", lang, "one of " + ", ".join(LANGS))


def bok_sentence(five_year_valid_until: Any, on_date: Any = None, params: Parameters | None = None,
                 lang: str = "en") -> str:
    """When the five-year card ends and where its BOK can be activated on `on_date` (default: that day)."""
    from ..core.engine import default_parameters

    _check_lang(lang)
    params = params if params is not None else default_parameters()
    end = _day(five_year_valid_until, "five_year_valid_until")
    on = end if on_date is None else _day(on_date, "on_date")
    first = params["bok_wider_activation_from"]
    wider_from = first.value_at(on)
    before = params["bok_venues_before"].value_at(on)
    wider = params["bok_venues_wider"].value_at(on)
    new = tuple(v for v in wider if v not in before)
    cite = _cite(first, on, lang)
    since = plain_date(day_to_date(wider_from), lang)
    end_date = day_to_date(end)
    if lang == "sk":
        opening = (f"Váš päťročný pobytový preukaz (Povolenie na pobyt – trvalý) platí do "
                   f"{_WEEKDAYS_SK_UNTIL[end_date.weekday()]} {long_date(end_date, 'sk')}. ")
        when = "V ten deň" if on == end else f"Dňa {long_date(day_to_date(on), 'sk')}"
        if on >= wider_from:
            partly = bool(new) and len(new) < len(wider)
            extra = (f" – {_where_new(new, wider, 'sk')} až od {since}" if partly else "") + f" ({cite})"
            return (opening + f"{when} možno BOK (bezpečnostný osobný kód) aktivovať na týchto miestach: "
                    f"{_joined(_venues(wider, 'sk'), 'sk')}" + extra + ".")
        later = f" Od {since} aj tu: {_joined(_venues(new, 'sk'), 'sk')} (zdroj: {cite})." if new else ""
        return (opening + f"{when} možno BOK (bezpečnostný osobný kód) aktivovať len tu: "
                f"{_joined(_venues(before, 'sk'), 'sk')}." + later)
    opening = f"Your five-year card is valid until {long_date(end_date)}. "
    when = "On that day" if on == end else f"On {long_date(day_to_date(on))}"
    if on >= wider_from:
        listed = _venues(wider, "en")
        extra = ""
        if new and len(new) < len(wider):
            extra = f" — possible at {_where_new(new, wider, 'en')} since {since}"
        elif new:
            extra = f" — possible there since {since}"
        return (opening + f"{when} a BOK (bezpečnostný osobný kód) can be activated at: "
                f"{_joined(listed, 'en')}{extra} ({cite}).")
    later = f" From {since} also at: {_joined(_venues(new, 'en'), 'en')} (source: {cite})." if new else ""
    return (opening + f"{when} a BOK (bezpečnostný osobný kód) can be activated only at: "
            f"{_joined(_venues(before, 'en'), 'en')}." + later)


def card_story(row: Any, params: Parameters | None = None, on: Any = None, lang: str = "en") -> str:
    """bok_sentence() of an evaluated row; says so when the row's path gives no five-year card."""
    _check_lang(lang)
    end = row["five_year_valid_until"]
    if end is None or end != end or str(end) == "NaT":
        return ("Na tejto ceste sa päťročný pobytový preukaz nevydáva, takže nemožno uviesť jeho platnosť "
                "ani miesto aktivácie BOK." if lang == "sk" else
                "No five-year card is issued on this path, so no validity end or BOK office can be given.")
    return bok_sentence(end, on, params, lang)


def _day(value: Any, name: str) -> int:
    try:
        return day_number(value)
    except (TypeError, ValueError):
        raise ExplorerError(name, value, "a date such as 2021-06-30") from None
