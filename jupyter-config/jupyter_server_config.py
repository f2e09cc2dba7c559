"""Jupyter server settings for the dashboard's Voila pages on `jupyter server`, `jupyter lab`,
`jupyter notebook` and `jupyterhub-singleuser` (the route /voila/render/notebooks/dashboard.ipynb).

The package installs this file as <prefix>/etc/jupyter/jupyter_server_config.py. (A file in
<prefix>/etc/jupyter/jupyter_server_config.d/ cannot carry these settings: the server reads only
the extensions to enable from that folder.) It applies what explorer/serving.py declares, loaded by
its path so the server process does not import pandas:
- ServerApp.kernel_manager_class: serving's DashboardKernelManager, a subclass of jupyter_server's
  AsyncMappingKernelManager that caps the Voila pages with a kernel, reclaims only their kernels
  (never a notebook's) and tells each page kernel the real upload limit;
- MappingKernelManager culling (applied to Voila page kernels only);
- ServerApp.tornado_settings websocket_max_message_size, so an upload of the size the page states
  reaches the kernel.
A user's own jupyter_server_config in ~/.jupyter takes precedence, as Jupyter's configuration does.
"""

import importlib.util
import os
import sys

c = get_config()  # noqa: F821 - provided by traitlets when it reads this file


def _serving():
    """explorer/serving.py, one module object per process (shared with voila.py)."""
    if "explorer_serving" in sys.modules:
        return sys.modules["explorer_serving"]
    spec = importlib.util.find_spec("explorer")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return None  # the project is not installed in this environment: Jupyter's defaults apply
    path = os.path.join(list(spec.submodule_search_locations)[0], "serving.py")
    module_spec = importlib.util.spec_from_file_location("explorer_serving", path)
    module = importlib.util.module_from_spec(module_spec)
    sys.modules["explorer_serving"] = module
    module_spec.loader.exec_module(module)
    return module


SERVING = _serving()
if SERVING is not None:
    SERVING.configure_server(c)
