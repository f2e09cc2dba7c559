"""Status, deadlines, the two paths, issuance and days without a card.

Source: the guidance (seeds/004), sections "WHAT YOU NEED TO DO", "Applying before
31 December 2020", "Applying after 1 January 2021" and "FEES AND TIMELINES"; read as in
spec/rules.md "One scenario".  All arrays are day numbers or flags, one entry per row.
"""

from __future__ import annotations

import numpy as np

from ..calendar import WorkingCalendar
from ..parameters import Parameters

STATUSES = ("choice", "five_year_only", "late_card_expired", "late_transition_deadline",
            "out_of_scope")
CHOICE, FIVE_YEAR_ONLY, LATE_CARD_EXPIRED, LATE_TRANSITION_DEADLINE, OUT_OF_SCOPE = range(5)
PATH_STATUSES = ("ok", "late_second_application")


def deadline(expiry: np.ndarray, application: np.ndarray, params: Parameters,
             cal: WorkingCalendar) -> dict[str, np.ndarray]:
    """apply_by = E if E <= choice_window_end else min(E, transition_deadline); its last working
    day; slack = apply_by - A.  ("You should go ... at the latest on the last day of validity".)"""
    window_end = params["choice_window_end"].numeric_at(application)
    transition = params["transition_deadline"].numeric_at(application)
    apply_by = np.where(expiry <= window_end, expiry, np.minimum(expiry, transition))
    return {
        "apply_by": apply_by,
        "apply_by_last_working_day": cal.last_working_day_on_or_before(apply_by),
        "slack_days": apply_by - application,
    }


def status(expiry: np.ndarray, application: np.ndarray, years_resided: np.ndarray,
           params: Parameters) -> np.ndarray:
    """Status code per row, first matching rule wins: out of scope, late (card expired),
    late (transition deadline), choice (expiry in the choice window, applied by its end),
    five-year card only."""
    max_years = params["max_years_resided"].numeric_at(application)
    transition = params["transition_deadline"].numeric_at(application)
    window_end = params["choice_window_end"].numeric_at(application)
    expiry_from = params["choice_expiry_from"].numeric_at(application)
    expiry_to = params["choice_expiry_to"].numeric_at(application)
    in_choice = (expiry >= expiry_from) & (expiry <= expiry_to) & (application <= window_end)
    code = np.full(expiry.shape, FIVE_YEAR_ONLY, dtype=np.int8)
    # Assign in reverse order of precedence so that the first matching rule wins.
    code[in_choice] = CHOICE
    code[application > transition] = LATE_TRANSITION_DEADLINE
    code[application > expiry] = LATE_CARD_EXPIRED
    code[years_resided >= max_years] = OUT_OF_SCOPE
    return code


def option_available(status_code: np.ndarray, option_b: np.ndarray) -> np.ndarray:
    """Option a needs status `choice`; option b is open under `choice` and `five_year_only`."""
    return (status_code == CHOICE) | ((status_code == FIVE_YEAR_ONLY) & option_b)


def issued_by(day: np.ndarray, expedited: np.ndarray, params: Parameters,
              cal: WorkingCalendar) -> np.ndarray:
    """Issuance day of an application on `day`: standard (calendar days) or expedited
    (working days), each looked up as of the application day."""
    return np.where(
        expedited,
        add_duration_param(day, "expedited_processing", params, cal),
        add_duration_param(day, "standard_processing", params, cal),
    )


def add_duration_param(day: np.ndarray, name: str, params: Parameters, cal: WorkingCalendar,
                       as_of: np.ndarray | None = None) -> np.ndarray:
    """day + the duration parameter `name` in force on `as_of` (default: on `day` itself)."""
    param = params[name]
    if not param.dated:
        return cal.add(day, param.values[0])
    which = param.index_at(day if as_of is None else as_of)
    out = np.empty_like(day)
    for i, duration in enumerate(param.values):
        mask = which == i
        if mask.any():
            out[mask] = cal.add(day[mask], duration)
    return out


def paths(application: np.ndarray, second: np.ndarray, expiry: np.ndarray, option_b: np.ndarray,
          expedited: np.ndarray, params: Parameters, cal: WorkingCalendar) -> dict[str, np.ndarray]:
    """Issuance days, validity of the five-year card, path status and days without a card,
    for every row as if its path were open (the engine blanks the closed ones).

    Path b: one application on A; its card is the five-year card.  Path a: an EU card
    from A (valid until eu_card_valid_until), then the five-year card from the second
    application S; S after the transition deadline makes the path late."""
    first = issued_by(application, expedited, params, cal)
    second_issued = issued_by(second, expedited, params, cal)
    five_year = np.where(option_b, first, second_issued)
    # The validity is looked up as of the five-year card's application day (only matters
    # when the parameter is dated).
    five_year_day = np.where(option_b, application, second) \
        if params["five_year_validity"].dated else None
    valid_until = add_duration_param(five_year, "five_year_validity", params, cal,
                                     as_of=five_year_day)
    eu_valid = params["eu_card_valid_until"].numeric_at(application)
    transition = params["transition_deadline"].numeric_at(application)
    # max(0, (I - V) - 1) per handover, computed in place.
    gap = first - expiry
    gap -= 1
    np.maximum(gap, 0, out=gap)
    gap_second = five_year - eu_valid
    gap_second -= 1
    np.maximum(gap_second, 0, out=gap_second)
    gap_second[option_b] = 0
    gap += gap_second
    late_second = second > transition
    late_second &= ~option_b
    return {
        "first_issued_by": first,
        "five_year_issued_by": five_year,
        "five_year_valid_until": valid_until,
        "gap_days": gap,
        "late_second": late_second,
    }
