"""The project's one exception type for bad input, with the facts an analyst needs."""

from __future__ import annotations

import reprlib
from typing import Any

PREVIEW_CHARS = 120
"""Longest preview of a value, field or row shown in a message: a hostile value (a YAML alias
bomb, a 1 GB cell) is cut before it is ever expanded in full."""
PROBLEM_CHARS = 300
_REPR = reprlib.Repr()
_REPR.maxlevel = 3
_REPR.maxstring = _REPR.maxother = PREVIEW_CHARS
_REPR.maxlong = 40
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = _REPR.maxset = _REPR.maxfrozenset = 10


def preview(value: Any, limit: int = PREVIEW_CHARS) -> str:
    """A short repr of any value (nested containers and long texts cut), at most `limit` characters."""
    try:
        text = _REPR.repr(value)
    except Exception:  # noqa: BLE001 - a value whose repr fails still gets a name
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[:limit - 3] + "..."


def cut(text: Any, limit: int = PREVIEW_CHARS) -> str:
    """str(text) cut to `limit` characters."""
    text = str(text)
    return text if len(text) <= limit else text[:limit - 3] + "..."


class ExplorerError(ValueError):
    """Bad input or a bad parameter: names the field, the value, what is allowed and where.

    Attributes mirror the message so that callers (the dashboard, the command line) can
    show or log them separately.
    """

    def __init__(
        self,
        field: str,
        value: Any,
        allowed: str,
        row: Any = None,
        *,
        source: str | None = None,
        problem: str | None = None,
    ) -> None:
        if hasattr(value, "item") and getattr(value, "shape", None) == ():
            value = value.item()  # numpy scalars read as plain numbers in messages
        self.field = field
        self.value = value
        self.allowed = allowed
        self.row = row
        self.source = source
        self.problem = problem
        parts = []
        if source:
            parts.append(f"{cut(source, 2 * PREVIEW_CHARS)}:")
        shown = f"{cut(field)} = {preview(value)}"
        parts.append(shown if problem is None else f"{shown}: {cut(problem, PROBLEM_CHARS)}")
        parts.append(f"(allowed: {allowed})")
        if row is not None:
            parts.append(f"[first offending row: {preview(row)}]")
        super().__init__(" ".join(parts))


class ParameterFileError(ExplorerError):
    """A malformed parameter or reform file: names the file and the key."""
