# Downhill: `make run` sets up and serves; `make test` sets up and runs every suite.
# Each step re-runs only when its inputs changed (stamp files), so a second `make run`
# starts in seconds.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# `make run HOST=… PORT=…` wins, then DOWNHILL_HOST / DOWNHILL_PORT, then loopback:8000.
HOST   ?= $(or $(DOWNHILL_HOST),127.0.0.1)
PORT   ?= $(or $(DOWNHILL_PORT),8000)
export DOWNHILL_DATA_DIR ?= $(CURDIR)/data

.PHONY: run test setup setup-test data bench screenshots clean check-tools

# With DOWNHILL_RAY_ADDRESS set, trainings run on Ray: install it first (README "Beyond one machine").
run: setup data $(if $(DOWNHILL_RAY_ADDRESS),$(VENV)/.stamp-ray)
	$(PY) -m app --host $(HOST) --port $(PORT)

test: setup-test data
	$(PY) -m pytest -q
	@if ls tests/js/*.test.js >/dev/null 2>&1; then node --test tests/js/; fi

setup: check-tools $(VENV)/.stamp-base node_modules/.stamp
setup-test: setup $(VENV)/.stamp-test

check-tools:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
	  { echo "error: Downhill needs Python >= 3.11 (found: $$($(PYTHON) --version 2>&1))"; exit 1; }
	@command -v npm >/dev/null || \
	  { echo "error: npm not found. Install Node.js 18+ with npm (Debian: apt-get install nodejs npm)"; exit 1; }

$(VENV)/.stamp-base: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e .
	@touch $@

$(VENV)/.stamp-test: pyproject.toml $(VENV)/.stamp-base
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	@touch $@

$(VENV)/.stamp-ray: pyproject.toml $(VENV)/.stamp-base
	$(PY) -m pip install -q --disable-pip-version-check -e '.[ray]'
	@touch $@

node_modules/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

data: setup
	$(PY) -m engine.datasets.prepare

# Refresh the README's screenshots from the browser tests (`make test` writes them to build/).
screenshots: setup-test data
	DOWNHILL_SCREENSHOTS=$(CURDIR)/docs/screenshots $(PY) -m pytest -q tests/e2e

bench: setup-test data
	$(PY) -m bench

clean:
	rm -rf $(VENV) node_modules
