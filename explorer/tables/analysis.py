"""Policy questions over evaluated frames: the choice window, fees, days without a card, deadline shifts.

Pure pandas functions behind notebooks/02-policy-questions.ipynb: each takes the output of
`evaluate` or `sweep` (or builds one) and returns a tidy table, so the notebook only
calls, shows and plots.  Every figure is over the rows of the frame given: a weekly grid
answers for the sampled days only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..core.calendar import working_calendar
from ..core.engine import default_parameters, evaluate
from ..core.inputs import OPTIONS
from ..core.parameters import Parameters
from ..core.rules.transition import STATUSES
from ..scenarios.grid import date_range
from .summaries import fees_table, period, require_columns

PROCESSING = ("standard", "expedited")
FEE_CHOICES = ("standard, collect", "standard, delivered", "expedited, collect", "expedited, delivered")


def path_label(result: pd.DataFrame) -> pd.Series:
    """Option and processing of each row as one label, e.g. "b, expedited" (Categorical)."""
    require_columns(result, ("option", "expedited"))
    labels = [f"{o}, {p}" for o in OPTIONS for p in PROCESSING]
    code = (pd.Categorical(result["option"], categories=list(OPTIONS)).codes.astype(np.int64) * 2
            + result["expedited"].to_numpy(dtype=bool).astype(np.int64))
    return pd.Series(pd.Categorical.from_codes(code, categories=labels), index=result.index, name="path")


def fee_choice_label(result: pd.DataFrame) -> pd.Series:
    """Optional fees chosen on each row, e.g. "expedited, delivered" (Categorical)."""
    require_columns(result, ("expedited", "delivery"))
    code = (result["expedited"].to_numpy(dtype=bool).astype(np.int64) * 2
            + result["delivery"].to_numpy(dtype=bool).astype(np.int64))
    return pd.Series(pd.Categorical.from_codes(code, categories=list(FEE_CHOICES)), index=result.index,
                     name="fee choices")


# (a) Who could choose between the two paths, and when that window closed.

def status_matrix(result: pd.DataFrame) -> pd.DataFrame:
    """Status code (index into STATUSES) per expiry day (rows) x application day (columns).

    Status does not depend on the option or the fees, so each pair of days appears once;
    pairs absent from the frame are -1."""
    require_columns(result, ("card_expiry", "application_date", "status"))
    pairs = pd.DataFrame({
        "card_expiry": result["card_expiry"],
        "application_date": result["application_date"],
        "code": pd.Categorical(result["status"], categories=list(STATUSES)).codes,
    }).drop_duplicates(["card_expiry", "application_date"])
    return pairs.pivot(index="card_expiry", columns="application_date", values="code").fillna(-1) \
        .astype(np.int8)


def choice_days(result: pd.DataFrame) -> pd.DataFrame:
    """Per expiry day: how many application days gave a choice, the first and the last of them."""
    require_columns(result, ("card_expiry", "application_date", "status"))
    pairs = result.loc[result["status"] == "choice", ["card_expiry", "application_date"]] \
        .drop_duplicates()
    grouped = pairs.groupby("card_expiry")["application_date"]
    table = pd.DataFrame({
        "choice application days": grouped.size(),
        "first choice day": grouped.min(),
        "last choice day": grouped.max(),
    })
    expiry = pd.Index(result["card_expiry"].drop_duplicates().sort_values(), name="card_expiry")
    table = table.reindex(expiry)
    table["choice application days"] = table["choice application days"].fillna(0).astype(np.int64)
    return table.reset_index()


def choice_window(result: pd.DataFrame, freq: str = "MS") -> pd.DataFrame:
    """Per expiry period: expiry days with a choice, and the earliest and latest day it closed.

    "Closed" is the last application day (in the frame) that still gave a choice; it
    differs between expiry days of one period when cards expire before the window ends."""
    days = choice_days(result)
    days["expiry period"] = period(days["card_expiry"], freq)
    days["has choice"] = days["choice application days"] > 0
    table = days.groupby("expiry period").agg(**{
        "expiry days": ("card_expiry", "size"),
        "expiry days with a choice": ("has choice", "sum"),
        "window closed (earliest)": ("last choice day", "min"),
        "window closed (latest)": ("last choice day", "max"),
        "choice application days (mean)": ("choice application days", "mean"),
    }).reset_index()
    table["expiry days with a choice"] = table["expiry days with a choice"].astype(np.int64)
    table["share with a choice"] = table["expiry days with a choice"] / table["expiry days"]
    return table


# (b) What the optional fees add up to.

def fees_by_choice(result: pd.DataFrame) -> pd.DataFrame:
    """fees_table per option x fee choice, with a readable fee-choice label and each line's
    share of all fees in the frame."""
    table = fees_table(result)
    table.insert(3, "fee choices", fee_choice_label(table).to_numpy())
    total = table["total fees (cents)"].sum()
    table["share of all fees"] = table["total fees (cents)"] / total if total else 0.0
    return table


# (c) Days without a card: standard versus expedited processing.

def gap_summary(result: pd.DataFrame, freq: str = "MS") -> pd.DataFrame:
    """Per expiry period x path (option, processing): gap_days over rows with an open path:
    rows, mean, median, max, and the share of rows left without a card at all."""
    require_columns(result, ("card_expiry", "option", "expedited", "option_available", "gap_days"))
    open_rows = result["option_available"].to_numpy(dtype=bool)
    frame = pd.DataFrame({
        "expiry period": period(result["card_expiry"], freq),
        "path": path_label(result),
        "gap": result["gap_days"].astype("float64"),
    })[open_rows]
    frame["with a gap"] = frame["gap"] > 0
    table = frame.groupby(["expiry period", "path"], observed=True).agg(**{
        "rows with a path": ("gap", "size"),
        "gap days (mean)": ("gap", "mean"),
        "gap days (median)": ("gap", "median"),
        "gap days (max)": ("gap", "max"),
        "share with a gap": ("with a gap", "mean"),
    }).reset_index()
    table["gap days (max)"] = table["gap days (max)"].astype(np.int64)
    return table


def gap_distribution(result: pd.DataFrame) -> pd.DataFrame:
    """Rows with an open path per number of days without a card (rows) and path (columns)."""
    require_columns(result, ("option", "expedited", "option_available", "gap_days"))
    open_rows = result["option_available"].to_numpy(dtype=bool)
    frame = pd.DataFrame({"gap days": result["gap_days"], "path": path_label(result)})[open_rows]
    table = pd.crosstab(frame["gap days"].astype(np.int64), frame["path"])
    table.columns = table.columns.astype(str)
    table.columns.name = "path"
    return table


def expedited_gap_saving(result: pd.DataFrame, freq: str = "MS") -> pd.DataFrame:
    """Per expiry period x option: days without a card that paying for expedited issuance saves.

    Rows are paired on every input but `expedited` (both must be in the frame and open);
    the saving is standard gap minus expedited gap, the extra cost the difference in fees."""
    require_columns(result, ("card_expiry", "application_date", "option", "expedited", "delivery",
                   "option_available", "gap_days", "fees_cents"))
    keys = [c for c in result.columns if c in _INPUT_KEYS and c != "expedited"]
    frame = result.loc[result["option_available"].to_numpy(dtype=bool),
                       keys + ["expedited", "gap_days", "fees_cents"]]
    fast = frame[frame["expedited"].to_numpy(dtype=bool)].drop(columns="expedited")
    slow = frame[~frame["expedited"].to_numpy(dtype=bool)].drop(columns="expedited")
    pairs = slow.merge(fast, on=keys, suffixes=(" standard", " expedited"))
    pairs["days saved"] = (pairs["gap_days standard"] - pairs["gap_days expedited"]).astype("float64")
    pairs["extra fees"] = (pairs["fees_cents expedited"] - pairs["fees_cents standard"]) / 100
    pairs["expiry period"] = period(pairs["card_expiry"], freq)
    table = pairs.groupby(["expiry period", "option"], observed=True).agg(**{
        "pairs": ("days saved", "size"),
        "gap days standard (mean)": ("gap_days standard", "mean"),
        "gap days expedited (mean)": ("gap_days expedited", "mean"),
        "days saved (mean)": ("days saved", "mean"),
        "days saved (max)": ("days saved", "max"),
        "extra fees per person (EUR)": ("extra fees", "mean"),
    }).reset_index()
    saved = table["days saved (mean)"].where(table["days saved (mean)"] > 0)
    table["EUR per day saved"] = (table["extra fees per person (EUR)"] / saved).round(2)
    return table


_INPUT_KEYS = (
    "card_expiry", "application_date", "option", "delivery", "second_application_date",
    "stamp_channel", "stamp_lead_days", "payment", "years_resided", "address_changed",
    "accommodation_submitted_before",
)


def apply_on_last_working_day(expiry: Any, freq: str = "D", options: Sequence[str] = OPTIONS,
                              expedited: Sequence[bool] = (False, True),
                              delivery: Sequence[bool] = (False,),
                              params: Parameters | None = None) -> pd.DataFrame:
    """Evaluated rows of people who apply on the last working day before their deadline.

    One row per expiry day (at `freq` within the (first, last) pair `expiry`) x option x
    fee choice; the application day is each expiry day's apply_by_last_working_day, the
    latest practical day to go in person."""
    days = date_range("expiry", expiry, freq)
    probe = evaluate(pd.DataFrame({"card_expiry": days, "application_date": days}), params)
    people = pd.DataFrame({"card_expiry": days,
                           "application_date": probe["apply_by_last_working_day"].to_numpy()})
    choices = pd.MultiIndex.from_product(
        [list(options), list(expedited), list(delivery)], names=["option", "expedited", "delivery"]
    ).to_frame(index=False)
    frame = people.merge(choices, how="cross")
    frame["expedited"] = frame["expedited"].astype(bool)
    frame["delivery"] = frame["delivery"].astype(bool)
    return evaluate(frame, params)


# (d) Deadlines on non-working days.

def deadline_shifts(result: pd.DataFrame, params: Parameters | None = None) -> pd.DataFrame:
    """Per expiry day and deadline: the last working day on or before it, the shift in days,
    whether the deadline is a non-working day, and why (weekday and/or holiday name)."""
    require_columns(result, ("card_expiry", "apply_by", "apply_by_last_working_day"))
    table = result[["card_expiry", "apply_by", "apply_by_last_working_day"]] \
        .drop_duplicates().sort_values(["card_expiry", "apply_by"]).reset_index(drop=True)
    table["shift days"] = (table["apply_by"] - table["apply_by_last_working_day"]).dt.days.astype(np.int64)
    table["on a non-working day"] = table["shift days"] > 0
    params = params if params is not None else default_parameters()
    names = _holiday_names(params)
    holiday = table["apply_by"].map(names).fillna("")
    weekday = table["apply_by"].dt.day_name().where(table["apply_by"].dt.day_of_week >= 5, "")
    both = (weekday != "") & (holiday != "")
    why = weekday.str.cat(holiday, sep=", ").where(both, weekday + holiday)
    table["why"] = why.where(table["on a non-working day"], "")
    return table


def deadline_shift_table(result: pd.DataFrame, freq: str = "MS",
                         params: Parameters | None = None) -> pd.DataFrame:
    """Per expiry period: expiry days, deadlines on a non-working day and their share, and the
    shift to the last working day (mean over all expiry days, mean over shifted ones, max)."""
    shifts = deadline_shifts(result, params)
    shifts["expiry period"] = period(shifts["card_expiry"], freq)
    shifts["shift if shifted"] = shifts["shift days"].where(shifts["on a non-working day"])
    table = shifts.groupby("expiry period").agg(**{
        "expiry days": ("card_expiry", "nunique"),
        "deadlines": ("apply_by", "size"),
        "on a non-working day": ("on a non-working day", "sum"),
        "mean shift (all deadlines)": ("shift days", "mean"),
        "mean shift (shifted deadlines)": ("shift if shifted", "mean"),
        "max shift": ("shift days", "max"),
    }).reset_index()
    table["on a non-working day"] = table["on a non-working day"].astype(np.int64)
    table["share on a non-working day"] = table["on a non-working day"] / table["deadlines"]
    return table


def _holiday_names(params: Parameters) -> pd.Series:
    """Slovak public holiday names indexed by day (datetime64), from the calendar's holidays."""
    days = working_calendar(params.calendar).holidays
    return pd.Series(list(days.values()), index=pd.DatetimeIndex(list(days.keys())).as_unit("us"))
