#!/usr/bin/env bash
# Look for flaky tests: run the browser tests and the hypothesis suites COUNT times each
# (pytest-repeat), optionally while a second process keeps every core busy, and stop at the first
# failure. Usage (after `make setup`):
#   make test-repeat                      # COUNT=5, no extra load
#   make test-repeat COUNT=10 LOAD=1      # ten times, with a CPU-heavy process beside it
#   bash scripts/repeat-tests.sh tests/browser/test_access.py   # other test paths
# CI=true is set so hypothesis draws the same examples as in CI (the "ci" profile in tests/conftest.py).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
COUNT=${COUNT:-5}
LOAD=${LOAD:-0}
if [ "$#" -eq 0 ]; then
  # the browser tests and every test module that uses hypothesis (the others are in tests/<part>/)
  set -- tests/browser $(grep -rl --include="test_*.py" --exclude-dir=browser "from hypothesis" tests | sort)
fi
burners=()
stop_load() { for pid in "${burners[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap stop_load EXIT
if [ "$LOAD" != "0" ]; then
  cores=$(nproc)
  for _ in $(seq "$cores"); do
    "$VENV/bin/python" -c "while True: sum(i * i for i in range(10_000))" &
    burners+=("$!")
  done
  echo "repeat-tests: $cores CPU-heavy processes running beside the tests"
fi
echo "repeat-tests: each test $COUNT times: $*"
CI=true "$VENV/bin/python" -m pytest -p no:cacheprovider --count="$COUNT" -x "$@"
