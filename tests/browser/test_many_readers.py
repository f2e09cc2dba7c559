"""Many readers on one server: a closed page's kernel is culled, a full server answers with a busy
page, aborted requests cannot hold the cap, the cap never touches a notebook kernel on the jupyter
server route, and uploads above tornado's default 10 MiB message arrive while bigger ones are refused
with a message."""

from __future__ import annotations

import concurrent.futures
import json
import os
import sys
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from explorer import labels, serving
from tests.browser.driver import control, open_dashboard, open_tab, wait_for
from tests.browser.server import (
    TEST_POOL_SIZE,
    free_port,
    start_server,
    start_voila,
    stop_voila,
    wait_until_serving,
)
from tests.paths import ARTIFACTS, ROOT

CULL_FLAGS = ("--MappingKernelManager.cull_idle_timeout=5", "--MappingKernelManager.cull_interval=2")


def kernel_pids(server_pid: int) -> list[int]:
    """ipykernel processes started by the server (its children)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, IndexError, ValueError):
            continue
        if parent == server_pid and "ipykernel" in command:
            found.append(int(entry.name))
    return found


def status_of(url: str) -> tuple[int, str]:
    """HTTP status and body of a GET (the page's first bytes are enough to tell a busy page)."""
    try:
        with urllib.request.urlopen(url, timeout=120) as reply:
            return reply.status, reply.read(4000).decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


@pytest.fixture
def capped_server(monkeypatch):
    """A server of its own that takes one reader and culls idle kernels after 5 s."""
    monkeypatch.setenv(serving.READERS_ENV, "1")
    port = free_port()
    process = start_voila(port, ARTIFACTS / "voila-capped.log", CULL_FLAGS)
    try:
        wait_until_serving(f"http://127.0.0.1:{port}/voila/static/", process, 120)
        yield f"http://127.0.0.1:{port}/", process
    finally:
        stop_voila(process)


def test_a_full_server_says_busy_and_a_closed_page_frees_its_place(browser, capped_server):
    url, process = capped_server
    wait_for(lambda: len(kernel_pids(process.pid)) >= TEST_POOL_SIZE,
             what="the preheated pool")
    pool = TEST_POOL_SIZE
    context = browser.new_context()
    page = context.new_page()
    open_dashboard(page, url)
    wait_for(lambda: len(kernel_pids(process.pid)) == pool + 1, what="the reader's kernel and the pool's")
    status, body = status_of(url + "?lang=sk")
    assert status == 503, body[:300]
    assert labels.ui_text("server.busy_title", "sk") in body
    assert labels.ui_text("server.busy_text", "sk").format(readers=1) in body
    context.close()  # the reader leaves: the kernel is culled once idle and disconnected
    wait_for(lambda: len(kernel_pids(process.pid)) == pool, timeout_s=90, poll_s=1,
             what="the closed page's kernel to be culled")
    # The busy page asks the reader to try again in a minute (it reloads itself every 60 s): within
    # that minute the next reader is served (the server forgets a culled kernel a moment after its
    # process ends, so the first request right after may still be told busy).
    answers: list[tuple[int, str]] = []
    wait_for(lambda: answers.append(status_of(url)) or answers[-1][0] == 200, timeout_s=60, poll_s=2,
             what=lambda: f"the next reader to be served (last answer: {answers[-1][0]})")


def test_an_upload_above_the_default_message_size_arrives(page, voila_url, tmp_path):
    """12 MB: above tornado's default 10 MiB websocket message, which dropped the connection."""
    pad = "x" * 6_000_000
    path = tmp_path / "padded.csv"
    path.write_text(f"id,card_expiry,application_date\n{pad}1,2021-03-10,2020-12-23\n"
                    f"{pad}2,2021-05-20,2021-05-03\n", encoding="utf-8")
    assert path.stat().st_size > 10 * 2**20
    open_dashboard(page, voila_url)
    open_tab(page, labels.ui_text("tab.population", "en"))
    control(page, "rx-population-upload").locator("input[type=file]").set_input_files(str(path))
    summary = control(page, "rx-population-summary")
    wait_for(lambda: "2 rows read, 2 valid" in summary.inner_text(), what="the 12 MB file's summary")
    assert "Connection lost" not in page.locator("body").inner_text()


def test_an_upload_above_the_limit_is_refused_with_a_message(page, voila_url, tmp_path):
    limit_mb = serving.UPLOAD_MAX_MB
    path = tmp_path / "huge.csv"
    with open(path, "wb") as out:
        out.truncate((limit_mb + 1) * 1_000_000)  # sparse: the browser reads only its size
    open_dashboard(page, voila_url)
    open_tab(page, labels.ui_text("tab.population", "en"))
    wait_for(lambda: f"{limit_mb:,} MB" in control(page, "rx-population-limit").inner_text(),
             what="the size limit stated on the Population tab")
    control(page, "rx-population-upload").locator("input[type=file]").set_input_files(str(path))
    summary = control(page, "rx-population-summary")
    wait_for(lambda: "explorer population FILE" in summary.inner_text(), what="the refusal")
    text = summary.inner_text()
    assert "huge.csv" in text and f"{limit_mb:,} MB" in text
    assert "Connection lost" not in page.locator("body").inner_text()
    sample = ROOT / "data" / "populations" / "sample.csv"  # the connection holds: another file arrives
    control(page, "rx-population-upload").locator("input[type=file]").set_input_files(str(sample))
    wait_for(lambda: "sample.csv" in summary.inner_text() and "huge.csv" not in summary.inner_text(),
             what="the next file picked after the refusal")


def aborted_request(url: str) -> None:
    """A request given up after 2 s, as `curl -m 2` does: the page never connects to its kernel."""
    try:
        with urllib.request.urlopen(url, timeout=2) as reply:
            reply.read(1000)
    except OSError:
        pass


def test_sixteen_aborted_requests_do_not_lock_everyone_out(monkeypatch):
    """Requests whose page never connects hold the cap only until their kernels are quiet for
    NEVER_CONNECTED_GRACE seconds; culling of idle kernels is set far off (10 minutes) so that only
    that rule can free the places within the 4 minutes waited."""
    monkeypatch.setenv(serving.READERS_ENV, "4")
    port = free_port()
    process = start_voila(port, ARTIFACTS / "voila-aborted.log",
                          ("--MappingKernelManager.cull_idle_timeout=600",
                           "--MappingKernelManager.cull_interval=5"))
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_until_serving(url + "voila/static/", process, 120)
        wait_for(lambda: len(kernel_pids(process.pid)) >= TEST_POOL_SIZE,
                 what="the preheated pool")
        with concurrent.futures.ThreadPoolExecutor(16) as pool:
            list(pool.map(aborted_request, [f"{url}?x={i}" for i in range(16)]))
        assert status_of(url)[0] == 503  # the four places are held by the aborted requests
        start = time.monotonic()
        wait_for(lambda: status_of(url)[0] == 200 or None, timeout_s=240, poll_s=5,
                 what="a place for a reader after the aborted requests")
        freed_after = time.monotonic() - start
        print(f"a reader was served {freed_after:.0f} s after 16 aborted requests")
    finally:
        stop_voila(process)


def jupyter_server(port: int, log: str) -> object:
    """`jupyter server` on the repository with the installed configuration, culling every 2 s."""
    command = [str(Path(sys.executable).parent / "jupyter"), "server", f"--port={port}", "--no-browser",
               "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=", f"--ServerApp.root_dir={ROOT}",
               "--MappingKernelManager.cull_idle_timeout=5", "--MappingKernelManager.cull_interval=2"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    env = {k: v for k, v in os.environ.items() if k not in ("JUPYTER_PATH",)}
    return start_server(command, ROOT, ARTIFACTS / log, env)


def notebook_kernel(base: str) -> str:
    """Start a kernel as JupyterLab does for a notebook (REST with the _xsrf cookie); its id."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(base + "voila/tree", timeout=60).read()
    xsrf = next(cookie.value for cookie in jar if cookie.name == "_xsrf")
    request = urllib.request.Request(base + "api/kernels", data=b'{"name": "python3"}', method="POST",
                                     headers={"X-XSRFToken": xsrf, "Content-Type": "application/json"})
    with opener.open(request, timeout=60) as reply:
        return json.loads(reply.read())["id"]


def kernel_ids(base: str) -> set[str]:
    """Ids of the server's running kernels."""
    with urllib.request.urlopen(base + "api/kernels", timeout=60) as reply:
        return {kernel["id"] for kernel in json.loads(reply.read())}


def test_reader_cap_shuts_other_peoples_kernels_never_a_notebook_kernel(monkeypatch):
    """On `jupyter server` with the cap at 2: a disconnected, idle notebook kernel is not counted,
    dashboard pages beyond the cap get the busy page, their kernels are reclaimed and culled, and the
    notebook kernel is still running after all of it."""
    monkeypatch.setenv(serving.READERS_ENV, "2")
    port = free_port()
    process = jupyter_server(port, "jupyter-server-cap.log")
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_until_serving(base + "api", process, 120)
        notebook = notebook_kernel(base)
        page = base + "voila/render/notebooks/dashboard.ipynb"
        assert [status_of(f"{page}?x={i}")[0] for i in range(2)] == [200, 200]  # the notebook is no reader
        status, body = status_of(page + "?x=3")
        assert status == 503 and labels.ui_text("server.busy_title", "en") in body
        wait_for(lambda: kernel_ids(base) == {notebook} or None, timeout_s=180, poll_s=2,
                 what="the pages' kernels to be reclaimed")
        time.sleep(10)  # two more culling rounds past the 5 s idle timeout
        assert notebook in kernel_ids(base)
        assert status_of(page + "?x=4")[0] == 200
        assert notebook in kernel_ids(base)
    finally:
        stop_voila(process)
