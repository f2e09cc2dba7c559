"""Sensitivity benchmark: every combination of every reading on the full daily grid, in one call.

Prints, for explorer.sensitivity on the full daily sweep (expiry 2020-01-01..2022-12-31 x
application 2020-01-01..2021-12-31 x path x expedited x delivery = 6,409,408 rows), the wall
time and the process's peak resident memory, beside the plain loop it replaces (explorer.compare
on the same sweep once per reading alternative, as an analyst did before).  Each measurement
runs in its own subprocess, so each peak is its own.  No asserts: figures and targets only.

    .venv/bin/python benchmarks/bench_sensitivity.py            # full daily grid, with the loop
    .venv/bin/python benchmarks/bench_sensitivity.py --no-loop  # sensitivity only
    .venv/bin/python benchmarks/bench_sensitivity.py --quick    # weekly grid, for a quick look
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time

GiB = 1 << 30
TARGET_SECONDS = 10.0
TARGET_PEAK = 2 * GiB
DAILY = dict(expiry=("2020-01-01", "2022-12-31"), application=("2020-01-01", "2021-12-31"), freq="D")
WEEKLY = dict(DAILY, freq="W")


def max_rss() -> int:
    """Max resident set size of this process so far, bytes (Linux VmHWM, else ru_maxrss)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def one(kind: str, quick: bool, reforms: bool) -> dict:
    """Run one measurement in this process and return its figures."""
    import explorer

    sweep = WEEKLY if quick else DAILY
    params = explorer.load_parameters()
    explorer.sweep("2020-06-01:2020-06-01", "2020-05-01:2020-05-01")  # parameters, calendar
    shipped = [r.name for r in explorer.list_reforms()] if reforms else []
    before = max_rss()
    start, cpu = time.perf_counter(), time.process_time()
    if kind == "sensitivity":
        found = explorer.sensitivity(sweep, reforms=shipped, params=params)
        robust = int(found.rows["robust"].sum())
        rows, combos, alternatives = len(found.rows), found.combinations, len(found.table)
    else:  # the plain loop: one compare per reading alternative (status changes only)
        from explorer.whatif.sensitivity import alternatives as one_at_a_time

        alts = one_at_a_time(params, params.readings, [])
        rows = 0
        for alt in alts:
            cmp = explorer.compare(params, alt.params, sweep=sweep)
            rows = len(cmp.rows)
            _ = cmp.changes
            del cmp
        robust, combos, alternatives = -1, len(alts) + 1, len(alts)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"kind": kind, "seconds": seconds, "cpu": cpu, "peak": max_rss(), "before": before, "rows": rows,
            "robust": robust, "combinations": combos, "alternatives": alternatives}


def measure(kind: str, quick: bool, reforms: bool) -> dict:
    """One measurement in a fresh subprocess (its peak memory is its own)."""
    argv = [sys.executable, __file__, "--one", kind] + (["--quick"] if quick else []) \
        + (["--reforms"] if reforms else [])
    out = subprocess.run(argv, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a weekly grid instead of the daily one")
    parser.add_argument("--no-loop", action="store_true", help="skip the plain compare loop")
    parser.add_argument("--one", choices=["sensitivity", "loop"], help=argparse.SUPPRESS)
    parser.add_argument("--reforms", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.quick, args.reforms)))
        return
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Sensitivity benchmark ({'weekly grid, --quick' if args.quick else 'full daily grid'}; "
          f"{os.cpu_count()} CPUs, load average {load:.1f} at the start: on a shared machine wall time "
          "includes waiting for a core, CPU time does not)")
    runs = [("every reading combination", "sensitivity", False),
            ("every reading combination x (baseline + each shipped reform)", "sensitivity", True)]
    if not args.no_loop:
        runs.append(("plain loop: explorer.compare once per reading alternative", "loop", False))
    for title, kind, reforms in runs:
        r = measure(kind, args.quick, reforms)
        target = "" if kind == "loop" else (
            f"   targets <= {TARGET_SECONDS:.0f} s: {'met' if r['seconds'] <= TARGET_SECONDS else 'MISSED'}, "
            f"<= 2 GiB: {'met' if r['peak'] <= TARGET_PEAK else 'MISSED'}")
        extra = f", {r['robust']:,} robust" if r["robust"] >= 0 else ""
        print(f"- {title}: {r['rows']:,} rows, {r['combinations']} parameter sets, "
              f"{r['alternatives']} alternatives{extra}\n"
              f"    {r['seconds']:.2f} s wall ({r['cpu']:.2f} s CPU), peak RSS {r['peak'] / GiB:.2f} GiB "
              f"({r['before'] / GiB:.2f} GiB before the call){target}")


if __name__ == "__main__":
    main()
