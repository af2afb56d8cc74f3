# The two commands a newcomer runs: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test lint typecheck golden screenshots bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/warta build

test: $(STAMP) lint typecheck
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check generator tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

# Regenerate the golden sample site's expected output after a reviewed change.
golden: $(STAMP)
	$(BIN)/python -m tests.golden

screenshots: $(STAMP)
	$(BIN)/python tools/screenshots.py

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf output .warta
