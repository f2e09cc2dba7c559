"""The benchmarks' reference: the rules under the baseline readings as the simplest numpy over
per-day tables, with no validation and no DataFrame, for timing beside explorer's engine.

Every function of a day alone (deadlines, working days, issuance, fees, stamp limits, refund
windows, BOK venues) is a table over the days the rows can reach, built once with explorer's
calendar and parameters; each row then costs gathers and arithmetic.  The outputs are the
engine's (datetime64[us] with NaT, codes, masks), so `check` can hold the two to each other.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

import explorer
from explorer.core.calendar import working_calendar
from explorer.core.rules.transition import (
    CHOICE,
    FIVE_YEAR_ONLY,
    LATE_CARD_EXPIRED,
    LATE_TRANSITION_DEADLINE,
    OUT_OF_SCOPE,
)

US_PER_DAY = 86_400_000_000
BASELINE = {"card_expiry_reading": "binding", "before_reading": "inclusive",
            "processing_days_reading": "calendar", "stamp_refund_reading": "first_purchase",
            "late_second_application_reading": "card_issued"}
REACH = 2 * 366 + 5 * 366 + 200
"""Days after the last input day the tables cover (issuance, five years, refund windows)."""


def inputs(frame: pd.DataFrame, params: explorer.Parameters) -> dict[str, np.ndarray]:
    """The numeric inputs of a frame with every input column given (blank second dates allowed)."""
    def days(name: str) -> np.ndarray:
        return frame[name].to_numpy().astype("datetime64[D]").astype(np.int64)

    def codes(name: str, allowed: tuple[str, ...]) -> np.ndarray:
        return frame[name].astype(pd.CategoricalDtype(list(allowed))).cat.codes.to_numpy()

    second = frame["second_application_date"].to_numpy().astype("datetime64[D]")
    return {"E": days("card_expiry"), "A": days("application_date"),
            "S": np.where(np.isnat(second), -1, second.astype(np.int64)),
            "b": codes("option", ("a", "b")) == 1, "x": frame["expedited"].to_numpy(bool),
            "d": frame["delivery"].to_numpy(bool), "ch": codes("stamp_channel", params.channels),
            "lead": frame["stamp_lead_days"].to_numpy(np.int64),
            "cash": codes("payment", ("card", "cash")) == 1,
            "years": frame["years_resided"].to_numpy(np.float64),
            "moved": frame["address_changed"].to_numpy(bool),
            "acc": frame["accommodation_submitted_before"].to_numpy(bool)}


def tables(lo: int, hi: int, params: explorer.Parameters) -> dict[str, np.ndarray]:
    """Per-day tables over day numbers lo..hi (index: day - lo)."""
    assert all(params.reading(k) == v for k, v in BASELINE.items()), "baseline readings only"
    cal = working_calendar(params.calendar)
    days = np.arange(lo, hi + 1, dtype=np.int64)

    def at(name: str) -> np.ndarray:
        return np.broadcast_to(params[name].numeric_at(days), days.shape).astype(np.int64)

    fees = np.stack([at("fee_card") + x * at("fee_expedited") + d * at("fee_delivery")
                     for x in (0, 1) for d in (0, 1)])
    validity = params["stamp_validity"].values[0]
    payment = params["stamp_payment"].values[0]
    return {
        "window_end": at("choice_window_end"), "deadline": at("transition_deadline"),
        "from": at("choice_expiry_from"), "to": at("choice_expiry_to"),
        "max_years": at("max_years_resided"), "eu_valid": at("eu_card_valid_until"),
        "lwd": cal.last_working_day_on_or_before(days),
        "standard": cal.add(days, params["standard_processing"].values[0]),
        "expedited": cal.add(days, params["expedited_processing"].values[0]),
        "valid": cal.add(days, params["five_year_validity"].values[0]),
        "refund": cal.add(days, params["stamp_refund_window"].values[0]),
        "bok": np.where(days >= at("bok_wider_activation_from"),
                        len(params["bok_venues_wider"].values[0]),
                        len(params["bok_venues_before"].values[0])),
        "fee": fees,  # [expedited * 2 + delivery, day]
        "limit": np.stack([np.broadcast_to(cal.longest_lead(days, validity[c]), days.shape)
                           for c in params.channels]),
        "payable": np.array([[p in payment[c] for p in ("card", "cash")] for c in params.channels]),
    }


def evaluate(i: dict[str, np.ndarray], params: explorer.Parameters) -> dict[str, np.ndarray]:
    """Every output of the engine for numeric inputs `i`, by gathers from per-day tables."""
    E, A, b, x, d, ch, lead = i["E"], i["A"], i["b"], i["x"], i["d"], i["ch"], i["lead"]
    lo = int(min(E.min(), A.min())) - int(lead.max()) - 1
    t = tables(lo, int(max(E.max(), A.max(), i["S"].max())) + REACH, params)
    a = A - lo
    deadline = t["deadline"][a]
    S = np.where(i["S"] < 0, deadline, i["S"])
    s = S - lo
    window_end = t["window_end"][a]
    apply_by = np.where(E <= window_end, E, np.minimum(E, deadline))
    code = np.full(len(E), FIVE_YEAR_ONLY, dtype=np.int8)
    code[(E >= t["from"][a]) & (E <= t["to"][a]) & (A <= window_end)] = CHOICE
    code[A > deadline] = LATE_TRANSITION_DEADLINE
    code[A > E] = LATE_CARD_EXPIRED
    code[i["years"] >= t["max_years"][a]] = OUT_OF_SCOPE
    open_ = (code == CHOICE) | ((code == FIVE_YEAR_ONLY) & b)
    first = np.where(x, t["expedited"][a], t["standard"][a])
    five = np.where(b, first, np.where(x, t["expedited"][s], t["standard"][s]))
    valid = t["valid"][five - lo]
    gap = np.maximum(first - E - 1, 0) + np.where(b, 0, np.maximum(five - t["eu_valid"][a] - 1, 0))
    fee_code = x * 2 + d
    fee_first = t["fee"][fee_code, a] * open_
    fee_second = t["fee"][fee_code, s] * (open_ & ~b)
    payable = t["payable"][ch, i["cash"].astype(np.int64)]
    need_first, need_second = fee_first > 0, fee_second > 0
    stamp_ok = ((~need_first | ((lead <= t["limit"][ch, a]) & payable))
                & (~need_second | ((lead <= t["limit"][ch, s]) & payable)))
    refund = t["refund"][np.where(need_first, A, S) - lead - lo]
    applications = open_ * (2 - b.astype(np.int64))
    closed = ~open_
    return {
        "status": code, "applied_after_expiry": A > E,
        "apply_by": _dates(apply_by, None),
        "apply_by_last_working_day": _dates(t["lwd"][apply_by - lo], None),
        "slack_days": apply_by - A, "option_available": open_,
        "path_status": np.where(closed, -1, (S > deadline) & ~b).astype(np.int8),
        "applications": applications, "first_issued_by": _dates(first, closed),
        "five_year_issued_by": _dates(five, closed), "five_year_valid_until": _dates(valid, closed),
        "gap_days": gap, "gap_days_missing": closed, "fees_cents": fee_first + fee_second,
        "fees_eur": (fee_first + fee_second) / 100.0, "visits": applications * (2 - d.astype(np.int64)),
        "stamp_ok": stamp_ok, "stamp_refund_by": _dates(refund, closed | ~(need_first | need_second)),
        "accommodation_document_required": i["moved"] | ~i["acc"],
        "bok_venue_types": t["bok"][valid - lo],
    }


def _dates(days: np.ndarray, missing: np.ndarray | None) -> np.ndarray:
    """datetime64[us] of day numbers, NaT where `missing`."""
    us = days * US_PER_DAY
    if missing is not None:
        us[missing] = np.iinfo(np.int64).min
    return us.view("datetime64[us]")


def check(reference: dict[str, np.ndarray], result: pd.DataFrame) -> list[str]:
    """Output columns where the reference and the engine's result differ (empty: equal)."""
    closed = ~reference["option_available"]
    differ = []
    for name, want in reference.items():
        if name == "gap_days_missing":
            continue
        got = result[name]
        if isinstance(got.dtype, pd.CategoricalDtype):
            same = np.array_equal(got.cat.codes.to_numpy(), want)
        elif name in ("gap_days", "bok_venue_types"):
            missing = got.isna().to_numpy()
            same = np.array_equal(missing, closed) and np.array_equal(
                got.to_numpy(np.int64, na_value=0)[~missing], np.asarray(want)[~missing])
        elif name == "stamp_ok":
            same = np.array_equal(got.isna().to_numpy(), closed) and np.array_equal(
                got.to_numpy(bool, na_value=False)[~closed], want[~closed])
        else:
            same = np.array_equal(got.to_numpy(), want, equal_nan=want.dtype.kind in "fmM")
        if not same:
            differ.append(name)
    return differ
