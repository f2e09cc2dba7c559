"""evaluate(): a frame of scenarios in, the same rows with every output of the spec out."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .calendar import working_calendar
from .errors import ExplorerError
from .inputs import DATETIME, INPUT_COLUMNS, NAT, US_PER_DAY, days_to_datetime, validate
from .parameters import Parameters, day_to_date, load_parameters
from .rules import bok, fees, transition

OUTPUT_COLUMNS = (
    "status", "apply_by", "apply_by_last_working_day", "slack_days", "option_available",
    "path_status", "applications", "first_issued_by", "five_year_issued_by",
    "five_year_valid_until", "gap_days", "fees_cents", "fees_eur", "visits", "stamp_ok",
    "stamp_refund_by", "accommodation_document_required", "bok_venue_types",
)

_DEFAULT: Parameters | None = None


def default_parameters() -> Parameters:
    """The baseline parameters, read once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load_parameters()
    return _DEFAULT


def evaluate(frame: pd.DataFrame, params: Parameters | None = None) -> pd.DataFrame:
    """Every output of the rules for each row of `frame` (a new frame; the input is untouched).

    Columns: the input columns with defaults filled in, any other columns of the input
    unchanged, then the outputs listed in OUTPUT_COLUMNS.  Dates are datetime64 (NaT when
    missing), statuses Categorical, money both as exact integer cents (`fees_cents`) and
    as euros (`fees_eur`).
    """
    params = params if params is not None else default_parameters()
    s = validate(frame, params)
    cal = working_calendar(params.calendar)
    E, A, S = s.expiry, s.application, s.second

    dl = transition.deadline(E, A, params, cal)
    code = transition.status(E, A, s.years_resided, params)
    available = transition.option_available(code, s.option_b)
    option_a = available & ~s.option_b
    invalid = option_a & (S <= A)
    if invalid.any():
        pos = int(np.argmax(invalid))
        raise ExplorerError(
            "second_application_date", str(day_to_date(S[pos])),
            f"a day after application_date ({day_to_date(A[pos])}) on rows taking option a",
            frame.index[pos], problem="second application on or before the first",
        )

    path = transition.paths(A, S, E, s.option_b, s.expedited, params, cal)
    applications = np.where(available, np.where(s.option_b, 1, 2), 0).astype(np.int64)

    fee_first = fees.fee_per_application(A, s.expedited, s.delivery, params)
    fee_second = np.where(option_a, fees.fee_per_application(S, s.expedited, s.delivery, params), 0)
    fee_first = np.where(available, fee_first, 0)
    cents = (fee_first + fee_second).astype(np.int64)
    stamp_ok, refund_by, any_stamps = fees.stamp_checks(
        [A, S], [fee_first, fee_second], s.lead, s.channel, s.cash, params, cal
    )
    venues = bok.venue_types(path["five_year_valid_until"], params)

    closed = ~available
    out = dict(s.columns)
    out.update(
        status=pd.Categorical.from_codes(code, categories=list(transition.STATUSES)),
        apply_by=days_to_datetime(dl["apply_by"]),
        apply_by_last_working_day=days_to_datetime(dl["apply_by_last_working_day"]),
        slack_days=dl["slack_days"],
        option_available=available,
        path_status=pd.Categorical.from_codes(
            np.where(closed, -1, path["late_second"]).astype(np.int8),
            categories=list(transition.PATH_STATUSES),
        ),
        applications=applications,
        first_issued_by=_dates_or_nat(path["first_issued_by"], closed),
        five_year_issued_by=_dates_or_nat(path["five_year_issued_by"], closed),
        five_year_valid_until=_dates_or_nat(path["five_year_valid_until"], closed),
        gap_days=pd.arrays.IntegerArray(path["gap_days"].astype(np.int64), closed),
        fees_cents=cents,
        fees_eur=cents / 100.0,
        visits=fees.visits(applications, s.delivery),
        stamp_ok=pd.arrays.BooleanArray(stamp_ok, closed),
        stamp_refund_by=_dates_or_nat(refund_by, closed | ~any_stamps),
        accommodation_document_required=s.address_changed | ~s.accommodation_before,
        bok_venue_types=pd.arrays.IntegerArray(np.asarray(venues, dtype=np.int64), closed),
    )
    extra = [c for c in frame.columns if c not in out]
    result = pd.DataFrame(out, index=frame.index, copy=False)
    if extra:
        result = pd.concat([frame[extra], result], axis=1, copy=False)[
            list(INPUT_COLUMNS) + extra + list(OUTPUT_COLUMNS)
        ]
    return result


def _dates_or_nat(days: np.ndarray, missing: np.ndarray) -> np.ndarray:
    """datetime64 values of day numbers, NaT where `missing`."""
    out = days * US_PER_DAY
    np.copyto(out, NAT, where=missing)
    return out.view(DATETIME)
