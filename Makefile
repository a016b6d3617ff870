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

.PHONY: all html pdf test check lint format types bench serve setup clean

all: html

$(BIN)/usm-docgen: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev,pdf]'
	touch $@

node_modules/.installed: package.json package-lock.json
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
