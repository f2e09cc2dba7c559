#!/usr/bin/env bash
# Create the virtual environment and install the project with its dashboard, hub and test extras.
set -euo pipefail
PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
if ! "$PYTHON" -m venv --help >/dev/null 2>&1 || ! "$PYTHON" -c "import ensurepip" >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "bootstrap: installing python3-venv (Debian package)"
    apt-get update -qq && apt-get install -y -qq python3-venv
  else
    echo "bootstrap: '$PYTHON -m venv' is not available; install it (Debian: sudo apt-get install python3-venv)" >&2
    exit 1
  fi
fi
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e '.[dashboard,hub,test]'
echo "bootstrap: environment ready in $VENV"
