"""A sweep: every combination of expiry day x application day x option x fee choices, evaluated.

The grid's axes and rows are explorer.scenarios.grid's; the sweep evaluates them in factored form
(explorer.scenarios.factored, which builds its probes with the grid's rows), or row by row for days
relative to each card's expiry.  Its own module, so that grid and factored read one way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from ..core.engine import evaluate
from ..core.inputs import OPTIONS
from ..core.parameters import Parameters
from .factored import factor
from .grid import DEFAULT_MAX_ROWS, axes, grid_frame, relative_grid, relative_offsets


def sweep(expiry: Any, application: Any, freq: str = "D", options: Sequence[str] = OPTIONS,
          expedited: Sequence[bool] = (False, True), delivery: Sequence[bool] = (False, True),
          params: Parameters | None = None, max_rows: int = DEFAULT_MAX_ROWS,
          **fixed: Any) -> pd.DataFrame:
    """Every combination of expiry day x application day x option x fee choices, evaluated.

    `expiry` and `application` are (first, last) pairs (or "first:last" strings); `freq` is
    any pandas frequency alias; `fixed` sets any other input column for every row.  `application`
    may also be days relative to each card's expiry, e.g. "expiry-30D:expiry+30D" (every day
    from 30 days before to 30 days after; the offset is kept in application_days_after_expiry)."""
    offsets = relative_offsets(application)
    if offsets is not None:
        return evaluate(relative_grid(expiry, offsets, freq, options, expedited, delivery, max_rows,
                                      **fixed), params)

    found = axes(expiry, application, freq, options, expedited, delivery, max_rows, **fixed)
    factored = factor(found, fixed, params)
    if factored is None:  # a bad input: the plain path reports it with its row
        return evaluate(grid_frame(found, fixed), params)
    return factored.frame()
