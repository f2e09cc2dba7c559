"""deploy/ says what the local hub does: the same landing page, culling and limits, and an image built
from the wheel that the Dask workers share with the users' servers."""

from __future__ import annotations

import pytest
import yaml
from traitlets.config import PyFileConfigLoader

from tests.paths import ROOT

DEPLOY = ROOT / "deploy"


@pytest.fixture(scope="module")
def values() -> dict:
    return yaml.safe_load((DEPLOY / "z2jh" / "values.yaml").read_text())


@pytest.fixture(scope="module")
def daskcluster() -> dict:
    return yaml.safe_load((DEPLOY / "dask" / "daskcluster.yaml").read_text())


@pytest.fixture
def hub_config(tmp_path, monkeypatch):
    """hub/jupyterhub_config.py as JupyterHub loads it (its defaults: no EXPLORER_HUB_* set)."""
    for name in ("EXPLORER_HUB_IDLE_TIMEOUT", "EXPLORER_HUB_CULL_EVERY", "EXPLORER_HUB_MAX_SERVERS",
                 "EXPLORER_HUB_PORT", "EXPLORER_HUB_IP", "EXPLORER_HUB_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("EXPLORER_HUB_STATE", str(tmp_path / "state"))
    return PyFileConfigLoader("jupyterhub_config.py", path=str(ROOT / "hub")).load_config()


def test_the_local_hub_defaults_to_127_0_0_1_port_8000_with_the_demo_password(hub_config):
    assert (hub_config.JupyterHub.ip, hub_config.JupyterHub.port) == ("127.0.0.1", 8000)
    assert hub_config.SharedPasswordAuthenticator.user_password == "explorer-demo"
    assert hub_config.Authenticator.allow_all is True


def test_a_bad_hub_setting_is_refused_naming_it(tmp_path, monkeypatch):
    monkeypatch.setenv("EXPLORER_HUB_STATE", str(tmp_path / "state"))
    monkeypatch.setenv("EXPLORER_HUB_MAX_SERVERS", "lots")
    with pytest.raises(SystemExit, match="EXPLORER_HUB_MAX_SERVERS = 'lots'"):
        PyFileConfigLoader("jupyterhub_config.py", path=str(ROOT / "hub")).load_config()


def test_the_demo_password_is_refused_beyond_this_machine(tmp_path, monkeypatch):
    monkeypatch.setenv("EXPLORER_HUB_STATE", str(tmp_path / "state"))
    monkeypatch.delenv("EXPLORER_HUB_PASSWORD", raising=False)
    monkeypatch.setenv("EXPLORER_HUB_IP", "0.0.0.0")
    with pytest.raises(SystemExit, match="EXPLORER_HUB_IP = '0.0.0.0' with the demonstration password"):
        PyFileConfigLoader("jupyterhub_config.py", path=str(ROOT / "hub")).load_config()
    monkeypatch.setenv("EXPLORER_HUB_PASSWORD", "a-team-password")
    config = PyFileConfigLoader("jupyterhub_config.py", path=str(ROOT / "hub")).load_config()
    assert config.SharedPasswordAuthenticator.user_password == "a-team-password"


def test_the_cluster_lands_on_the_same_dashboard_as_the_local_hub(values, hub_config):
    assert values["singleuser"]["defaultUrl"] == hub_config.Spawner.default_url
    assert hub_config.Spawner.default_url == "/voila/render/notebooks/dashboard.ipynb"


def test_the_cluster_culls_idle_servers_as_the_local_hub(values, hub_config):
    culler = hub_config.JupyterHub.services[0]["command"]
    assert values["cull"]["enabled"] is True
    assert f"--timeout={values['cull']['timeout']}" in culler
    assert f"--cull-every={values['cull']['every']}" in culler


def test_both_hubs_limit_servers_running_and_starting(values, hub_config):
    assert values["hub"]["activeServerLimit"] > 0 and values["hub"]["concurrentSpawnLimit"] > 0
    assert hub_config.JupyterHub.active_server_limit > 0 and hub_config.JupyterHub.concurrent_spawn_limit > 0
    assert values["singleuser"]["memory"]["limit"]


def test_the_dask_workers_run_the_users_image_built_from_the_wheel(values, daskcluster):
    image = f"{values['singleuser']['image']['name']}:{values['singleuser']['image']['tag']}"
    spec = daskcluster["spec"]
    assert [c["image"] for c in spec["worker"]["spec"]["containers"]] == [image]
    assert [c["image"] for c in spec["scheduler"]["spec"]["containers"]] == [image]
    dockerfile = (DEPLOY / "image" / "Dockerfile").read_text()
    assert "residence_explorer-*.whl" in dockerfile and "[dashboard]" in dockerfile
    notebooks = values["singleuser"]["notebookDir"] + "/notebooks"
    assert "/srv/explorer/notebooks" == notebooks and notebooks in dockerfile
