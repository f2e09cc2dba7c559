"""The server's limits for many readers, declared once, with their reasons; voila.py applies them.

jupyter-config/voila.py (installed as <prefix>/etc/jupyter/voila.py, read by every Voila route)
loads this file by its path, without importing the explorer package, so the Voila server process
does not pay for pandas and plotly. Keep this module free of imports from the package.

- CULL_IDLE_SECONDS, CULL_INTERVAL_SECONDS: a kernel with no page connected and no activity for
  2 minutes is shut down (checked every 30 s), so a closed tab's kernel (about 200 MB) is gone
  within about 2.5 minutes. Open pages are never culled however long they sit idle (cull_connected
  stays False), nor kernels that are computing (cull_busy stays False), nor Voila's preheated pool.
- MAX_READERS: at most this many pages have a kernel at once; the next reader gets a short "busy,
  try again in a minute" page (HTTP 503, Retry-After) that reloads itself. Sixteen kernels of about
  200 MB, each with room for a daily grid of a few hundred MB, fit the 2-core, 24 GB machine; more
  readers than that would only slow every page down on 2 cores. EXPLORER_MAX_READERS overrides it.
  When the cap is reached, kernels of closed pages (a page connected once and has gone: no
  connection now, idle for RECLAIM_IDLE_SECONDS) are shut down first, before culling would, so a
  closed tab never keeps a reader out. A kernel whose page has not connected yet is still rendering
  (under load that took minutes in the soak benchmark) and is left alone.
- UPLOAD_MAX_MB, WEBSOCKET_MAX_MESSAGE_BYTES: an uploaded file travels to the kernel as one
  websocket message, and tornado drops the connection on a message above its limit (10 MiB by
  default). The limit is raised to 50 MB plus 1 MiB of message framing: the server holds a whole
  message in memory while it passes it on, and the kernel holds the bytes, a temporary copy and the
  parsed table (several times the file's size), so 50 MB per reader stays safe with MAX_READERS
  readers. The upload widget refuses bigger files in the browser; `explorer population FILE` has no limit.
"""

from __future__ import annotations

import datetime as dt
import html
import os
from pathlib import Path
from typing import Any

CULL_IDLE_SECONDS = 120
CULL_INTERVAL_SECONDS = 30
MAX_READERS = 16
RECLAIM_IDLE_SECONDS = 30  # longer than a page takes from its kernel's last output to connecting
UPLOAD_MAX_MB = 50
FRAMING_BYTES = 1 << 20
WEBSOCKET_MAX_MESSAGE_BYTES = UPLOAD_MAX_MB * 1_000_000 + FRAMING_BYTES
TORNADO_DEFAULT_MESSAGE_BYTES = 10 * (1 << 20)
RETRY_SECONDS = 60
CONNECTED_ONCE: set[str] = set()  # kernels a page has connected to (filled by install_reader_cap)
UPLOAD_ENV = "EXPLORER_UPLOAD_MAX_MB"
READERS_ENV = "EXPLORER_MAX_READERS"
OUTPUTS_PATH = Path(__file__).resolve().parent.parent / "data" / "outputs.yaml"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "data" / "locale"


def upload_limit_mb() -> int:
    """The largest upload in MB this kernel's server accepts: what voila.py set, else what fits
    tornado's default message limit (a Jupyter server not configured by this project)."""
    value = os.environ.get(UPLOAD_ENV, "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    return (TORNADO_DEFAULT_MESSAGE_BYTES - FRAMING_BYTES) // 1_000_000


def max_readers() -> int:
    """The cap on pages with a kernel at once (EXPLORER_MAX_READERS, else MAX_READERS)."""
    value = os.environ.get(READERS_ENV, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else MAX_READERS


def configure(c: Any) -> None:
    """Put the limits into a traitlets config `c` (voila.py's) and install the reader cap."""
    c.MappingKernelManager.cull_idle_timeout = CULL_IDLE_SECONDS
    c.MappingKernelManager.cull_interval = CULL_INTERVAL_SECONDS
    c.MappingKernelManager.cull_connected = False
    c.MappingKernelManager.cull_busy = False
    settings = dict(c.Voila.tornado_settings) if "tornado_settings" in c.Voila else {}
    settings["websocket_max_message_size"] = WEBSOCKET_MAX_MESSAGE_BYTES
    c.Voila.tornado_settings = settings
    os.environ[UPLOAD_ENV] = str(UPLOAD_MAX_MB)  # kernels inherit the server's environment
    install_reader_cap()


def pooled_ids(kernel_manager: Any) -> set[str]:
    """Ids of the kernels waiting in Voila's preheated pool (none without preheating)."""
    ids = set()
    for pool in (getattr(kernel_manager, "_pools", {}) or {}).values():
        for task in pool:
            if task.done() and not task.cancelled() and task.exception() is None:
                ids.add(task.result().get("kernel_id"))
    return ids


def reader_kernels(kernel_manager: Any) -> list[str]:
    """Kernels serving a page (or a page that closed): every running kernel not in the pool."""
    pooled = pooled_ids(kernel_manager)
    return [kid for kid in kernel_manager.list_kernel_ids() if kid not in pooled]


def readers(kernel_manager: Any) -> int:
    """How many pages have a kernel: reader_kernels less the pool's kernels still starting."""
    starting = sum(1 for pool in (getattr(kernel_manager, "_pools", {}) or {}).values()
                   for task in pool if not task.done())
    return max(0, len(reader_kernels(kernel_manager)) - starting)


def closed_pages(kernel_manager: Any, kernel_ids: list[str], now: dt.datetime | None = None,
                 connected_once: set[str] | None = None) -> list[str]:
    """Those kernels whose page is gone: connected once, no connection now, idle for RECLAIM_IDLE_SECONDS."""
    now = now or dt.datetime.now(dt.UTC)
    connected_once = CONNECTED_ONCE if connected_once is None else connected_once
    closed = []
    for kid in kernel_ids:
        if kid not in connected_once:
            continue  # its page is still rendering
        try:
            connections = kernel_manager.kernel_model(kid).get("connections", 0)
            last = kernel_manager.get_kernel(kid).last_activity
        except Exception:  # the kernel went away meanwhile (web.HTTPError 404, KeyError)
            continue
        if connections == 0 and last is not None and (now - last).total_seconds() >= RECLAIM_IDLE_SECONDS:
            closed.append(kid)
    return closed


async def room_for_a_reader(kernel_manager: Any, log: Any = None) -> int:
    """Readers now, after shutting down closed pages' kernels when the cap is reached."""
    count = readers(kernel_manager)
    CONNECTED_ONCE.intersection_update(kernel_manager.list_kernel_ids())
    if count < max_readers():
        return count
    for kid in closed_pages(kernel_manager, reader_kernels(kernel_manager)):
        if log is not None:
            log.info("reader cap: shutting down kernel %s of a closed page", kid)
        await kernel_manager.shutdown_kernel(kid)
    return readers(kernel_manager)


def ui_strings(lang: str) -> dict[str, str]:
    """The busy page's strings (server.* entries of the gettext catalogues in data/locale) in `lang`.

    Read with Babel straight from the .po files: this module is loaded without the package."""
    from babel.messages.pofile import read_po

    lang = lang if lang in ("en", "sk") else "en"
    found: dict[str, str] = {}
    for path in sorted((LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle, locale=lang):
                if message.context and message.context.startswith("server.") and message.id:
                    found[message.context.split(".", 1)[1]] = message.string or message.id
    return found


def busy_page(lang: str, readers_now: int, url: str) -> str:
    """The page shown when MAX_READERS pages are open: what happened, and a way to try again."""
    text = ui_strings(lang)
    title = html.escape(text["busy_title"])
    body = html.escape(text["busy_text"].format(readers=readers_now))
    link = html.escape(url, quote=True)
    return (f'<!DOCTYPE html><html lang="{"sk" if lang == "sk" else "en"}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta http-equiv="refresh" content="{RETRY_SECONDS}"><title>{title}</title></head>'
            '<body style="font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em;'
            'color:#1a1a1a">'
            f'<main><h1 class="rx-busy-page">{title}</h1><p>{body}</p>'
            f'<p><a href="{link}">{html.escape(text["retry"])}</a></p></main></body></html>')


def install_reader_cap() -> None:
    """Make Voila answer a new page with busy_page() while max_readers() pages have a kernel."""
    from jupyter_server.services.kernels.kernelmanager import MappingKernelManager
    from voila.handler import VoilaHandler

    if getattr(VoilaHandler.get_generator, "_rx_capped", False):
        return
    original = VoilaHandler.get_generator
    notify_connect = MappingKernelManager.notify_connect

    def noting_connect(self: Any, kernel_id: str) -> Any:
        CONNECTED_ONCE.add(kernel_id)
        return notify_connect(self, kernel_id)

    MappingKernelManager.notify_connect = noting_connect

    async def capped(self: Any, path: Any = None) -> Any:
        count = await room_for_a_reader(self.kernel_manager, self.log)
        if count >= max_readers():
            self.log.warning("reader cap: %d pages have a kernel; answering 503", count)
            self.set_status(503)
            self.set_header("Retry-After", str(RETRY_SECONDS))
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            yield busy_page(self.get_argument("lang", "en"), count, self.request.uri)
            return
        async for chunk in original(self, path):
            yield chunk

    capped._rx_capped = True  # type: ignore[attr-defined]
    VoilaHandler.get_generator = capped
