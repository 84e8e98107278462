# Carers Monitor: `make run` serves the app, `make test` runs every test. Both set up .venv first.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
DB ?= data/carers.duckdb
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help run test check lock setup clean browser-deps assets bench

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

run: setup assets ## serve the app on http://127.0.0.1:8501
	$(VENV)/bin/streamlit run app.py --server.address 127.0.0.1 --server.port 8501 \
		--server.headless true --browser.gatherUsageStats false -- --db $(DB)

test: check browser-deps assets ## install what the tests need, run the code checks, then every test
	$(PY) -m pytest

SIZES ?= 100000,1000000,10000000
bench: setup ## measure import, marts, pages and pack at SIZES carers (not part of make test); writes bench/results.md
	$(PY) -m bench --sizes $(SIZES)
	$(PY) -m bench.raw_payload
	$(PY) -m bench.letters 10000
	HYPOTHESIS_PROFILE=bench $(PY) -m pytest tests/test_landing_properties.py -p no:cacheprovider -n 0

check: $(VENV)/.installed ## ruff, ruff format, mypy and sqlfluff (configuration in pyproject.toml)
	$(VENV)/bin/ruff check --quiet .
	$(VENV)/bin/ruff format --check --quiet .
	$(VENV)/bin/mypy
	$(VENV)/bin/sqlfluff lint --nocolor .

lock: $(VENV)/.installed ## rewrite requirements.lock from pyproject.toml (then commit both)
	$(VENV)/bin/pip-compile --quiet --extra test --strip-extras --no-emit-index-url --no-emit-find-links \
		--output-file requirements.lock pyproject.toml

CHROMIUM := /usr/bin/chromium
NGINX := /usr/sbin/nginx
AXE := tests/browser/node_modules/axe-core/axe.min.js

browser-deps: $(CHROMIUM) $(NGINX) $(AXE) ## Debian's Chromium (with Pango, which WeasyPrint needs), nginx, axe-core

# one apt-get for both: a machine missing either gets what it lacks
$(CHROMIUM) $(NGINX):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium nginx fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0

$(AXE): tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund --silent
	touch $@

# The survey forms' GOV.UK Frontend: from npm (web/frontend/package-lock.json), compiled with Sass into web/static/
FRONTEND := web/frontend
GOVUK := $(FRONTEND)/node_modules/govuk-frontend/dist/govuk
STATIC := web/static

assets: $(STATIC)/carers.css $(STATIC)/govuk-frontend.min.js $(STATIC)/init.js ## the survey forms' CSS and JS

$(FRONTEND)/node_modules/.installed: $(FRONTEND)/package.json $(FRONTEND)/package-lock.json
	npm ci --prefix $(FRONTEND) --no-audit --no-fund --silent
	touch $@

$(STATIC)/carers.css: $(FRONTEND)/carers.scss $(FRONTEND)/node_modules/.installed
	mkdir -p $(STATIC)
	$(FRONTEND)/node_modules/.bin/sass --no-source-map --style=compressed --quiet-deps $< $@

$(STATIC)/govuk-frontend.min.js: $(FRONTEND)/node_modules/.installed
	mkdir -p $(STATIC)
	cp $(GOVUK)/govuk-frontend.min.js $@

$(STATIC)/init.js: $(FRONTEND)/init.js
	mkdir -p $(STATIC)
	cp $< $@

clean: ## remove .venv and the built assets (the database in data/ is kept)
	rm -rf $(VENV) $(STATIC)
