"""Voila settings for every route: the offline template when it is installed, else a page that says so.

The package installs this file as <prefix>/etc/jupyter/voila.py. Voila reads voila.py and voila.json
from the Jupyter config path (and from the folder it starts in), so `voila notebooks/dashboard.ipynb`
from the repository root, `voila /abs/path.ipynb` from any folder and `jupyter server`'s
/voila/render/... all use it. voila.json at the repository root adds the server settings of
`make serve`. (This file is not at the root: a voila.py there would shadow the voila package.)

Voila 0.5 streams nothing but heartbeats when its template is missing: the page stays blank. So the
template is checked here; when it cannot be found, Voila's lab template is used instead and the
dashboard shows the notice EXPLORER_PAGE_NOTICE names (a catalogue key, in the page's language):
what is wrong and how to fix it.

Nothing from the address chooses the template or theme (allow_*_override NO). The pool, culling, the
reader cap (a kernel-manager subclass, VoilaConfiguration.multi_kernel_manager_class) and the message
size come from explorer.serving, imported as any module (importing it loads neither pandas nor the
engine into the server). On the jupyter server route Voila applies only its own configuration from
this file; the server's part is in jupyter_server_config.py beside it.
"""

import os

from jupyter_core.paths import jupyter_path

c = get_config()  # noqa: F821 - provided by traitlets when it reads this file
TEMPLATE = os.environ.get("EXPLORER_VOILA_TEMPLATE", "offline-lab")
FALLBACK = "lab"

FOUND = any(os.path.isfile(os.path.join(folder, TEMPLATE, "index.html.j2"))
            for folder in jupyter_path("voila", "templates"))
if FOUND:
    c.VoilaConfiguration.template = TEMPLATE
else:
    c.VoilaConfiguration.template = FALLBACK
    # A notice code and its values: the dashboard says it in the page's language (catalogue
    # page.notice.template_missing; explorer.ui.app.page_notice).
    os.environ["EXPLORER_PAGE_NOTICE"] = "template_missing"
    os.environ["EXPLORER_PAGE_NOTICE_MISSING"] = TEMPLATE
    os.environ["EXPLORER_PAGE_NOTICE_FALLBACK"] = FALLBACK


def no_cdn_mathjax(page_config: dict, **_kwargs: object) -> dict:
    """No MathJax from a CDN: Voila's server extension (jupyter server, lab) asks cdnjs for it unless
    both its URL and its configuration are null, as the standalone voila sets them."""
    page_config["fullMathjaxUrl"] = None
    page_config["mathjaxConfig"] = None
    return page_config


c.VoilaConfiguration.page_config_hook = no_cdn_mathjax
c.VoilaConfiguration.strip_sources = True
c.VoilaConfiguration.show_tracebacks = False
c.VoilaExecutor.iopub_timeout = 120
c.VoilaExecutor.startup_timeout = 180


# Nothing from the address chooses the template or the theme (a ?theme= value was put into the page
# as markup; ?template= chose templates that load from CDNs or do not exist). Set here even when the
# project is not installed, before anything else can fail.
c.VoilaConfiguration.allow_template_override = "NO"
c.VoilaConfiguration.allow_theme_override = "NO"
# The limits, their reasons and the kernel manager: an ordinary import (the package loads its API on
# first use, so the server process gets neither pandas nor the engine), one module per process,
# shared with jupyter_server_config.py on the jupyter server route. When the project is missing or
# broken here the error is logged, not raised: traitlets drops the whole file on an error, the
# settings above included, and the page itself says why the dashboard cannot start.
try:
    from explorer import serving
except ImportError as error:
    from traitlets.log import get_logger

    get_logger().warning("explorer.serving could not be imported (%s): no limits for many readers", error)
else:
    serving.configure_voila(c)
