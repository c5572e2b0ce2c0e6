# Two commands matter: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
BUNDLESTAMP := $(VENV)/.installed-bundle
DIST := dist/Kemitraan

.PHONY: run test lint bench clean screenshots bundle bundle-test

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

$(BUNDLESTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[bundle]"
	touch $(STAMP) $@

# The frozen onedir build: dist/Kemitraan/ with KemitraanDesktop (windowed) and kemitraan
# (console). On Windows the same spec gives the .exe files the installer packs.
bundle: $(BUNDLESTAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
	  --workpath build/pyinstaller installer/kemitraan.spec

# Build, then run the self-test of both programs of the bundle (exit 1 if any check fails).
bundle-test: bundle
	QT_QPA_PLATFORM=offscreen $(DIST)/KemitraanDesktop --selftest --selftest-out build/selftest-app.json >/dev/null
	QT_QPA_PLATFORM=offscreen $(DIST)/kemitraan selftest --out build/selftest-cli.json >/dev/null
	$(BIN)/python benchmarks/bundle.py --no-build --summary build/selftest-app.json

bench: $(STAMP)
	$(BIN)/python benchmarks/import_roster.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist *.egg-info

# PNGs of every page and dialog with the demo data, for the README (needs Xvfb for a real
# X window; falls back to Qt's offscreen rendering without it).
screenshots: $(STAMP)
	@if command -v xvfb-run >/dev/null; then \
	  xvfb-run -a -s "-screen 0 1366x768x24" $(BIN)/python -m ui.screenshots docs/screenshots; \
	else QT_QPA_PLATFORM=offscreen $(BIN)/python -m ui.screenshots docs/screenshots; fi
