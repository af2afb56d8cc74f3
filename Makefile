# The two commands a newcomer runs: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test verify lint typecheck golden screenshots bench clean import-score

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Byte-compiled once here: where PYTHONDONTWRITEBYTECODE is set (as on CI machines),
# every `warta` run would otherwise compile the package again (30 ms of each build).
build: $(STAMP)
	$(BIN)/python -m compileall -q generator
	$(BIN)/warta build

# The whole suite, including the real clients of tests/test_real_clients.py (vnu,
# LinkChecker, axe-core); each skips with its reason when its tool is missing.
test: $(STAMP) lint typecheck
	$(BIN)/pytest -q

# Only the real clients, and none may be skipped: needs Java, Debian's Chromium and
# node_modules/ (`npm ci`; see docs/verification.md).
verify: $(STAMP) node_modules/.package-lock.json
	WARTA_REAL_CLIENTS=required $(BIN)/pytest -q tests/test_real_clients.py

# vnu-jar's install script would download a Java runtime: the system's Java is used instead.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

lint: $(STAMP)
	$(BIN)/ruff check generator tests benchmarks tools

typecheck: $(STAMP)
	$(BIN)/mypy

# Regenerate the golden sample site's expected output after a reviewed change.
golden: $(STAMP)
	$(BIN)/python -m tests.golden

# The importer against the shared corpus's hand-checked labels, field by field
# (docs/import.md records the table). GOLD=path/to/labels.json scores another set.
GOLD ?= ../shared/corpus-real/gold-visible.json
import-score: $(STAMP)
	$(BIN)/python -m generator.importers.score $(GOLD)

screenshots: build
	$(BIN)/python tools/screenshots.py

bench: $(STAMP)
	$(BIN)/python -m compileall -q generator
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/late_related.py

clean:
	rm -rf output .warta
