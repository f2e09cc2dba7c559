"""Memory of one reader's report of the biggest link in issue 14 (finding 5), printed as figures.

A daily grid of 2016-01-01..2020-04-29 on both axes (19,996,488 rows) is opened through a link in
a dashboard, as a reader would; then "Download report (HTML)" is built. The process's resident
memory (VmRSS) is printed before the link, after the grid, at the peak while the report is built
(VmHWM, reset first) and after the report. Before issue 14 the report built one row per scenario
and the kernel grew from about 309 MB to 4,117 MB and stayed there.

    .venv/bin/python benchmarks/bench_report_memory.py            # the dashboard's report
    .venv/bin/python benchmarks/bench_report_memory.py --pdf      # also the PDF (needs Chromium)
    .venv/bin/python benchmarks/bench_report_memory.py --cli      # `explorer report` of the same grid
    .venv/bin/python benchmarks/bench_report_memory.py --whatif   # What if at its row limit
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path

LINK = ("expiry_from=2016-01-01&expiry_to=2020-04-29&applied_from=2016-01-01&applied_to=2020-04-29"
        "&granularity=day")


def status_mb(field: str) -> float:
    """A field of /proc/self/status (VmRSS, VmHWM) in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def reset_peak() -> None:
    """Start VmHWM afresh from the current RSS (Linux 4.0+); the peak then covers what follows."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        print("  (cannot reset the peak: VmHWM below is the process's whole-life peak)")


def line(what: str, seconds: float | None = None) -> None:
    took = f"  in {seconds:6.1f} s" if seconds is not None else ""
    print(f"{what:<46} RSS {status_mb('VmRSS'):8,.0f} MB   peak {status_mb('VmHWM'):8,.0f} MB{took}")


def dashboard(pdf: bool) -> None:
    """The dashboard's report of the link's grid."""
    from explorer.ui import build_app

    app = build_app(debounce=None)
    gc.collect()
    line("dashboard open (default view)")
    reset_peak()
    started = time.perf_counter()
    app.open_link(LINK)
    assert app.view_ok, app.message.value
    line(f"grid of {app.results.rows:,} rows computed", time.perf_counter() - started)
    reset_peak()
    started = time.perf_counter()
    name, _mime, payload = app.share.html_file()
    line(f"report {name} built ({len(payload) / 1e6:,.1f} MB)", time.perf_counter() - started)
    del payload
    app.release_memory()
    line("after the report, memory handed back")
    assert "result" not in app.results.done, "the report built one row per scenario"
    if pdf:
        reset_peak()
        started = time.perf_counter()
        name, _mime, payload = app.share.pdf_file()
        line(f"report {name} printed ({len(payload) / 1e6:,.1f} MB)", time.perf_counter() - started)
        del payload
        app.release_memory()
        line("after the PDF, memory handed back")


WHATIF_LINK = ("expiry_from=2020-01-01&expiry_to=2020-12-18&applied_from=2020-01-01&applied_to=2020-12-18"
               "&granularity=day&reform=transition-deadline-2021-12-31")


def whatif() -> None:
    """The What if tab on a daily grid just under its row limit (996,872 rows)."""
    from explorer.ui import build_app
    from explorer.ui.app import WHATIF_TAB

    app = build_app(debounce=None)
    app.open_link(WHATIF_LINK)
    assert app.view_ok, app.message.value
    gc.collect()
    line(f"grid of {app.results.rows:,} rows computed")
    reset_peak()
    started = time.perf_counter()
    app.tabs.selected_index = WHATIF_TAB
    assert app.message.value == "", app.message.value
    line("What if compared", time.perf_counter() - started)
    app.tabs.selected_index = 0
    app.controls.granularity.value = "month"
    app.recompute_now()
    line("after moving to a monthly grid")


def command_line() -> None:
    """`explorer report` of the same grid."""
    from explorer.interfaces import cli

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "report.html"
        line("command line, before the report")
        reset_peak()
        started = time.perf_counter()
        code = cli.main(["report", "--expiry", "2016-01-01:2020-04-29", "--application",
                         "2016-01-01:2020-04-29", "--out", str(out)])
        line(f"explorer report (exit {code})", time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf", action="store_true", help="also print the report to PDF (Chromium)")
    parser.add_argument("--cli", action="store_true", help="measure `explorer report` instead")
    parser.add_argument("--whatif", action="store_true", help="measure the What if tab instead")
    args = parser.parse_args()
    from explorer.core.memory import keep_freed_memory

    keep_freed_memory()  # as the dashboard and the command line run
    line("python with explorer imported")
    if args.cli:
        command_line()
    elif args.whatif:
        whatif()
    else:
        dashboard(args.pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
