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
    return expedited * fast + delivery * send + card


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
    fixed_payable = None if params["stamp_payment"].dated else \
        _payable(days[0], channel, cash, channels, params)
    for day, fee in zip(days, fees, strict=True):
        needed = fee > 0
        purchase = day - lead
        usable = _usable(purchase, day, lead, channel, channels, params, cal)
        payable = fixed_payable if fixed_payable is not None else \
            _payable(day, channel, cash, channels, params)
        ok &= ~needed | (usable & payable)
        first_purchase = np.where(needed, np.minimum(first_purchase, purchase), first_purchase)
        any_stamps |= needed
    refund_from = np.where(any_stamps, first_purchase, 0)
    refund_by = add_duration_param(refund_from, "stamp_refund_window", params, cal,
                                   as_of=refund_from)
    return ok, refund_by, any_stamps


def _usable(purchase: np.ndarray, day: np.ndarray, lead: np.ndarray, channel: np.ndarray,
            channels: tuple[str, ...], params: Parameters, cal: WorkingCalendar) -> np.ndarray:
    """Whether stamps bought on `purchase` through each row's channel are usable on `day`.

    Channels sharing a duration are computed together; a validity in calendar days
    reduces to lead <= days, with no calendar work."""
    param = params["stamp_validity"]
    which = param.index_at(day) if param.dated else None
    out = np.zeros(len(day), dtype=bool)
    for version, mapping in enumerate(param.values):
        durations = list(dict.fromkeys(mapping[name] for name in channels))
        group = np.array([durations.index(mapping[name]) for name in channels], dtype=np.int8)
        row_group = group[channel] if len(durations) > 1 else None
        for g, duration in enumerate(durations):
            if duration.unit == "days":
                result = lead <= duration.amount
            else:
                result = cal.add(purchase, duration) >= day
            mask = np.ones(len(day), dtype=bool) if row_group is None else row_group == g
            if which is not None:
                mask &= which == version
            np.copyto(out, result, where=mask)
    return out


def _payable(day: np.ndarray, channel: np.ndarray, cash: np.ndarray,
             channels: tuple[str, ...], params: Parameters) -> np.ndarray:
    """Whether each row's channel accepts its payment (card or cash) on `day`."""
    param = params["stamp_payment"]
    code = channel.astype(np.int64) * 2 + cash
    tables = [np.array([[p in mapping[c] for p in ("card", "cash")] for c in channels]).ravel()
              for mapping in param.values]
    if not param.dated:
        return tables[0][code]
    which = param.index_at(day)
    out = np.zeros(len(day), dtype=bool)
    for version, table in enumerate(tables):
        out |= table[code] & (which == version)
    return out
