"""The rules for one scenario, written plainly with datetime.date: the tests' second opinion.

This follows spec/rules.md line by line without numpy, so that the property tests and the YAML
cases can hold the vectorised engine to it. It lives with the tests, not in the package: the
package has one copy of the rules (explorer/core/rules), this is the independent reading.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from explorer.core.calendar import working_calendar
from explorer.core.days import day_number, day_to_date
from explorer.core.durations import Duration
from explorer.core.parameters import Parameters
from explorer.core.phrases import SECOND_NOT_AFTER, second_after_first
from explorer.errors import ExplorerError


@dataclass
class ScenarioInputs:
    """The inputs of one scenario with the spec's defaults."""

    card_expiry: dt.date
    application_date: dt.date
    option: str = "b"
    expedited: bool = False
    delivery: bool = False
    second_application_date: dt.date | None = None
    stamp_channel: str = "online"
    stamp_lead_days: int = 0
    payment: str = "card"
    years_resided: float = 0
    address_changed: bool = False
    accommodation_submitted_before: bool = True
    booked_online: bool = True


class Reader:
    """Parameter values and calendar steps for one day at a time."""

    def __init__(self, params: Parameters) -> None:
        self.params = params
        self.holidays = working_calendar(params.calendar).holidays

    def get(self, name: str, on: dt.date) -> Any:
        """Internal value of a parameter in force on a day; dates come back as dt.date."""
        param = self.params[name]
        value = param.value_at(day_number(on))
        return day_to_date(value) if param.kind == "date" else value

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self.holidays

    def add(self, day: dt.date, duration: Duration) -> dt.date:
        if duration.unit == "days":
            return day + dt.timedelta(days=duration.amount)
        if duration.unit == "working_days":
            counted = 0
            while counted < duration.amount:
                day += dt.timedelta(days=1)
                if self.is_working_day(day):
                    counted += 1
            return day
        year = day.year + duration.amount
        try:
            return day.replace(year=year)
        except ValueError:  # 29 February in a common year
            return day.replace(year=year, day=28)

    def last_working_day(self, day: dt.date) -> dt.date:
        while not self.is_working_day(day):
            day -= dt.timedelta(days=1)
        return day

    def reading(self, name: str) -> str:
        return self.params[name].values[0]

    def last_allowed(self, name: str, on: dt.date) -> dt.date:
        """"Before <day>": the day itself (inclusive reading) or the day before (exclusive)."""
        day = self.get(name, on)
        return day - dt.timedelta(days=1) if self.reading("before_reading") == "exclusive" else day

    def issued_by(self, day: dt.date, expedited: bool) -> dt.date:
        if expedited:
            return self.add(day, self.get("expedited_processing", day))
        standard = self.get("standard_processing", day)
        if self.reading("processing_days_reading") == "working" and standard.unit == "days":
            standard = Duration(standard.amount, "working_days")
        return self.add(day, standard)

    def fee_cents(self, day: dt.date, expedited: bool, delivery: bool) -> int:
        return (self.get("fee_card", day)
                + (self.get("fee_expedited", day) if expedited else 0)
                + (self.get("fee_delivery", day) if delivery else 0))


def evaluate_scenario(s: ScenarioInputs, params: Parameters) -> dict[str, Any]:
    """Every output of the spec for one scenario; missing values are None."""
    r = Reader(params)
    E, A = s.card_expiry, s.application_date
    window_end = r.last_allowed("choice_window_end", A)
    transition = r.last_allowed("transition_deadline", A)
    S = s.second_application_date or transition

    apply_by = E if E <= window_end else min(E, transition)
    out: dict[str, Any] = {
        "applied_after_expiry": A > E,
        "before_guidance_period": A < r.get("guidance_period_from", A),
        "apply_by": apply_by,
        "apply_by_last_working_day": r.last_working_day(apply_by),
        "slack_days": (apply_by - A).days,
    }

    if s.years_resided >= r.get("max_years_resided", A):
        status = "out_of_scope"
    elif A > E and r.reading("card_expiry_reading") == "binding":
        status = "late_card_expired"
    elif A > transition:
        status = "late_transition_deadline"
    elif r.get("choice_expiry_from", A) <= E <= r.get("choice_expiry_to", A) and A <= window_end:
        status = "choice"
    else:
        status = "five_year_only"
    available = status == "choice" or (status == "five_year_only" and s.option == "b")
    out.update(status=status, option_available=available,
               accommodation_document_required=s.address_changed
               or not s.accommodation_submitted_before)
    empty = dict(path_status=None, applications=0, first_issued_by=None, five_year_issued_by=None,
                 five_year_valid_until=None, gap_days=None, fees_cents=0, visits=0, stamp_ok=None,
                 stamp_refund_by=None, bok_venue_types=None)
    if not available:
        out.update(empty)
        return out
    if s.option == "a" and S <= A:
        raise ExplorerError("second_application_date", str(S),
                            second_after_first(str(A)), problem=SECOND_NOT_AFTER)

    first = r.issued_by(A, s.expedited)
    if s.option == "b":
        app_days = [A]
        five_year, five_year_day = first, A
        gap = max(0, (first - E).days - 1)
        path_status = "ok"
    else:
        app_days = [A, S]
        five_year, five_year_day = r.issued_by(S, s.expedited), S
        eu_valid = r.get("eu_card_valid_until", A)
        gap = max(0, (first - E).days - 1) + max(0, (five_year - eu_valid).days - 1)
        path_status = "late_second_application" if S > transition else "ok"
    # five_year_validity_reading: from the last day of processing, or from the application day.
    start = five_year_day if r.reading("five_year_validity_reading") == "earliest_issue" else five_year
    valid_until = r.add(start, r.get("five_year_validity", five_year_day))

    fees = [r.fee_cents(d, s.expedited, s.delivery) for d in app_days]
    stamp_ok = True
    purchases = []
    for day, fee in zip(app_days, fees, strict=True):
        if fee <= 0:
            continue
        purchase = day - dt.timedelta(days=s.stamp_lead_days)
        purchases.append(purchase)
        usable_until = r.add(purchase, r.get("stamp_validity", day)[s.stamp_channel])
        payable = s.payment in r.get("stamp_payment", day)[s.stamp_channel]
        stamp_ok = stamp_ok and usable_until >= day and payable
    refund_by = None
    if purchases and r.reading("stamp_refund_reading") == "first_purchase":
        first_purchase = min(purchases)
        refund_by = r.add(first_purchase, r.get("stamp_refund_window", first_purchase))
    elif purchases:
        refund_by = max(r.add(p, r.get("stamp_refund_window", p)) for p in purchases)

    wider = valid_until >= r.get("bok_wider_activation_from", valid_until)
    venues = r.get("bok_venues_wider" if wider else "bok_venues_before", valid_until)
    applications = len(app_days)
    no_card = path_status == "late_second_application" and \
        r.reading("late_second_application_reading") == "no_card"
    if no_card:
        five_year = valid_until = gap = None
    out.update(
        path_status=path_status,
        applications=applications,
        first_issued_by=first,
        five_year_issued_by=five_year,
        five_year_valid_until=valid_until,
        gap_days=gap,
        fees_cents=sum(fees),
        visits=applications * (1 if s.delivery else 2),
        stamp_ok=stamp_ok,
        stamp_refund_by=refund_by,
        bok_venue_types=None if no_card else len(venues),
    )
    return out
