"""The words of explain(): catalogue sentences and Babel formats for days, money, durations and lists.

No sentence is written here: every sentence is a whole entry of the message catalogues
(data/locale, keys "explain.*", "lead.*", "count.*"), formats come from explorer.words.formats.
Nothing here computes a rule.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..core.durations import Duration
from ..words import catalogue, formats

LANGS = ("en", "sk")
VOICES = ("holder", "third")
_COUNT_UNITS = {"days": "calendar_days", "working_days": "working_days", "years": "years"}


def t(key: str, lang: str, **fields: Any) -> str:
    """A catalogue sentence filled in the language's formats."""
    return catalogue.text(key, lang, **fields)


def n(key: str, count: int, lang: str, **fields: Any) -> str:
    """A catalogue sentence with plural forms, chosen by `count` (also the placeholder {n})."""
    return catalogue.ngettext(key, int(count), lang, **fields)


def day(d: dt.date, lang: str) -> str:
    """'30 June 2021' or '30. júna 2021'."""
    return formats.format_date(d, lang)


def weekday(d: dt.date, lang: str) -> str:
    """'Wednesday' or 'streda' (it stands apart, in brackets, so its case never depends on do/od/po)."""
    return formats.format_weekday(d, lang)


def money(cents: int, lang: str) -> str:
    """'€24.50' or '24,50 €'."""
    return formats.format_money(cents / 100, lang)


def number(value: float, lang: str) -> str:
    """A number in the language's format, without a needless '.0'."""
    return formats.format_number(value, lang)


def duration(d: Duration, lang: str, within: bool = False) -> str:
    """'30 calendar days' (or 'within 30 calendar days': 'do 30 kalendárnych dní')."""
    unit = _COUNT_UNITS.get(d.unit, d.unit)
    return n(f"count.within.{unit}" if within else f"count.{unit}", d.amount, lang)


def joined(items: list[str], lang: str, word: str = "and") -> str:
    """'a, b and c' or 'a, b a c'."""
    if len(items) <= 1:
        return "".join(items)
    return t(f"explain.{word}", lang, first=", ".join(items[:-1]), last=items[-1])
