"""Many browser pages on one Voila server, each with its own kernel (prints figures, asserts nothing).

  .venv/bin/python benchmarks/load_dashboard.py [--sessions 10] [--voila-arg=--VoilaConfiguration.X=Y]
  .venv/bin/python benchmarks/load_dashboard.py --soak [--readers 20 --over 60]

At once (default): each session is its own Chromium (one user each), started together.
Every page must render (map plot + status line) and answer a change of "Applied to" (the status line,
rx-status, shows new text). Prints the time to render and to answer per session, and the resident
memory (RSS) of every kernel process of the server.

Soak (--soak): READERS readers arrive evenly over OVER seconds, each in its own browser context;
each opens the page, changes "Applied to", waits for the answer and leaves (closes the page).
Prints render and change times, how many got the busy page, the server's memory (Voila and every
kernel) at the start, at its peak and after the readers left, and how long the culling took to
bring it back near the start (the server runs with the project's settings, explorer/serving.py).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

from playwright.async_api import async_playwright

try:
    import psutil
except ImportError:  # not a project dependency; /proc gives the same figures on Linux
    psutil = None

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the repository first: its tests package, not another installed `tests`

from explorer import serving as serving_limits  # noqa: E402
from tests.browser import driver  # noqa: E402
from tests.browser import server as serving  # noqa: E402  (server start/stop shared with the browser tests)

TIMEOUT_MS = 300_000
STATUS_JS = "() => { const s = document.querySelector('.rx-status'); return s && s.innerText.trim(); }"
CHANGED_JS = "before => { const s = document.querySelector('.rx-status'); " \
             "return s && s.innerText.trim() !== '' && s.innerText.trim() !== before; }"
NEW_END = "2021-05-31"
# Keep pages not in front from being throttled like background tabs.
NO_THROTTLING = ["--disable-renderer-backgrounding", "--disable-background-timer-throttling",
                 "--disable-backgrounding-occluded-windows"]


async def session(p, url: str, n: int) -> dict:
    """In its own Chromium (one user), open a page, wait for the first render, change a date, wait."""
    browser = await p.chromium.launch(executable_path=serving.CHROMIUM,
                                      args=serving.CHROMIUM_ARGS + NO_THROTTLING)
    try:
        return await use_page(browser, url, n)
    finally:
        await browser.close()


async def use_page(browser, url: str, n: int) -> dict:
    """Open one page, wait for its first render, change a date, wait for the answer."""
    context = await browser.new_context(viewport=serving.VIEWPORT)
    page = await context.new_page()
    start = time.perf_counter()
    try:
        await page.goto(url, timeout=TIMEOUT_MS)
        await page.locator(driver.MAP_PLOT).first.wait_for(state="attached", timeout=TIMEOUT_MS)
        await page.wait_for_function(STATUS_JS, polling=100, timeout=TIMEOUT_MS)
    except Exception:
        serving.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(serving.SCREENSHOTS / f"load-session-{n}.png"))
        raise
    rendered = time.perf_counter() - start
    before = (await page.locator(driver.STATUS_LINE).first.inner_text()).strip()
    start = time.perf_counter()
    box = page.locator(".rx-application-end input[type=date]").first
    await box.fill(NEW_END)
    await box.dispatch_event("change")
    await page.wait_for_function(CHANGED_JS, arg=before, polling=50, timeout=TIMEOUT_MS)
    answered = time.perf_counter() - start
    return {"session": n, "render_s": rendered, "change_s": answered}


def kernel_rss(server_pid: int) -> list[tuple[int, float]]:
    """(pid, RSS in MB) of every ipykernel process under the server."""
    return [(pid, rss_mb(pid)) for pid in descendants(server_pid) if "ipykernel" in cmdline(pid)]


def descendants(pid: int) -> list[int]:
    """All processes below `pid`."""
    if psutil is not None:
        return [c.pid for c in psutil.Process(pid).children(recursive=True)]
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        kids = [p for p, parent in parents.items() if parent == current]
        found += kids
        todo += kids
    return found


def cmdline(pid: int) -> str:
    """The command line of a process ('' once it is gone)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (0 once it is gone)."""
    if psutil is not None:
        try:
            return psutil.Process(pid).memory_info().rss / 1e6
        except psutil.NoSuchProcess:
            return 0.0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024 / 1e6
    except OSError:
        pass
    return 0.0


async def run(sessions: int, voila_args: tuple[str, ...] = ()) -> None:
    """Start a server, run the sessions at once, print their figures and the kernels' memory."""
    port = serving.free_port()
    log = serving.ARTIFACTS / "load-voila.log"
    proc = serving.start_voila(port, log, voila_args)
    try:
        url = f"http://127.0.0.1:{port}/"
        serving.wait_until_serving(url + "voila/static/", proc, serving.SERVER_START_TIMEOUT_S)
        async with async_playwright() as p:
            start = time.perf_counter()
            results = await asyncio.gather(*(session(p, url, n) for n in range(sessions)),
                                           return_exceptions=True)
            wall = time.perf_counter() - start
            ok = [r for r in results if isinstance(r, dict)]
            for r in results:
                if isinstance(r, dict):
                    print(f"session {r['session']:>2}: rendered in {r['render_s']:6.2f} s, "
                          f"answered a change in {r['change_s']:6.2f} s")
                else:
                    print(f"session failed: {type(r).__name__}: {str(r).splitlines()[0]}")
            print(f"{len(ok)}/{sessions} sessions rendered and answered; all done in {wall:.1f} s")
            if ok:
                print(f"render median {statistics.median(r['render_s'] for r in ok):.2f} s, "
                      f"max {max(r['render_s'] for r in ok):.2f} s; change median "
                      f"{statistics.median(r['change_s'] for r in ok):.2f} s, "
                      f"max {max(r['change_s'] for r in ok):.2f} s")
            rss = kernel_rss(proc.pid)
            for pid, mb in rss:
                print(f"kernel pid {pid}: RSS {mb:7.1f} MB")
            if rss:
                total = sum(m for _, m in rss)
                print(f"{len(rss)} kernels (open pages + preheated pool): total {total:.0f} MB, "
                      f"median {statistics.median(m for _, m in rss):.0f} MB")
            # serve.sh execs voila, so the process started is the server itself
            print(f"voila server pid {proc.pid}: RSS {rss_mb(proc.pid):.1f} MB")
    finally:
        serving.stop_voila(proc)


def load() -> str:
    """The machine's 1-, 5- and 15-minute load averages (the machine is shared)."""
    return " / ".join(f"{value:.1f}" for value in os.getloadavg())


def server_mb(server_pid: int) -> float:
    """RSS of the Voila server and all its kernels, in MB."""
    return rss_mb(server_pid) + sum(mb for _, mb in kernel_rss(server_pid))


def kernels_cpu_s(server_pid: int) -> float:
    """CPU seconds used so far by the server and its kernels."""
    total = 0.0
    for pid in [server_pid, *descendants(server_pid)]:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


_BROWSER_CPU: dict[int, float] = {}  # Chromium pid -> CPU seconds when last seen


def browsers_cpu_s() -> float:
    """CPU seconds used so far by the Chromium processes this benchmark started, those gone
    included as last seen (a closed page's renderer exits; the soak looks every second)."""
    for pid in descendants(os.getpid()):
        if "chrom" not in cmdline(pid):
            continue
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        _BROWSER_CPU[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return sum(_BROWSER_CPU.values())


async def settled(server_pid: int, quiet_s: float = 10.0, timeout_s: float = 600.0) -> None:
    """Wait until the server and its kernels used under 5% of a core for `quiet_s` seconds (the
    pool has run the notebook, kernels being started are up)."""
    began = time.perf_counter()
    while time.perf_counter() - began < timeout_s:
        used = kernels_cpu_s(server_pid)
        await asyncio.sleep(quiet_s)
        if kernels_cpu_s(server_pid) - used < 0.05 * quiet_s:
            return


async def reader(browser, url: str, n: int, delay: float) -> dict:
    """Arrive after `delay` s, open the page, change a date, wait for the answer, leave."""
    await asyncio.sleep(delay)
    context = await browser.new_context(viewport=serving.VIEWPORT)
    page = await context.new_page()
    try:
        start = time.perf_counter()
        reply = await page.goto(url, timeout=TIMEOUT_MS)
        if reply is not None and reply.status == 503:
            return {"session": n, "busy": True}
        await page.locator(driver.MAP_CELLS).first.wait_for(state="attached", timeout=TIMEOUT_MS)
        await page.wait_for_function(STATUS_JS, polling=100, timeout=TIMEOUT_MS)
        rendered = time.perf_counter() - start
        before = (await page.locator(driver.STATUS_LINE).first.inner_text()).strip()
        start = time.perf_counter()
        box = page.locator(".rx-application-end input[type=date]").first
        await box.fill(NEW_END)
        await box.dispatch_event("change")
        await page.wait_for_function(CHANGED_JS, arg=before, polling=50, timeout=TIMEOUT_MS)
        return {"session": n, "busy": False, "render_s": rendered, "change_s": time.perf_counter() - start}
    finally:
        await context.close()


async def soak(readers: int, over: float, settle_s: float, voila_args: tuple[str, ...] = ()) -> None:
    """Readers arriving over `over` seconds and leaving; the server's memory before, at peak, after."""
    port = serving.free_port()
    proc = serving.start_voila(port, serving.ARTIFACTS / "soak-voila.log", voila_args,
                               pool=serving_limits.pool_size(),
                               refill_delay_s=serving_limits.POOL_REFILL_DELAY_SECONDS)
    try:
        url = f"http://127.0.0.1:{port}/"
        serving.wait_until_serving(url + "voila/static/", proc, serving.SERVER_START_TIMEOUT_S)
        pool = serving_limits.pool_size()
        while len(kernel_rss(proc.pid)) < pool:  # the preheated pool
            await asyncio.sleep(1)
        await settled(proc.pid)  # the pool has run the notebook
        start_mb = server_mb(proc.pid)
        print(f"machine: {os.cpu_count()} CPUs, load average {load()} at the start (other work included)")
        start_server = rss_mb(proc.pid)
        print(f"start: server and {len(kernel_rss(proc.pid))} kernel(s) {start_mb:.0f} MB "
              f"(the Voila server process alone {start_server:.0f} MB)")
        peak = [start_mb, 0]
        done = asyncio.Event()

        async def watch() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], server_mb(proc.pid))
                peak[1] = max(peak[1], len(kernel_rss(proc.pid)))
                browsers_cpu_s()
                await asyncio.sleep(1)

        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=serving.CHROMIUM,
                                              args=serving.CHROMIUM_ARGS + NO_THROTTLING)
            watcher = asyncio.create_task(watch())
            began = time.perf_counter()
            cpu_before = (kernels_cpu_s(proc.pid), browsers_cpu_s())
            results = await asyncio.gather(*(reader(browser, url, n, n * over / readers)
                                             for n in range(readers)), return_exceptions=True)
            left = time.perf_counter() - began
            cpu_used = (kernels_cpu_s(proc.pid) - cpu_before[0], browsers_cpu_s() - cpu_before[1])
            done.set()
            await watcher
            await browser.close()
        ok = [r for r in results if isinstance(r, dict) and not r["busy"]]
        busy = [r for r in results if isinstance(r, dict) and r["busy"]]
        failed = [r for r in results if not isinstance(r, dict)]
        for r in failed:
            print(f"reader failed: {type(r).__name__}: {str(r).splitlines()[0]}")
        print(f"{len(ok)}/{readers} readers rendered and answered, {len(busy)} got the busy page, "
              f"{len(failed)} failed; the last left after {left:.0f} s")
        if ok:
            print(f"time to the options map: median {statistics.median(r['render_s'] for r in ok):.1f} s, "
                  f"max {max(r['render_s'] for r in ok):.1f} s (targets: median < 30 s, none > 90 s); "
                  f"answer to a change: median {statistics.median(r['change_s'] for r in ok):.1f} s, "
                  f"max {max(r['change_s'] for r in ok):.1f} s")
        print(f"machine load average while the readers came: {load()}")
        print(f"CPU used while the readers came: the Voila server and its kernels {cpu_used[0]:.0f} s, "
              f"the readers' browser {cpu_used[1]:.0f} s ({cpu_used[0] / readers:.1f} s and "
              f"{cpu_used[1] / readers:.1f} s a reader; the machine has {os.cpu_count()} cores)")
        print(f"peak: {peak[0]:.0f} MB with {peak[1]} kernels at most")
        after = server_mb(proc.pid)
        print(f"right after the last reader left: {after:.0f} MB, {len(kernel_rss(proc.pid))} kernels")
        waited = time.perf_counter()
        # Closed pages' kernels are culled, and kernels taken from the pool replaced, within
        # these many seconds of the last reader leaving:
        due = max(serving_limits.CULL_IDLE_SECONDS + serving_limits.CULL_INTERVAL_SECONDS,
                  serving_limits.POOL_REFILL_DELAY_SECONDS)
        while time.perf_counter() - waited < settle_s and (
                len(kernel_rss(proc.pid)) > pool or time.perf_counter() - waited < due):
            await asyncio.sleep(5)
        await settled(proc.pid)  # kernels taken from the pool replaced
        end_mb = server_mb(proc.pid)
        print(f"after culling ({time.perf_counter() - waited:.0f} s later): {end_mb:.0f} MB, "
              f"{len(kernel_rss(proc.pid))} kernel(s); start was {start_mb:.0f} MB: "
              f"{100 * (end_mb - start_mb) / start_mb:+.0f}% (target: within 15%); the Voila server process "
              f"alone {rss_mb(proc.pid):.0f} MB (start {start_server:.0f} MB)")
    finally:
        serving.stop_voila(proc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--soak", action="store_true", help="readers arriving over time and leaving")
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--over", type=float, default=60.0, help="seconds over which the readers arrive")
    parser.add_argument("--settle", type=float, default=600.0, help="seconds to wait for the culling")
    parser.add_argument("--voila-arg", action="append", default=[],
                        help="extra voila flag, e.g. --voila-arg=--VoilaConfiguration.preheat_kernel=False")
    args = parser.parse_args()
    if args.soak:
        asyncio.run(soak(args.readers, args.over, args.settle, tuple(args.voila_arg)))
    else:
        asyncio.run(run(args.sessions, tuple(args.voila_arg)))


if __name__ == "__main__":
    main()
