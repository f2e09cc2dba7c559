"""Day numbers (days since 1970-01-01, int64) and their datetime64[us] form: the one place for
NAT, US_PER_DAY and the conversion from day numbers to datetimes."""

from __future__ import annotations

import numpy as np

NAT = np.iinfo(np.int64).min
"""The int64 value of NaT: a missing day number, and a missing datetime64 value."""
DATETIME = "datetime64[us]"
"""The dtype of every date column the package writes."""
US_PER_DAY = 86_400_000_000


def to_datetime(days: np.ndarray, missing: np.ndarray | bool | None = None,
                in_place: bool = False) -> np.ndarray:
    """datetime64[us] values of day numbers, NaT where `missing` is True (None: where a day is
    NAT; False: nowhere); `in_place` converts an int64 array where it stands (no copy)."""
    days = np.asarray(days)
    if missing is None:
        missing = days == NAT
    if in_place and days.dtype == np.int64:
        out = days
        np.multiply(out, US_PER_DAY, out=out)
    else:
        out = days.astype(np.int64) * US_PER_DAY
    if missing is not False:
        np.copyto(out, NAT, where=missing)
    return out.view(DATETIME)
