"""Dashboard timings in the real browser (prints figures, asserts nothing).

  .venv/bin/python benchmarks/bench_dashboard.py [--runs 3] [--changes 5]

1. Page open to first render (kernel start included), with and without a preheated kernel: from
   page.goto until the map's plot and the status line are on the page. Median of --runs page loads,
   each on a fresh page; with preheat the script waits for the pool to refill between loads.
2. A control change to the settled map: from typing a new "Applied to" date until the status line
   (rx-status, which the app rewrites after every recompute, once the map is updated; the summary
   tables of the closed tabs are computed when their tab opens) shows new text and the busy
   indicator (rx-busy) is hidden again; watched inside the
   browser on every animation frame. Before each change the page is idle (no recompute running or
   pending). Includes the app's
   0.25 s debounce. Monthly and daily grids of expiry 2020-2022 x application 2020-2021; median of
   --changes changes, alternating between two end dates. Targets: open 5 s, monthly and daily 300 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the repository first: its tests package, not another installed `tests`

from tests.browser import driver  # noqa: E402
from tests.browser import server as serving  # noqa: E402  (server start/stop shared with the browser tests)

GRID = {"rx-expiry-start": "2020-01-01", "rx-expiry-end": "2022-12-31",
        "rx-application-start": "2020-01-01", "rx-application-end": "2021-12-31"}
ALTERNATE_END = ("2021-11-30", "2021-12-31")
TARGETS = {"open": 5.0, "month": 0.3, "day": 0.3}
BUSY_HIDDEN_JS = "(() => { const b = document.querySelector('.rx-busy'); " \
                 "return !b || getComputedStyle(b).visibility === 'hidden'; })()"
# Inside the page: change the date input and resolve with the milliseconds until the status line
# shows new text with the busy indicator hidden (the driver's own round trips are not counted).
CHANGE_IN_PAGE_JS = """
async (value) => {
  const input = document.querySelector('.rx-application-end input[type=date]');
  const status = document.querySelector('.rx-status');
  const before = status.innerText.trim();
  const busyHidden = () => { const b = document.querySelector('.rx-busy');
                             return !b || getComputedStyle(b).visibility === 'hidden'; };
  const done = () => status.innerText.trim() !== before && status.innerText.trim() !== '' && busyHidden();
  const start = performance.now();
  input.value = value;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  input.dispatchEvent(new Event('change', {bubbles: true}));
  while (!done()) { await new Promise(r => requestAnimationFrame(r)); }
  return performance.now() - start;
}
"""
POOL_REFILL_S = 60
# Voila logs "filled" when the pool's kernel has started, before that kernel has finished
# running the notebook; a preheated kernel is ready some seconds later.
PREHEAT_SETTLE_S = 20


def launch(p):
    """The system Chromium with the test flags."""
    return p.chromium.launch(executable_path=serving.CHROMIUM, args=serving.CHROMIUM_ARGS)


def wait_pool_filled(log: Path, fills: int, timeout_s: float = POOL_REFILL_S) -> None:
    """Wait until the server log reports the kernel pool filled `fills` times."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if log.read_text(errors="replace").count("is filled with") >= fills:
            return
        time.sleep(0.2)


def time_opens(p, preheat: bool, runs: int) -> list[float]:
    """Seconds from goto to first render, for `runs` fresh pages on a fresh server."""
    log = serving.ARTIFACTS / f"bench-voila-preheat-{preheat}.log"
    port = serving.free_port()
    proc = serving.start_voila(port, log, (f"--VoilaConfiguration.preheat_kernel={preheat}",))
    times = []
    try:
        url = f"http://127.0.0.1:{port}/"
        serving.wait_until_serving(url + "voila/static/", proc, serving.SERVER_START_TIMEOUT_S)
        browser = launch(p)
        for i in range(runs):
            if preheat:
                wait_pool_filled(log, i + 1)
                time.sleep(PREHEAT_SETTLE_S)
            page = browser.new_page(viewport=serving.VIEWPORT)
            times.append(driver.open_dashboard(page, url))
            page.close()
        browser.close()
    finally:
        serving.stop_voila(proc)
    return times


def time_changes(page, granularity: str, changes: int) -> list[float]:
    """Seconds from a date change (the input's change event, in the page) to the status line's new
    text with the busy indicator hidden, `changes` times."""
    driver.choose(page, "rx-granularity", granularity)
    for css_class, value in GRID.items():
        driver.set_date(page, css_class, value)
    settle(page)
    times = []
    for i in range(changes):
        times.append(page.evaluate(CHANGE_IN_PAGE_JS, ALTERNATE_END[i % 2]) / 1000)
        settle(page)
    return times


def settle(page, quiet_s: float = 1.5) -> None:
    """Wait until no recompute runs (rx-busy hidden) and the status line has been still for `quiet_s`
    (longer than the app's debounce, so no recompute is pending either)."""
    last, since = None, time.monotonic()
    while time.monotonic() - since < quiet_s:
        now = (page.locator(".rx-status").inner_text(), page.evaluate(BUSY_HIDDEN_JS))
        if now != last or not now[1]:
            last, since = now, time.monotonic()
        time.sleep(0.1)


def report(name: str, times: list[float], target: float) -> None:
    """One line: median, all runs, target."""
    med = statistics.median(times)
    runs = ", ".join(f"{t:.2f}" for t in times)
    print(f"{name:<44} median {med:7.3f} s  (runs: {runs})  target {target} s  "
          f"{'met' if med <= target else 'NOT met'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--changes", type=int, default=5)
    parser.add_argument("--skip-open", action="store_true", help="only time the control changes")
    args = parser.parse_args()
    with sync_playwright() as p:
        for preheat in () if args.skip_open else (True, False):
            report(f"open to first render, preheat={preheat}", time_opens(p, preheat, args.runs),
                   TARGETS["open"])
        port = serving.free_port()
        log = serving.ARTIFACTS / "bench-voila-changes.log"
        proc = serving.start_voila(port, log)
        try:
            url = f"http://127.0.0.1:{port}/"
            serving.wait_until_serving(url + "voila/static/", proc, serving.SERVER_START_TIMEOUT_S)
            browser = launch(p)
            page = browser.new_page(viewport=serving.VIEWPORT)
            driver.open_dashboard(page, url)
            for granularity in ("month", "day"):
                times = time_changes(page, granularity, args.changes)
                status = page.locator(".rx-status").inner_text().strip()
                report(f"change to settled map, {granularity} grid", times, TARGETS[granularity])
                print(f"{'':<44} last status line: {status}")
            browser.close()
        finally:
            serving.stop_voila(proc)


if __name__ == "__main__":
    main()
