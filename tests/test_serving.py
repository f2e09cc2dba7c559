"""The server's limits (explorer/serving.py) as voila.py applies them: culling, the reader cap and its
busy page, the websocket message size."""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
from pathlib import Path

import pytest
from traitlets.config import Config

from explorer import labels, serving

ROOT = Path(__file__).resolve().parents[1]
NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)


def load_voila_py(monkeypatch) -> Config:
    """Run jupyter-config/voila.py as traitlets does, on a fresh Config."""
    monkeypatch.setenv(serving.UPLOAD_ENV, "")  # restored (to absent) after the test; voila.py sets it
    c = Config()
    code = (ROOT / "jupyter-config" / "voila.py").read_text()
    exec(compile(code, "voila.py", "exec"), {"get_config": lambda: c, "__name__": "voila_config"})
    return c


def test_voila_py_turns_on_culling_and_raises_the_message_limit(monkeypatch):
    c = load_voila_py(monkeypatch)
    manager = c.MappingKernelManager
    assert (manager.cull_idle_timeout, manager.cull_interval) == (serving.CULL_IDLE_SECONDS,
                                                                   serving.CULL_INTERVAL_SECONDS)
    assert manager.cull_connected is False and manager.cull_busy is False  # open pages stay
    assert c.Voila.tornado_settings["websocket_max_message_size"] == serving.WEBSOCKET_MAX_MESSAGE_BYTES
    assert serving.upload_limit_mb() == serving.UPLOAD_MAX_MB  # what the kernels will read
    from voila.handler import VoilaHandler

    assert getattr(VoilaHandler.get_generator, "_rx_capped", False)


def test_the_cap_notes_which_kernels_a_page_connected_to():
    from jupyter_server.services.kernels.kernelmanager import MappingKernelManager

    serving.install_reader_cap()
    patched = MappingKernelManager.notify_connect
    noted = patched.__globals__["CONNECTED_ONCE"]  # of the serving module that patched (maybe voila.py's)
    manager = MappingKernelManager.__new__(MappingKernelManager)
    manager._kernel_connections = {"k1": 0}
    manager._kernels = {"k1": object()}
    patched(manager, "k1")
    assert "k1" in noted and manager._kernel_connections["k1"] == 1
    noted.discard("k1")


def test_a_closed_tab_is_gone_within_a_few_minutes():
    assert serving.CULL_IDLE_SECONDS + serving.CULL_INTERVAL_SECONDS <= 5 * 60


class FakeKernel:
    def __init__(self, connections: int, idle_s: float) -> None:
        self.connections = connections
        self.last_activity = NOW - dt.timedelta(seconds=idle_s)


class FakeManager:
    """The parts of Voila's kernel manager the cap reads: kernels, their models, the pool."""

    def __init__(self, kernels: dict[str, FakeKernel], pooled: tuple[str, ...] = ()) -> None:
        self.kernels = kernels
        loop = asyncio.new_event_loop()
        futures = []
        for kid in pooled:
            future = loop.create_future()
            future.set_result({"kernel_id": kid})
            futures.append(future)
        self._pools = {"dashboard.ipynb": futures}
        self.shut: list[str] = []

    def list_kernel_ids(self) -> list[str]:
        return list(self.kernels)

    def kernel_model(self, kid: str) -> dict:
        return {"id": kid, "connections": self.kernels[kid].connections}

    def get_kernel(self, kid: str) -> FakeKernel:
        return self.kernels[kid]

    async def shutdown_kernel(self, kid: str) -> None:
        self.shut.append(kid)
        del self.kernels[kid]


def run(coroutine):
    """Run a coroutine to the end in a thread of its own (the browser tests' event loop may be running)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_the_pool_kernel_is_not_a_reader():
    manager = FakeManager({"pool": FakeKernel(0, 999), "a": FakeKernel(1, 0)}, pooled=("pool",))
    assert serving.readers(manager) == 1


def test_closed_pages_are_idle_kernels_whose_page_connected_and_left():
    manager = FakeManager({"open": FakeKernel(1, 999), "closed": FakeKernel(0, 60),
                           "just_closed": FakeKernel(0, 2), "still_rendering": FakeKernel(0, 600)})
    connected = {"open", "closed", "just_closed"}
    assert serving.closed_pages(manager, manager.list_kernel_ids(), now=NOW,
                                connected_once=connected) == ["closed"]


def test_at_the_cap_closed_pages_make_room_and_open_ones_do_not(monkeypatch):
    monkeypatch.setenv(serving.READERS_ENV, "2")
    manager = FakeManager({"open": FakeKernel(1, 0), "closed": FakeKernel(0, 10_000)})
    monkeypatch.setattr(serving, "CONNECTED_ONCE", {"open", "closed"})
    assert run(serving.room_for_a_reader(manager)) == 1 and manager.shut == ["closed"]
    full = FakeManager({"a": FakeKernel(1, 0), "b": FakeKernel(2, 10_000)})
    assert run(serving.room_for_a_reader(full)) == 2 and full.shut == []


def test_max_readers_reads_the_environment(monkeypatch):
    monkeypatch.delenv(serving.READERS_ENV, raising=False)
    assert serving.max_readers() == serving.MAX_READERS
    monkeypatch.setenv(serving.READERS_ENV, "3")
    assert serving.max_readers() == 3
    monkeypatch.setenv(serving.READERS_ENV, "none")
    assert serving.max_readers() == serving.MAX_READERS


@pytest.mark.parametrize("lang", ["en", "sk"])
def test_the_busy_page_says_what_happened_in_the_links_language(lang):
    page = serving.busy_page(lang, 16, "/?lang=sk&x=<b>")
    assert labels.ui_text("server.busy_title", lang) in page
    assert labels.ui_text("server.busy_text", lang).format(readers=16) in page
    assert f'lang="{lang}"' in page and f'http-equiv="refresh" content="{serving.RETRY_SECONDS}"' in page
    assert "<b>" not in page  # the address is escaped
