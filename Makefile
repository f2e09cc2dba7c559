# Two commands for a new machine with python3 and make:
#   make serve   set everything up and serve the dashboard on http://127.0.0.1:$(PORT)/
#   make hub     set everything up and start JupyterHub for a team on http://127.0.0.1:$(HUB_PORT)/
#                (password: EXPLORER_HUB_PASSWORD; hub/jupyterhub_config.py lists every setting)
#   make test    set everything up and run the whole test suite (browser tests included)
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8866
HUB_PORT ?= $(if $(EXPLORER_HUB_PORT),$(EXPLORER_HUB_PORT),8000)
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup serve hub hub-setup test test-fast test-repeat lint bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml scripts/bootstrap.sh $(wildcard jupyter-config/*) $(wildcard share/jupyter/voila/templates/offline-lab/*)
	PYTHON=$(PYTHON) VENV=$(VENV) bash scripts/bootstrap.sh
	touch $(STAMP)

serve: setup
	PORT=$(PORT) VENV=$(VENV) bash scripts/serve.sh

hub-setup: setup
	bash scripts/ensure-hub.sh

hub: hub-setup
	EXPLORER_HUB_PORT=$(HUB_PORT) VENV=$(VENV) bash scripts/hub.sh

# The tests that drive no browser run on two pytest-xdist workers, one per core (UNIT_WORKERS).
# Each run ends with its 15 slowest tests (where a faster suite would start looking).
# The browser tests run after them in one process by default. WORKERS=2 runs them on two workers
# too (a test file stays on one worker, each serves its own Voila); README "Tests" says why not by
# default.
UNIT_WORKERS ?= 2
WORKERS ?= 0
test: setup hub-setup
	bash scripts/ensure-chromium.sh
	bash scripts/ensure-hunspell-sk.sh
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -m "not browser" --durations=15 $(if $(filter 0,$(UNIT_WORKERS)),,-n $(UNIT_WORKERS))
	$(BIN)/python -m pytest -m browser --durations=15 $(if $(filter 0,$(WORKERS)),,-n $(WORKERS) --dist loadfile)

test-fast: setup
	$(BIN)/python -m pytest -m "not browser and not slow"

# Flake hunt: the browser tests and hypothesis suites COUNT times each (LOAD=1: beside a CPU-heavy process)
COUNT ?= 5
LOAD ?= 0
test-repeat: setup
	bash scripts/ensure-chromium.sh
	COUNT=$(COUNT) LOAD=$(LOAD) VENV=$(VENV) bash scripts/repeat-tests.sh

lint: setup
	$(BIN)/ruff check .

bench: setup
	$(BIN)/python benchmarks/bench_engine.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis artifacts hub/node_modules .hub-state
