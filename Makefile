# Two commands for a new machine with python3 and make:
#   make serve   set everything up and serve the dashboard on http://127.0.0.1:$(PORT)/
#   make test    set everything up and run the whole test suite (browser tests included)
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8866
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup serve test test-fast lint bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml scripts/bootstrap.sh $(wildcard jupyter-config/*) $(wildcard share/jupyter/voila/templates/offline-lab/*)
	PYTHON=$(PYTHON) VENV=$(VENV) bash scripts/bootstrap.sh
	touch $(STAMP)

serve: setup
	PORT=$(PORT) VENV=$(VENV) bash scripts/serve.sh

test: setup
	bash scripts/ensure-chromium.sh
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

test-fast: setup
	$(BIN)/python -m pytest -m "not browser"

lint: setup
	$(BIN)/ruff check .

bench: setup
	$(BIN)/python benchmarks/bench_engine.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis artifacts
