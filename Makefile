# The course's commands. `make serve` and `make test` do all set-up themselves.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
BUILD_DIR := _build/html
JB_FLAGS := -W --keep-going -n

.PHONY: serve build test test-fast lint clean bench chromium schema

$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || PYTHON=python3; \
	if [ ! -x $(BIN)/python ]; then $${PYTHON:-$(PYTHON)} -m venv $(VENV) || python3 -m venv $(VENV); fi
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/jupyter-book build . $(JB_FLAGS)

serve: build
	@echo "De cursus staat op http://localhost:$(PORT)/ (stoppen met Ctrl+C)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory $(BUILD_DIR)

chromium:
	@command -v chromium >/dev/null || { \
	  echo "Chromium ontbreekt; installeren met apt-get ..."; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

test: $(STAMP) chromium build
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -q -p no:cacheprovider tests --nbval-lax-skip 2>/dev/null || true
	$(BIN)/python -m pytest -q tests

schema: $(STAMP)
	$(BIN)/python -m jeugddomein.models.schema_cli > schema/portfolio.schema.json

bench: $(STAMP) chromium
	$(BIN)/python bench/build.py

clean:
	rm -rf _build tests/artifacts
