# Two commands set everything up on a fresh machine: `make html` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
SPHINXOPTS ?=

.PHONY: html epub singlehtml latexpdf test test-fast lint clean bench

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[docs,test,dev]"
	touch $@

html: $(INSTALLED)
	$(BIN)/python -m sphinx -b html -d _build/doctrees $(SPHINXOPTS) . _build/html

epub singlehtml latexpdf: $(INSTALLED)
	$(BIN)/python -m sphinx -M $@ . _build -d _build/doctrees $(SPHINXOPTS)

test: $(INSTALLED) lint
	$(BIN)/python -m pytest

# The unit tests and the quick builds, in well under a minute: no slow build, no browser, no lint.
test-fast: $(INSTALLED)
	$(BIN)/python -m pytest -m "not slow and not browser"

lint: $(INSTALLED)
	$(BIN)/ruff check postarchive tests
	$(BIN)/mypy

clean:
	rm -rf _build archive

# Archive vs plain Sphinx + MyST + furo (and ABlog) on synthetic posts; BENCH_ARGS e.g. --sizes 200,1000
bench: $(INSTALLED)
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)
