"""Sweeps evaluated in factored form: each rule once per distinct day or choice, then broadcast.

A sweep's rows are the row-major product expiry x application x option x expedited x delivery,
every other input fixed.  Status and deadlines depend on (expiry, application) alone; issuance,
fees and stamps on (application, choices) alone; whether a path is open on (expiry, application,
option).  Each is computed once on its own dimensions with the engine's rule functions, then
every output row is written once by broadcasting, so `Factored.frame()` equals
`evaluate(grid(...))`.  Views that need less (the map: one status per cell) ask for less.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from ..core.calendar import working_calendar
from ..core.days import to_datetime
from ..core.engine import OUTPUT_COLUMNS, default_parameters
from ..core.inputs import INPUT_COLUMNS, Scenario, validate
from ..core.parameters import Parameters
from ..core.rules import bok, fees, transition
from ..errors import ExplorerError
from .grid import Axes, grid_frame

_SCALARS = (str, bool, int, float, np.generic, dt.date, type(None))


@dataclass
class Factored:
    """A validated sweep: per-cell (expiry x application) and per-choice (application x option x
    expedited x delivery, "K" rows) results, and which (expiry, application, option) paths are open."""

    axes: Axes
    expiry: np.ndarray
    """Day numbers of the expiry dimension."""
    choice_inputs: Scenario
    """The validated inputs of the K choice rows (the first expiry day on each)."""
    params: Parameters
    cells: dict[str, np.ndarray]
    """status, apply_by, apply_by_last_working_day, slack_days, applied_after_expiry,
    before_guidance_period: (nE, nA)."""
    open_: np.ndarray
    """Whether the path is open: (nE, nA, nO)."""
    cache: dict[str, Any] = field(default_factory=dict)
    """Intermediate results shared by the tables."""

    @property
    def choices(self) -> dict[str, np.ndarray]:
        """Outputs of an open path that do not depend on the expiry day: (K,) (computed on first
        use: the map needs only the cells)."""
        if "choices" not in self.cache:
            self.cache["choices"] = _choice_outputs(self.choice_inputs, self.params)
        return self.cache["choices"]

    @property
    def rows(self) -> int:
        """Rows of the sweep."""
        return int(np.prod(self.axes.shape, dtype=np.int64))

    def status_codes(self) -> np.ndarray:
        """Status code (into transition.STATUSES) per (expiry, application) cell: (nE, nA) int8."""
        return self.cells["status"]

    def _per_cell(self) -> int:
        """Rows per (expiry, application) cell."""
        return int(np.prod(self.axes.shape[2:]))

    def _cells(self, values: np.ndarray) -> np.ndarray:
        """A per-cell array on every row."""
        return np.repeat(values.reshape(-1), self._per_cell())

    def _rows(self, table: np.ndarray) -> np.ndarray:
        """A per-choice (K,) table on every row (the same on each expiry day)."""
        return np.broadcast_to(table, (len(self.expiry), len(table))).reshape(-1)

    def open_rows(self) -> np.ndarray:
        """Whether each row's path is open, as (nE, K)."""
        inner = int(np.prod(self.axes.shape[3:]))
        return np.repeat(self.open_.reshape(len(self.expiry), -1), inner, axis=1)

    def gap_days(self) -> np.ndarray:
        """Days without a card of every row as if its path were open, as (nE, K) int64."""
        gap = transition.first_handover_gap(self.choices["first_issued_by"].astype(np.int64)[None, :],
                                            self.expiry.astype(np.int64)[:, None])
        gap += self.choices["second_gap_days"]
        return gap

    def frame(self) -> pd.DataFrame:
        """The evaluated sweep, equal to evaluate() on its rows."""
        c, k, n = self.choices, self.choice_inputs, self.rows
        opened = self.open_rows()
        closed = ~opened
        no_card = closed | c["no_five_year_card"] if c["no_five_year_card"].any() else closed
        first_rows = len(k.expiry)
        out: dict[str, Any] = {"card_expiry": np.repeat(self.axes.expiry, first_rows)}
        for name in INPUT_COLUMNS[1:]:
            column = k.columns[name]
            out[name] = pd.Categorical.from_codes(self._rows(column.codes), dtype=column.dtype) \
                if isinstance(column, pd.Categorical) else self._rows(np.asarray(column))
        cents = np.where(opened, c["fees_cents"], 0).reshape(-1)
        out.update(
            status=pd.Categorical.from_codes(self._cells(self.cells["status"]),
                                             categories=list(transition.STATUSES)),
            applied_after_expiry=self._cells(self.cells["applied_after_expiry"]),
            before_guidance_period=self._cells(self.cells["before_guidance_period"]),
            apply_by=self._cells(to_datetime(self.cells["apply_by"], False)),
            apply_by_last_working_day=self._cells(
                to_datetime(self.cells["apply_by_last_working_day"], False)),
            slack_days=self._cells(self.cells["slack_days"].astype(np.int64)),
            option_available=opened.reshape(-1),
            path_status=pd.Categorical.from_codes(
                np.where(closed, np.int8(-1), c["late_second"].astype(np.int8)).reshape(-1),
                categories=list(transition.PATH_STATUSES)),
            applications=np.where(opened, c["applications"], 0).reshape(-1),
            first_issued_by=_dates(closed, c["first_issued_by"]),
            five_year_issued_by=_dates(no_card, c["five_year_issued_by"]),
            five_year_valid_until=_dates(no_card, c["five_year_valid_until"]),
            gap_days=pd.arrays.IntegerArray(self.gap_days().reshape(-1), no_card.reshape(-1).copy()),
            fees_cents=cents,
            fees_eur=cents / 100.0,
            visits=np.where(opened, c["visits"], 0).reshape(-1),
            stamp_ok=pd.arrays.BooleanArray(self._rows(c["stamp_ok"]), closed.reshape(-1)),
            stamp_refund_by=_dates(closed | ~c["any_stamps"], c["stamp_refund_by"]),
            accommodation_document_required=self._rows(k.address_changed | ~k.accommodation_before),
            bok_venue_types=pd.arrays.IntegerArray(self._rows(c["bok_venue_types"]),
                                                   no_card.reshape(-1).copy()),
        )
        return pd.DataFrame({name: out[name] for name in INPUT_COLUMNS + OUTPUT_COLUMNS},
                            index=pd.RangeIndex(n), copy=False)


def _dates(missing: np.ndarray, table: np.ndarray) -> np.ndarray:
    """A per-choice table of day numbers on every row as datetime64[us], NaT where `missing` (nE, K)."""
    table = to_datetime(table, False)
    return np.where(missing, table.dtype.type("NaT"), table[None, :]).reshape(-1)


def factor(found: Axes, fixed: dict[str, Any], params: Parameters | None = None) -> Factored | None:
    """The sweep in factored form; None when an input is bad or not a single value (the plain
    path then reports the first bad row, as it always has)."""
    params = params if params is not None else default_parameters()
    if not all(isinstance(value, _SCALARS) for value in fixed.values()):
        return None
    n_o, n_x, n_d = found.shape[2:]
    try:
        # The K choice rows (every application day and choice, first expiry day) and one row
        # per expiry day hold every value the sweep's rows do.
        k = validate(grid_frame(replace(found, expiry=found.expiry[:1]), fixed), params)
        e = validate(grid_frame(Axes(found.expiry, found.application[:1], found.options[:1],
                                     found.expedited[:1], found.delivery[:1]), fixed), params)
    except ExplorerError:
        return None
    cal = working_calendar(params.calendar)
    per_cell = n_o * n_x * n_d
    expiry, application, second = e.expiry, k.application[::per_cell], k.second[::per_cell]
    n_e, n_a = len(expiry), len(application)
    e_mesh, a_mesh = np.repeat(expiry, n_a), np.tile(application, n_e)
    code = transition.status(e_mesh, a_mesh, np.full(n_e * n_a, k.years_resided[0]), params)
    code = code.reshape(n_e, n_a)
    option_b = k.option_b[: n_o * n_x * n_d: n_x * n_d]
    opened = np.stack([transition.option_available(code, b) for b in option_b], axis=-1)
    if (opened & ~option_b & (second <= application)[:, None]).any():
        return None  # option a with its second application too early: the plain path says where
    dl = transition.deadline(e_mesh, a_mesh, params, cal)
    cells = {
        "status": code,
        "applied_after_expiry": (a_mesh > e_mesh).reshape(n_e, n_a),
        "before_guidance_period": transition.before_guidance_period(a_mesh, params).reshape(n_e, n_a),
        **{name: np.asarray(dl[name]).reshape(n_e, n_a) for name in
           ("apply_by", "apply_by_last_working_day", "slack_days")},
    }
    return Factored(found, expiry, k, params, cells, opened)


def _choice_outputs(k: Scenario, params: Parameters) -> dict[str, np.ndarray]:
    """Outputs of each choice row as if its path were open (they do not depend on the expiry)."""
    cal = working_calendar(params.calendar)
    out = transition.issuance(k.application, k.second, k.option_b, k.expedited, params, cal)
    fee_first = fees.fee_per_application(k.application, k.expedited, k.delivery, params)
    fee_second = fees.fee_per_application(k.second, k.expedited, k.delivery, params) * ~k.option_b
    stamp_ok, refund_by, any_stamps = fees.stamp_checks(
        [k.application, k.second], [fee_first, fee_second], k.lead, k.channel, k.cash, params, cal)
    applications = 2 - k.option_b.astype(np.int64)
    out.update(
        applications=applications,
        visits=fees.visits(applications, k.delivery).astype(np.int64),
        fees_cents=(fee_first + fee_second).astype(np.int64),
        stamp_ok=stamp_ok,
        stamp_refund_by=refund_by,
        any_stamps=any_stamps,
        bok_venue_types=bok.venue_types(out["five_year_valid_until"], params).astype(np.int64),
    )
    return out
