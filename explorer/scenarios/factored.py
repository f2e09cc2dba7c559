"""Sweeps evaluated in factored form: each rule once per distinct day or choice, then broadcast.

A sweep's rows are the row-major product expiry x application x option x expedited x delivery,
every other input fixed.  Status and deadlines depend on (expiry, application) alone; issuance,
fees and stamps on (application, choices) alone; whether a path is open on (expiry, application,
option).  Each is computed once on its own dimensions (core.assemble's cell_outputs and
choice_outputs), then the one assembler (core.assemble.output_columns) writes every output row once
by broadcasting, so `Factored.frame()` equals `evaluate(grid(...))`.  Views that need less (the
map: one status per cell) ask for less.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from ..core.assemble import OUTPUT_COLUMNS, cell_outputs, choice_outputs, output_columns
from ..core.calendar import working_calendar
from ..core.engine import default_parameters
from ..core.inputs import INPUT_COLUMNS, Scenario, validate
from ..core.parameters import Parameters
from ..core.rules import transition
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

    def frame(self) -> pd.DataFrame:
        """The evaluated sweep, equal to evaluate() on its rows: the one assembler
        (core.assemble.output_columns) with each cell and each choice broadcast."""
        k = self.choice_inputs
        first_rows = len(k.expiry)
        out: dict[str, Any] = {"card_expiry": np.repeat(self.axes.expiry, first_rows)}
        for name in INPUT_COLUMNS[1:]:
            column = k.columns[name]
            out[name] = pd.Categorical.from_codes(self._rows(column.codes), dtype=column.dtype) \
                if isinstance(column, pd.Categorical) else self._rows(np.asarray(column))
        out.update(output_columns(self.cells, self.choices, self.open_rows(),
                                  self.expiry.astype(np.int64)[:, None], on_rows=self._cells))
        return pd.DataFrame({name: out[name] for name in INPUT_COLUMNS + OUTPUT_COLUMNS},
                            index=pd.RangeIndex(self.rows), copy=False)


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
    cells = {name: np.asarray(values).reshape(n_e, n_a) for name, values in
             cell_outputs(e_mesh, a_mesh, np.full(n_e * n_a, k.years_resided[0]), params, cal).items()}
    option_b = k.option_b[: n_o * n_x * n_d: n_x * n_d]
    opened = np.stack([transition.option_available(cells["status"], b) for b in option_b], axis=-1)
    too_early = transition.second_application_too_early(opened, option_b, second[:, None],
                                                         application[:, None])
    if too_early.any():
        return None  # option a with its second application too early: the plain path says where
    return Factored(found, expiry, k, params, cells, opened)


def _choice_outputs(k: Scenario, params: Parameters) -> dict[str, np.ndarray]:
    """Outputs of each choice row as if its path were open (they do not depend on the expiry)."""
    return choice_outputs(k.application, k.second, k.option_b, k.expedited, k.delivery, k.lead, k.channel,
                          k.cash, k.address_changed, k.accommodation_before, params,
                          working_calendar(params.calendar))
