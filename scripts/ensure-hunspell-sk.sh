#!/usr/bin/env bash
# Make sure the Slovak hunspell dictionary the spell-check tests read exists (Debian package hunspell-sk).
set -euo pipefail
DIC=${HUNSPELL_SK:-/usr/share/hunspell/sk_SK}
if [ -f "$DIC.dic" ] && [ -f "$DIC.aff" ]; then
  echo "ensure-hunspell-sk: using $DIC.dic"
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "ensure-hunspell-sk: installing hunspell-sk (Debian package)"
  if (apt-get install -y -qq hunspell-sk >/dev/null 2>&1 \
      || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hunspell-sk >/dev/null)) \
      && [ -f "$DIC.dic" ]; then
    echo "ensure-hunspell-sk: installed $DIC.dic"
    exit 0
  fi
fi
cat >&2 <<MSG
ensure-hunspell-sk: no Slovak dictionary at $DIC.dic and it could not be installed here.
  Debian/Ubuntu: sudo apt-get install hunspell-sk
  or point the tests at one: HUNSPELL_SK=/path/to/sk_SK make test
MSG
exit 1
