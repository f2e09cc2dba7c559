"""Where a personal security code (BOK) can be activated.

Source: vizum.sk post of 2025-08-15 (seeds/000): from 14 August 2025 also at document
departments of district police headquarters and client centres of district offices.
"""

from __future__ import annotations

import numpy as np

from ..parameters import Parameter, Parameters

VENUE_PARAMETERS = ("bok_venues_before", "bok_venues_wider")
"""The two lists of offices; venue_parameter chooses one per day."""


def wider_on(on: np.ndarray, params: Parameters) -> np.ndarray:
    """True on the days (day numbers) from bok_wider_activation_from: the wider list of offices applies."""
    return on >= params["bok_wider_activation_from"].numeric_at(on)


def venue_parameter(on: np.ndarray, params: Parameters) -> np.ndarray:
    """Which list of offices applies on each day (day numbers), as its index in VENUE_PARAMETERS:
    bok_venues_wider from bok_wider_activation_from on (wider_on), bok_venues_before before it.
    The one place the list is chosen: venue_types, venues_on and core.trace ask it."""
    return np.asarray(wider_on(on, params)).view(np.int8)  # False, True as 0, 1: no copy


def _count(param: Parameter, on: np.ndarray) -> np.ndarray | int:
    """How many kinds of office a list of offices names, in force on each day."""
    if not param.dated:
        return len(param.values[0])
    return np.array([len(v) for v in param.values])[param.index_at(on)]


def venue_types(on: np.ndarray, params: Parameters) -> np.ndarray:
    """Number of kinds of office where a BOK can be activated on each day, in the list
    venue_parameter chooses."""
    which = venue_parameter(on, params)
    counts = [_count(params[name], on) for name in VENUE_PARAMETERS]
    if all(np.ndim(count) == 0 for count in counts):  # undated lists: one count each
        return np.array(counts, dtype=np.int64)[which]
    return np.choose(which, counts)


def venues_on(day: int, params: Parameters) -> list[str]:
    """Kinds of office where a BOK can be activated on one day (in the list venue_parameter chooses)."""
    name = VENUE_PARAMETERS[int(venue_parameter(np.array([day]), params)[0])]
    return list(params[name].value_at(day))
