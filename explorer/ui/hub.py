"""Under JupyterHub, a link from the dashboard to JupyterLab with the notebooks, one click away.

JupyterHub gives each user's server (and so the dashboard's kernel) JUPYTERHUB_SERVICE_PREFIX, the
server's address path such as /user/alice/; outside a hub the variable is absent and no link shows.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Mapping

from .. import labels
from ..labels import Language

PREFIX_VARIABLE = "JUPYTERHUB_SERVICE_PREFIX"
LAB_PATH = "lab/tree/notebooks"
_SAFE_PREFIX = re.compile(r"^/(?:[A-Za-z0-9._~%!$&'()*+,;=:@-]+/)*$")  # a plain absolute path ending in /


def lab_url(environ: Mapping[str, str] | None = None) -> str | None:
    """JupyterLab's notebooks folder on this user's hub server; None outside a hub or for a bad prefix."""
    prefix = (os.environ if environ is None else environ).get(PREFIX_VARIABLE, "")
    return prefix + LAB_PATH if _SAFE_PREFIX.match(prefix) else None


def lab_link_html(lang: Language = "en", environ: Mapping[str, str] | None = None) -> str:
    """The link to JupyterLab as a paragraph of HTML, or "" outside a hub."""
    url = lab_url(environ)
    if url is None:
        return ""
    text = html.escape(labels.ui_text("page.lab_link", lang))
    return f'<p class="rx-lab-link"><a href="{html.escape(url, quote=True)}">{text}</a></p>'
