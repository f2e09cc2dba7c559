"""Status, deadlines, the two paths, issuance and days without a card.

Source: the guidance (seeds/004), sections "WHAT YOU NEED TO DO", "Applying before
31 December 2020", "Applying after 1 January 2021" and "FEES AND TIMELINES"; read as in
spec/rules.md "One scenario".  All arrays are day numbers or flags, one entry per row.
"""

from __future__ import annotations

import numpy as np

from ..calendar import WorkingCalendar
from ..durations import Duration
from ..parameters import Parameters

STATUSES = ("choice", "five_year_only", "late_card_expired", "late_transition_deadline",
            "out_of_scope")
CHOICE, FIVE_YEAR_ONLY, LATE_CARD_EXPIRED, LATE_TRANSITION_DEADLINE, OUT_OF_SCOPE = range(5)
PATH_STATUSES = ("ok", "late_second_application")


def last_day_allowed(name: str, days: np.ndarray, params: Parameters) -> np.ndarray | int:
    """The last day allowed by "apply ... before <name>" (choice_window_end or
    transition_deadline) in force on `days`: the named day itself under before_reading
    "inclusive", the day before under "exclusive" (Readings: before_reading)."""
    day = params[name].numeric_at(days)
    return day - 1 if params.reading("before_reading") == "exclusive" else day


def before_guidance_period(application: np.ndarray, params: Parameters) -> np.ndarray:
    """True where the application day is before guidance_period_from: the guidance says nothing of
    such applications (Scope; the rules are still computed as written)."""
    return application < params["guidance_period_from"].numeric_at(application)


def deadline_cases(expiry: np.ndarray, application: np.ndarray,
                   params: Parameters) -> list[tuple[str, np.ndarray]]:
    """The cases of apply_by in their order, named: "in_window" (E <= choice_window_end: the card's
    last day), "expiry_first" (E <= transition_deadline: the card's last day); otherwise
    (DEADLINE_DEFAULT) the transition deadline.  deadline() decides by them; a trace reports the
    first that holds."""
    window_end = last_day_allowed("choice_window_end", application, params)
    transition = last_day_allowed("transition_deadline", application, params)
    return [("in_window", expiry <= window_end), ("expiry_first", expiry <= transition)]


DEADLINE_DEFAULT = "transition_first"
"""The case of apply_by when none of deadline_cases holds: the transition deadline comes first."""


def deadline(expiry: np.ndarray, application: np.ndarray, params: Parameters,
             cal: WorkingCalendar) -> dict[str, np.ndarray]:
    """apply_by = E if E <= choice_window_end else min(E, transition_deadline); its last working
    day; slack = apply_by - A.  ("You should go ... at the latest on the last day of validity";
    the two deadlines as the before_reading makes them.)"""
    (_, in_window), (_, expiry_first) = deadline_cases(expiry, application, params)
    transition = last_day_allowed("transition_deadline", application, params)
    apply_by = np.where(in_window | expiry_first, expiry, transition)
    return {
        "apply_by": apply_by,
        "apply_by_last_working_day": cal.last_working_day_on_or_before(apply_by),
        "slack_days": apply_by - application,
    }


def choice_parts(expiry: np.ndarray, application: np.ndarray,
                 params: Parameters) -> dict[str, np.ndarray]:
    """The two parts of condition 4 (choice), named: the card expires in the choice window
    (choice_expiry_from..choice_expiry_to) and the application is made by its end."""
    expiry_from = params["choice_expiry_from"].numeric_at(application)
    expiry_to = params["choice_expiry_to"].numeric_at(application)
    window_end = last_day_allowed("choice_window_end", application, params)
    return {"expiry_in_choice_window": (expiry >= expiry_from) & (expiry <= expiry_to),
            "applied_by_choice_window_end": application <= window_end}


def expiry_parts(expiry: np.ndarray, application: np.ndarray, params: Parameters) -> dict[str, np.ndarray]:
    """The two parts of condition 2 (late, the card expired), named: the application is made after
    the card's last day, and the card's expiry binds (card_expiry_reading "binding"; under
    "advisory" the expiry is advice and condition 2 never holds)."""
    return {"applied_after_expiry": application > expiry,
            "expiry_binding": np.bool_(params.reading("card_expiry_reading") == "binding")}


def status_conditions(expiry: np.ndarray, application: np.ndarray, years_resided: np.ndarray,
                      params: Parameters) -> list[tuple[str, np.ndarray]]:
    """The spec's conditions 1-4 in their order, each named by the status it decides (condition
    5, five_year_only, is the default): status() selects by them, a trace reports the first that
    holds.

    1. out of scope: resided max_years_resided or more; 2. late, the card expired (A > E; only
    under card_expiry_reading "binding": expiry_parts); 3. late, after the transition deadline;
    4. choice: the card expires in the choice window and the application is made by its end
    (choice_parts)."""
    max_years = params["max_years_resided"].numeric_at(application)
    transition = last_day_allowed("transition_deadline", application, params)
    expired = expiry_parts(expiry, application, params)
    parts = choice_parts(expiry, application, params)
    shape = np.broadcast_shapes(np.shape(expiry), np.shape(application), np.shape(years_resided))
    conditions = [
        ("out_of_scope", years_resided >= max_years),
        ("late_card_expired", expired["applied_after_expiry"] & expired["expiry_binding"]),
        ("late_transition_deadline", application > transition),
        ("choice", parts["expiry_in_choice_window"] & parts["applied_by_choice_window_end"]),
    ]
    return [(name, np.broadcast_to(condition, shape)) for name, condition in conditions]


STATUS_DEFAULT = "five_year_only"
"""Condition 5: the status when none of status_conditions holds."""


def status(expiry: np.ndarray, application: np.ndarray, years_resided: np.ndarray,
           params: Parameters) -> np.ndarray:
    """Status code per row: the spec's conditions 1-5 (status_conditions) in their order, the
    first that holds wins."""
    conditions = status_conditions(expiry, application, years_resided, params)
    return np.select([condition for _, condition in conditions],
                     [np.int8(STATUSES.index(name)) for name, _ in conditions],
                     default=np.int8(STATUSES.index(STATUS_DEFAULT)))


def option_conditions(status_code: np.ndarray, option_b: np.ndarray) -> list[tuple[str, np.ndarray]]:
    """Why a path is open, named: "choice" (either path under status choice) or
    "five_year_only_path_b" (path b under five_year_only); neither holds: the path is closed."""
    return [("choice", status_code == CHOICE),
            ("five_year_only_path_b", (status_code == FIVE_YEAR_ONLY) & option_b)]


def option_available(status_code: np.ndarray, option_b: np.ndarray) -> np.ndarray:
    """Option a needs status `choice`; option b is open under `choice` and `five_year_only`."""
    (_, choice), (_, five_year_b) = option_conditions(status_code, option_b)
    return choice | five_year_b


def applications(option_b: np.ndarray) -> np.ndarray:
    """Applications on an open path: one on path b, two on path a (the EU card, then the five-year
    card)."""
    return 2 - option_b.astype(np.int64)


def five_year_application(application: np.ndarray, second: np.ndarray, option_b: np.ndarray) -> np.ndarray:
    """The day the five-year card is applied for: the application on path b, the second on path a."""
    return np.where(option_b, application, second)


def second_application_too_early(available: np.ndarray, option_b: np.ndarray, second: np.ndarray,
                                 application: np.ndarray) -> np.ndarray:
    """Rows on an open path a whose second application is on or before the first: the inputs
    contradict path a (an error, never a result)."""
    return available & ~option_b & (second <= application)


PROCESSING = ("standard_processing", "expedited_processing")
"""The two processing parameters; processing_parameter chooses one per application."""


def processing_parameter(expedited: np.ndarray) -> np.ndarray:
    """Which processing parameter each application uses, as its index in PROCESSING:
    expedited_processing when expedited, else standard_processing.  The one place it is chosen:
    processing() and core.trace ask it."""
    return np.asarray(expedited).astype(np.intp)


def processing(expedited: bool, params: Parameters) -> tuple[str, bool]:
    """The processing parameter of an application (processing_parameter) and whether its calendar
    days are counted as working days: expedited_processing as written; standard_processing in
    working days under processing_days_reading "working"."""
    name = PROCESSING[int(processing_parameter(expedited))]
    return name, name == "standard_processing" and params.reading("processing_days_reading") == "working"


def processing_as_counted(expedited: np.ndarray, day: np.ndarray, params: Parameters) -> list[Duration]:
    """The processing duration of each application (expedited flag, day of application) as the
    rule counts it: the parameter processing() chooses, in force on the day, counted().  A fact
    for core.trace (one row, Duration objects), not part of the vectorised rules."""
    out = []
    for fast, on in zip(np.ravel(expedited), np.ravel(day), strict=True):
        name, as_working = processing(bool(fast), params)
        out.append(counted(params[name].value_at(int(on)), as_working))
    return out


def counted(value: Duration, days_as_working: bool) -> Duration:
    """The duration as counted: with `days_as_working`, a duration in calendar days is counted in
    working days."""
    return Duration(value.amount, "working_days") if days_as_working and value.unit == "days" else value


def issued_by(day: np.ndarray, expedited: np.ndarray, params: Parameters,
              cal: WorkingCalendar) -> np.ndarray:
    """Issuance day of an application on `day`: standard or expedited (processing()), each as of
    the day."""
    fast, fast_working = processing(True, params)
    slow, slow_working = processing(False, params)
    return np.where(
        expedited,
        add_duration_param(day, fast, params, cal, days_as_working=fast_working),
        add_duration_param(day, slow, params, cal, days_as_working=slow_working),
    )


def add_duration_param(day: np.ndarray, name: str, params: Parameters, cal: WorkingCalendar,
                       as_of: np.ndarray | None = None, days_as_working: bool = False) -> np.ndarray:
    """day + the duration parameter `name` in force on `as_of` (default: on `day` itself);
    with `days_as_working`, a duration in calendar days is counted in working days."""
    param = params[name]
    if not param.dated:
        return cal.add(day, counted(param.values[0], days_as_working))
    which = param.index_at(day if as_of is None else as_of)
    out = np.empty_like(day)
    for i, value in enumerate(param.values):
        mask = which == i
        if mask.any():
            out[mask] = cal.add(day[mask], counted(value, days_as_working))
    return out


def first_handover_gap(first_issued: np.ndarray, expiry: np.ndarray) -> np.ndarray:
    """Days without a card between the old card's expiry and the first card: max(0, I - V - 1)."""
    gap = first_issued - expiry
    gap -= 1
    np.maximum(gap, 0, out=gap)
    return gap


def issuance(application: np.ndarray, second: np.ndarray, option_b: np.ndarray,
             expedited: np.ndarray, params: Parameters, cal: WorkingCalendar) -> dict[str, np.ndarray]:
    """Issuance days, validity of the five-year card, path status, the five-year card's own gap
    (second_gap_days) and whether there is no card, for every row as if its path were open (none
    of it depends on the card's expiry; core.assemble adds the first handover's gap and blanks
    closed paths).

    Path b: one application on A; its card is the five-year card.  Path a: an EU card from A
    (valid until eu_card_valid_until), then the five-year card from the second application S; S
    after the transition deadline makes the path late (and, under late_second_application_reading
    "no_card", gives no five-year card)."""
    first = issued_by(application, expedited, params, cal)
    second_issued = issued_by(second, expedited, params, cal)
    five_year = np.where(option_b, first, second_issued)
    # The validity is looked up as of the five-year card's application day (only matters
    # when the parameter is dated).
    earliest = params.reading("five_year_validity_reading") == "earliest_issue"
    five_year_day = five_year_application(application, second, option_b) \
        if params["five_year_validity"].dated or earliest else None
    # five_year_validity_reading: the five years run from the last day of the processing period
    # (latest_issue) or from the five-year card's application day (earliest_issue).
    valid_until = add_duration_param(five_year_day if earliest else five_year, "five_year_validity",
                                     params, cal, as_of=five_year_day)
    eu_valid = params["eu_card_valid_until"].numeric_at(application)
    transition = last_day_allowed("transition_deadline", application, params)
    # max(0, (I - V) - 1) for the handover from the EU card (path a only), computed in place.
    gap_second = five_year - eu_valid
    gap_second -= 1
    np.maximum(gap_second, 0, out=gap_second)
    gap_second[option_b] = 0
    late_second = second > transition
    late_second &= ~option_b
    # late_second_application_reading "no_card": a late second application gives no
    # five-year card; the engine leaves its dates, the BOK venues and the gap missing.
    no_card = late_second if params.reading("late_second_application_reading") == "no_card" \
        else np.zeros_like(late_second)
    return {
        "first_issued_by": first,
        "five_year_issued_by": five_year,
        "five_year_valid_until": valid_until,
        "second_gap_days": gap_second,
        "late_second": late_second,
        "no_five_year_card": no_card,
    }
