"""The summary tables of a sweep in factored form, equal to explorer.tables.summaries on its rows.

Each sum, minimum and maximum is taken over the fewest dimensions its values vary on, with the
other dimensions counted as multiplicities, so no table touches every row.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.days import to_datetime
from ..core.inputs import OPTIONS
from ..core.rules import transition
from ..core.rules.transition import STATUSES
from ..labels import Language
from ..scenarios.factored import Factored
from .summaries import (
    DATE_OUTPUTS,
    deadlines_table_of,
    fees_table_of,
    period_codes,
    rename_columns,
    status_table_of,
)

_DAY = np.int32
"""Day numbers and gaps fit int32: half the memory traffic of int64 in the reductions."""
_HIGH, _LOW = np.iinfo(_DAY).max, np.iinfo(_DAY).min
_FLAG_BIT = 30
_FLAG = 1 << _FLAG_BIT


def status_table(f: Factored, expiry_freq: str = "MS", application_freq: str = "MS",
                 labels: Language = "codes") -> pd.DataFrame:
    """summaries.status_table of the sweep: a status holds for every choice of a cell."""
    e_periods, e_code = period_codes(f.axes.expiry, expiry_freq)
    a_periods, a_code = period_codes(f.axes.application, application_freq)
    n_s = len(STATUSES)
    key = (e_code[:, None] * len(a_periods) + a_code[None, :]) * n_s + f.status_codes()
    counts = np.bincount(key.reshape(-1), minlength=len(e_periods) * len(a_periods) * n_s)
    per_cell = int(np.prod(f.axes.shape[2:]))
    before = np.bincount((key // n_s).reshape(-1), weights=f.cells["before_guidance_period"].reshape(-1),
                         minlength=len(e_periods) * len(a_periods)).astype(np.int64)
    return status_table_of(e_periods, a_periods, counts.reshape(-1, n_s) * per_cell, labels,
                           before=before * per_cell)


def _by_option(f: Factored, table: np.ndarray) -> np.ndarray:
    """A per-choice table as (nA, nO, nX * nD)."""
    n_a, n_o = f.axes.shape[1:3]
    return table.reshape(n_a, n_o, -1)


def _gaps(f: Factored) -> tuple[np.ndarray, np.ndarray]:
    """Days without a card (E, A, O, X) as int32 (they do not vary with delivery) and where they
    are missing (no five-year card or no path); computed once per sweep."""
    cached = f.cache.get("gaps")
    if cached is None:
        n_d = f.axes.shape[4]
        first = f.choices["first_issued_by"][::n_d].astype(_DAY)
        gap = transition.first_handover_gap(first[None, :], f.expiry.astype(_DAY)[:, None])
        gap += f.choices["second_gap_days"][::n_d].astype(_DAY)
        cached = f.cache["gaps"] = (gap.reshape(len(f.expiry), *f.axes.shape[1:4]),
                                    _no_card(f)[..., None])
    return cached


def _no_card(f: Factored) -> np.ndarray:
    """Rows without a five-year card's dates, per (E, A, O): no path, or no card (late, "no_card")."""
    no_card = _by_option(f, f.choices["no_five_year_card"])[..., 0]
    return ~f.open_ | no_card[None, :, :]


def _extremes(values: np.ndarray, missing: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """Per expiry day (first axis): min and max of `values` where not `missing` (broadcast;
    _HIGH / _LOW where every value is missing).

    Masked values are pushed out of range by adding or subtracting a flag bit (integer adds
    run in SIMD; np.where on a broadcast mask does not)."""
    if missing is None:
        axes = tuple(range(1, values.ndim))
        return values.min(axis=axes).astype(np.int64), values.max(axis=axes).astype(np.int64)
    axes = tuple(range(1, max(values.ndim, missing.ndim)))
    base = int(values.min())
    relative = (values - base).astype(_DAY)
    if int(relative.max()) >= _FLAG:  # a span no sweep has: the plain way
        return (np.where(missing, _HIGH, values).min(axis=axes).astype(np.int64),
                np.where(missing, _LOW, values).max(axis=axes).astype(np.int64))
    flag = missing.astype(_DAY) << _FLAG_BIT
    low = (relative + flag).min(axis=axes).astype(np.int64)
    high = (relative - flag).max(axis=axes).astype(np.int64)
    return np.where(low >= _FLAG, _HIGH, low + base), np.where(high < 0, _LOW, high + base)


def deadlines_table(f: Factored, freq: str = "MS", labels: Language = "codes") -> pd.DataFrame:
    """summaries.deadlines_table of the sweep."""
    periods, code = period_codes(f.axes.expiry, freq)
    starts = np.flatnonzero(np.r_[True, code[1:] != code[:-1]])
    n_x, n_d = f.axes.shape[3:]
    k = f.choices
    closed = ~f.open_
    no_card = _no_card(f)
    per_day = {
        "apply_by": _extremes(f.cells["apply_by"], None),
        "apply_by_last_working_day": _extremes(f.cells["apply_by_last_working_day"], None),
    }
    for name in ("five_year_issued_by", "five_year_valid_until", "first_issued_by"):
        values = _by_option(f, k[name])
        mask = closed if name == "first_issued_by" else no_card
        per_day[name] = (_extremes(values.min(axis=2)[None], mask)[0],
                         _extremes(values.max(axis=2)[None], mask)[1])
    gap, gap_missing = _gaps(f)
    gap_low, gap_high = _extremes(gap, gap_missing)
    gap_sum = np.where(gap_missing, 0, gap).sum(axis=(1, 2, 3), dtype=np.int64)
    gap_count = (~gap_missing).sum(axis=(1, 2, 3)) * n_x
    low, high = {}, {}
    for name in DATE_OUTPUTS:
        low[name] = _dates(np.minimum.reduceat(per_day[name][0], starts), _HIGH)
        high[name] = _dates(np.maximum.reduceat(per_day[name][1], starts), _LOW)
    low["gap"] = _numbers(np.minimum.reduceat(gap_low, starts), _HIGH)
    high["gap"] = _numbers(np.maximum.reduceat(gap_high, starts), _LOW)
    count = np.add.reduceat(gap_count, starts)
    mean = np.add.reduceat(gap_sum, starts) / np.where(count > 0, count, np.nan)
    rows = np.add.reduceat(np.full(len(code), int(np.prod(f.axes.shape[1:]))), starts)
    with_path = np.add.reduceat(f.open_.sum(axis=(1, 2)) * n_x * n_d, starts)
    per_cell = int(np.prod(f.axes.shape[2:]))
    before = np.add.reduceat(f.cells["before_guidance_period"].sum(axis=1, dtype=np.int64) * per_cell, starts)
    return deadlines_table_of(periods, rows, with_path, low, high, mean, labels, before=before)


def _dates(days: np.ndarray, none: int) -> np.ndarray:
    """datetime64[us] of day numbers, NaT where `none` (no value in the period)."""
    return to_datetime(days, days == none)


def _numbers(values: np.ndarray, none: int) -> np.ndarray:
    """float64 of whole numbers, NaN where `none`."""
    return np.where(values == none, np.nan, values.astype(np.float64))


def fees_table(f: Factored, labels: Language = "codes") -> pd.DataFrame:
    """summaries.fees_table of the sweep (without weights)."""
    n_e, n_a, n_o, n_x, n_d = f.axes.shape
    k = f.choices
    open_count = f.open_.sum(axis=0)  # (A, O): expiry days with the path open
    shape = (n_a, n_o, n_x, n_d)
    gap, gap_missing = _gaps(f)
    gap_total = np.where(gap_missing, 0, gap).sum(axis=(0, 1), dtype=np.int64)  # (O, X)
    sums = {
        "open": np.broadcast_to(open_count.sum(axis=0)[:, None, None], shape[1:]),
        "cents": (open_count[:, :, None, None] * k["fees_cents"].reshape(shape)).sum(axis=0),
        "visits": (open_count[:, :, None, None] * k["visits"].reshape(shape)).sum(axis=0),
        "gap": np.broadcast_to(gap_total[:, :, None], shape[1:]),
    }
    codes = (np.array([OPTIONS.index(o) for o in f.axes.options])[:, None, None] * 4
             + np.array(f.axes.expedited, dtype=np.int64)[None, :, None] * 2
             + np.array(f.axes.delivery, dtype=np.int64)[None, None, :]).reshape(-1)
    groups = len(OPTIONS) * 4
    rows = np.zeros(groups, dtype=np.int64)
    rows[codes] = n_e * n_a
    before = np.zeros(groups, dtype=np.int64)
    before[codes] = int(f.cells["before_guidance_period"].sum())  # every choice has one row per cell
    placed = {}
    for name, values in sums.items():
        placed[name] = np.zeros(groups, dtype=np.int64)
        placed[name][codes] = values.reshape(-1)
    return rename_columns(fees_table_of(rows, placed, before=before), labels)
