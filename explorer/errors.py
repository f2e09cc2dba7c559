"""The project's one exception type for bad input, with the facts an analyst needs."""

from __future__ import annotations

from typing import Any


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
            parts.append(f"{source}:")
        parts.append(f"{field!s} = {value!r}" if problem is None else f"{field!s} = {value!r}: {problem}")
        parts.append(f"(allowed: {allowed})")
        if row is not None:
            parts.append(f"[first offending row: {row!r}]")
        super().__init__(" ".join(parts))


class ParameterFileError(ExplorerError):
    """A malformed parameter or reform file: names the file and the key."""
