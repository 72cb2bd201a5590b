# Quick start: `make demo` crawls the bundled offline mirror; `make test` runs the tests.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install demo test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/xjmsw demo

test: $(STAMP)
	$(PY) -m pytest -q

# Benchmarks of issue 6 (README "Performance"): extraction vs trafilatura/gne/lxml, crawl vs wget -r, scale.
# BENCH_ARGS="--articles 1000,10000,100000" adds the long 100k run; BENCH_ARGS=--quick is a smoke run.
bench: $(STAMP)
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) data build *.egg-info
