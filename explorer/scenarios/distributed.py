"""The engine on Dask: one machine's cores or a cluster, with bounded memory.

`evaluate_dask` runs `evaluate` on each partition; `population_dask` reads population files lazily (one
partition per file, rows checked as in `load_population`); `synthetic_dask` draws a
synthetic population partition by partition (their aggregates: explorer.tables.distributed's
`aggregate_dask`).  Whatever scheduler is active is used: the
local threaded one, or a distributed Client (LocalCluster or Client("tcp://host:8786")).
"""

from __future__ import annotations

import glob
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dask.dataframe as dd
import numpy as np
import pandas as pd

from ..core.engine import default_parameters, evaluate
from ..core.parameters import Parameters
from ..core.phrases import phrase
from ..errors import ExplorerError
from ..labels import Language
from .population import (
    check_population,
    load_assumptions,
    read_population_file,
    synthetic_chunk,
    synthetic_population,
)


def evaluate_dask(ddf: dd.DataFrame, params: Parameters | None = None) -> dd.DataFrame:
    """`evaluate` on every partition of a Dask DataFrame: lazy, same columns and dtypes."""
    params = params if params is not None else default_parameters()
    meta = evaluate(ddf._meta, params)
    return ddf.map_partitions(evaluate, params, meta=meta)


@dataclass
class DaskPopulation:
    """A population read lazily: `good` rows (index: row number in the file, plus a `file`
    column) and `bad` problems (file, row, column, value, reason), both Dask DataFrames."""

    good: dd.DataFrame
    bad: dd.DataFrame
    files: tuple[str, ...]


def population_files(path_or_glob: str | Path | Sequence[str | Path]) -> list[str]:
    """The files of a path, a glob pattern ("pop-*.parquet") or a list; error when none."""
    if isinstance(path_or_glob, str | Path):
        files = sorted(glob.glob(str(path_or_glob))) or \
            ([str(path_or_glob)] if Path(path_or_glob).is_file() else [])
    else:
        files = [str(p) for p in path_or_glob]
    if not files:
        raise ExplorerError(
            "path",
            str(path_or_glob),
            phrase("allowed.files_or_glob", "a file, a glob pattern matching files, or a list"),
            problem=phrase("error.problem.no_file_found", "no file found"),
        )
    return files


def population_dask(path_or_glob: str | Path | Sequence[str | Path],
                    params: Parameters | None = None, labels: Language = "codes") -> DaskPopulation:
    """Population files (CSV or Parquet, same columns) as lazy Dask frames, one partition per
    file, each row checked as by `load_population` (bad-row reasons in the words of `labels`, as
    PopulationLoad.problems writes them).  Split a big population into several
    files to spread it over workers and bound each task's memory."""
    params = params if params is not None else default_parameters()
    files = population_files(path_or_glob)
    head = _read_head(files[0])
    sample = check_population(head, params, source=files[0])
    good_meta = _with_file(sample.good.iloc[:0], files[0])
    bad_meta = _with_file(sample.problems(labels).iloc[:0], files[0])
    good = dd.from_map(_checked_part, files, params=params, which="good", meta=good_meta,
                       enforce_metadata=False)
    bad = dd.from_map(_checked_part, files, params=params, which="bad", labels=labels, meta=bad_meta,
                      enforce_metadata=False)
    return DaskPopulation(good=good, bad=bad, files=tuple(files))


def _read_head(path: str) -> pd.DataFrame:
    if path.lower().endswith((".parquet", ".pq")):
        return pd.read_parquet(path).head(50)
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], nrows=50)


def _with_file(frame: pd.DataFrame, path: str) -> pd.DataFrame:
    out = frame.copy()
    out.insert(0, "file", pd.Series([path] * len(frame), index=frame.index, dtype=object))
    return out


def _checked_part(path: str, params: Parameters, which: str, labels: Language = "codes") -> pd.DataFrame:
    load = check_population(read_population_file(path), params, source=path)
    return _with_file(load.good if which == "good" else load.problems(labels), path)


def synthetic_dask(n: int, partition_rows: int = 1_000_000, seed: int = 0,
                   assumptions: str | Path | Mapping[str, Any] | None = None) -> dd.DataFrame:
    """`n` synthetic holders as a lazy Dask frame; partition i is drawn from seed (seed, i),
    exactly as chunk i of `synthetic_chunks`."""
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise ExplorerError("n", n, phrase("allowed.holders_from_1", "a whole number of holders, 1 or more"))
    if partition_rows < 1:
        raise ExplorerError("partition_rows", partition_rows, phrase("allowed.whole_from_1",
                                                                     "a whole number, 1 or more"))
    a = load_assumptions(assumptions)
    starts = list(range(0, int(n), int(partition_rows)))
    pieces = [(i, min(partition_rows, n - s), s + 1) for i, s in enumerate(starts)]
    meta = synthetic_population(0, seed=seed, assumptions=a)
    return dd.from_map(_synthetic_part, pieces, seed=seed, assumptions=a, meta=meta,
                       divisions=[p[2] for p in pieces] + [int(n)], enforce_metadata=False)


def _synthetic_part(piece: tuple[int, int, int], seed: int, assumptions: Mapping[str, Any]) -> pd.DataFrame:
    i, rows, first_row = piece
    return synthetic_chunk(i, rows, seed, assumptions, first_row=first_row)
