#!/usr/bin/env bash
# Serve the dashboard (notebooks/dashboard.ipynb) with Voila on http://127.0.0.1:$PORT/ , offline.
#
# Settings: voila.json at the repository root (Voila reads it from the working directory: address,
# port, no browser) and jupyter-config/voila.py, which the package installs as
# <prefix>/etc/jupyter/voila.py (every route reads it):
#   VoilaConfiguration.template=offline-lab   share/jupyter/voila/templates/offline-lab: the lab
#                                             template without its CDN links (when it is missing, the
#                                             lab template and a notice on the page)
#   allow_template_override / allow_theme_override = NO   ?template= and ?theme= in an address are
#                                             ignored (a ?theme= value was put into the page as markup)
#   strip_sources=true, show_tracebacks=false code cells hidden; errors go to this server's log
#   VoilaExecutor.iopub_timeout=120, startup_timeout=180   wait for output under load
#   explorer/serving.py (values and reasons)  the preheated pool (POOL_SIZE), culling, the reader cap
#                                             (a kernel-manager subclass set as
#                                             VoilaConfiguration.multi_kernel_manager_class) and the
#                                             websocket message size for uploads
# Environment: PORT (default 8866), VENV (default .venv), NOTEBOOK (default notebooks/dashboard.ipynb).
# Extra arguments are passed on to voila (e.g. --VoilaConfiguration.preheat_kernel=False).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PORT=${PORT:-8866}
NOTEBOOK=${NOTEBOOK:-notebooks/dashboard.ipynb}
if [ ! -x "$VENV/bin/voila" ]; then
  echo "serve: $VENV/bin/voila not found; run 'make setup' first" >&2
  exit 1
fi
if [ ! -f "$NOTEBOOK" ]; then
  echo "serve: $NOTEBOOK not found" >&2
  exit 1
fi
# The package installs the offline template into the environment; the repository's copy goes
# first on the Jupyter data path so that edits to it show without reinstalling.
export JUPYTER_PATH="$PWD/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
echo "serve: http://127.0.0.1:$PORT/ (Ctrl-C to stop)"
exec "$VENV/bin/voila" "$NOTEBOOK" --port="$PORT" --no-browser "$@"
