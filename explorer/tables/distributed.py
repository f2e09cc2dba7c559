"""Population aggregates on Dask: each partition evaluated and summed to small partial aggregates,
the partials added up in a tree, so no step holds more than one partition's rows.  Whatever
scheduler is active is used (the local threaded one, or a distributed Client)."""

from __future__ import annotations

import dask
import dask.dataframe as dd
import pandas as pd

from ..core.engine import default_parameters, evaluate
from ..core.parameters import Parameters
from ..core.phrases import phrase
from ..errors import ExplorerError
from ..scenarios.progress import compute
from . import aggregates


def aggregate_dask(ddf: dd.DataFrame, params: Parameters | None = None,
                   weight: str | None = aggregates.WEIGHT, progress: bool = True,
                   split_every: int = 16) -> dict[str, pd.DataFrame]:
    """Every aggregate of `explorer.tables.aggregates`, computed partition by partition.

    `ddf` holds holders (evaluated here, inside each partition's task) or already evaluated
    rows (a `status` column tells).  Each partition is reduced to small partial sums right
    away; partials are added `split_every` at a time.  Returns the finished tables by name."""
    params = params if params is not None else default_parameters()
    evaluated = "status" in ddf.columns
    parts = ddf.to_delayed()
    if not parts:
        raise ExplorerError("ddf", 0, phrase("allowed.dask_partitions", "a Dask DataFrame with at least one "
                                             "partition"))
    level = [dask.delayed(_partition_partials)(p, params, weight, evaluated) for p in parts]
    while len(level) > 1:
        level = [dask.delayed(aggregates.combine_partials)(level[i:i + split_every])
                 for i in range(0, len(level), split_every)]
    (combined,) = compute(level[0], progress=progress)
    return aggregates.finish_all(combined)


def _partition_partials(frame: pd.DataFrame, params: Parameters, weight: str | None,
                        evaluated: bool) -> dict[str, pd.DataFrame]:
    result = frame if evaluated else evaluate(frame, params)
    return aggregates.partials(result, params, weight)
