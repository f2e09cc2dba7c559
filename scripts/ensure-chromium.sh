#!/usr/bin/env bash
# Make sure a Chromium the browser tests can drive exists (Debian package; never `playwright install`).
set -euo pipefail
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then
  echo "ensure-chromium: using $CHROMIUM"
  exit 0
fi
if [ "$CHROMIUM" = /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "ensure-chromium: installing chromium (Debian package)"
  if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
      && [ -x "$CHROMIUM" ]; then
    echo "ensure-chromium: installed $CHROMIUM"
    exit 0
  fi
fi
cat >&2 <<MSG
ensure-chromium: no Chromium at $CHROMIUM and it could not be installed here.
  Debian/Ubuntu: sudo apt-get install chromium
  or point the tests at an existing Chromium: CHROMIUM=/path/to/chromium make test
  (do not use 'playwright install': its download needs the internet.)
MSG
exit 1
