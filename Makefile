# Thin wrapper: set-up, build, test. The logic lives in usm_docgen/ and tests/.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
ROOT   ?= .
OUT    ?= handbook/_build/html
# The suite runs on every core, a test file per worker (so a file's shared site is built once).
PYTEST_ARGS ?= -n auto --dist loadfile
# The date time-dependent checks are made for (usm-docgen --today). Our example handbook is
# checked as of its latest measurement, so that `make html` never fails as the calendar moves
# on; for another ROOT it is today unless you set TODAY=YYYY-MM-DD.
ifeq ($(ROOT),.)
TODAY ?= 2026-10-30
endif

.PHONY: all html pdf test check lint format types bench serve setup clean prerequisites

all: html

# What set-up needs, checked before it starts: each missing piece said with how to get it.
prerequisites:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "usm-docgen needs Python 3.11 or later; '$(PYTHON)' is $$($(PYTHON) --version 2>&1 || echo missing)."; \
	  echo "  Debian: apt-get install python3 python3-venv; or run: make PYTHON=python3.11 ..."; exit 1; }
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || { \
	  echo "Python's venv module is missing. Debian: apt-get install python3-venv"; exit 1; }
	@command -v node >/dev/null && node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' || { \
	  echo "usm-docgen needs Node.js 20.19 or later; node is $$(node --version 2>/dev/null || echo missing)."; \
	  echo "  Debian trixie: apt-get install nodejs npm; else https://nodejs.org"; exit 1; }
	@command -v npm >/dev/null || { echo "npm is missing. Debian: apt-get install npm"; exit 1; }
	@command -v git >/dev/null || { echo "git is missing. Debian: apt-get install git"; exit 1; }

$(BIN)/usm-docgen: pyproject.toml constraints.txt | prerequisites
	@echo "setup: Python packages into $(VENV) (a few minutes the first time) ..."
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev,pdf]'
	touch $@

node_modules/.installed: package.json package-lock.json | prerequisites
	@echo "setup: npm packages (Mermaid, Panzoom, jsdom, axe-core) into node_modules ..."
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium for the browser tests; installed only when missing and running as root.
/usr/bin/chromium:
	@if [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "chromium is missing (apt-get install chromium as root); browser tests will skip"; fi

# poppler-utils (pdftotext, pdfimages, pdftoppm) for the tests that read the PDFs back.
/usr/bin/pdftotext:
	@if [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; \
	else echo "pdftotext is missing (apt-get install poppler-utils as root); PDF tests will skip"; fi

setup: $(BIN)/usm-docgen node_modules/.installed

html: setup
	$(BIN)/usm-docgen build $(ROOT) --out $(OUT) --strict $(if $(TODAY),--today $(TODAY))
	@echo "Open $(OUT)/index.html. Run usm-docgen yourself as $(BIN)/usm-docgen, or after"
	@echo "'source $(BIN)/activate' as usm-docgen (usm-docgen --help lists the commands)."

# The site with a PDF handout per workflow and the whole handbook, in $(OUT)/pdf/.
pdf: setup /usr/bin/chromium
	$(BIN)/usm-docgen pdf $(ROOT) --out $(OUT) --strict $(if $(TODAY),--today $(TODAY))

test: setup /usr/bin/chromium /usr/bin/pdftotext
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check usm_docgen tests benchmarks
	$(BIN)/ruff format --check usm_docgen tests benchmarks

format: setup
	$(BIN)/ruff format usm_docgen tests benchmarks
	$(BIN)/ruff check --fix usm_docgen tests benchmarks

types: setup
	$(BIN)/mypy

check: lint types test

bench: setup
	$(BIN)/python benchmarks/bench.py --out BENCHMARKS.md

serve: setup
	$(BIN)/usm-docgen serve $(ROOT) $(if $(TODAY),--today $(TODAY))

clean:
	rm -rf handbook/_build .pytest_cache .mypy_cache .ruff_cache
