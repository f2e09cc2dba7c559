"""Summary tables of an evaluated frame: status by period, deadlines by expiry period, fee totals.

Each returns a tidy DataFrame with readable column names.  Money is summed in integer
cents and shown in euros.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .errors import ExplorerError
from .rules.transition import STATUSES

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
    """Start day of the period (e.g. "MS" month, "W-MON" week, "QS" quarter, "D") of each date."""
    if freq in ("D", None):
        return dates
    try:
        return dates.dt.to_period(_period_alias(freq)).dt.start_time.astype("datetime64[us]")
    except (TypeError, ValueError) as exc:
        raise ExplorerError("freq", freq, "a period alias such as D, W, MS, QS or YS",
                            problem=str(exc).split("\n")[0]) from None


def _period_alias(freq: str) -> str:
    return {"MS": "M", "ME": "M", "QS": "Q", "QE": "Q", "YS": "Y", "YE": "Y", "AS": "Y"}.get(freq, freq)


def status_table(result: pd.DataFrame, expiry_freq: str = "MS",
                 application_freq: str = "MS") -> pd.DataFrame:
    """Rows per status for each expiry period x application period, with the dominant status."""
    require_columns(result, ("card_expiry", "application_date", "status"))
    keys = pd.DataFrame({
        "expiry period": period(result["card_expiry"], expiry_freq),
        "application period": period(result["application_date"], application_freq),
        "status": result["status"],
    })
    counts = (keys.groupby(["expiry period", "application period", "status"], observed=False)
              .size().unstack("status", fill_value=0))
    counts = counts.reindex(columns=list(STATUSES), fill_value=0)
    counts = counts[counts.sum(axis=1) > 0]
    table = counts.reset_index()
    table.columns.name = None
    table["rows"] = counts.sum(axis=1).to_numpy()
    table["dominant status"] = pd.Categorical(
        np.array(STATUSES)[counts.to_numpy().argmax(axis=1)], categories=list(STATUSES)
    )
    return table


def deadlines_table(result: pd.DataFrame, freq: str = "MS") -> pd.DataFrame:
    """Per expiry period: earliest and latest of each deadline and issuance day, gap days."""
    require_columns(result, ("card_expiry", "option_available", "gap_days") + DATE_OUTPUTS)
    frame = result[list(DATE_OUTPUTS) + ["option_available"]].copy()
    frame["gap"] = result["gap_days"].astype("float64")
    frame["expiry period"] = period(result["card_expiry"], freq)
    grouped = frame.groupby("expiry period", sort=True)
    spec: dict[str, tuple[str, str]] = {
        "rows": ("option_available", "size"),
        "rows with a path": ("option_available", "sum"),
    }
    for col in DATE_OUTPUTS:
        spec[f"{_LABELS[col]} (earliest)"] = (col, "min")
        spec[f"{_LABELS[col]} (latest)"] = (col, "max")
    spec["gap days (min)"] = ("gap", "min")
    spec["gap days (mean)"] = ("gap", "mean")
    spec["gap days (max)"] = ("gap", "max")
    table = grouped.agg(**spec).reset_index()
    table["rows with a path"] = table["rows with a path"].astype(np.int64)
    return table


def fees_table(result: pd.DataFrame, weight: str | None = None) -> pd.DataFrame:
    """Per option x fee choice: fees, visits and gap days per person and in total.

    Per-person figures average over the rows whose path is open.  With `weight` (a
    column name), weighted totals are added: each row counts as that many people."""
    require_columns(result, ("option", "expedited", "delivery", "option_available", "fees_cents",
                   "visits", "gap_days"))
    frame = pd.DataFrame({
        "option": result["option"],
        "expedited": result["expedited"],
        "delivery": result["delivery"],
        "open": result["option_available"].astype(np.int64),
        "cents": result["fees_cents"],
        "visits": result["visits"],
        "gap": result["gap_days"].fillna(0).astype(np.int64),
    })
    if weight is not None:
        require_columns(result, (weight,))
        w = pd.to_numeric(result[weight], errors="coerce")
        if w.isna().any() or (w < 0).any():
            pos = int(np.argmax((w.isna() | (w < 0)).to_numpy()))
            raise ExplorerError(weight, result[weight].iloc[pos], "a number, 0 or more",
                                result.index[pos], problem="bad weight")
        frame["w"] = w.to_numpy(dtype=np.float64)
        frame["w_open"] = frame["w"] * frame["open"]
        frame["w_cents"] = frame["w"] * frame["cents"]
        frame["w_visits"] = frame["w"] * frame["visits"]
        frame["w_gap"] = frame["w"] * frame["gap"]
    grouped = frame.groupby(["option", "expedited", "delivery"], observed=True, sort=True)
    sums = grouped.sum(numeric_only=True)
    table = pd.DataFrame(index=sums.index)
    table["rows"] = grouped.size()
    table["rows with a path"] = sums["open"]
    open_rows = sums["open"].where(sums["open"] > 0)
    table["fees per person (EUR)"] = (sums["cents"] / open_rows / 100).round(2)
    table["visits per person"] = sums["visits"] / open_rows
    table["gap days per person"] = sums["gap"] / open_rows
    table["total fees (EUR)"] = sums["cents"] / 100
    table["total fees (cents)"] = sums["cents"].astype(np.int64)
    table["total visits"] = sums["visits"].astype(np.int64)
    table["total gap days"] = sums["gap"].astype(np.int64)
    if weight is not None:
        table["people (weighted)"] = sums["w"]
        table["people with a path (weighted)"] = sums["w_open"]
        table["total fees, weighted (EUR)"] = (sums["w_cents"] / 100).round(2)
        table["total visits, weighted"] = sums["w_visits"]
        table["total gap days, weighted"] = sums["w_gap"]
    return table.reset_index()


def require_columns(result: pd.DataFrame, columns: Sequence[str]) -> None:
    """Raise ExplorerError naming the first column an evaluated frame lacks."""
    missing = [c for c in columns if c not in result.columns]
    if missing:
        raise ExplorerError(missing[0], None, "an evaluated frame (the output of evaluate or sweep)",
                            problem="missing column")
