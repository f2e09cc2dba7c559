"""evaluate(): a frame of scenarios in, the same rows with every output of the spec out."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

from ..errors import ExplorerError
from .assemble import OUTPUT_COLUMNS, cell_outputs, choice_outputs, output_columns
from .calendar import WorkingCalendar, working_calendar
from .days import day_to_date
from .inputs import INPUT_COLUMNS, Scenario, validate
from .parameter_file import load_parameters
from .parameters import Parameters
from .phrases import SECOND_NOT_AFTER, second_after_first
from .rules import transition

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
        # the rules' result types, from the first row, so that every chunk writes into one array
        raw = {name: np.empty(n, dtype=values.dtype)
               for name, values in _rules(s, 0, 1, params, cal, frame.index).items()}

        def chunk(start: int) -> None:
            stop = min(n, start + CHUNK_ROWS)
            for name, values in _rules(s, start, stop, params, cal, frame.index).items():
                raw[name][start:stop] = values

        # numpy releases the GIL inside its loops, so chunks run side by side on the cores;
        # results are awaited in row order, so the first bad row reported is the first overall.
        for future in [_pool().submit(chunk, start) for start in range(0, n, CHUNK_ROWS)]:
            future.result()
    out = dict(s.columns)
    out.update(output_columns(raw, raw, raw.pop("option_available"), s.expiry, disposable=True))
    extra = [c for c in frame.columns if c not in out]
    result = pd.DataFrame(out, index=frame.index, copy=False)
    if extra:
        result = pd.concat([frame[extra], result], axis=1)[list(INPUT_COLUMNS) + extra + list(OUTPUT_COLUMNS)]
    return result


_POOL: ThreadPoolExecutor | None = None


def _pool() -> ThreadPoolExecutor:
    """The threads that evaluate chunks of a large frame (one per core, at most four)."""
    global _POOL
    if _POOL is None:
        _POOL = ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1)),
                                   thread_name_prefix="explorer-rules")
    return _POOL


def check_second_applications(available: np.ndarray, option_b: np.ndarray, second: np.ndarray,
                              application: np.ndarray, index: pd.Index, start: int = 0) -> None:
    """Refuse the first row whose open path a has its second application on or before the first
    (transition.second_application_too_early): the inputs contradict the path.  The rows are
    those of `index` from position `start`."""
    invalid = transition.second_application_too_early(available, option_b, second, application)
    if invalid.any():
        pos = int(np.argmax(invalid))
        raise ExplorerError(
            "second_application_date", str(day_to_date(second[pos])),
            second_after_first(str(day_to_date(application[pos]))),
            index[start + pos], problem=SECOND_NOT_AFTER,
        )


def _rules(s: Scenario, start: int, stop: int, params: Parameters, cal: WorkingCalendar,
           index: pd.Index) -> dict[str, np.ndarray]:
    """The rules on rows [start, stop) of validated inputs: each row's cell and choice results
    (core.assemble) and whether its path is open, as numpy arrays."""
    rows = slice(start, stop)
    E, A, S = s.expiry[rows], s.application[rows], s.second[rows]
    option_b = s.option_b[rows]
    cell = cell_outputs(E, A, s.years_resided[rows], params, cal)
    available = transition.option_available(cell["status"], option_b)
    check_second_applications(available, option_b, S, A, index, start)
    choice = choice_outputs(A, S, option_b, s.expedited[rows], s.delivery[rows], s.lead[rows],
                            s.channel[rows], s.cash[rows], s.address_changed[rows],
                            s.accommodation_before[rows], params, cal)
    return {**cell, **choice, "option_available": available}
