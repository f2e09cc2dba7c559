"""The server's limits for many readers, declared once with their reasons, and the kernel manager
that enforces them on every route (standalone `voila` and `jupyter server` / `jupyter lab`).

The two installed configuration files import it (`from explorer import serving`), and so do the
dashboard's kernels (upload_limit_mb):
- jupyter-config/voila.py (installed as <prefix>/etc/jupyter/voila.py, read by `voila` from any folder
  and by Voila's server extension) calls configure_voila(c);
- jupyter-config/jupyter_server_config.py (installed as <prefix>/etc/jupyter/jupyter_server_config.py,
  read by `jupyter server`, `jupyter lab`, `jupyter notebook`, `jupyterhub-singleuser`) calls
  configure_server(c).
The explorer package loads its public API on first use only (explorer/__init__.py), so this import
keeps the server process light. Keep it so: no import of the rest of the package (explorer.core,
explorer.words...: they bring pandas and numpy) nor of pandas, numpy and plotly. tests/test_serving.py
checks that importing it, and reading the two configuration files, loads none of them.

Limits (the README's "Serving many readers" section repeats them):
- Nothing from the address picks the page's template or theme: Voila's allow_template_override and
  allow_theme_override are NO, so `?theme=` and `?template=` are ignored (they were put into the page
  as markup, and chose templates that load from CDNs or do not exist).
- CULL_IDLE_SECONDS, CULL_INTERVAL_SECONDS: a dashboard kernel with no page connected and no activity
  for 2 minutes is shut down (checked every 30 s). Open pages (cull_connected False), computing
  kernels (cull_busy False) and Voila's preheated pool are never culled. Kernels that are not a Voila
  page's (a notebook in JupyterLab, a console) are never culled nor counted by this configuration.
- MAX_READERS: at most this many Voila pages have a kernel at once; the next reader gets a short
  "busy, try again in a minute" page (HTTP 503) that reloads itself. EXPLORER_MAX_READERS overrides it.
  A page kernel whose page never connected and that has been quiet for NEVER_CONNECTED_GRACE seconds
  (a request aborted before its page connected, or a page very slow to load) is presumed gone: it no
  longer counts as a reader, so a burst of aborted requests holds the cap for tens of seconds, not
  minutes. It is not shut down then (a slow page may still connect): the culler removes it after
  CULL_IDLE_SECONDS like any idle page, or sooner when its place is needed. Page kernels are bounded
  at MAX_READERS + SPARE_KERNELS: when that bound or the cap is reached, kernels of closed pages
  (connected once, no connection, quiet for RECLAIM_IDLE_SECONDS) and then of pages presumed gone
  (oldest first) are shut down before a reader is refused.
- POOL_SIZE: kernels kept preheated (the dashboard already run) for the next readers, standalone
  `voila` only (Voila's server extension has no pool); EXPLORER_POOL_SIZE overrides it. A reader who
  gets one waits for the page alone (about 4 s on 2 cores), one who starts a kernel for the kernel
  too (about 3 CPU seconds more), and twenty kernels starting at once on 2 cores kept every page
  waiting minutes. Sized for a burst: in the soak benchmark (20 readers arriving over a minute on
  this 2-core machine, the readers' browsers included) a pool of 10 gave the options map in a median
  8.7 s, at most 45 s (a pool of 2: median 107 s, at most 140 s; of 20: 5.1 s, 7.5 s). Each pool
  kernel holds about 280 MB while it waits: 10 hold about 2.8 GB of the 24 GB machine.
- POOL_REFILL_DELAY_SECONDS: a kernel taken from the pool is replaced this long after (Voila's
  VoilaKernelManager.fill_delay; its default is 1 s), so that replacements do not take the cores
  from the readers of a burst, and only kernels that are ready count as the pool: with none ready,
  the reader's own kernel starts at once instead of waiting behind a replacement.
- PAGE_EXTENSIONS_OFF: JupyterLab extensions the page does not load (Voila's extension_denylist):
  plotly's labextension (4.8 MB; the dashboard's figures take plotly's front end from one bundle per
  page, explorer/ui/figures.py) and pygments' theme (no code is shown).
- UPLOAD_MAX_MB, WEBSOCKET_MAX_MESSAGE_BYTES: an uploaded file travels to the kernel as one websocket
  message, and tornado drops the connection on a message above its limit (10 MiB by default). The
  limit is raised to 50 MB plus 1 MiB of message framing on both routes. The server holds a whole
  message in memory while passing it on, and the kernel the bytes, a copy and the parsed table, so
  50 MB per reader stays safe with MAX_READERS readers. Each kernel is told the limit its own server
  really has (EXPLORER_UPLOAD_MAX_MB, set by the kernel manager from the server's settings), so the
  page states and enforces the real figure on every route; `explorer population FILE` has no limit.
"""

from __future__ import annotations

import html
import os
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

CULL_IDLE_SECONDS = 120
CULL_INTERVAL_SECONDS = 30
MAX_READERS = 16
RECLAIM_IDLE_SECONDS = 30  # longer than a page takes from its kernel's last output to connecting
NEVER_CONNECTED_GRACE = 30
SPARE_KERNELS = 4  # page kernels allowed beyond the cap for pages presumed gone
POOL_SIZE = 10
POOL_REFILL_DELAY_SECONDS = 120  # a kernel taken from the pool is replaced this long after
POOL_ENV = "EXPLORER_POOL_SIZE"
PAGE_EXTENSIONS_OFF = ("jupyterlab-plotly", "jupyterlab_pygments")
UPLOAD_MAX_MB = 50
FRAMING_BYTES = 1 << 20
WEBSOCKET_MAX_MESSAGE_BYTES = UPLOAD_MAX_MB * 1_000_000 + FRAMING_BYTES
TORNADO_DEFAULT_MESSAGE_BYTES = 10 * (1 << 20)
RETRY_SECONDS = 60
UPLOAD_ENV = "EXPLORER_UPLOAD_MAX_MB"
READERS_ENV = "EXPLORER_MAX_READERS"
HERE = Path(__file__).resolve().parent
# The catalogues (data/locale): inside the package when installed from a wheel (explorer/_data, see
# pyproject.toml), in the checkout's data/ otherwise (the same places explorer/core/datafiles.py knows)
LOCALE_CANDIDATES = (HERE / "_data" / "locale", HERE.parent / "data" / "locale")


def upload_limit_mb(value: str | None = None) -> int:
    """The largest upload in MB this kernel's server accepts: what its kernel manager said
    (EXPLORER_UPLOAD_MAX_MB), else what fits tornado's default message limit."""
    value = (os.environ.get(UPLOAD_ENV, "") if value is None else value).strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    return upload_mb_for(TORNADO_DEFAULT_MESSAGE_BYTES)


def upload_mb_for(message_bytes: int | None) -> int:
    """The upload limit in MB that a websocket message limit of `message_bytes` leaves room for."""
    size = TORNADO_DEFAULT_MESSAGE_BYTES if not message_bytes else int(message_bytes)
    return max(1, (size - FRAMING_BYTES) // 1_000_000)


def max_readers() -> int:
    """The cap on Voila pages with a kernel at once (EXPLORER_MAX_READERS, else MAX_READERS)."""
    value = os.environ.get(READERS_ENV, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else MAX_READERS


def pool_size() -> int:
    """Preheated kernels kept for the next readers (EXPLORER_POOL_SIZE, else POOL_SIZE; 0 for none)."""
    value = os.environ.get(POOL_ENV, "").strip()
    return int(value) if value.isdigit() else POOL_SIZE


def cull_settings(c: Any) -> None:
    """Culling of idle page kernels (the same on every route)."""
    c.MappingKernelManager.cull_idle_timeout = CULL_IDLE_SECONDS
    c.MappingKernelManager.cull_interval = CULL_INTERVAL_SECONDS
    c.MappingKernelManager.cull_connected = False
    c.MappingKernelManager.cull_busy = False


def with_message_limit(settings: Any) -> dict:
    """Tornado settings with the websocket message limit raised for uploads (others kept)."""
    settings = dict(settings or {})
    settings["websocket_max_message_size"] = WEBSOCKET_MAX_MESSAGE_BYTES
    return settings


QUERY_MAX_ARGUMENTS = 40_000
"""Query-string keys tornado parses before it answers an empty "400 Bad Request" (its default is
1,000). Every key takes at least two bytes of the request line, which tornado bounds at 64 KiB, so
this parses any link that reaches the server; the dashboard itself reads at most
explorer.ui.urlstate.MAX_LINK_KEYS of them and says so on the page (issue 14, finding 8)."""


def allow_many_link_keys() -> None:
    """Let tornado hand a link with many keys to the dashboard, which refuses it with a message on
    the page, instead of answering an empty HTTP 400 (tornado's only, global, setting for it)."""
    try:
        from tornado import httputil
        config = httputil._DEFAULT_PARSE_BODY_CONFIG  # noqa: SLF001 - read to keep its other limits
        urlencoded = type(config.urlencoded)(**{**vars(config.urlencoded),
                                                "max_arguments": QUERY_MAX_ARGUMENTS})
        httputil.set_parse_body_config(type(config)(**{**vars(config), "urlencoded": urlencoded}))
    except (ImportError, AttributeError, TypeError):  # tornado before 6.5.5 had no such limit
        return


def configure_voila(c: Any) -> None:
    """Voila's part (voila.py): no template or theme from the address, the pool, the cap, the limits."""
    c.VoilaConfiguration.allow_template_override = "NO"
    c.VoilaConfiguration.allow_theme_override = "NO"
    c.VoilaConfiguration.preheat_kernel = True
    c.VoilaConfiguration.default_pool_size = pool_size()
    c.VoilaKernelManager.fill_delay = POOL_REFILL_DELAY_SECONDS
    c.VoilaConfiguration.extension_denylist = list(PAGE_EXTENSIONS_OFF)
    c.VoilaConfiguration.multi_kernel_manager_class = kernel_manager_class()
    c.VoilaConfiguration.file_allowlist = []  # the dashboard serves no file from the server's folder
    cull_settings(c)
    c.Voila.tornado_settings = with_message_limit(c.Voila.get("tornado_settings"))
    allow_many_link_keys()


def configure_server(c: Any) -> None:
    """The Jupyter server's part (jupyter_server_config.py): cap, culling and limits for Voila pages."""
    c.ServerApp.kernel_manager_class = kernel_manager_class()
    cull_settings(c)
    c.ServerApp.tornado_settings = with_message_limit(c.ServerApp.get("tornado_settings"))
    allow_many_link_keys()


def ui_strings(lang: str) -> dict[str, str]:
    """The busy page's strings (server.* entries of the gettext catalogues in data/locale) in `lang`.

    Read with Babel straight from the .po files: explorer.words would load pandas into the server."""
    from babel.messages.pofile import read_po

    locale_dir = next((d for d in LOCALE_CANDIDATES if d.is_dir()), LOCALE_CANDIDATES[-1])
    lang = lang if lang in ("en", "sk") else "en"
    found: dict[str, str] = {}
    for path in sorted((locale_dir / lang / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle, locale=lang):
                if message.context and message.context.startswith("server.") and message.id:
                    found[message.context.split(".", 1)[1]] = message.string or message.id
    return found


def busy_page(lang: str, readers_now: int, url: str) -> str:
    """The page shown when max_readers() pages are open: what happened, and a way to try again."""
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


def request_of(env: dict | None) -> tuple[str, str]:
    """(language, path and query) of the page a kernel is started for, from Voila's kernel environment."""
    env = env or {}
    url = env.get("VOILA_REQUEST_URL", "")
    if url:
        parts = urlsplit(url)
        path, query = parts.path or "/", parts.query
    else:
        path, query = env.get("SCRIPT_NAME", "/") or "/", env.get("QUERY_STRING", "")
    lang = (parse_qs(query).get("lang") or ["en"])[-1]
    return (lang if lang in ("en", "sk") else "en"), path + (f"?{query}" if query else "")


def is_page_kernel(env: dict | None) -> bool:
    """True when Voila starts the kernel for a page (or its preheated pool), from its environment."""
    env = env or {}
    return env.get("SERVER_SOFTWARE", "").startswith("voila/") or "VOILA_PREHEAT" in env


def reclaimable(now: float, since: float, last_activity: float | None, connections: int,
                idle_s: float) -> bool:
    """A page kernel with no connection and nothing done for `idle_s` seconds since it got its page."""
    quiet_since = max(since, last_activity or since)
    return connections == 0 and now - quiet_since >= idle_s


def release_server_memory() -> bool:
    """Hand the server's freed memory back to the system (glibc malloc_trim) after a page kernel
    goes: the server otherwise keeps what it allocated relaying the pages' messages. True if done."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc
        return False
    trim.argtypes = [ctypes.c_size_t]
    return bool(trim(0))


def _busy_error(lang: str, readers_now: int, url: str) -> Exception:
    """The HTTP 503 that Voila's handler turns into the busy page (templates' 503.html)."""
    from tornado import web

    text = ui_strings(lang)
    error = web.HTTPError(503, text["busy_text"].replace("%", "%%").format(readers=readers_now),
                          reason="Service Unavailable")
    error.busy = {"lang": lang, "title": text["busy_title"], "retry": text["retry"], "url": url,
                  "text": text["busy_text"].format(readers=readers_now), "refresh": RETRY_SECONDS}
    return error


def _kernel_manager_base() -> type:
    """jupyter_server's AsyncMappingKernelManager (imported only by the server that uses the cap)."""
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

    return AsyncMappingKernelManager


class _Lazy:
    """Builds DashboardKernelManager on first use, so importing this module needs no jupyter_server."""

    cls: type | None = None


def kernel_manager_class() -> type:
    """DashboardKernelManager (built once, on first use: it needs jupyter_server)."""
    if _Lazy.cls is None:
        _Lazy.cls = _build()
    return _Lazy.cls


def _build() -> type:
    """The kernel-manager subclass: counts and reclaims Voila page kernels only, tells kernels the
    real upload limit, answers 503 at the cap."""
    base = _kernel_manager_base()

    class DashboardKernelManager(base):  # type: ignore[valid-type, misc]
        """A Jupyter kernel manager with a cap on Voila pages and fair reclaiming (explorer/serving.py).

        Set through VoilaConfiguration.multi_kernel_manager_class (standalone voila; Voila builds its
        preheating manager as a subclass of it) and ServerApp.kernel_manager_class (jupyter server)."""

        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self._pages: dict[str, float] = {}  # page kernel id -> when it was given to a page
            self._pool: set[str] = set()  # preheated kernels not yet given to a page
            self._connected_once: set[str] = set()
            self._starting = 0

        def __init_subclass__(cls, **kwargs: Any) -> None:
            """Voila's preheating manager hands a page a pooled kernel in get_rendered_notebook:
            the cap is checked there first, and the kernel then counts as the page's."""
            super().__init_subclass__(**kwargs)
            hand_out = cls.__dict__.get("get_rendered_notebook")
            if hand_out is None:
                return

            async def get_rendered_notebook(self: Any, *args: Any, **kw: Any) -> Any:
                env = kw.get("extra_kernel_env_variables") or {}
                await self.make_room(env)
                # Voila hands out the first kernel of the pool: put the ready ones first (stable).
                pools = getattr(self, "_pools", {})  # Voila 0.5's pools: notebook -> kernel tasks
                pools.get(kw.get("notebook_name", args[0] if args else None), []).sort(
                    key=lambda task: not task.done())
                self._starting += 1  # counted while the pooled kernel is handed over
                try:
                    result = await hand_out(self, *args, **kw)
                finally:
                    self._starting -= 1
                kernel_id = result[2]
                self._pool.discard(kernel_id)
                self._pages[kernel_id] = time.time()
                return result

            get_rendered_notebook.__doc__ = hand_out.__doc__
            cls.get_rendered_notebook = get_rendered_notebook

            def get_pool_size(self: Any, notebook_name: str) -> int:
                """Preheated kernels ready now: with none ready, Voila starts the reader's own kernel
                at once instead of making the page wait for a pool kernel still heating (or still
                waiting out POOL_REFILL_DELAY_SECONDS before it starts)."""
                return sum(1 for task in getattr(self, "_pools", {}).get(notebook_name, ())
                           if task.done() and not task.cancelled() and task.exception() is None)

            cls.get_pool_size = get_pool_size

        # --- counting -------------------------------------------------------------------------
        def page_kernels(self) -> list[str]:
            """Running kernels given to a Voila page (not the pool, not notebooks)."""
            running = set(self.list_kernel_ids())
            for kid in [k for k in self._pages if k not in running]:
                self._pages.pop(kid, None)
                self._connected_once.discard(kid)
            self._pool &= running
            return list(self._pages)

        def _last_activity(self, kernel_id: str) -> tuple[float | None, int]:
            """(last activity as a timestamp, open connections) of a kernel."""
            kernel = self.get_kernel(kernel_id)  # KeyError once it is gone
            last = getattr(kernel, "last_activity", None)
            connections = int(self.kernel_model(kernel_id).get("connections", 0))
            return (last.timestamp() if last is not None else None), connections

        def _quiet(self, kernel_id: str, idle_s: float, now: float) -> bool:
            """No connection now and nothing done for `idle_s` seconds since the kernel got its page."""
            from tornado import web

            try:
                last, connections = self._last_activity(kernel_id)
            except (KeyError, web.HTTPError):  # gone meanwhile
                return False
            return reclaimable(now, self._pages.get(kernel_id, now), last, connections, idle_s)

        def presumed_gone(self, now: float | None = None) -> list[str]:
            """Page kernels whose page never connected and that are quiet for NEVER_CONNECTED_GRACE:
            an aborted request (or a page very slow to load): not counted as readers."""
            now = time.time() if now is None else now
            return [kid for kid in self.page_kernels()
                    if kid not in self._connected_once and self._quiet(kid, NEVER_CONNECTED_GRACE, now)]

        def readers(self) -> int:
            """Pages with a kernel now (less those presumed gone), plus page kernels still starting."""
            return len(self.page_kernels()) - len(self.presumed_gone()) + self._starting

        def closed_pages(self, now: float | None = None) -> list[str]:
            """Page kernels whose page connected and left: no connection, quiet for RECLAIM_IDLE_SECONDS."""
            now = time.time() if now is None else now
            return [kid for kid in self.page_kernels()
                    if kid in self._connected_once and self._quiet(kid, RECLAIM_IDLE_SECONDS, now)]

        def full(self) -> bool:
            """At the cap on readers, or at the bound on page kernels (readers and presumed gone)."""
            total = len(self.page_kernels()) + self._starting
            return self.readers() >= max_readers() or total >= max_readers() + SPARE_KERNELS

        async def make_room(self, env: dict | None) -> None:
            """When full, shut closed pages' kernels, then those presumed gone (oldest first);
            still full, refuse with the busy page."""
            if not self.full():
                return
            for kid in self.closed_pages():
                if not self.full():
                    break
                self.log.info("reader cap: shutting down page kernel %s of a closed page", kid)
                await self.shutdown_kernel(kid)
            for kid in sorted(self.presumed_gone(), key=lambda kid: self._pages.get(kid, 0.0)):
                if len(self.page_kernels()) + self._starting < max_readers() + SPARE_KERNELS:
                    break
                self.log.info("reader cap: shutting down page kernel %s: its page never connected", kid)
                await self.shutdown_kernel(kid)
            if self.full():
                count = self.readers()
                lang, url = request_of(env)
                self.log.warning("reader cap: %d pages have a kernel; answering 503", count)
                raise _busy_error(lang, count, url)

        # --- the kernel lifecycle -------------------------------------------------------------
        def upload_env(self) -> str:
            """The upload limit in MB that this server's websocket message limit allows."""
            parent = getattr(self, "parent", None)
            app = getattr(parent, "web_app", None) or getattr(parent, "app", None)
            settings = getattr(app, "settings", None) or {}
            return str(upload_mb_for(settings.get("websocket_max_message_size")))

        async def start_kernel(self, *args: Any, **kwargs: Any) -> str:
            """Start a kernel; a Voila page's is counted (refused at the cap) and told the upload limit."""
            env = kwargs.get("env")
            if not is_page_kernel(env):
                return await super().start_kernel(*args, **kwargs)
            env = dict(env or {})
            env[UPLOAD_ENV] = self.upload_env()
            kwargs["env"] = env
            pooled = env.get("VOILA_PREHEAT") == "True"
            if not pooled:
                await self.make_room(env)
            self._starting += 0 if pooled else 1
            try:
                kernel_id = await super().start_kernel(*args, **kwargs)
            finally:
                self._starting -= 0 if pooled else 1
            if pooled:
                self._pool.add(kernel_id)
            else:
                self._pages[kernel_id] = time.time()
            return kernel_id

        async def shutdown_kernel(self, kernel_id: str, *args: Any, **kwargs: Any) -> Any:
            """Shut a kernel down, then hand the memory freed in the server back (release_server_memory)."""
            was_page = kernel_id in self._pages
            result = await super().shutdown_kernel(kernel_id, *args, **kwargs)
            if was_page:
                release_server_memory()
            return result

        def notify_connect(self, kernel_id: str) -> None:
            """A page's websocket connected to its kernel."""
            self._connected_once.add(kernel_id)
            super().notify_connect(kernel_id)

        async def cull_kernel_if_idle(self, kernel_id: str) -> None:
            """Cull page kernels by Jupyter's rules (a page that never connected included);
            a notebook's or console's kernel never."""
            if kernel_id not in self._pages:
                return  # a notebook's or console's kernel, or Voila's pool: not ours to cull
            await super().cull_kernel_if_idle(kernel_id)

    DashboardKernelManager.__module__ = __name__
    DashboardKernelManager.__qualname__ = "DashboardKernelManager"
    return DashboardKernelManager


def __getattr__(name: str) -> Any:
    """DashboardKernelManager, built on first access (it needs jupyter_server)."""
    if name == "DashboardKernelManager":
        return kernel_manager_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
