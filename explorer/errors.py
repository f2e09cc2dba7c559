"""The project's one exception type for bad input, with the facts an analyst needs."""

from __future__ import annotations

import datetime as dt
import reprlib
from typing import Any

from .core.phrases import Phrase

PREVIEW_CHARS = 120
"""Longest preview of a value, field or row shown in a message: a hostile value (a YAML alias
bomb, a 1 GB cell) is cut before it is ever expanded in full."""
PROBLEM_CHARS = 300


def _date_text(value: Any) -> str:
    """A date or time as ISO text (no time part at midnight); "no date" for NaT."""
    try:
        if value != value:  # NaT
            return "no date"
        if isinstance(value, dt.datetime) or type(value).__name__ == "Timestamp":
            midnight = (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0)
            return value.date().isoformat() if midnight else value.isoformat(sep=" ")
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value)  # numpy datetime64: already ISO
    except Exception:  # noqa: BLE001 - an odd date subclass still gets shown
        return str(value)


class _Words(reprlib.Repr):
    """reprlib.Repr that shows dates as dates (2020-01-01), not as Python forms
    (Timestamp('2020-01-01 00:00:00'), datetime.date(2020, 1, 1)), and long texts with their length."""

    def repr_str(self, x: str, level: int) -> str:
        if len(x) <= self.maxstring:
            return repr(x)
        return repr(x[:self.maxstring - 3]) + f"... ({len(x):,} characters)"

    def repr_Timestamp(self, x: Any, level: int) -> str:  # noqa: N802 - reprlib's naming scheme
        return _date_text(x)

    repr_datetime = repr_date = repr_datetime64 = repr_NaTType = repr_Timestamp


_REPR = _Words()
_REPR.maxlevel = 3
_REPR.maxstring = _REPR.maxother = PREVIEW_CHARS
_REPR.maxlong = 40
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = _REPR.maxset = _REPR.maxfrozenset = 10


def preview(value: Any, limit: int = PREVIEW_CHARS) -> str:
    """A short repr of any value (nested containers and long texts cut, with the text's length),
    dates as dates, at most about `limit` characters."""
    try:
        text = _REPR.repr(value)
    except Exception:  # noqa: BLE001 - a value whose repr fails still gets a name
        text = f"<{type(value).__name__}>"
    if len(text) <= limit:
        return text
    length = f" ({len(value):,} characters)" if isinstance(value, str) else ""
    return text[:limit - 3] + "..." + length


def cut(text: Any, limit: int = PREVIEW_CHARS) -> str:
    """str(text) cut to `limit` characters, saying how long it was when cut."""
    text = str(text)
    return text if len(text) <= limit else text[:limit - 3] + f"... ({len(text):,} characters)"


CONTROL_ESCAPES = {c: f"\\x{c:02x}" for c in [*range(0x00, 0x09), *range(0x0b, 0x20), *range(0x7f, 0xa0)]}
"""str.translate table: each control character (NUL, BEL, CR, ESC, DEL, C1; not tab or line
feed) as its visible escape, e.g. \\x1b."""


def visible(text: Any) -> str:
    """str(text) with control characters written as escapes (\\x00, \\x1b): a value from a file or a
    link cannot move the terminal's cursor, colour it, or hide itself when printed."""
    return str(text).translate(CONTROL_ESCAPES)


def _is_phrase(found: Any) -> bool:
    """Whether a value is a catalogue phrase (a key, its placeholders and its English words)."""
    return isinstance(found, Phrase)


def _english(found: Any) -> str:
    """The English words of a phrase, or a text as it is."""
    return found.english if _is_phrase(found) else str(found)


class ExplorerError(ValueError):
    """Bad input or a bad parameter: names the field, the value, what is allowed and where.

    Attributes mirror the message so that callers (the dashboard, the command line) can
    show or log them separately.  `allowed` and `problem` may be given as catalogue phrases
    (explorer.core.phrases.Phrase): the attributes then hold their English words (the message
    below), `allowed_phrase`/`problem_phrase` the phrases the dashboard writes in its language.
    """

    def __init__(
        self,
        field: str,
        value: Any,
        allowed: str | Phrase,
        row: Any = None,
        *,
        source: str | None = None,
        problem: str | Phrase | None = None,
    ) -> None:
        if hasattr(value, "item") and getattr(value, "shape", None) == ():
            value = value.item()  # numpy scalars read as plain numbers in messages
        self.field = field
        self.value = value
        self.allowed_phrase = allowed if _is_phrase(allowed) else None
        self.problem_phrase = problem if _is_phrase(problem) else None
        self.allowed = _english(allowed)
        self.row = row
        self.source = source
        self.problem = None if problem is None else _english(problem)
        super().__init__(self.describe(with_row=True))

    def describe(self, with_row: bool = True) -> str:
        """The one-line message; `with_row=False` leaves out the row label (the dashboard's own
        grid rows mean nothing to a reader)."""
        parts = []
        if self.source:
            parts.append(f"{cut(visible(self.source), 2 * PREVIEW_CHARS)}:")
        shown = f"{cut(visible(self.field))} = {preview(self.value)}"
        parts.append(shown if self.problem is None else f"{shown}: {cut(self.problem, PROBLEM_CHARS)}")
        parts.append(f"(allowed: {self.allowed})")
        if with_row and self.row is not None:
            parts.append(f"[first offending row: {preview(self.row)}]")
        return " ".join(parts)


class ParameterFileError(ExplorerError):
    """A malformed parameter or reform file: names the file and the key."""
