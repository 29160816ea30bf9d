# Cairo Talks Archive: the commands a user runs. `make help` lists them.
# Each target creates the virtual environment it needs (.venv) on first use.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUTPUT_DIR ?= output
export TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS :=

SYSTEM_PACKAGES := $(shell grep -v '^\#' deploy/system-packages.txt)

.PHONY: help setup setup-tools system-deps crawl test evaluate docs

help:
	@echo "make crawl      crawl every outlet; results under $(OUTPUT_DIR)/"
	@echo "make test       run the whole test suite"
	@echo "make evaluate   score the extractor (and the other evaluations) against ../shared"
	@echo "make docs      build the documentation site (docs/, mkdocs.yml) into site/"
	@echo "make setup      only create $(VENV) and install requirements.txt"
	@echo "make setup-tools  create $(TOOLS_VENV)/pywb (pywb, for the WARC replay test) and $(TOOLS_VENV)/replaywebpage"

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

# Programs the tests run but the project never imports (pywb: WARC replay check), each in
# its own environment so their pins (redis 2.x, brotlipy) cannot clash with .venv's.
TOOLS_VENV ?= .venv-tools
setup-tools: $(TOOLS_VENV)/pywb/.installed $(TOOLS_VENV)/replaywebpage/.installed

$(TOOLS_VENV)/pywb/.installed: requirements-tools.txt
	test -x $(TOOLS_VENV)/pywb/bin/python || $(PYTHON) -m venv $(TOOLS_VENV)/pywb
	$(TOOLS_VENV)/pywb/bin/pip install --quiet --upgrade pip
	$(TOOLS_VENV)/pywb/bin/pip install --quiet -r requirements-tools.txt
	touch $@

# ReplayWeb.page (npm package replaywebpage): its self-contained ui.js and sw.js bundles, served
# from loopback by tests/test_archive_fidelity.py. `npm pack` + unpack rather than `npm install`:
# the bundles need none of the package's declared dependencies, which the registry may not all have.
REPLAYWEBPAGE_VERSION ?= 2.5.3
$(TOOLS_VENV)/replaywebpage/.installed:
	command -v npm >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq npm; }
	mkdir -p $(TOOLS_VENV)/replaywebpage
	cd $(TOOLS_VENV)/replaywebpage && npm pack --silent replaywebpage@$(REPLAYWEBPAGE_VERSION) \
	  && tar -xzf replaywebpage-$(REPLAYWEBPAGE_VERSION).tgz && rm replaywebpage-$(REPLAYWEBPAGE_VERSION).tgz
	test -s $(TOOLS_VENV)/replaywebpage/package/ui.js && test -s $(TOOLS_VENV)/replaywebpage/package/sw.js
	touch $@

# Debian packages the tests use (chromium for the report, logrotate/systemd for deploy/,
# redis-server for the distributed crawl):
# installed when missing and we are root, else listed for the user to install.
system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "missing Debian packages: $$missing (run: sudo apt-get install -y $$missing)"; exit 1; fi; \
	fi

crawl: system-deps setup
	$(BIN)/scrapy crawlall -s OUTPUT_DIR=$(OUTPUT_DIR) --summary $(OUTPUT_DIR)/last-run.json

test: system-deps setup setup-tools
	$(BIN)/python -m pytest -q

evaluate: setup
	$(BIN)/python bench/evaluate_extraction.py

docs: setup
	$(BIN)/mkdocs build --strict
