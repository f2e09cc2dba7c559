"""Optional fees, visits and fee stamps (eKolok).

Source: the guidance (seeds/004), "FEES AND TIMELINES": the card is free; expedited
issuance 24.50 EUR and delivery 3.00 EUR are optional, per application; stamps are bought
online, in the app, at a vending machine or at a post office, each with its validity and
accepted payments; unused stamps are refundable for two years.  Money in integer cents.
"""

from __future__ import annotations

import numpy as np

from ..calendar import WorkingCalendar
from ..parameters import Parameters
from .transition import add_duration_param


def fee_per_application(day: np.ndarray, expedited: np.ndarray, delivery: np.ndarray,
                        params: Parameters) -> np.ndarray:
    """Cents due for one application on `day`: card fee plus the chosen optional fees,
    each as in force on that day."""
    card = params["fee_card"].numeric_at(day)
    fast = params["fee_expedited"].numeric_at(day)
    send = params["fee_delivery"].numeric_at(day)
    return card + np.where(expedited, fast, 0) + np.where(delivery, send, 0)


def visits(applications: np.ndarray, delivery: np.ndarray) -> np.ndarray:
    """One visit to apply and one to collect, unless the card is delivered."""
    return applications * (2 - delivery.astype(np.int64))


def stamp_checks(days: list[np.ndarray], fees: list[np.ndarray], lead: np.ndarray,
                 channel: np.ndarray, cash: np.ndarray, params: Parameters,
                 cal: WorkingCalendar) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(stamp_ok, refund_by, any_stamps) over the applications given by `days`/`fees`.

    Stamps are needed for an application only when its fees are above 0; they are bought
    `lead` days before it and must be usable on its day (purchase + channel validity) and
    payable as chosen.  refund_by = first purchase + stamp_refund_window."""
    channels = params.channels
    n = len(lead)
    ok = np.ones(n, dtype=bool)
    first_purchase = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    any_stamps = np.zeros(n, dtype=bool)
    for day, fee in zip(days, fees, strict=True):
        needed = fee > 0
        purchase = day - lead
        usable_until = _channel_validity_end(purchase, day, channel, channels, params, cal)
        payable = _payable(day, channel, cash, channels, params)
        ok &= ~needed | ((usable_until >= day) & payable)
        first_purchase = np.where(needed, np.minimum(first_purchase, purchase), first_purchase)
        any_stamps |= needed
    refund_from = np.where(any_stamps, first_purchase, 0)
    refund_by = add_duration_param(refund_from, "stamp_refund_window", params, cal,
                                   as_of=refund_from)
    return ok, refund_by, any_stamps


def _channel_validity_end(purchase: np.ndarray, day: np.ndarray, channel: np.ndarray,
                          channels: tuple[str, ...], params: Parameters,
                          cal: WorkingCalendar) -> np.ndarray:
    """Last usable day of stamps bought on `purchase` through each row's channel."""
    param = params["stamp_validity"]
    which = param.index_at(day) if param.dated else np.zeros(len(day), dtype=np.int64)
    out = np.empty_like(purchase)
    for version, mapping in enumerate(param.values):
        by_duration: dict = {}
        for code, name in enumerate(channels):
            by_duration.setdefault(mapping[name], []).append(code)
        for duration, codes in by_duration.items():
            mask = np.isin(channel, codes) & (which == version)
            if mask.any():
                out[mask] = cal.add(purchase[mask], duration)
    return out


def _payable(day: np.ndarray, channel: np.ndarray, cash: np.ndarray,
             channels: tuple[str, ...], params: Parameters) -> np.ndarray:
    """Whether each row's channel accepts its payment (card or cash) on `day`."""
    param = params["stamp_payment"]
    which = param.index_at(day) if param.dated else np.zeros(len(day), dtype=np.int64)
    out = np.zeros(len(day), dtype=bool)
    for version, mapping in enumerate(param.values):
        takes_card = np.array(["card" in mapping[c] for c in channels])
        takes_cash = np.array(["cash" in mapping[c] for c in channels])
        accepted = np.where(cash, takes_cash[channel], takes_card[channel])
        out |= accepted & (which == version)
    return out
