# Cairo Talks Archive: the commands a user runs. `make help` lists them.
# Each target creates the virtual environment it needs (.venv) on first use.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUTPUT_DIR ?= output
export TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS :=

.PHONY: help setup crawl test evaluate clean-output

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
	touch $@

crawl: setup
	$(BIN)/scrapy crawl urls -a urls=$(URLS) -s OUTPUT_DIR=$(OUTPUT_DIR)

test: setup
	$(BIN)/python -m pytest -q

evaluate: setup
	$(BIN)/python bench/evaluate_extraction.py
