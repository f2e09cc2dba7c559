"""Summary tables of an evaluated frame: status by period, deadlines by expiry period, fee totals.

Each returns a tidy DataFrame with readable column names.  Money is summed in integer
cents and shown in euros.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..core.days import NAT, US_PER_DAY
from ..core.inputs import OPTIONS
from ..core.phrases import choice_of, detail, said
from ..core.rules.transition import STATUSES
from ..errors import ExplorerError
from ..labels import Language, rename_columns

DATE_OUTPUTS = ("apply_by", "apply_by_last_working_day", "first_issued_by", "five_year_issued_by",
                "five_year_valid_until")
_LABELS = {
    "apply_by": "apply by",
    "apply_by_last_working_day": "last working day",
    "first_issued_by": "first card issued by",
    "five_year_issued_by": "five-year card issued by",
    "five_year_valid_until": "five-year card valid until",
}




def period(dates: pd.Series, freq: str) -> pd.Series:
    """Start day of the period (e.g. "MS" month, "W" week from Monday, "QS" quarter, "D") of
    each date."""
    periods, codes = period_codes(dates, freq)
    return pd.Series(periods[codes], index=dates.index, name=dates.name)


def period_codes(dates: pd.Series | np.ndarray, freq: str | None) -> tuple[np.ndarray, np.ndarray]:
    """(distinct period starts, sorted, as datetime64[us]; the code of each row's period).

    O(n) in the rows: the period of each distinct day is computed once and gathered, since
    calendar conversions (to months, quarters) cost far more per value than a gather."""
    values = np.asarray(dates.to_numpy() if isinstance(dates, pd.Series) else dates)
    if not np.issubdtype(values.dtype, np.datetime64):
        values = pd.to_datetime(pd.Series(values)).to_numpy()
    raw = values.astype("datetime64[us]").view(np.int64)
    if raw.size == 0:
        return raw.view("datetime64[us]"), np.zeros(0, dtype=np.int64)
    if raw.min() == NAT:
        pos = int(np.argmax(raw == NAT))
        raise ExplorerError("date", "NaT",
                            said("allowed.grouping_dates", "a date in every row of the grouping column"),
                            pos, problem=said("bad_row.missing_date", "missing date"))
    days = raw // US_PER_DAY
    lo, hi = int(days.min()), int(days.max())
    if hi - lo < max(1 << 16, 4 * days.size):
        offset = days - lo
        starts = _period_starts(np.arange(lo, hi + 1, dtype=np.int64), freq)
        present = np.bincount(offset, minlength=hi - lo + 1) > 0
        uniq = np.unique(starts[present])
        codes = np.searchsorted(uniq, starts)[offset]
    else:
        uniq_days, inverse = np.unique(days, return_inverse=True)
        uniq, small = np.unique(_period_starts(uniq_days, freq), return_inverse=True)
        codes = small[inverse]
    return (uniq * US_PER_DAY).view("datetime64[us]"), codes


def _period_starts(days: np.ndarray, freq: str | None) -> np.ndarray:
    """Day numbers of the start of the period holding each day number (a short array)."""
    dates = days.view("datetime64[D]")
    if freq in ("D", None):
        return days
    if freq in ("MS", "ME", "M"):
        return dates.astype("datetime64[M]").astype("datetime64[D]").view(np.int64)
    if freq in ("YS", "YE", "Y", "AS"):
        return dates.astype("datetime64[Y]").astype("datetime64[D]").view(np.int64)
    if freq in ("QS", "QE", "Q"):
        months = dates.astype("datetime64[M]").view(np.int64)
        return (months - months % 3).view("datetime64[M]").astype("datetime64[D]").view(np.int64)
    if freq in ("W", "W-SUN"):  # pandas: weeks ending Sunday, i.e. starting Monday
        return days - (days + 3) % 7  # 1970-01-01 was a Thursday
    try:
        starts = pd.Series(dates).dt.to_period(_period_alias(freq)).dt.start_time
    except (TypeError, ValueError, AttributeError) as exc:
        raise ExplorerError("freq", freq,
                            said("allowed.period_alias", "a period alias such as D, W, MS, QS or YS"),
                            problem=detail(str(exc).split("\n")[0])) from None
    return starts.to_numpy().astype("datetime64[D]").view(np.int64)


def _period_alias(freq: str) -> str:
    return {"MS": "M", "ME": "M", "QS": "Q", "QE": "Q", "YS": "Y", "YE": "Y", "AS": "Y"}.get(freq, freq)


def status_table(result: pd.DataFrame, expiry_freq: str = "MS", application_freq: str = "MS",
                 labels: Language = "codes", weight: str | None = None) -> pd.DataFrame:
    """Rows per status for each expiry period x application period, with the dominant status.

    `labels` "en" or "sk" names the headers and statuses in words (explorer.labels); with
    `weight` (a column name, e.g. people per row) the counts are people and a "people" column
    replaces "rows"."""
    require_columns(result, ("card_expiry", "application_date", "status"))
    e_periods, e_code = period_codes(result["card_expiry"], expiry_freq)
    a_periods, a_code = period_codes(result["application_date"], application_freq)
    status = category_codes(result["status"], STATUSES, "status")
    n_s = len(STATUSES)
    key = (e_code * len(a_periods) + a_code) * n_s + status
    w = weights(result, weight) if weight is not None else None
    counts = np.bincount(key, weights=w, minlength=len(e_periods) * len(a_periods) * n_s).reshape(-1, n_s)
    before = None
    if "before_guidance_period" in result.columns:
        flagged = _before_flags(result)
        before = np.bincount(key // n_s, weights=flagged if w is None else w * flagged,
                             minlength=len(e_periods) * len(a_periods))
    if w is None:
        return status_table_of(e_periods, a_periods, counts, labels, before=before)
    # cells with rows but no people stay listed: the periods are those of the rows
    present = np.bincount(key, minlength=counts.size).reshape(-1, n_s).sum(axis=1) > 0
    table = status_table_of(e_periods, a_periods, counts, "codes",
                            keep=present, before=before)
    return rename_columns(table.rename(columns={"rows": "people", BEFORE_ROWS: BEFORE_PEOPLE}), labels)


def weights(result: pd.DataFrame, weight: str) -> np.ndarray:
    """The `weight` column as float64 people per row; ExplorerError naming the first bad value
    (not a number, infinite or negative)."""
    require_columns(result, (weight,))
    w = pd.to_numeric(result[weight], errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    bad = ~np.isfinite(w) | (w < 0)
    if bad.any():
        pos = int(np.argmax(bad))
        raise ExplorerError(weight, result[weight].iloc[pos], said("allowed.weight", "a number, 0 or more"),
                            result.index[pos], problem=said("error.problem.bad_weight", "bad weight"))
    return w


BEFORE_ROWS = "rows before the guidance period"
BEFORE_PEOPLE = "people before the guidance period"
"""Columns counting apart the rows (people) applying before guidance_period_from (spec "Scope")."""


def status_table_of(e_periods: np.ndarray, a_periods: np.ndarray, counts: np.ndarray,
                    labels: Language = "codes", keep: np.ndarray | None = None,
                    before: np.ndarray | None = None) -> pd.DataFrame:
    """The status table of row counts per (expiry period x application period, status); `keep`
    (a flag per cell) lists cells whose counts may be 0 (weighted tables); `before` (a count per
    cell of rows applying before the guidance's period) adds a column counting them apart when
    any cell has such rows (their statuses are computed as written; the guidance does not speak of them)."""
    cells = np.flatnonzero(counts.sum(axis=1) if keep is None else keep)
    counts = counts[cells]
    table = pd.DataFrame({
        "expiry period": e_periods[cells // len(a_periods)],
        "application period": a_periods[cells % len(a_periods)],
    })
    for i, name in enumerate(STATUSES):
        table[name] = counts[:, i]
    table["rows"] = counts.sum(axis=1)
    if before is not None and before[cells].any():
        table[BEFORE_ROWS] = before[cells].astype(counts.dtype)
    table["dominant status"] = pd.Categorical.from_codes(
        counts.argmax(axis=1).astype(np.int8), categories=list(STATUSES))
    return rename_columns(table, labels)


def deadlines_table(result: pd.DataFrame, freq: str = "MS", labels: Language = "codes",
                    weight: str | None = None) -> pd.DataFrame:
    """Per expiry period: earliest and latest of each deadline and issuance day, gap days
    (headers in words with `labels` "en" or "sk").  With `weight` (people per row) the table
    also counts people and people with a path, and the mean gap is per person."""
    require_columns(result, ("card_expiry", "option_available", "gap_days") + DATE_OUTPUTS)
    periods, code = period_codes(result["card_expiry"], freq)
    groups = len(periods)
    columns = {col: result[col].to_numpy() for col in DATE_OUTPUTS}
    columns["gap"] = result["gap_days"].astype("Int64").to_numpy(dtype=np.float64, na_value=np.nan)
    # pandas' grouped min/max/mean skip NaT and NaN and run in compiled loops over int codes.
    grouped = pd.DataFrame(columns, copy=False).groupby(code, sort=True)
    low, high = grouped.min(), grouped.max()
    low, high = low.reindex(range(groups)), high.reindex(range(groups))
    before = _before_flags(result)
    rows_before = np.bincount(code, weights=before, minlength=groups).astype(np.int64)
    if weight is not None:
        w = weights(result, weight)
        gap = columns["gap"]
        known = ~np.isnan(gap)
        people_known = np.bincount(code, weights=w * known, minlength=groups)
        gap_sum = np.bincount(code, weights=np.where(known, gap, 0.0) * w, minlength=groups)
        table = deadlines_table_of(
            periods, np.bincount(code, minlength=groups),
            np.bincount(code, weights=result["option_available"].to_numpy(dtype=bool), minlength=groups),
            {col: low[col].to_numpy() for col in low}, {col: high[col].to_numpy() for col in high},
            np.divide(gap_sum, people_known, out=np.full(groups, np.nan), where=people_known > 0),
            before=rows_before)
        at = 3 + (BEFORE_ROWS in table.columns)
        table.insert(at, "people", np.bincount(code, weights=w, minlength=groups))
        table.insert(at + 1, "people with a path", np.bincount(
            code, weights=w * result["option_available"].to_numpy(dtype=bool), minlength=groups))
        if BEFORE_ROWS in table.columns:
            table.insert(at + 2, BEFORE_PEOPLE, np.bincount(code, weights=w * before, minlength=groups))
        return rename_columns(table, labels)
    return deadlines_table_of(
        periods, np.bincount(code, minlength=groups),
        np.bincount(code, weights=result["option_available"].to_numpy(dtype=bool), minlength=groups),
        {col: low[col].to_numpy() for col in low}, {col: high[col].to_numpy() for col in high},
        grouped["gap"].mean().reindex(range(groups)).to_numpy(), labels, before=rows_before)


def deadlines_table_of(periods: np.ndarray, rows: np.ndarray, with_path: np.ndarray,
                       low: dict[str, np.ndarray], high: dict[str, np.ndarray], gap_mean: np.ndarray,
                       labels: Language = "codes", before: np.ndarray | None = None) -> pd.DataFrame:
    """The deadlines table of per-period row counts and the earliest/latest (`low`/`high`) of each
    of DATE_OUTPUTS and "gap" (NaT / NaN where a period has none); `before` (rows per period
    applying before the guidance's period) adds a column counting them apart when any does."""
    table = pd.DataFrame({"expiry period": periods})
    table["rows"] = rows
    table["rows with a path"] = with_path.astype(np.int64)
    if before is not None and before.any():
        table[BEFORE_ROWS] = before.astype(np.int64)
    for col in DATE_OUTPUTS:
        table[f"{_LABELS[col]} (earliest)"] = low[col].astype("datetime64[us]")
        table[f"{_LABELS[col]} (latest)"] = high[col].astype("datetime64[us]")
    table["gap days (min)"] = low["gap"]
    table["gap days (mean)"] = gap_mean
    table["gap days (max)"] = high["gap"]
    return rename_columns(table, labels)


def fees_table(result: pd.DataFrame, weight: str | None = None, labels: Language = "codes") -> pd.DataFrame:
    """Per option x fee choice: fees, visits and gap days per person and in total.

    Per-person figures average over the rows whose path is open.  With `weight` (a
    column name), weighted totals are added: each row counts as that many people.
    Fee totals are exact sums of integer cents.  `labels` "en" or "sk" names the headers
    and options in words."""
    require_columns(result, ("option", "expedited", "delivery", "option_available", "fees_cents",
                             "visits", "gap_days"))
    option = category_codes(result["option"], OPTIONS, "option")
    expedited = result["expedited"].to_numpy(dtype=bool)
    delivery = result["delivery"].to_numpy(dtype=bool)
    code = option * 4 + expedited * 2 + delivery
    groups = len(OPTIONS) * 4
    open_ = result["option_available"].to_numpy(dtype=bool)
    cents = result["fees_cents"].to_numpy(dtype=np.int64)
    visits = result["visits"].to_numpy(dtype=np.int64)
    gap = result["gap_days"].astype("Int64").to_numpy(dtype=np.int64, na_value=0)
    sums = {name: _int_sums(code, values, groups)
            for name, values in (("open", open_.astype(np.int64)), ("cents", cents),
                                 ("visits", visits), ("gap", gap))}
    rows = np.bincount(code, minlength=groups)
    seen = np.flatnonzero(rows)
    before = _before_flags(result)
    table = fees_table_of(rows, sums, before=np.bincount(code, weights=before, minlength=groups))
    if weight is not None:
        w = weights(result, weight)
        weighted = {name: np.bincount(code, weights=w * values, minlength=groups)[seen]
                    for name, values in (("people", 1.0), ("open", open_), ("cents", cents),
                                         ("visits", visits), ("gap", gap), ("before", before))}
        table["people (weighted)"] = weighted["people"]
        if BEFORE_ROWS in table.columns:
            table[BEFORE_PEOPLE] = weighted["before"]
        table["people with a path (weighted)"] = weighted["open"]
        table["total fees, weighted (EUR)"] = (weighted["cents"] / 100).round(2)
        table["total visits, weighted"] = weighted["visits"]
        table["total gap days, weighted"] = weighted["gap"]
    return rename_columns(table, labels)


def fees_table_of(rows: np.ndarray, sums: dict[str, np.ndarray], before: np.ndarray | None = None,
                  ) -> pd.DataFrame:
    """The fees table (codes as headers) of rows and exact int64 sums ("open", "cents", "visits",
    "gap") per group code option * 4 + expedited * 2 + delivery; `before` (rows per group applying
    before the guidance's period) adds a column counting them apart when any does."""
    seen = np.flatnonzero(rows)
    table = pd.DataFrame({
        "option": pd.Categorical.from_codes((seen // 4).astype(np.int8), categories=list(OPTIONS)),
        "expedited": (seen // 2 % 2).astype(bool),
        "delivery": (seen % 2).astype(bool),
        "rows": rows[seen],
        "rows with a path": sums["open"][seen],
    })
    if before is not None and before[seen].any():
        table[BEFORE_ROWS] = before[seen].astype(np.int64)
    open_rows = np.where(sums["open"][seen] > 0, sums["open"][seen], np.nan)
    table["fees per person (EUR)"] = (sums["cents"][seen] / open_rows / 100).round(2)
    table["visits per person"] = sums["visits"][seen] / open_rows
    table["gap days per person"] = sums["gap"][seen] / open_rows
    table["total fees (EUR)"] = sums["cents"][seen] / 100
    table["total fees (cents)"] = sums["cents"][seen]
    table["total visits"] = sums["visits"][seen]
    table["total gap days"] = sums["gap"][seen]
    return table


def _before_flags(result: pd.DataFrame) -> np.ndarray:
    """1.0 for each row applying before the guidance's period, else 0.0 (all 0 without the flag)."""
    flag = "before_guidance_period"
    if flag not in result.columns:
        return np.zeros(len(result))
    return result[flag].to_numpy(dtype=bool).astype(np.float64)


def _int_sums(code: np.ndarray, values: np.ndarray, groups: int) -> np.ndarray:
    """Exact int64 sums of values per group code."""
    out = np.zeros(groups, dtype=np.int64)
    np.add.at(out, code, values)
    return out


def category_codes(column: pd.Series, allowed: Sequence[str], name: str,
                   blank_ok: bool = False) -> np.ndarray:
    """Codes (int64 positions in `allowed`) of a Categorical or text column; -1 for a blank cell
    when `blank_ok`; ExplorerError naming the first other value not in `allowed`."""
    if not (isinstance(column.dtype, pd.CategoricalDtype)
            and list(column.cat.categories) == list(allowed)):
        column = column.astype(pd.CategoricalDtype(list(allowed)))
    codes = column.cat.codes.to_numpy().astype(np.int64)
    bad = codes < 0
    if bad.any() and blank_ok:
        bad &= column.notna().to_numpy()
    if bad.any():
        pos = int(np.argmax(bad))
        raise ExplorerError(name, column.iloc[pos], choice_of(allowed), column.index[pos])
    return codes


EVALUATED_FRAME = said("allowed.evaluated_frame", "an evaluated frame (the output of evaluate or sweep)")


def require_columns(result: pd.DataFrame, columns: Sequence[str]) -> None:
    """Raise ExplorerError naming the first column an evaluated frame lacks."""
    missing = [c for c in columns if c not in result.columns]
    if missing:
        raise ExplorerError(missing[0], None, EVALUATED_FRAME,
                            problem=said("error.problem.missing_column", "missing column"))
