# Carers Monitor: `make run` serves the app, `make test` runs every test. Both set up .venv first.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
DB ?= data/carers.duckdb
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help run test check lock setup clean browser-deps

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

# exactly the versions in requirements.lock, every time; `make lock` rewrites it from pyproject.toml
$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

setup: $(VENV)/.installed ## create .venv, the database, reference and demo data (first time)
	$(PY) -m pipelines --db $(DB) setup

run: setup ## serve the app on http://127.0.0.1:8501
	$(VENV)/bin/streamlit run app.py --server.address 127.0.0.1 --server.port 8501 \
		--server.headless true --browser.gatherUsageStats false -- --db $(DB)

test: check browser-deps ## install what the tests need, run the code checks, then every test
	$(PY) -m pytest

check: $(VENV)/.installed ## ruff, ruff format, mypy and sqlfluff (configuration in pyproject.toml)
	$(VENV)/bin/ruff check --quiet .
	$(VENV)/bin/ruff format --check --quiet .
	$(VENV)/bin/mypy
	$(VENV)/bin/sqlfluff lint --nocolor .

lock: $(VENV)/.installed ## rewrite requirements.lock from pyproject.toml (then commit both)
	$(VENV)/bin/pip-compile --quiet --extra test --strip-extras --no-emit-index-url --no-emit-find-links \
		--output-file requirements.lock pyproject.toml

CHROMIUM := /usr/bin/chromium
AXE := tests/browser/node_modules/axe-core/axe.min.js

browser-deps: $(CHROMIUM) $(AXE) ## Debian's Chromium (with Pango, which WeasyPrint needs) and axe-core

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0

$(AXE): tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund --silent
	touch $@

clean: ## remove .venv (the database in data/ is kept)
	rm -rf $(VENV)
