#!/usr/bin/env bash
# Start the local JupyterHub demonstration (hub/jupyterhub_config.py says every setting):
# http://127.0.0.1:8000/ by default, a login form taking any user name with EXPLORER_HUB_PASSWORD.
# Environment: VENV (default .venv), EXPLORER_HUB_PORT, EXPLORER_HUB_PASSWORD and the others named in
# hub/jupyterhub_config.py. Extra arguments are passed on to jupyterhub.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
if [ ! -x "$VENV/bin/jupyterhub" ]; then
  echo "hub: $VENV/bin/jupyterhub not found; run 'make setup' first" >&2
  exit 1
fi
if [ ! -x hub/node_modules/.bin/configurable-http-proxy ]; then
  echo "hub: configurable-http-proxy not found; run 'bash scripts/ensure-hub.sh' (make hub does)" >&2
  exit 1
fi
if [ -z "${EXPLORER_HUB_PASSWORD:-}" ]; then
  echo "hub: EXPLORER_HUB_PASSWORD is not set: using the demonstration password 'explorer-demo' (local use only)"
fi
echo "hub: http://${EXPLORER_HUB_IP:-127.0.0.1}:${EXPLORER_HUB_PORT:-8000}/ (Ctrl-C to stop)"
exec "$VENV/bin/jupyterhub" -f hub/jupyterhub_config.py "$@"
