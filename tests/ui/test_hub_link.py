"""Under JupyterHub the dashboard links to JupyterLab with the notebooks; elsewhere it shows no link."""

from __future__ import annotations

import pytest

from explorer.ui.hub import lab_link_html, lab_url


def test_under_a_hub_the_link_goes_to_the_users_own_jupyterlab_notebooks():
    env = {"JUPYTERHUB_SERVICE_PREFIX": "/user/alice/"}
    assert lab_url(env) == "/user/alice/lab/tree/notebooks"
    assert lab_link_html("en", env) == ('<p class="rx-lab-link"><a href="/user/alice/lab/tree/notebooks">'
                                        "Open the notebooks in JupyterLab</a></p>")
    assert "Otvoriť zošity v prostredí JupyterLab" in lab_link_html("sk", env)


def test_outside_a_hub_there_is_no_link():
    assert lab_url({}) is None
    assert lab_link_html("en", {}) == ""


@pytest.mark.parametrize("prefix", ['/user/a"><script>x</script>/', "javascript:alert(1)//",
                                    "//evil.example/", "user/alice/", "/user/alice"])
def test_a_malformed_prefix_gives_no_link(prefix):
    assert lab_url({"JUPYTERHUB_SERVICE_PREFIX": prefix}) is None
    assert lab_link_html("en", {"JUPYTERHUB_SERVICE_PREFIX": prefix}) == ""
