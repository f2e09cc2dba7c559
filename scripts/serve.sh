#!/usr/bin/env bash
# Serve the dashboard (notebooks/dashboard.ipynb) with Voila on http://127.0.0.1:$PORT/ , offline.
#
# Settings: voila.json at the repository root (Voila reads it from the working directory) and
# jupyter-config/voila.py, which the package installs as <prefix>/etc/jupyter/voila.py (every route
# reads it):
#   Voila.ip=127.0.0.1, open_browser=false   local only, no browser started            (voila.json)
#   preheat_kernel=true, default_pool_size=1  one kernel runs the notebook before anyone asks
#   VoilaConfiguration.template=offline-lab   share/jupyter/voila/templates/offline-lab: the lab
#                                             template without its CDN Font Awesome links (voila.py;
#                                             when it is missing, the lab template and a notice)
#   strip_sources=true                        code cells hidden (Voila's default, stated)
#   show_tracebacks=false                     errors go to this server's log, never to the page
#   VoilaExecutor.iopub_timeout=120           wait for the dashboard's output even when many
#                                             sessions start at once (the default, 4 s, drops it
#                                             under load and the page stays blank)
#   VoilaExecutor.startup_timeout=180         likewise for kernels starting side by side
#   culling, the reader cap, websocket_max_message_size   explorer/serving.py (values and reasons),
#                                             applied by voila.py for every route
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
