"""Formats people read, from Babel: dates, weekdays, numbers, percentages and money per language.

One module for every format: a Slovak sentence writes "30. júna 2021", a Slovak table
"30. 6. 2021", an English sentence "30 June 2021"; money is "24,50 €" or "€24.50".  The
column functions format each distinct value once with Babel and map the rest (no per-row loop).
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache
from numbers import Number
from typing import Any, Literal

import numpy as np
import pandas as pd
from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import format_currency, format_decimal, get_decimal_symbol, get_group_symbol
from babel.numbers import format_percent as _babel_percent

from ..core.columns import REASONS
from ..core.phrases import LANGUAGES_ALLOWED, UNKNOWN_LANGUAGE, phrase
from ..errors import ExplorerError

Lang = Literal["en", "sk"]
LOCALES: Mapping[str, str] = {"en": "en_GB", "sk": "sk_SK"}
"""The Babel locale behind each language of people (English dates as "30 June 2021")."""
DATE_PATTERNS: Mapping[str, Mapping[str, str]] = {
    "sentence": {"en": "d MMMM y", "sk": "d. MMMM y"},
    "table": {"en": "d MMM y", "sk": "d. M. y"},
}
"""Babel date patterns by style and language (Slovak months take the genitive: "30. júna")."""
CURRENCY = "EUR"
STYLES = ("date", "table", "weekday", "money", "percent")
"""Named format specs a catalogue sentence may give a placeholder: "{day:date}", "{fee:money}"."""


def locale(lang: str) -> str:
    """The Babel locale of a language ("codes" reads English)."""
    if lang == "codes":
        return LOCALES["en"]
    try:
        return LOCALES[lang]
    except (KeyError, TypeError):
        raise ExplorerError("language", lang, LANGUAGES_ALLOWED, problem=UNKNOWN_LANGUAGE) from None


def _day(value: Any) -> dt.date:
    if isinstance(value, pd.Timestamp | np.datetime64):
        return pd.Timestamp(value).date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise ExplorerError(
        "date", value, phrase("allowed.calendar_day", "a calendar day"), problem=REASONS["not_a_date"]
    )


def format_date(value: Any, lang: str, style: str = "sentence") -> str:
    """A day as people write it: 'sentence' (30. júna 2021) or 'table' (30. 6. 2021)."""
    if style not in DATE_PATTERNS:
        raise ExplorerError("style", style, phrase("allowed.date_style", " or ".join(DATE_PATTERNS)),
                            problem=phrase("error.problem.unknown_date_style", "unknown date style"))
    lang = "en" if lang == "codes" else lang
    return _babel_date(_day(value), DATE_PATTERNS[style][lang], locale=locale(lang))


def format_weekday(value: Any, lang: str) -> str:
    """The weekday's name in the nominative ("Wednesday", "streda"): it stands apart in brackets."""
    return _babel_date(_day(value), "EEEE", locale=locale(lang))


def format_date_weekday(value: Any, lang: str) -> str:
    """A day with its weekday standing apart: '30 June 2021 (Wednesday)', '30. júna 2021 (streda)'."""
    return f"{format_date(value, lang)} ({format_weekday(value, lang)})"


def format_number(value: Any, lang: str, decimals: int | None = None, grouping: bool = True,
                  sign: bool = False) -> str:
    """A number with the language's separators ('6,912' / '6 912'; '33.5' / '33,5')."""
    whole = "#,##0" if grouping else "0"
    if decimals is None:
        pattern = whole + ".###"
    else:
        pattern = whole + ("." + "0" * decimals if decimals > 0 else "")
    if sign:
        pattern = f"+{pattern};-{pattern}"
    return format_decimal(_number(value), format=pattern, locale=locale(lang), decimal_quantization=True)


def format_percent(value: Any, lang: str, decimals: int = 1) -> str:
    """A share (0.545) as a percentage: '54.5%' / '54,5 %'."""
    base = Locale.parse(locale(lang)).percent_formats[None].pattern
    digits = "0." + "0" * decimals if decimals > 0 else "0"
    pattern = base.replace("#,##0", "#,##" + digits, 1) if "#,##0" in base else base
    return _babel_percent(_number(value), format=pattern, locale=locale(lang), decimal_quantization=True)


def format_money(value: Any, lang: str) -> str:
    """An amount in euro: '€24.50' / '24,50 €'."""
    return format_currency(_number(value), CURRENCY, locale=locale(lang))


def _number(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, Number | Decimal | np.number):
        raise ExplorerError("number", value, phrase("allowed.link_number", "a number"),
                            problem=REASONS["not_a_number"])
    return value.item() if isinstance(value, np.generic) else value


@lru_cache(maxsize=8)
def _symbols(lang: str) -> tuple[str, str]:
    return get_group_symbol(locale(lang)), get_decimal_symbol(locale(lang))


def format_dates(column: pd.Series, lang: str, style: str = "table") -> pd.Series:
    """A date column as text (blank where missing): each distinct day formatted once."""
    days = pd.to_datetime(column)
    distinct = days.dropna().unique()
    names = {pd.Timestamp(d): format_date(d, lang, style) for d in distinct}
    return days.map(names).astype(object).fillna("")  # object first: an all-missing column is float


def format_numbers(column: pd.Series, lang: str, decimals: int = 0) -> pd.Series:
    """A numeric column as text with the language's separators (blank where missing), vectorised."""
    values = pd.to_numeric(column)
    missing = values.isna()
    english = values.fillna(0).map(f"{{:,.{decimals}f}}".format) if len(values) else values.astype(object)
    group, decimal = _symbols(lang)
    text = english.str.replace(",", "\x00", regex=False).str.replace(".", decimal, regex=False)
    text = text.str.replace("\x00", group, regex=False)
    return text.where(~missing, "").astype(object)


def format_moneys(column: pd.Series, lang: str) -> pd.Series:
    """A column of amounts in euro as text ('€24.50' / '24,50 €'; blank where missing): each distinct
    amount formatted once with Babel and mapped onto the column."""
    values = pd.to_numeric(column)
    names = {v: format_money(float(v), lang) for v in values.dropna().unique()}
    return values.map(names).astype(object).fillna("")


_SPEC = re.compile(r"^(?P<sign>\+)?(?P<group>,)?(?:\.(?P<decimals>\d+))?(?P<type>[fd]?)$")


QUOTES = {"en": ("\u201c", "\u201d"), "sk": ("\u201e", "\u201c")}
"""Each language's quotation marks (“…” in English, „…“ in Slovak)."""


class LocaleFormatter(string.Formatter):
    """str.format with Babel: numbers, dates and named styles written the way the language writes them.

    "{rows:,}" groups digits ("6,912" / "6 912"), "{mean:+.1f}" keeps the sign and one decimal,
    "{day}" or "{day:date}" is a sentence date, "{day:table}", "{day:weekday}", "{fee:money}",
    "{share:percent}" the named styles, "{choices:values}" each of a list of values (a list, or a text
    separated by ", ") in quotation marks, "{sentences:quotes}" each of a list of quoted sentences, " / "
    between them.  A spec Babel cannot express falls back to Python's."""

    def __init__(self, lang: str) -> None:
        self.lang = "en" if lang == "codes" else lang
        locale(self.lang)

    def format_field(self, value: Any, format_spec: str) -> str:
        """One placeholder's text in this formatter's language."""
        if format_spec == "date" or (not format_spec and isinstance(value, dt.date | pd.Timestamp)):
            return format_date(value, self.lang, "sentence")
        if format_spec == "table":
            return format_date(value, self.lang, "table")
        if format_spec == "weekday":
            return format_weekday(value, self.lang)
        if format_spec == "money":
            return format_money(value, self.lang)
        if format_spec == "percent":
            return format_percent(value, self.lang)
        if format_spec == "values":  # "card, cash": values a person types, each in quotation marks
            opening, closing = QUOTES[self.lang]
            items = value if isinstance(value, list | tuple) else str(value).split(", ")
            return ", ".join(f"{opening}{v}{closing}" for v in items)
        if format_spec == "quotes":  # the guidance's own sentences, each quoted, one after another
            opening, closing = QUOTES[self.lang]
            items = value if isinstance(value, list | tuple) else [str(value)]
            return " / ".join(f"{opening}{v}{closing}" for v in items)
        if isinstance(value, Number | np.number) and not isinstance(value, bool):
            if not format_spec:
                if isinstance(value, int | np.integer):
                    return str(value)
                return format_number(value, self.lang)
            match = _SPEC.match(format_spec)
            if match:
                decimals = match["decimals"]
                if decimals is None and match["type"] == "f":
                    decimals = "6"
                return format_number(value, self.lang, None if decimals is None else int(decimals),
                                     grouping=bool(match["group"]), sign=bool(match["sign"]))
        return super().format_field(value, format_spec)


def fill(template: str, lang: str, **placeholders: Any) -> str:
    """A catalogue sentence with its named placeholders written in the language's formats."""
    return LocaleFormatter(lang).format(template, **placeholders)
