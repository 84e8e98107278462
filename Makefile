# Carers Monitor: `make run` serves the app, `make test` runs every test. Both set up .venv first.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
DB ?= data/carers.duckdb

.PHONY: help run test setup clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

setup: $(VENV)/.installed ## create .venv, the database, reference and demo data (first time)
	$(PY) -m pipelines --db $(DB) setup

run: setup ## serve the app on http://127.0.0.1:8501
	$(VENV)/bin/streamlit run app.py --server.address 127.0.0.1 --server.port 8501 \
		--server.headless true --browser.gatherUsageStats false -- --db $(DB)

test: $(VENV)/.installed ## install what the tests need and run them all
	$(PY) -m pytest

clean: ## remove .venv (the database in data/ is kept)
	rm -rf $(VENV)
