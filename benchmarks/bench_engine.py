"""Engine benchmark: speed and memory of evaluate() on 1M random rows and of the full daily sweep.

Prints figures beside their targets (no asserts): the median of 7 evaluate() calls on
1,000,000 seeded random rows (validation and output frame included), the tracemalloc peak
of one call and the process's max RSS, the per-row speed-up over the plain scalar reading
(tests/support/scalar_reading.py, the tests' second opinion) on a 2,000-row sample, whether both
readings agree on that sample, and the full daily sweep (about 6.4 million rows) run in a subprocess so its
RSS is its own.

    .venv/bin/python benchmarks/bench_engine.py            # full run
    .venv/bin/python benchmarks/bench_engine.py --quick    # smaller, for a quick look
    .venv/bin/python benchmarks/bench_engine.py --profile  # also the top of a cProfile

It also times evaluate() under each reading of the guidance switched away from its baseline
(--no-readings to skip), so the cost of a reading is a printed figure.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import io
import json
import os
import platform
import pstats
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from typing import Any

import numpy as np
import pandas as pd

import explorer
from explorer.core.engine import OUTPUT_COLUMNS
from explorer.core.inputs import INPUT_DEFAULTS, OPTIONS
from explorer.core.memory import ENV, keep_freed_memory
from explorer.core.parameters import PAYMENTS
from explorer.scenarios.grid import grid, grid_size

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# the repository first: its tests package, not another installed `tests`
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import numpy_reference  # noqa: E402  (the reference beside this file)

from tests.support.scalar_reading import ScenarioInputs, evaluate_scenario  # noqa: E402  (the tests' second opinion)

MiB = 1024**2
GiB = 1024**3
TARGET_SECONDS_1M = 0.15
TARGET_PEAK_1M = 1 * GiB
TARGET_PEAK_SWEEP = 1.5 * GiB
TARGET_REFERENCE_RATIO = 3.0
"""evaluate on the random rows: at most this many times the numpy reference over per-day tables."""
TARGET_TEXT_RATIO = 4.0
"""evaluate on the same rows as a CSV file gives them (dates and choices as text): at most this many
times the numpy reference on those rows."""
TARGET_FLOOR_RATIO = 5.0
"""The full daily sweep: at most this many times the bandwidth floor."""
FLOOR_COLUMNS = 18
COMPARE_ROWS = 1_000_000
SEED = 20201231

FULL = dict(rows=1_000_000, sample=2_000, repeats=7,
            sweep=("2020-01-01:2022-12-31", "2020-01-01:2021-12-31"))
QUICK = dict(rows=100_000, sample=300, repeats=3,
             sweep=("2020-01-01:2020-12-31", "2020-01-01:2020-06-30"))


def random_frame(n: int, params: explorer.Parameters, seed: int = SEED) -> pd.DataFrame:
    """n seeded random scenarios over the whole transition, every input column varied."""
    rng = np.random.default_rng(seed)

    def days(first: str, last: str, size: int) -> np.ndarray:
        lo, hi = (np.datetime64(first, "D").astype(np.int64), np.datetime64(last, "D").astype(np.int64))
        return rng.integers(lo, hi + 1, size)

    expiry = days("2019-06-01", "2022-12-31", n)
    application = days("2019-06-01", "2021-12-31", n)
    option_codes = rng.integers(0, len(OPTIONS), n).astype(np.int8)
    # option a needs a second application after the first: half the a rows give one
    # (1 to 400 days later), the rest leave it blank (the default, transition_deadline).
    second = np.full(n, np.datetime64("NaT"), dtype="datetime64[us]")
    given = (option_codes == OPTIONS.index("a")) & (rng.random(n) < 0.5)
    second[given] = (application[given] + rng.integers(1, 401, int(given.sum()))) \
        .astype("datetime64[D]").astype("datetime64[us]")
    channels = list(params.channels)
    return pd.DataFrame({
        "card_expiry": expiry.astype("datetime64[D]").astype("datetime64[us]"),
        "application_date": application.astype("datetime64[D]").astype("datetime64[us]"),
        "option": pd.Categorical.from_codes(option_codes, categories=list(OPTIONS)),
        "expedited": rng.random(n) < 0.5,
        "delivery": rng.random(n) < 0.5,
        "second_application_date": second,
        "stamp_channel": pd.Categorical.from_codes(rng.integers(0, len(channels), n).astype(np.int8),
                                                   categories=channels),
        "stamp_lead_days": rng.integers(0, 41, n),
        "payment": pd.Categorical.from_codes(rng.integers(0, len(PAYMENTS), n).astype(np.int8),
                                             categories=list(PAYMENTS)),
        "years_resided": np.round(rng.uniform(0, 6, n), 1),
        "address_changed": rng.random(n) < 0.3,
        "accommodation_submitted_before": rng.random(n) < 0.8,
    })


def time_calls(call: Any, repeats: int) -> tuple[float, float, list[float]]:
    """Median wall seconds and median CPU seconds of `repeats` calls after one warm-up call.

    CPU time (process_time) is what the call costs on an idle machine; wall time also
    holds the waits for a core when the machine is shared."""
    call()
    walls, cpus = [], []
    for _ in range(repeats):
        gc.collect()
        started, cpu = time.perf_counter(), time.process_time()
        call()
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), walls


def traced_peak(call: Any) -> int:
    """Peak bytes traced by tracemalloc during one call (numpy reports its buffers to it)."""
    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def max_rss() -> int:
    """Max resident set size of this process so far, bytes.

    Linux's VmHWM when there is /proc (getrusage's ru_maxrss survives exec, so a child
    would report its parent's peak), else ru_maxrss (KiB on Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def scenario_of(row: dict[str, Any]) -> ScenarioInputs:
    """The scalar reading's input for one row of the random frame."""
    second = row["second_application_date"]
    return ScenarioInputs(
        card_expiry=row["card_expiry"].date(),
        application_date=row["application_date"].date(),
        option=str(row["option"]),
        expedited=bool(row["expedited"]),
        delivery=bool(row["delivery"]),
        second_application_date=None if pd.isna(second) else second.date(),
        stamp_channel=str(row["stamp_channel"]),
        stamp_lead_days=int(row["stamp_lead_days"]),
        payment=str(row["payment"]),
        years_resided=float(row["years_resided"]),
        address_changed=bool(row["address_changed"]),
        accommodation_submitted_before=bool(row["accommodation_submitted_before"]),
    )


def plain(value: Any) -> Any:
    """A vectorised output cell in the scalar reading's form: dates, bools, ints, str, None."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, np.bool_ | bool):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    return value


def compare_with_scalar(frame: pd.DataFrame, result: pd.DataFrame, params: explorer.Parameters,
                        sample: np.ndarray) -> tuple[float, dict[str, list[Any]]]:
    """Seconds for the scalar reading of the sample rows, and the columns where it disagrees."""
    records = frame.iloc[sample].to_dict("records")
    persons = [scenario_of(r) for r in records]
    started = time.perf_counter()
    scalar = [evaluate_scenario(p, params) for p in persons]
    seconds = time.perf_counter() - started
    vector = result.iloc[sample].to_dict("records")
    mismatches: dict[str, list[Any]] = {}
    for pos, (want, got) in enumerate(zip(scalar, vector, strict=True)):
        for name, value in want.items():
            if plain(got[name]) != value:
                mismatches.setdefault(name, []).append(
                    (int(sample[pos]), value, plain(got[name])))
    return seconds, mismatches


def profile_top(call: Any, count: int = 15) -> str:
    """The `count` functions with the most own time in one call."""
    profiler = cProfile.Profile()
    profiler.enable()
    call()
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(count)
    return out.getvalue()


def floor_seconds(rows: int, columns: int = FLOOR_COLUMNS) -> float:
    """The bandwidth floor: seconds numpy takes to allocate and write `columns` int64 columns of
    `rows` once."""
    started = time.perf_counter()
    out = [np.full(rows, 1, dtype=np.int64) for _ in range(columns)]
    seconds = time.perf_counter() - started
    del out
    return seconds


def sweep_child(expiry: str, application: str, repeats: int) -> None:
    """Run in a subprocess: the daily sweep beside its references (the bandwidth floor and the
    numpy reference over per-day tables), each timed `repeats` times after a warm-up (medians,
    so the page faults of the first touch count for none), then traced; figures as JSON."""
    params = explorer.load_parameters()
    explorer.sweep("2020-06-01:2020-06-01", "2020-05-01:2020-05-01")  # parameters, calendar
    baseline = max_rss()
    sweeps, floors, cpus = [], [], []
    rows = result_bytes = 0
    for _ in range(repeats + 1):
        gc.collect()
        floors.append(floor_seconds(grid_size(expiry, application)))
        gc.collect()
        started, cpu = time.perf_counter(), time.process_time()
        result = explorer.sweep(expiry, application, freq="D", params=params)
        sweeps.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
        rows, result_bytes = len(result), int(result.memory_usage(deep=False).sum())
        del result
    rss_after_timed = max_rss()
    peak = traced_peak(lambda: explorer.sweep(expiry, application, freq="D", params=params))
    inputs = numpy_reference.inputs(_sweep_inputs(expiry, application, params), params)
    reference = [time_calls(lambda: numpy_reference.evaluate(inputs, params), 1)[0]]
    print(json.dumps(dict(rows=rows, seconds=statistics.median(sweeps[1:]), first_seconds=sweeps[0],
                          cpu_seconds=statistics.median(cpus[1:]), floor=statistics.median(floors[1:]),
                          first_floor=floors[0], reference=reference[0], result_bytes=result_bytes,
                          traced_peak=peak, rss_baseline=baseline, rss_timed_run=rss_after_timed)))


def _sweep_inputs(expiry: str, application: str, params: explorer.Parameters) -> pd.DataFrame:
    """The daily sweep's input frame with every input column (defaults filled in)."""
    frame = grid(expiry, application)
    for name, value in INPUT_DEFAULTS.items():
        if name not in frame.columns:
            frame[name] = pd.NaT if name == "second_application_date" else value
    return frame


def compare_sweeps(expiry: str, application: str, params: explorer.Parameters, rows: int) -> list[str]:
    """Under each reading switched alone (and the baseline): the factored sweep against the plain
    evaluate path on `rows` random rows of the sweep; one line per reading."""
    frame = grid(expiry, application)
    rng = np.random.default_rng(SEED + 2)
    picked = np.sort(rng.choice(len(frame), min(rows, len(frame)), replace=False))
    sample = frame.iloc[picked]
    lines = []
    variants = [("baseline", params)] + [
        (f"{name} = {alt.value}", params.replace(**{name: alt.value}))
        for name in params.readings for alt in params[name].alternatives[1:]]
    for label, switched in variants:
        factored = explorer.sweep(expiry, application, params=switched).iloc[picked]
        plain = explorer.evaluate(sample, switched)
        differ = [c for c in plain.columns if not factored[c].equals(plain[c])]
        lines.append(f"  {label}: {'equal' if not differ else 'DIFFER in ' + ', '.join(differ)}")
        del factored, plain
    return lines


def verdict(value: float, target: float, inclusive: bool = False) -> str:
    """"meets target" when value < target (<= with `inclusive`)."""
    met = value <= target if inclusive else value < target
    return "meets target" if met else "MISSES target"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="100k rows and a smaller sweep")
    parser.add_argument("--profile", action="store_true", help="print the top of a cProfile")
    parser.add_argument("--no-sweep", action="store_true", help="skip the full daily sweep")
    parser.add_argument("--no-readings", action="store_true",
                        help="skip timing evaluate under each non-baseline reading")
    parser.add_argument("--sweep-child", nargs=3, metavar=("EXPIRY", "APPLICATION", "REPEATS"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--default-allocator", action="store_true",
                        help="leave glibc's allocator alone (see explorer.core.memory)")
    args = parser.parse_args(argv)
    if args.default_allocator:
        os.environ[ENV] = "0"  # also for the sweep subprocess
    allocator = "kept freed memory (explorer.core.memory)" if keep_freed_memory() else "default allocator"
    if args.sweep_child:
        sweep_child(args.sweep_child[0], args.sweep_child[1], int(args.sweep_child[2]))
        return 0
    cfg = QUICK if args.quick else FULL
    n = cfg["rows"]
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}; Python "
          f"{platform.python_version()}, numpy {np.__version__}, pandas {pd.__version__}"
          + ("  [--quick: targets are for the full run]" if args.quick else "") + f"; {allocator}")

    params = explorer.load_parameters()
    started = time.perf_counter()
    frame = random_frame(n, params)
    print(f"\n{n:,} random rows built in {time.perf_counter() - started:.2f} s "
          f"({frame.memory_usage(deep=True).sum() / MiB:.0f} MiB of input)")

    def call() -> pd.DataFrame:
        return explorer.evaluate(frame, params)

    median, cpu_median, times = time_calls(call, cfg["repeats"])
    result = call()
    scale = 1_000_000 / n
    print(f"evaluate, median of {cfg['repeats']}: wall {median:.3f} s "
          f"(runs {', '.join(f'{t:.3f}' for t in times)}), CPU {cpu_median:.3f} s")
    print(f"  target < {TARGET_SECONDS_1M} s for 1M rows: wall {verdict(median * scale, TARGET_SECONDS_1M)}, "
          f"CPU {verdict(cpu_median * scale, TARGET_SECONDS_1M)}")
    print(f"  per row: {median / n * 1e9:.0f} ns; output {result.memory_usage(deep=False).sum() / MiB:.0f} "
          f"MiB, {len(result.columns)} columns; statuses "
          + ", ".join(f"{k} {v:,}" for k, v in result["status"].value_counts().items()))
    peak = traced_peak(call)
    print(f"  tracemalloc peak of one call: {peak / MiB:.0f} MiB   target < 1 GiB: "
          f"{verdict(peak, TARGET_PEAK_1M)}")
    print(f"  process max RSS so far: {max_rss() / MiB:.0f} MiB")
    inputs = numpy_reference.inputs(frame, params)
    differ = numpy_reference.check(numpy_reference.evaluate(inputs, params), result)
    ref_median, ref_cpu, _ = time_calls(lambda: numpy_reference.evaluate(inputs, params), cfg["repeats"])
    print(f"  reference (benchmarks/numpy_reference.py: plain numpy over per-day tables, no validation, "
          f"no frame): wall {ref_median:.3f} s, CPU {ref_cpu:.3f} s; outputs "
          + ("equal to evaluate's" if not differ else "DIFFER in " + ", ".join(differ)))
    met = verdict(median / ref_median, TARGET_REFERENCE_RATIO, True)
    print(f"  evaluate / reference: wall x{median / ref_median:.2f}, CPU x{cpu_median / ref_cpu:.2f}   "
          f"target <= x{TARGET_REFERENCE_RATIO:g}: {met}")

    text = pd.read_csv(io.StringIO(frame.to_csv(index=False)))  # dates and choices as text, as CSV gives
    text_median, text_cpu, _ = time_calls(lambda: explorer.evaluate(text, params), cfg["repeats"])
    same = explorer.evaluate(text, params)[list(OUTPUT_COLUMNS)].equals(result[list(OUTPUT_COLUMNS)])
    print(f"\nevaluate on the same rows as a CSV gives them (text dates and choices), median of "
          f"{cfg['repeats']}: wall {text_median:.3f} s, CPU {text_cpu:.3f} s; outputs "
          + ("equal to the typed rows'" if same else "DIFFER from the typed rows'"))
    met = verdict(text_median / ref_median, TARGET_TEXT_RATIO, True)
    print(f"  evaluate (text rows) / reference: wall x{text_median / ref_median:.2f}, CPU "
          f"x{text_cpu / ref_cpu:.2f}   target <= x{TARGET_TEXT_RATIO:g}: {met}")
    if args.profile:
        print("  cProfile of one evaluate call on the text rows, 12 functions with the most own time:")
        print(profile_top(lambda: explorer.evaluate(text, params), 12))
    text = None  # its memory back before the scalar comparison

    rng = np.random.default_rng(SEED + 1)
    sample = np.sort(rng.choice(n, cfg["sample"], replace=False))
    scalar_seconds, mismatches = compare_with_scalar(frame, result, params, sample)
    per_scalar = scalar_seconds / len(sample)
    per_vector = median / n
    print(f"\nscalar reading on {len(sample):,} rows: {scalar_seconds:.2f} s "
          f"({per_scalar * 1e6:.0f} us per row); vectorised per row {per_vector * 1e9:.0f} ns: "
          f"speed-up x{per_scalar / per_vector:,.0f}")
    if mismatches:
        print(f"  vectorised and scalar outputs DIFFER in {len(mismatches)} columns:")
        for name, rows in mismatches.items():
            row, want, got = rows[0]
            print(f"    {name}: {len(rows)} rows, e.g. row {row}: scalar {want!r}, vectorised {got!r}")
    else:
        compared = len(evaluate_scenario(scenario_of(frame.iloc[0].to_dict()), params))
        print(f"  vectorised outputs equal the scalar reading on all {len(sample):,} rows "
              f"({compared} outputs each)")
    missing = [c for c in OUTPUT_COLUMNS if c not in evaluate_scenario(scenario_of(frame.iloc[0].to_dict()),
                                                                     params)]
    print(f"  not in the scalar reading, so not compared: {', '.join(missing) or 'none'}")

    if not args.no_readings:
        print(f"\nwhat the readings cost: evaluate on the same {n:,} rows, median of 3, each reading "
              "switched alone")
        for name in params.readings:
            for alt in params[name].alternatives[1:]:
                switched = params.replace(**{name: alt.value})
                seconds, _, _ = time_calls(lambda p=switched: explorer.evaluate(frame, p), 3)
                print(f"  {name} = {alt.value}: {seconds:.3f} s ({(seconds / median - 1) * 100:+.1f}% "
                      "against the baseline readings)")

    if args.profile:
        print("\ncProfile of one evaluate call, 15 functions with the most own time:")
        print(profile_top(call))
    del result

    if not args.no_sweep:
        expiry, application = cfg["sweep"]
        size = grid_size(expiry, application)
        print(f"\ndaily sweep {expiry} x {application}, both options, four fee choices: "
              f"{size:,} rows (timed in a subprocess)")
        done = subprocess.run([sys.executable, os.path.abspath(__file__), "--sweep-child", expiry,
                               application, str(cfg["repeats"])], capture_output=True, text=True)
        if done.returncode != 0:
            print(f"  sweep subprocess failed (exit {done.returncode}):\n{done.stderr}")
            return 1
        fig = json.loads(done.stdout.strip().splitlines()[-1])
        ratio = fig["seconds"] / fig["floor"]
        print(f"  factored sweep, every output, median of {cfg['repeats']} after a warm-up: wall "
              f"{fig['seconds']:.3f} s, CPU {fig['cpu_seconds']:.3f} s "
              f"({fig['seconds'] / fig['rows'] * 1e9:.0f} ns per row); "
              f"result {fig['result_bytes'] / MiB:.0f} MiB; "
              f"first (cold) run {fig['first_seconds']:.3f} s")
        print(f"  bandwidth floor (numpy allocating and writing {FLOOR_COLUMNS} int64 columns of "
              f"{fig['rows']:,} rows once): {fig['floor']:.3f} s (first, cold: {fig['first_floor']:.3f} s)")
        print(f"  reference (numpy over per-day tables on the sweep's rows): {fig['reference']:.3f} s")
        print(f"  sweep / floor: x{ratio:.2f}   target <= x{TARGET_FLOOR_RATIO:g}: "
              f"{verdict(ratio, TARGET_FLOOR_RATIO, True)};  sweep / reference: "
              f"x{fig['seconds'] / fig['reference']:.2f}")
        peak = max(fig["traced_peak"], fig["rss_timed_run"] - fig["rss_baseline"])
        print(f"  tracemalloc peak of one sweep {fig['traced_peak'] / MiB:.0f} MiB; max RSS after the timed "
              f"runs {fig['rss_timed_run'] / MiB:.0f} MiB (of which {fig['rss_baseline'] / MiB:.0f} MiB "
              f"before)   target < 1.5 GiB: {verdict(peak, TARGET_PEAK_SWEEP)}")
        if not args.no_readings:
            print(f"\nfactored sweep against the plain evaluate path on {min(COMPARE_ROWS, size):,} "
                  "random rows of the sweep, each reading switched alone:")
            print("\n".join(compare_sweeps(expiry, application, params, COMPARE_ROWS)))
    print(f"\nfinished {dt.datetime.now():%Y-%m-%d %H:%M:%S}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
