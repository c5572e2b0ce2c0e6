# Two commands matter: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: run test lint bench clean screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEVSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP) $@

run: $(STAMP)
	$(BIN)/python main.py $(ARGS)

lint: $(DEVSTAMP)
	$(BIN)/ruff check .

test: $(DEVSTAMP)
	$(BIN)/ruff check .
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/import_roster.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info

# PNGs of every page and dialog with the demo data, for the README (needs Xvfb for a real
# X window; falls back to Qt's offscreen rendering without it).
screenshots: $(STAMP)
	@if command -v xvfb-run >/dev/null; then \
	  xvfb-run -a -s "-screen 0 1366x768x24" $(BIN)/python -m ui.screenshots docs/screenshots; \
	else QT_QPA_PLATFORM=offscreen $(BIN)/python -m ui.screenshots docs/screenshots; fi
