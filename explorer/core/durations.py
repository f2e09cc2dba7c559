"""Durations of the rules ("30 days", "2 working_days", "5 years") and their calendar arithmetic."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .phrases import PhrasedValueError, phrase

Unit = Literal["days", "working_days", "years"]
UNITS: tuple[str, ...] = ("days", "working_days", "years")
_PATTERN = re.compile(r"^\s*(-?\d+)\s*(day|days|working_day|working_days|year|years)\s*$")


@dataclass(frozen=True)
class Duration:
    """A whole number of calendar days, Slovak working days or calendar years."""

    amount: int
    unit: Unit

    @classmethod
    def parse(cls, text: str) -> Duration:
        """Read "30 days", "2 working_days" or "5 years"; raise ValueError otherwise."""
        m = _PATTERN.match(str(text))
        if not m:
            raise PhrasedValueError(
                phrase(
                    "error.problem.not_a_duration",
                    f"not a duration: {text!r} (write e.g. '30 days', '2 working_days', '5 years')",
                    text=str(text),
                )
            )
        unit = m.group(2)
        if not unit.endswith("s"):
            unit += "s"
        return cls(int(m.group(1)), unit)  # type: ignore[arg-type]

    def __str__(self) -> str:
        return f"{self.amount} {self.unit}"
