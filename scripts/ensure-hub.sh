#!/usr/bin/env bash
# Make sure the local hub's proxy is there: configurable-http-proxy from npm, installed in hub/
# (never globally). Installs Node.js and npm from Debian's packages when missing and run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
CHP=hub/node_modules/.bin/configurable-http-proxy
if [ -x "$CHP" ] && "$CHP" --version >/dev/null 2>&1; then
  echo "ensure-hub: using $CHP ($("$CHP" --version))"
  exit 0
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "ensure-hub: installing nodejs and npm (Debian packages)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "ensure-hub: Node.js and npm are needed for configurable-http-proxy (Debian: sudo apt-get install nodejs npm)" >&2
    exit 1
  fi
fi
echo "ensure-hub: installing configurable-http-proxy into hub/node_modules"
(cd hub && npm install --no-audit --no-fund --no-package-lock --loglevel=error)
"$CHP" --version >/dev/null
echo "ensure-hub: installed $CHP ($("$CHP" --version))"
