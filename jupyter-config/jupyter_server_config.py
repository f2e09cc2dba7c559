"""Jupyter server settings for the dashboard's Voila pages on `jupyter server`, `jupyter lab`,
`jupyter notebook` and `jupyterhub-singleuser` (the route /voila/render/notebooks/dashboard.ipynb).

The package installs this file as <prefix>/etc/jupyter/jupyter_server_config.py. (A file in
<prefix>/etc/jupyter/jupyter_server_config.d/ cannot carry these settings: the server reads only
the extensions to enable from that folder.) It applies what explorer.serving declares, imported as any
module (the explorer package loads its API on first use, so the server process gets no pandas):
- ServerApp.kernel_manager_class: serving's DashboardKernelManager, a subclass of jupyter_server's
  AsyncMappingKernelManager that caps the Voila pages with a kernel, reclaims only their kernels
  (never a notebook's) and tells each page kernel the real upload limit;
- MappingKernelManager culling (applied to Voila page kernels only);
- ServerApp.tornado_settings websocket_max_message_size, so an upload of the size the page states
  reaches the kernel.
A user's own jupyter_server_config in ~/.jupyter takes precedence, as Jupyter's configuration does.
"""

c = get_config()  # noqa: F821 - provided by traitlets when it reads this file

# One module per process, shared with voila.py when Voila's server extension reads it too. When the
# project is missing or broken in this environment, Jupyter's defaults apply and the log says why.
try:
    from explorer import serving
except ImportError as error:
    from traitlets.log import get_logger

    get_logger().warning("explorer.serving could not be imported (%s): no limits for many readers", error)
else:
    serving.configure_server(c)
