# The course's commands. `make serve` and `make test` do all set-up themselves on a fresh Debian machine.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
HTML := _build/html
JB_FLAGS := -W --keep-going -n
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve build test lint clean bench chromium schema scorm pdf

$(STAMP): requirements.lock pyproject.toml
	@if [ ! -x $(BIN)/python ]; then \
	  $(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	    echo "python3-venv ontbreekt; installeren met apt-get ..."; \
	    $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-venv >/dev/null; \
	    rm -rf $(VENV); $(PYTHON) -m venv $(VENV); }; \
	fi
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

## build: build the course into _build/html (notebook results are cached; a rebuild redoes only what changed)
build: $(STAMP)
	$(BIN)/jupyter-book build . $(JB_FLAGS)

## serve: build, then serve the course on http://localhost:8000
serve: build
	@echo "De cursus staat op http://localhost:$(PORT)/ (stoppen met Ctrl+C)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory $(HTML)

## chromium: install Debian's chromium for the browser tests when it is absent
chromium:
	@command -v chromium >/dev/null || { \
	  echo "chromium ontbreekt; installeren met apt-get ..."; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

## lint: ruff over the Python code
lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

## test: set up, build, then run every test (unit, data, notebooks, build, browser)
test: $(STAMP) chromium build lint
	$(BIN)/python -m pytest -p no:cacheprovider tests exercises --nbval-lax

## schema: regenerate the committed JSON schemas of the portfolio and rubric exports
schema: $(STAMP)
	$(BIN)/python -m jeugddomein.schema schema

## bench: run the benchmarks and record their results in bench/results/
bench: $(STAMP) chromium build
	$(BIN)/python bench/build.py
	$(BIN)/python bench/widgets.py
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/cohort.py
	$(BIN)/python bench/canvas.py --site $(HTML)

## scorm: build, then package the site as a SCORM 1.2 zip for an LMS in _build/scorm/
scorm: build
	$(BIN)/python -m jeugddomein.scorm --site $(HTML) --out _build/scorm

## pdf: build, then print the reader (all chapters) to a PDF with headless Chromium in _build/pdf/
pdf: build chromium
	$(BIN)/python -m jeugddomein.reader_pdf --site $(HTML) --out _build/pdf

clean:
	rm -rf _build tests/artifacts .jupyter_cache
