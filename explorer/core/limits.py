"""Stated limits on what the explorer reads: file sizes, YAML expansion, and number ranges.

Every limit is data here (or, for input columns, next to their declaration in inputs.py) and
is checked in one place; the README's section on errors quotes them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import ExplorerError
from .phrases import Phrase, phrase

MAX_YAML_BYTES = 100_000
"""Largest parameters, reform or assumptions file read (the shipped parameters file is 9 KB;
PyYAML reads about 40 KB a second on a busy 2-core machine)."""
MAX_YAML_NODES = 20_000
"""Most values a YAML file may hold once its aliases (*name) are expanded."""
MAX_YAML_DEPTH = 64
"""Deepest nesting of lists and mappings in a YAML file."""
MAX_POPULATION_BYTES = 1_000_000_000
"""Largest population file read in one piece (split bigger populations and use --dask)."""


@dataclass(frozen=True)
class Range:
    """Allowed numbers of a field: low..high (both included), whole numbers only when `whole`."""

    low: float
    high: float
    whole: bool
    unit: str

    def allowed(self) -> str:
        """The range in English words, e.g. 'a whole number of days from 0 to 3,650'."""
        return self.phrase().english

    def phrase(self) -> Phrase:
        """The range as one catalogue entry (by unit and wholeness) with its bounds as placeholders."""
        kind = "a whole number" if self.whole else "a number"
        key = f"allowed.range.{RANGE_UNITS.get(self.unit, 'other')}.{'whole' if self.whole else 'any'}"
        low, high = _plain(self.low), _plain(self.high)
        return phrase(key, f"{kind} of {self.unit} from {low:,} to {high:,}", low=low, high=high)

    def outside(self, values: np.ndarray) -> np.ndarray:
        """True where a (finite, float) value lies outside the range."""
        return (values < self.low) | (values > self.high)

    def check(self, field: str, value: float, source: str | None = None) -> None:
        """ExplorerError naming the field, the value and the range when `value` lies outside it."""
        if value < self.low or value > self.high:
            raise ExplorerError(field, value, self.phrase(), source=source,
                                problem=phrase("error.problem.out_of_range", "out of range"))


RANGE_UNITS = {"days": "days", "working days": "working_days", "years": "years", "people": "people",
               "cents (0 to 1,000,000.00 EUR)": "cents"}
"""The catalogue's name of each unit a Range counts in (allowed.range.<name>.<whole|any>)."""


def _plain(value: float) -> int | float:
    """A bound as an int when whole (Babel writes 3,650, not 3,650.0)."""
    return int(value) if float(value).is_integer() else float(value)


MONEY_CENTS = Range(0, 100_000_000, whole=True, unit="cents (0 to 1,000,000.00 EUR)")
"""A fee: at most a million euros, so that sums over a billion holders stay exact in int64 cents."""
DURATIONS = {
    "days": Range(0, 3_650, whole=True, unit="days"),
    "working_days": Range(0, 2_500, whole=True, unit="working days"),
    "years": Range(0, 10, whole=True, unit="years"),
}
"""Durations of parameters by unit: at most about ten years, so that every date the rules reach
from a supported input date stays inside the holiday years of the calendar."""
INTEGER_PARAMETER = Range(0, 150, whole=True, unit="years")
"""An integer parameter (max_years_resided)."""
HOLIDAY_YEARS = Range(1900, 2200, whole=True, unit="years")
"""Years the holiday calendar may cover (a wider span would take minutes to build)."""
