"""What the dashboard computes: its settings, the sweep they ask for, and the results the views show.

No widgets here, so the tests can hold the dashboard's numbers to explorer.sweep directly.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..core.columns import REASONS, one_of
from ..core.engine import default_parameters, evaluate
from ..core.parameters import Parameters
from ..core.phrases import phrase
from ..core.rules.transition import STATUSES
from ..errors import ExplorerError
from ..scenarios.factored import factor
from ..scenarios.grid import axes, grid_frame
from ..tables import factored as tables
from ..tables.summaries import deadlines_table, fees_table, period_codes, status_table

GRANULARITIES = {"day": "D", "week": "W-MON", "month": "MS"}
SUMMARY_FREQ = "MS"
CHOICES = {"no": (False,), "yes": (True,), "both": (False, True)}
PATHS = {"a": ("a",), "b": ("b",), "both": ("a", "b")}
# Default ranges, derived from the parameters: expiry from the start of the choice window's year
# to the end of the year after the transition deadline; applications until the end of the second
# month after the transition deadline.
EXPIRY_YEARS_AFTER_DEADLINE = 1
APPLICATION_MONTHS_AFTER_DEADLINE = 2


A_DATE = phrase("allowed.a_date", "a date")
"""What a date picker of the sidebar may hold (one catalogue entry)."""


@dataclass(frozen=True)
class Settings:
    """Everything the sidebar controls: the sweep's ranges and choices and the fixed inputs."""

    expiry_start: dt.date | None
    expiry_end: dt.date | None
    application_start: dt.date | None
    application_end: dt.date | None
    granularity: str = "month"
    path: str = "both"
    expedited: str = "both"
    delivery: str = "both"
    stamp_channel: str = "online"
    stamp_lead_days: int = 0
    payment: str = "card"
    address_changed: bool = False
    accommodation_submitted_before: bool = True
    years_resided: float = 0
    booked_online: bool = True
    readings: tuple[tuple[str, str], ...] = ()
    """(reading, value) pairs chosen in the Readings panel; readings not listed stay as in the
    dashboard's parameters."""

    def fixed_inputs(self) -> dict[str, Any]:
        """The input columns set on every row of the sweep (and on the one-person view)."""
        return {
            "stamp_channel": self.stamp_channel,
            "stamp_lead_days": self.stamp_lead_days,
            "payment": self.payment,
            "years_resided": self.years_resided,
            "address_changed": self.address_changed,
            "accommodation_submitted_before": self.accommodation_submitted_before,
            "booked_online": self.booked_online,
        }

    def parameters(self, params: Parameters) -> Parameters:
        """`params` with the chosen readings in force (the same object when none differs)."""
        changes = {name: value for name, value in self.readings
                   if name in params.readings and params.reading(name) != value}
        return params.replace(**changes) if changes else params

    def sweep_kwargs(self) -> dict[str, Any]:
        """Keyword arguments of explorer.sweep for these settings; ExplorerError when incomplete."""
        for name in ("expiry_start", "expiry_end", "application_start", "application_end"):
            if getattr(self, name) is None:
                raise ExplorerError(name.replace("_", " "), None, A_DATE, problem=REASONS["missing_date"])
        for name, table in (("granularity", GRANULARITIES), ("path", PATHS), ("expedited", CHOICES),
                            ("delivery", CHOICES)):
            if getattr(self, name) not in table:
                raise ExplorerError(name, getattr(self, name), one_of(tuple(table)))
        return {
            "expiry": (self.expiry_start, self.expiry_end),
            "application": (self.application_start, self.application_end),
            "freq": GRANULARITIES[self.granularity],
            "options": PATHS[self.path],
            "expedited": CHOICES[self.expedited],
            "delivery": CHOICES[self.delivery],
            **self.fixed_inputs(),
        }


def default_settings(params: Parameters | None = None) -> Settings:
    """The dashboard's opening settings, derived from the parameters' key dates."""
    params = params if params is not None else default_parameters()
    window_from = params.value("choice_expiry_from")
    deadline = params.value("transition_deadline")
    start = dt.date(window_from.year, 1, 1)
    month_after = (pd.Timestamp(deadline) + pd.DateOffset(months=APPLICATION_MONTHS_AFTER_DEADLINE)
                   + pd.offsets.MonthEnd(0))
    return Settings(
        expiry_start=start,
        expiry_end=dt.date(deadline.year + EXPIRY_YEARS_AFTER_DEADLINE, 12, 31),
        application_start=start,
        application_end=month_after.date(),
        readings=tuple((name, params.reading(name)) for name in params.readings),
    )


@dataclass
class StatusGrid:
    """One status per (expiry, application) cell: codes into STATUSES, -1 where no row."""

    expiry: pd.DatetimeIndex
    application: pd.DatetimeIndex
    codes: np.ndarray  # shape (len(expiry), len(application))

    def labels(self) -> np.ndarray:
        """The status names of `codes` ('' where no row)."""
        names = np.array(list(STATUSES) + [""], dtype=object)
        return names[self.codes]

    def strided(self, max_cells: int) -> tuple[StatusGrid, int]:
        """A copy keeping every k-th expiry and application day so that it has at most max_cells."""
        cells = self.codes.size
        step = max(1, int(np.ceil(np.sqrt(cells / max_cells)))) if cells > max_cells else 1
        if step == 1:
            return self, 1
        return StatusGrid(self.expiry[::step], self.application[::step], self.codes[::step, ::step]), step


class _Computed:
    """An attribute of Results computed on first read by the callable of the same name."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, results: Results | None, owner: type | None = None) -> Any:
        if results is None:
            return self
        if self.name not in results.done:
            results.done[self.name] = results.compute[self.name]()
        return results.done[self.name]


@dataclass
class Results:
    """The evaluated sweep and everything derived from it for the views.

    The map's grid comes at once; the tables and the sweep's rows (`result`, millions on the
    daily grid) are computed the first time a view reads them (their tab opens, a download)."""

    settings: Settings
    grid: StatusGrid
    rows: int
    compute: dict[str, Callable[[], pd.DataFrame]]
    """How to compute result, status, deadlines and fees."""
    params: Parameters | None = None
    """The parameters the sweep ran under (the dashboard's, with the chosen readings)."""
    seconds: float = 0.0
    done: dict[str, pd.DataFrame] = field(default_factory=dict)

    result = _Computed()  # the evaluated sweep, one row per combination
    status = _Computed()  # rows per status by expiry month x application month
    deadlines = _Computed()  # deadlines and issuance days by expiry month
    fees = _Computed()  # fees, visits and gap days per option and fee choice


def status_grid(result: pd.DataFrame) -> StatusGrid:
    """The status of each (expiry, application) cell of a sweep (it does not depend on the choices)."""
    e_days, e_code = period_codes(result["card_expiry"], "D")
    a_days, a_code = period_codes(result["application_date"], "D")
    codes = np.full((len(e_days), len(a_days)), -1, dtype=np.int8)
    codes[e_code, a_code] = result["status"].cat.codes.to_numpy()
    return StatusGrid(pd.DatetimeIndex(e_days), pd.DatetimeIndex(a_days), codes)


def compute(settings: Settings, params: Parameters | None = None) -> Results:
    """The map grid and the three summary tables the settings ask for, in factored form
    (ExplorerError on bad settings, from the plain evaluation that names the row)."""
    params = settings.parameters(params if params is not None else default_parameters())
    start = time.perf_counter()
    kwargs = settings.sweep_kwargs()
    fixed = settings.fixed_inputs()
    found = axes(**kwargs)
    factored = factor(found, fixed, params)
    if factored is None:  # a bad input: the plain evaluation reports it (or, if not, is used)
        result = evaluate(grid_frame(found, fixed), params)
        results = Results(settings, status_grid(result), len(result), {
            "result": lambda: result,
            "status": lambda: status_table(result, SUMMARY_FREQ, SUMMARY_FREQ),
            "deadlines": lambda: deadlines_table(result, SUMMARY_FREQ),
            "fees": lambda: fees_table(result)}, params)
    else:
        grid = StatusGrid(pd.DatetimeIndex(found.expiry), pd.DatetimeIndex(found.application),
                          factored.status_codes())
        results = Results(settings, grid, factored.rows, {
            "result": factored.frame,
            "status": lambda: tables.status_table(factored, SUMMARY_FREQ, SUMMARY_FREQ),
            "deadlines": lambda: tables.deadlines_table(factored, SUMMARY_FREQ),
            "fees": lambda: tables.fees_table(factored)}, params)
    results.seconds = time.perf_counter() - start
    return results
