"""Where a personal security code (BOK) can be activated.

Source: vizum.sk post of 2025-08-15 (seeds/000): from 14 August 2025 also at document
departments of district police headquarters and client centres of district offices.
"""

from __future__ import annotations

import numpy as np

from ..parameters import Parameters


def wider_on(on: np.ndarray, params: Parameters) -> np.ndarray:
    """True on the days (day numbers) from bok_wider_activation_from: the wider list of offices applies."""
    return on >= params["bok_wider_activation_from"].numeric_at(on)


def venue_types(on: np.ndarray, params: Parameters) -> np.ndarray:
    """Number of kinds of office where a BOK can be activated on each day."""
    before = params["bok_venues_before"]
    wider = params["bok_venues_wider"]
    n_before = np.array([len(v) for v in before.values])[before.index_at(on)] if before.dated \
        else len(before.values[0])
    n_wider = np.array([len(v) for v in wider.values])[wider.index_at(on)] if wider.dated \
        else len(wider.values[0])
    return np.where(wider_on(on, params), n_wider, n_before)


def venues_on(day: int, params: Parameters) -> list[str]:
    """Kinds of office where a BOK can be activated on one day."""
    name = "bok_venues_wider" if day >= params["bok_wider_activation_from"].value_at(day) \
        else "bok_venues_before"
    return list(params[name].value_at(day))
