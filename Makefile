# Cairo Talks Archive: the commands a user runs. `make help` lists them.
# Each target creates the virtual environment it needs (.venv) on first use.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUTPUT_DIR ?= output
export TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS :=

SYSTEM_PACKAGES := $(shell grep -v '^\#' deploy/system-packages.txt)

.PHONY: help setup system-deps crawl test evaluate

help:
	@echo "make crawl      crawl every outlet; results under $(OUTPUT_DIR)/"
	@echo "make test       run the whole test suite"
	@echo "make evaluate   score the extractor (and the other evaluations) against ../shared"
	@echo "make setup      only create $(VENV) and install requirements.txt"

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	# pywb pulls in brotlipy, whose `brotli` module shadows Google's and breaks
	# Scrapy's and warcio's br decoding: put the real one back.
	$(BIN)/pip uninstall --quiet -y brotlipy
	$(BIN)/pip install --quiet --force-reinstall --no-deps brotli==1.2.1
	touch $@

# Debian packages the tests use (chromium for the report, logrotate/systemd for deploy/):
# installed when missing and we are root, else listed for the user to install.
system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "missing Debian packages: $$missing (run: sudo apt-get install -y $$missing)"; exit 1; fi; \
	fi

crawl: setup
	$(BIN)/scrapy crawlall -s OUTPUT_DIR=$(OUTPUT_DIR) --summary $(OUTPUT_DIR)/last-run.json

test: system-deps setup
	$(BIN)/python -m pytest -q

evaluate: setup
	$(BIN)/python bench/evaluate_extraction.py
