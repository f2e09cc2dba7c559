"""Optional fees, visits and fee stamps (eKolok).

Source: the guidance (seeds/004), "FEES AND TIMELINES": the card is free; expedited issuance
(fee_expedited) and delivery (fee_delivery) are optional, per application; stamps are bought
through a channel (online, the app, a vending machine or a post office), each with its validity
and accepted payments (stamp_validity, stamp_payment); unused stamps are refundable within
stamp_refund_window.  The amounts and durations are in data/parameters.yaml; money in integer cents.
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
    """(stamp_ok, refund_by, any_stamps) over the applications given by `days`/`fees`,
    listed in the order they happen.

    Stamps are needed for an application only when its fees are above 0; they are bought
    `lead` days before it and must be usable on its day (purchase + channel validity, i.e.
    lead <= the longest lead the channel allows on that day) and payable as chosen.
    refund_by: see _refund_by (Readings: stamp_refund_reading)."""
    channels = params.channels
    ok = np.ones(len(lead), dtype=bool)
    any_stamps = np.zeros(len(lead), dtype=bool)
    fixed_payable = None if params["stamp_payment"].dated else \
        _payable(days[0], channel, cash, channels, params)
    fixed_limits = _fixed_limits(days, lead, channels, params, cal)
    fixed_usable = None
    if fixed_limits is not None and fixed_payable is not None:
        fixed_usable = (lead <= fixed_limits[channel]) & fixed_payable
    needs = []
    for day, fee in zip(days, fees, strict=True):
        needed = fee > 0
        if fixed_usable is not None:
            usable = fixed_usable
        else:
            limit = fixed_limits[channel] if fixed_limits is not None else \
                _lead_limit(day, channel, channels, params, cal)
            payable = fixed_payable if fixed_payable is not None else \
                _payable(day, channel, cash, channels, params)
            usable = (lead <= limit) & payable
        ok &= ~needed | usable
        any_stamps |= needed
        needs.append(needed)
    return ok, _refund_by(days, needs, lead, params, cal), any_stamps


def stamp_purchase(day: np.ndarray, lead: np.ndarray) -> np.ndarray:
    """The day the stamps for an application on `day` are bought: `lead` days before it."""
    return day - lead


def _refund_by(days: list[np.ndarray], needs: list[np.ndarray], lead: np.ndarray,
               params: Parameters, cal: WorkingCalendar) -> np.ndarray:
    """Last day to return unused stamps: the first purchase + stamp_refund_window (reading
    "first_purchase"), or the latest of each purchase's own window ("each_purchase").
    Rows without stamps get a value the engine blanks."""
    if params.reading("stamp_refund_reading") == "first_purchase":
        refund_from = stamp_purchase(days[-1], lead)
        for day, needed in zip(days[-2::-1], needs[-2::-1], strict=True):
            refund_from = np.where(needed, stamp_purchase(day, lead), refund_from)
        return add_duration_param(refund_from, "stamp_refund_window", params, cal,
                                  as_of=refund_from)
    latest = None
    for day, needed in zip(days, needs, strict=True):
        purchase = stamp_purchase(day, lead)
        end = add_duration_param(purchase, "stamp_refund_window", params, cal, as_of=purchase)
        end = np.where(needed, end, np.iinfo(end.dtype).min)
        latest = end if latest is None else np.maximum(latest, end)
    return latest


def _fixed_limits(days: list[np.ndarray], lead: np.ndarray, channels: tuple[str, ...],
                  params: Parameters, cal: WorkingCalendar) -> np.ndarray | None:
    """Longest lead per channel when it does not matter which day the stamps are used on,
    else None.

    A validity in calendar days allows the same lead on every day.  A validity in years or
    working days allows a lead that varies by day; when no row's lead exceeds its shortest
    value over these days, that shortest value decides every row alike."""
    param = params["stamp_validity"]
    if param.dated or lead.size == 0:
        return None
    lead_max = int(lead.max())
    lo = min(int(d.min()) for d in days)
    hi = max(int(d.max()) for d in days)
    limits = []
    for name in channels:
        duration = param.values[0][name]
        if duration.unit == "days":
            limits.append(duration.amount)
            continue
        shortest = int(np.min(cal.longest_lead(np.arange(lo, hi + 1, dtype=np.int64), duration)))
        if lead_max > shortest:
            return None
        limits.append(shortest)
    return np.array(limits, dtype=np.int32)


def _lead_limit(day: np.ndarray, channel: np.ndarray, channels: tuple[str, ...],
                params: Parameters, cal: WorkingCalendar) -> np.ndarray:
    """Longest lead (days between purchase and use) each row's channel allows on `day`.

    Channels sharing a duration are computed together."""
    param = params["stamp_validity"]
    which = param.index_at(day) if param.dated else None
    out = np.zeros(len(day), dtype=np.int32)
    for version, mapping in enumerate(param.values):
        durations = list(dict.fromkeys(mapping[name] for name in channels))
        group = np.array([durations.index(mapping[name]) for name in channels], dtype=np.int8)
        row_group = group[channel]
        for g, duration in enumerate(durations):
            mask = row_group == g
            if which is not None:
                mask &= which == version
            np.copyto(out, cal.longest_lead(day, duration), where=mask)
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
