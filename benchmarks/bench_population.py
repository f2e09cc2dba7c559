"""Evaluate and aggregate a large synthetic population with bounded memory; print time and peak RSS.

    .venv/bin/python benchmarks/bench_population.py                 # 50 million holders, Dask
    .venv/bin/python benchmarks/bench_population.py --rows 5_000_000
    .venv/bin/python benchmarks/bench_population.py --engine pandas # chunked loop, tqdm bar
    .venv/bin/python benchmarks/bench_population.py --scheduler tcp://scheduler:8786

The population is drawn partition by partition (`synthetic_dask` / `synthetic_chunks`): no
step holds more than a few partitions of rows.  Peak memory is the process's maximum
resident set size (ru_maxrss); with a remote scheduler it covers the client only.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import dask  # noqa: E402

import explorer  # noqa: E402
from explorer.scenarios.distributed import synthetic_dask  # noqa: E402
from explorer.scenarios.population import synthetic_chunks  # noqa: E402
from explorer.tables.aggregates import aggregate_chunks  # noqa: E402
from explorer.tables.distributed import aggregate_dask  # noqa: E402


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=50_000_000, help="holders to draw (default 50_000_000)")
    parser.add_argument("--partition-rows", type=int, default=1_000_000, help="rows per partition/chunk")
    parser.add_argument("--engine", choices=("dask", "pandas"), default="dask")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="threads of the local Dask scheduler")
    parser.add_argument("--scheduler", default=None,
                        help="address of a distributed scheduler (tcp://host:8786); default: local threads")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-progress", action="store_true")
    args = parser.parse_args(argv)

    params = explorer.load_parameters()
    explorer.evaluate(next(synthetic_chunks(10, seed=args.seed)), params)  # warm the calendar
    base = _rss_mb()
    start = time.perf_counter()
    if args.engine == "pandas":
        chunks = synthetic_chunks(args.rows, chunk_rows=args.partition_rows, seed=args.seed)
        total = -(-args.rows // args.partition_rows)
        tables = aggregate_chunks(chunks, params, progress=not args.no_progress, total=total)
        where = "pandas, one chunk at a time"
    else:
        ddf = synthetic_dask(args.rows, partition_rows=args.partition_rows, seed=args.seed)
        if args.scheduler:
            from distributed import Client

            with Client(args.scheduler):
                tables = aggregate_dask(ddf, params, progress=not args.no_progress)
            where = f"Dask cluster at {args.scheduler}"
        else:
            with dask.config.set(scheduler="threads", num_workers=args.workers):
                tables = aggregate_dask(ddf, params, progress=not args.no_progress)
            where = f"Dask local scheduler, {args.workers} threads"
    seconds = time.perf_counter() - start

    late = tables["late_by_reason"]
    fees = tables["fees_per_month"]
    print(f"rows:              {args.rows:,} in partitions of {args.partition_rows:,} ({where})")
    print(f"time:              {seconds:,.1f} s ({args.rows / seconds:,.0f} holders/s)")
    print(f"peak RSS:          {_peak_mb():,.0f} MB (before the run: {base:,.0f} MB)")
    late_people = late.loc[late["late"], "people"].sum()
    print(f"people (weighted): {late['people'].sum():,.0f}; late: {late_people:,.0f}")
    print(f"applications:      {tables['applications_per_week']['applications'].sum():,.0f} "
          f"in {tables['applications_per_week']['week'].nunique()} weeks")
    print(f"fees collected:    {fees['fees_cents'].sum() / 100:,.2f} EUR")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
