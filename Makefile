# The course's commands. `make serve` and `make test` do all set-up themselves on a fresh Debian machine.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
JUPYTER_VENV := .venv-jupyter
JUPYTER_STAMP := $(JUPYTER_VENV)/.installed
NODE_STAMP := node_modules/.installed
PORT ?= 8000
HTML := _build/html
JB_FLAGS := -W --keep-going -n
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve build test lint clean bench chromium schema scorm pdf bundle course test-node test-unit test-jupyter test-site

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

## .venv-jupyter: the test-only JupyterLab (tests/jupyter/requirements.lock); ipykernel, anywidget and the course
## package come from .venv through a .pth file, so the kernel runs the same code as the other tiers
$(JUPYTER_STAMP): tests/jupyter/requirements.lock $(STAMP)
	rm -rf $(JUPYTER_VENV)
	$(BIN)/python -m venv $(JUPYTER_VENV)
	$(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])' | xargs realpath \
	  > "$$($(JUPYTER_VENV)/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/_jeugddomein_shared.pth"
	$(JUPYTER_VENV)/bin/python -m pip install --quiet --no-deps -r tests/jupyter/requirements.lock
	touch $(JUPYTER_STAMP)

## node_modules: the pinned JavaScript tools (esbuild, Ajv, TypeScript) from package-lock.json
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "Node.js 20 met npm ontbreekt; installeer het pakket nodejs (en npm)."; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

## bundle: compile the JSON schemas into validators (Ajv), then rebuild every widget's bundle.js (esbuild); commit the result
bundle: $(NODE_STAMP)
	node src/jeugddomein/widgets/bundle.mjs

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

## lint: ruff and mypy over the Python code, tsc over the widget modules, committed bundles up to date
lint: $(STAMP) $(NODE_STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	node src/jeugddomein/widgets/bundle.mjs --check
	npx --no-install tsc -p jsconfig.json

## test: set up, then the tiers from fast to slow: lint, node, unit, build, then the built site's tests in parallel
test: $(STAMP) $(NODE_STAMP) chromium lint test-node test-unit test-jupyter build test-site

test-node: $(NODE_STAMP)
	node --test tests/node/

test-unit: $(STAMP)
	$(BIN)/python -m pytest -p no:cacheprovider -q -m unit -n 2 tests

## test-jupyter: the widgets in a real JupyterLab (served on 127.0.0.1, driven by headless Chromium)
test-jupyter: $(STAMP) $(JUPYTER_STAMP) chromium
	$(BIN)/python -m pytest -p no:cacheprovider -q -m jupyter tests/jupyter

test-site: $(STAMP) chromium build
	$(BIN)/python -m pytest -p no:cacheprovider -q -m "not unit and not jupyter" -n 2 --dist loadfile tests exercises --nbval-lax

## course: build, then copy the course index (the book's structure) into the package for the lecturer's tools
course: build
	cp $(HTML)/_static/jeugddomein/course.json src/jeugddomein/course.json

## schema: regenerate the committed JSON schemas (portfolio, rubric export, rich picture); then run `make bundle`
schema: $(STAMP)
	$(BIN)/python -m jeugddomein.schema schema

## bench: run the benchmarks and record their results in bench/results/
bench: $(STAMP) chromium build
	$(BIN)/python bench/build.py
	$(BIN)/python bench/widgets.py
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/cohort.py
	$(BIN)/python bench/canvas.py --site $(HTML)
	$(BIN)/python bench/mobile.py

## scorm: build, then package the site as SCORM 1.2 and SCORM 2004 4th edition zips for an LMS in _build/scorm/
scorm: build
	$(BIN)/python -m jeugddomein.scorm --site $(HTML) --out _build/scorm

## pdf: build, then print the reader (all chapters) to a PDF with headless Chromium in _build/pdf/
pdf: build chromium
	$(BIN)/python -m jeugddomein.reader_pdf --site $(HTML) --out _build/pdf

clean:
	rm -rf _build tests/artifacts .jupyter_cache node_modules $(JUPYTER_VENV)
