"""The server's limits (explorer/serving.py) as the installed configuration applies them on every route:
no template or theme from the address, culling, the message size, and the reader cap's kernel manager,
which counts and reclaims only Voila page kernels (never a notebook's)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import json
import os
import subprocess
import sys

import jinja2
import pytest
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager, MappingKernelManager
from traitlets.config import Config, Configurable

from explorer import labels, serving
from tests.paths import ROOT

TEMPLATE_DIR = ROOT / "share" / "jupyter" / "voila" / "templates" / "offline-lab"
THEME_PAYLOAD = 'x"><img src=x onerror=alert(document.domain)>'


def load_config_file(name: str) -> Config:
    """Run jupyter-config/<name> as traitlets does, on a fresh Config."""
    c = Config()
    code = (ROOT / "jupyter-config" / name).read_text()
    exec(compile(code, name, "exec"), {"get_config": lambda: c, "__name__": "config_file"})
    return c


def test_script_injection_voila_py_ignores_theme_and_template_from_the_address():
    c = load_config_file("voila.py")
    assert c.VoilaConfiguration.allow_theme_override == "NO"
    assert c.VoilaConfiguration.allow_template_override == "NO"
    assert c.VoilaConfiguration.file_allowlist == []


def test_voila_py_sets_culling_the_pool_the_cap_manager_and_the_message_limit():
    c = load_config_file("voila.py")
    manager = c.MappingKernelManager
    assert (manager.cull_idle_timeout, manager.cull_interval) == (serving.CULL_IDLE_SECONDS,
                                                                   serving.CULL_INTERVAL_SECONDS)
    assert manager.cull_connected is False and manager.cull_busy is False  # open pages stay
    assert c.Voila.tornado_settings["websocket_max_message_size"] == serving.WEBSOCKET_MAX_MESSAGE_BYTES
    assert c.VoilaConfiguration.preheat_kernel is True
    assert c.VoilaConfiguration.default_pool_size == serving.POOL_SIZE
    cls = c.VoilaConfiguration.multi_kernel_manager_class
    assert issubclass(cls, AsyncMappingKernelManager) and cls.__name__ == "DashboardKernelManager"
    assert cls is serving.DashboardKernelManager  # the config imports explorer.serving: one module, one class


def test_no_patching_of_voila_or_jupyter_server():
    from voila.handler import VoilaHandler

    before = (VoilaHandler.get_generator, MappingKernelManager.notify_connect)
    load_config_file("voila.py")
    load_config_file("jupyter_server_config.py")
    assert (VoilaHandler.get_generator, MappingKernelManager.notify_connect) == before


def test_server_route_limits_jupyter_server_config_sets_manager_culling_and_message_limit():
    c = load_config_file("jupyter_server_config.py")
    assert c.ServerApp.kernel_manager_class is serving.DashboardKernelManager
    assert c.MappingKernelManager.cull_idle_timeout == serving.CULL_IDLE_SECONDS
    assert c.ServerApp.tornado_settings["websocket_max_message_size"] == serving.WEBSOCKET_MAX_MESSAGE_BYTES


PROBE = """
import json, sys
from jupyter_server.serverapp import ServerApp
app = ServerApp()
app.initialize(["--port=0", "--ServerApp.ip=127.0.0.1", "--no-browser", "--allow-root",
                "--ServerApp.jpserver_extensions={}"])
print(json.dumps({"manager": type(app.kernel_manager).__name__,
                  "cull": app.kernel_manager.cull_idle_timeout,
                  "message": app.web_app.settings.get("websocket_max_message_size"),
                  "heavy": sorted(m for m in ("pandas", "numpy", "plotly", "explorer.core", "explorer.words")
                                  if m in sys.modules)}))
"""


def test_server_route_limits_the_installed_jupyter_server_reads_them_without_pandas(tmp_path):
    """The environment's jupyter server (as `jupyter server`/`jupyter lab` start it) gets the manager,
    culling and message size from the installed file, and its process loads neither pandas, numpy nor
    plotly, nor the package's engine and words (explorer.serving is imported as a light module)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=tmp_path, env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    assert figures == {"manager": "DashboardKernelManager", "cull": serving.CULL_IDLE_SECONDS,
                       "message": serving.WEBSOCKET_MAX_MESSAGE_BYTES, "heavy": []}


LIGHT_PROBE = """
import json, sys
from pathlib import Path
from traitlets.config.loader import PyFileConfigLoader

heavy = ("pandas", "numpy", "plotly", "explorer.core", "explorer.words", "explorer.labels")
import explorer.serving
after_import = sorted(m for m in heavy if m in sys.modules)
configs = {name: PyFileConfigLoader(name, path=sys.argv[1]).load_config()
           for name in ("voila.py", "jupyter_server_config.py")}
managers = [configs["voila.py"].VoilaConfiguration.multi_kernel_manager_class,
            configs["jupyter_server_config.py"].ServerApp.kernel_manager_class]
print(json.dumps({"after_import": after_import,
                  "after_configs": sorted(m for m in heavy if m in sys.modules),
                  "serving": str(Path(explorer.serving.__file__).resolve()),
                  "one_manager": all(m is explorer.serving.DashboardKernelManager for m in managers),
                  "modules": sorted(m for m in sys.modules if m.startswith("explorer"))}))
"""


def test_importing_explorer_serving_and_reading_both_configs_loads_no_pandas_numpy_or_engine(tmp_path):
    """In a fresh process, `import explorer.serving` and the two jupyter-config files, read as the
    servers read them (traitlets' PyFileConfigLoader), bring in no pandas, numpy, plotly nor the
    package's heavy parts; both files apply the one DashboardKernelManager of explorer.serving."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    env["PYTHONPATH"] = str(ROOT)  # this checkout's package, wherever the environment installed one
    out = subprocess.run([sys.executable, "-c", LIGHT_PROBE, str(ROOT / "jupyter-config")], cwd=tmp_path,
                         env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["serving"] == str(ROOT / "explorer" / "serving.py")
    assert got["after_import"] == [] and got["after_configs"] == []
    assert got["one_manager"] is True
    assert got["modules"] == ["explorer", "explorer.serving"]


def test_script_injection_voila_py_still_ignores_theme_and_template_when_explorer_is_broken(tmp_path):
    """An explorer package that fails to import (here one shadowing the project) is logged, not raised:
    traitlets would drop the whole file, the refusal of ?theme= and ?template= included."""
    broken = tmp_path / "broken" / "explorer"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text("raise ImportError('explorer is broken here')\n")
    probe = ("import json, logging, sys\nfrom traitlets.config.loader import PyFileConfigLoader\n"
             "logging.basicConfig()  # where the traitlets logger writes without an application\n"
             "c = PyFileConfigLoader('voila.py', path=sys.argv[1]).load_config().VoilaConfiguration\n"
             "print(json.dumps([c.allow_theme_override, c.allow_template_override]))")
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    env["PYTHONPATH"] = str(broken.parent)
    out = subprocess.run([sys.executable, "-c", probe, str(ROOT / "jupyter-config")], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout) == ["NO", "NO"]
    assert "explorer.serving could not be imported (explorer is broken here)" in out.stderr


def test_a_closed_tab_is_gone_within_a_few_minutes():
    assert serving.CULL_IDLE_SECONDS + serving.CULL_INTERVAL_SECONDS <= 5 * 60
    assert serving.NEVER_CONNECTED_GRACE + serving.CULL_INTERVAL_SECONDS <= 90


def test_upload_limit_follows_the_servers_real_message_limit():
    assert serving.upload_mb_for(serving.WEBSOCKET_MAX_MESSAGE_BYTES) == serving.UPLOAD_MAX_MB
    assert serving.upload_mb_for(None) == 9  # tornado's default 10 MiB less framing
    assert serving.upload_limit_mb("") == 9 and serving.upload_limit_mb("50") == 50
    assert serving.upload_limit_mb("lots") == 9


def test_max_readers_reads_the_environment(monkeypatch):
    monkeypatch.delenv(serving.READERS_ENV, raising=False)
    assert serving.max_readers() == serving.MAX_READERS
    monkeypatch.setenv(serving.READERS_ENV, "3")
    assert serving.max_readers() == 3
    monkeypatch.setenv(serving.READERS_ENV, "none")
    assert serving.max_readers() == serving.MAX_READERS


# --- the kernel manager, with kernels faked (no process is started) ------------------------------

NOW = dt.datetime.now(dt.UTC)


class FakeKernel:
    def __init__(self) -> None:
        self.last_activity = NOW


class FakeApp:
    def __init__(self, settings: dict) -> None:
        self.settings = settings


class FakeServer(Configurable):
    """What the manager reads of its parent: the tornado application's settings."""

    def __init__(self, settings: dict) -> None:
        super().__init__()
        self.web_app = FakeApp(settings)


def run(coroutine):
    """Run a coroutine to the end in a thread of its own (a test's event loop may be running)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture
def manager(monkeypatch):
    """A DashboardKernelManager whose base starts fake kernels and records shutdowns and culls."""
    started: list[dict] = []

    async def fake_start(self, *args, **kwargs):
        kid = f"k{len(started)}"
        started.append({"id": kid, **kwargs})
        self._kernels[kid] = FakeKernel()
        self._kernel_connections[kid] = 0
        return kid

    async def fake_cull(self, kernel_id):
        self.culled_by_jupyter.append(kernel_id)

    monkeypatch.setattr(AsyncMappingKernelManager, "start_kernel", fake_start)
    monkeypatch.setattr(AsyncMappingKernelManager, "cull_kernel_if_idle", fake_cull)

    class Manager(serving.kernel_manager_class()):
        def kernel_model(self, kernel_id):
            return {"id": kernel_id, "connections": self._kernel_connections[kernel_id]}

        async def shutdown_kernel(self, kernel_id, *args, **kwargs):
            self.shut.append(kernel_id)
            del self._kernels[kernel_id]
            del self._kernel_connections[kernel_id]

    m = Manager()
    m.shut, m.culled_by_jupyter, m.started = [], [], started
    monkeypatch.setenv(serving.READERS_ENV, "2")
    return m


def page_env(query: str = "") -> dict:
    """The environment Voila's handler gives a page's kernel."""
    return {"SERVER_SOFTWARE": "voila/0.5.13", "VOILA_PREHEAT": "False", "QUERY_STRING": query,
            "VOILA_REQUEST_URL": f"http://127.0.0.1:8866/?{query}"}


def idle(manager, kernel_id: str, seconds: float) -> None:
    """Make a kernel look quiet for `seconds`, since it was given to its page too."""
    then = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=seconds)
    manager._kernels[kernel_id].last_activity = then
    manager._pages[kernel_id] = then.timestamp()


def test_reader_cap_shuts_other_peoples_kernels_never_a_notebook_kernel(manager):
    notebook = run(manager.start_kernel(kernel_name="python3", env={"PATH": "/usr/bin"}))
    idle(manager, notebook, 10 * 3600)
    manager._pages.pop(notebook)  # idle() marks a page; a notebook kernel has none
    pages = [run(manager.start_kernel(kernel_name="python3", env=page_env())) for _ in range(2)]
    assert manager.readers() == 2 and notebook not in manager.page_kernels()
    for kid in pages:  # pages that were open and closed
        manager.notify_connect(kid)
        manager.notify_disconnect(kid)
        idle(manager, kid, 3600)
    run(manager.start_kernel(kernel_name="python3", env=page_env()))  # makes room from the closed pages
    assert manager.shut == pages[:1] and manager.readers() == 2
    run(manager.cull_kernel_if_idle(notebook))
    assert notebook in manager.list_kernel_ids() and manager.culled_by_jupyter == []


def test_reader_cap_answers_503_with_the_busy_words_in_the_links_language(manager):
    from tornado import web

    for _ in range(2):
        run(manager.start_kernel(kernel_name="python3", env=page_env()))
    for kid in manager.page_kernels():
        manager.notify_connect(kid)  # open pages
    with pytest.raises(web.HTTPError) as refused:
        run(manager.start_kernel(kernel_name="python3", env=page_env("lang=sk&x=1")))
    assert refused.value.status_code == 503
    busy = refused.value.busy
    assert busy["title"] == labels.ui_text("server.busy_title", "sk")
    assert busy["text"] == labels.ui_text("server.busy_text", "sk").format(readers=2)
    assert (busy["lang"], busy["url"]) == ("sk", "/?lang=sk&x=1")
    assert manager.shut == [] and manager.readers() == 2


def test_aborted_requests_cannot_fill_the_cap(manager):
    """Pages that never connected and are quiet for NEVER_CONNECTED_GRACE stop counting as readers;
    they are shut down when page kernels reach the cap plus SPARE_KERNELS (oldest first), and
    otherwise culled by Jupyter's rules like any idle page."""
    aborted = [run(manager.start_kernel(kernel_name="python3", env=page_env())) for _ in range(2)]
    idle(manager, aborted[0], serving.NEVER_CONNECTED_GRACE + 100)
    idle(manager, aborted[1], serving.NEVER_CONNECTED_GRACE - 10)  # still loading, maybe
    assert manager.readers() == 1
    run(manager.start_kernel(kernel_name="python3", env=page_env()))  # a reader gets in
    assert manager.shut == [] and manager.readers() == 2
    idle(manager, aborted[1], serving.NEVER_CONNECTED_GRACE + 1)
    while len(manager.page_kernels()) < 2 + serving.SPARE_KERNELS:  # more aborted requests, quiet
        kid = run(manager.start_kernel(kernel_name="python3", env=page_env()))
        idle(manager, kid, serving.NEVER_CONNECTED_GRACE + 1)
        aborted.append(kid)
    assert manager.readers() == 1 and manager.shut == []  # the one reader that got in
    run(manager.start_kernel(kernel_name="python3", env=page_env()))  # at the bound: the oldest goes
    assert manager.shut == [aborted[0]]
    for kid in aborted[1:]:
        run(manager.cull_kernel_if_idle(kid))
    assert manager.culled_by_jupyter == aborted[1:]


def test_a_connected_page_is_culled_by_jupyters_rules_only(manager):
    kid = run(manager.start_kernel(kernel_name="python3", env=page_env()))
    manager.notify_connect(kid)
    idle(manager, kid, 10 * 3600)
    run(manager.cull_kernel_if_idle(kid))
    assert manager.shut == [] and manager.culled_by_jupyter == [kid]


def test_the_pool_is_not_a_reader_until_a_page_takes_its_kernel(manager):
    class Preheating(type(manager)):
        """Stands for Voila's preheating manager, built as a subclass of the configured class."""

        async def get_rendered_notebook(self, notebook_name, extra_kernel_env_variables=None, **kw):
            return None, [], self.pooled.pop(0)

    pool = Preheating()
    pool.shut, pool.culled_by_jupyter = [], []
    pool.pooled = [run(pool.start_kernel(kernel_name="python3",
                                         env={"VOILA_PREHEAT": "True"})) for _ in range(3)]
    assert pool.readers() == 0
    run(pool.cull_kernel_if_idle(pool.pooled[0]))
    assert pool.shut == []  # the pool is never culled
    for _ in range(2):
        run(pool.get_rendered_notebook("dashboard.ipynb", extra_kernel_env_variables={}))
    assert pool.readers() == 2
    for kid in pool.page_kernels():
        pool.notify_connect(kid)
    from tornado import web

    with pytest.raises(web.HTTPError):
        run(pool.get_rendered_notebook(
            "dashboard.ipynb", extra_kernel_env_variables={"VOILA_REQUEST_URL": "http://h/?lang=en"}))
    assert len(pool.pooled) == 1  # refused before a pooled kernel was handed out


def test_page_kernels_are_told_the_servers_real_upload_limit(manager):
    manager.parent = FakeServer({"websocket_max_message_size": serving.WEBSOCKET_MAX_MESSAGE_BYTES})
    run(manager.start_kernel(kernel_name="python3", env=page_env()))
    manager.parent = FakeServer({})  # a server left at tornado's default
    run(manager.start_kernel(kernel_name="python3", env=page_env()))
    assert [s["env"][serving.UPLOAD_ENV] for s in manager.started] == [str(serving.UPLOAD_MAX_MB), "9"]


def test_request_of_reads_the_language_and_address_of_the_page():
    assert serving.request_of({"VOILA_REQUEST_URL": "http://h:1/voila/render/d.ipynb?lang=sk&a=1"}) == (
        "sk", "/voila/render/d.ipynb?lang=sk&a=1")
    assert serving.request_of({"SCRIPT_NAME": "/", "QUERY_STRING": "lang=xx"}) == ("en", "/?lang=xx")


def render_busy(lang: str, url: str) -> str:
    """The 503.html template as Voila's handler renders it (autoescape on)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)), autoescape=True)
    error = serving._busy_error(lang, 16, url)
    return env.get_template("503.html").render(exception=error, status_code=503,
                                               status_message="Service Unavailable", message="")


@pytest.mark.parametrize("lang", ["en", "sk"])
def test_the_busy_page_says_what_happened_in_the_links_language(lang):
    page = render_busy(lang, "/?lang=sk&x=<b>")
    assert labels.ui_text("server.busy_title", lang) in page
    assert labels.ui_text("server.busy_text", lang).format(readers=16) in page
    assert f'lang="{lang}"' in page and f'http-equiv="refresh" content="{serving.RETRY_SECONDS}"' in page
    assert "<b>" not in page and "&lt;b&gt;" in page  # the address is escaped
    assert "<script" not in page
    python_page = serving.busy_page(lang, 16, "/?x=<b>")
    assert labels.ui_text("server.busy_title", lang) in python_page and "<b>" not in python_page


def test_script_injection_theme_payload_never_reaches_the_busy_page():
    page = render_busy("en", "/?theme=" + THEME_PAYLOAD)
    assert "<img" not in page and "onerror=alert" in page.replace("&#34;", '"')  # as text, escaped


def test_the_server_hands_memory_back_when_a_page_kernel_goes(monkeypatch):
    """After a page kernel is shut down the server trims its heap (the soak showed the server keeping
    what it allocated relaying pages); a notebook kernel's shutdown leaves the allocator alone."""
    trims: list[int] = []
    monkeypatch.setattr(serving, "release_server_memory", lambda: trims.append(1) or True)

    async def fake_shutdown(self, kernel_id, *args, **kwargs):
        self._kernels.pop(kernel_id, None)

    monkeypatch.setattr(AsyncMappingKernelManager, "shutdown_kernel", fake_shutdown)
    m = serving.kernel_manager_class()()
    for kid in ("page", "notebook"):
        m._kernels[kid] = FakeKernel()
    m._pages["page"] = NOW.timestamp()
    run(m.shutdown_kernel("notebook"))
    assert trims == []
    run(m.shutdown_kernel("page"))
    assert trims == [1]


def test_voila_py_keeps_a_pool_replaced_late_and_no_plotly_labextension_on_the_page(monkeypatch):
    monkeypatch.setenv(serving.POOL_ENV, "7")
    c = load_config_file("voila.py")
    assert c.VoilaConfiguration.default_pool_size == 7  # the platform's own size
    assert c.VoilaKernelManager.fill_delay == serving.POOL_REFILL_DELAY_SECONDS
    # plotly's figures come from the page's one bundle (explorer/ui/figures.py), never its labextension
    assert set(c.VoilaConfiguration.extension_denylist) == {"jupyterlab-plotly", "jupyterlab_pygments"}
    monkeypatch.delenv(serving.POOL_ENV)
    assert serving.pool_size() == serving.POOL_SIZE
    monkeypatch.setenv(serving.POOL_ENV, "many")
    assert serving.pool_size() == serving.POOL_SIZE


def test_a_reader_never_waits_for_a_pool_kernel_still_heating(manager, tmp_path, monkeypatch):
    """Voila's own preheating manager, built on the configured class: only ready kernels count as
    the pool (none ready: the reader's kernel starts at once), and a ready one is handed out first."""
    from voila.voila_kernel_manager import voila_kernel_manager_factory

    c = load_config_file("voila.py")
    monkeypatch.setenv(serving.READERS_ENV, "16")

    class VoilaApp(Configurable):
        """What Voila's kernel manager reads of its application."""

        root_dir, notebook_path, base_url, server_url, port = str(tmp_path), None, "/", "/", 8866

    class Renderer:
        stop_generator, rendered_cache = False, ["<p>the dashboard</p>"]

    preheating = voila_kernel_manager_factory(type(manager), preheat_kernel=True, default_pool_size=2)

    async def scenario() -> tuple:
        m = preheating(parent=VoilaApp(config=c))
        m.shut, m.culled_by_jupyter, m.started = [], [], []
        loop = asyncio.get_running_loop()
        heating = loop.create_future()
        m._pools["dashboard.ipynb"] = [heating]
        none_ready = m.get_pool_size("dashboard.ipynb")
        kid = await m.start_kernel(kernel_name="python3", env={"VOILA_PREHEAT": "True"})
        ready = loop.create_future()
        ready.set_result({"renderer": Renderer(), "task": None, "kernel_id": kid})
        m._pools["dashboard.ipynb"].append(ready)
        one_ready = m.get_pool_size("dashboard.ipynb")
        configured_delay, m.fill_delay = m.fill_delay, 0  # the replacement: at once in a test

        async def replacement(notebook_path, kernel_id=None, **kwargs):
            return {"kernel_id": "replacement"}

        m._initialize = replacement
        _task, cache, handed = await m.get_rendered_notebook("dashboard.ipynb", extra_kernel_env_variables={})
        waiting = [task for task in m._pools["dashboard.ipynb"] if task is not heating]
        replaced = [item["kernel_id"] for item in await asyncio.gather(*waiting)]
        return none_ready, one_ready, handed, kid, cache, m.readers(), configured_delay, replaced

    none_ready, one_ready, handed, kid, cache, readers, delay, replaced = run(scenario())
    assert (none_ready, one_ready) == (0, 1)
    assert handed == kid and cache == ["<p>the dashboard</p>"] and readers == 1
    assert delay == serving.POOL_REFILL_DELAY_SECONDS and replaced == ["replacement"]
