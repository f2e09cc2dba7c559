"""evaluate(): a frame of scenarios in, the same rows with every output of the spec out."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

from ..errors import ExplorerError
from .calendar import WorkingCalendar, working_calendar
from .days import to_datetime
from .inputs import INPUT_COLUMNS, Scenario, validate
from .parameters import Parameters, day_to_date, load_parameters
from .phrases import SECOND_NOT_AFTER, second_after_first
from .rules import bok, fees, transition

OUTPUT_COLUMNS = (
    "status", "applied_after_expiry", "before_guidance_period", "apply_by", "apply_by_last_working_day",
    "slack_days",
    "option_available", "path_status", "applications", "first_issued_by", "five_year_issued_by",
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


CHUNK_ROWS = 1 << 18
"""Rows computed at a time: small enough for the CPU cache and for the allocator to reuse
memory between chunks (large fresh arrays cost page faults), large enough to amortise
numpy call overhead."""

# Raw outputs of the rules: name -> numpy dtype, filled chunk by chunk.
_RAW = {
    "status": np.int8, "apply_by": np.int64, "apply_by_last_working_day": np.int64,
    "slack_days": np.int64, "option_available": bool, "late_second": bool,
    "applications": np.int64, "first_issued_by": np.int64, "five_year_issued_by": np.int64,
    "five_year_valid_until": np.int64, "gap_days": np.int64, "fees_cents": np.int64,
    "visits": np.int64, "stamp_ok": bool, "stamp_refund_by": np.int64, "any_stamps": bool,
    "bok_venue_types": np.int64, "no_five_year_card": bool, "before_guidance_period": bool,
}


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
    n = len(frame)
    if n <= CHUNK_ROWS:
        raw = _rules(s, 0, n, params, cal, frame.index)
    else:
        raw = {name: np.empty(n, dtype=dtype) for name, dtype in _RAW.items()}

        def chunk(start: int) -> None:
            stop = min(n, start + CHUNK_ROWS)
            for name, values in _rules(s, start, stop, params, cal, frame.index).items():
                raw[name][start:stop] = values

        # numpy releases the GIL inside its loops, so chunks run side by side on the cores;
        # results are awaited in row order, so the first bad row reported is the first overall.
        for future in [_pool().submit(chunk, start) for start in range(0, n, CHUNK_ROWS)]:
            future.result()
    return _frame(frame, s, raw)


_POOL: ThreadPoolExecutor | None = None


def _pool() -> ThreadPoolExecutor:
    """The threads that evaluate chunks of a large frame (one per core, at most four)."""
    global _POOL
    if _POOL is None:
        _POOL = ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1)),
                                   thread_name_prefix="explorer-rules")
    return _POOL


def _rules(s: Scenario, start: int, stop: int, params: Parameters, cal: WorkingCalendar,
           index: pd.Index) -> dict[str, np.ndarray]:
    """The rules on rows [start, stop) of validated inputs: raw outputs as numpy arrays."""
    rows = slice(start, stop)
    E, A, S = s.expiry[rows], s.application[rows], s.second[rows]
    option_b, expedited, delivery = s.option_b[rows], s.expedited[rows], s.delivery[rows]

    dl = transition.deadline(E, A, params, cal)
    code = transition.status(E, A, s.years_resided[rows], params)
    available = transition.option_available(code, option_b)
    option_a = available & ~option_b
    invalid = option_a & (S <= A)
    if invalid.any():
        pos = int(np.argmax(invalid))
        raise ExplorerError(
            "second_application_date", str(day_to_date(S[pos])),
            second_after_first(str(day_to_date(A[pos]))),
            index[start + pos], problem=SECOND_NOT_AFTER,
        )

    path = transition.paths(A, S, E, option_b, expedited, params, cal)
    applications = available * (2 - option_b.astype(np.int64))
    fee_first = fees.fee_per_application(A, expedited, delivery, params) * available
    fee_second = fees.fee_per_application(S, expedited, delivery, params) * option_a
    stamp_ok, refund_by, any_stamps = fees.stamp_checks(
        [A, S], [fee_first, fee_second], s.lead[rows], s.channel[rows], s.cash[rows], params, cal
    )
    return {
        "status": code,
        "apply_by": dl["apply_by"],
        "apply_by_last_working_day": dl["apply_by_last_working_day"],
        "slack_days": dl["slack_days"],
        "option_available": available,
        "late_second": path["late_second"],
        "applications": applications,
        "first_issued_by": path["first_issued_by"],
        "five_year_issued_by": path["five_year_issued_by"],
        "five_year_valid_until": path["five_year_valid_until"],
        "gap_days": path["gap_days"],
        "fees_cents": fee_first + fee_second,
        "visits": fees.visits(applications, delivery),
        "stamp_ok": stamp_ok,
        "stamp_refund_by": refund_by,
        "any_stamps": any_stamps,
        "bok_venue_types": bok.venue_types(path["five_year_valid_until"], params),
        "no_five_year_card": path["no_five_year_card"],
        "before_guidance_period": transition.before_guidance_period(A, params),
    }


def _frame(frame: pd.DataFrame, s: Scenario, raw: dict[str, np.ndarray]) -> pd.DataFrame:
    """The output frame: inputs with defaults, the input's other columns, then the outputs.

    Day numbers are turned into datetime64 in place; rows without an open path get
    NaT / NA in every path column."""
    closed = ~raw["option_available"]
    # No five-year card (late second application under the "no_card" reading): its dates,
    # the BOK venues and the days without a card are missing, as on a closed path.
    no_card = closed | raw["no_five_year_card"] if raw["no_five_year_card"].any() else closed
    out = dict(s.columns)
    out.update(
        status=pd.Categorical.from_codes(raw["status"], categories=list(transition.STATUSES)),
        applied_after_expiry=s.application > s.expiry,
        before_guidance_period=raw["before_guidance_period"],
        apply_by=to_datetime(raw["apply_by"], False, in_place=True),
        apply_by_last_working_day=to_datetime(raw["apply_by_last_working_day"], False,
                                              in_place=True),
        slack_days=raw["slack_days"].astype(np.int64, copy=False),
        option_available=raw["option_available"],
        path_status=pd.Categorical.from_codes(
            np.where(closed, -1, raw["late_second"]).astype(np.int8),
            categories=list(transition.PATH_STATUSES),
        ),
        applications=raw["applications"].astype(np.int64, copy=False),
        first_issued_by=to_datetime(raw["first_issued_by"], closed, in_place=True),
        five_year_issued_by=to_datetime(raw["five_year_issued_by"], no_card, in_place=True),
        five_year_valid_until=to_datetime(raw["five_year_valid_until"], no_card, in_place=True),
        gap_days=pd.arrays.IntegerArray(raw["gap_days"].astype(np.int64, copy=False), no_card.copy()),
        fees_cents=raw["fees_cents"].astype(np.int64, copy=False),
        fees_eur=raw["fees_cents"] / 100.0,
        visits=raw["visits"].astype(np.int64, copy=False),
        stamp_ok=pd.arrays.BooleanArray(raw["stamp_ok"], closed),
        stamp_refund_by=to_datetime(raw["stamp_refund_by"], closed | ~raw["any_stamps"],
                                    in_place=True),
        accommodation_document_required=s.address_changed | ~s.accommodation_before,
        bok_venue_types=pd.arrays.IntegerArray(
            raw["bok_venue_types"].astype(np.int64, copy=False), no_card.copy()),
    )
    extra = [c for c in frame.columns if c not in out]
    result = pd.DataFrame(out, index=frame.index, copy=False)
    if extra:
        result = pd.concat([frame[extra], result], axis=1)[
            list(INPUT_COLUMNS) + extra + list(OUTPUT_COLUMNS)
        ]
    return result
