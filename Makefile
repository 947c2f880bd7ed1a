# marsad: two commands on a fresh machine, `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
MARSAD := $(VENV)/bin/marsad
SHARED ?= ../shared
DB ?= marsad.db
CHROMIUM ?= /usr/bin/chromium

.PHONY: help venv install install-test install-bench demo test test-fast eval eval-ner bench typecheck schema chromium clean

help:
	@echo "make demo       create .venv, install, analyse and ingest the bundled samples"
	@echo "make test       install what tests need and run the whole suite"
	@echo "make eval       score every component on the project's gold articles"
	@echo "make eval-ner   score the entity tagger on ANERcorp's test split (needs $(SHARED))"
	@echo "make bench      speed and memory, against peers, into bench/results/latest.json"

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Stamp files record what was installed, so repeated runs are quick.
.deps-core: pyproject.toml | $(PY)
	$(PIP) install --quiet -e .
	@touch $@

.deps-test: .deps-core
	$(PIP) install --quiet -e '.[test]'
	@touch $@

.deps-bench: .deps-core
	$(PIP) install --quiet -e '.[bench]'
	@touch $@

.deps-ray: .deps-core
	$(PIP) install --quiet -e '.[ray]'
	@touch $@

venv install: .deps-core

install-test: .deps-test .deps-ray chromium

install-bench: .deps-bench .deps-ray

# Browser tests drive Debian's chromium (never a browser Playwright downloads).
chromium:
	@test -x $(CHROMIUM) || (command -v apt-get >/dev/null && (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || echo "chromium not installed: browser tests will be skipped")

# The plain-text samples carry no date of their own; each was written for a publication day
# (src/marsad/samples/README.md), given here with --published. The HTML page and the feed carry
# theirs. Story 1 is the first sample's.
demo: .deps-core
	$(MARSAD) analyze src/marsad/samples/amman-zarqa-brt.txt --published 2024-09-22 --format pretty
	@$(MAKE) --no-print-directory demo-store

demo-store: .deps-core
	$(MARSAD) ingest src/marsad/samples/amman-zarqa-brt.txt --published 2024-09-22 --db $(DB) --no-fetch --quiet
	$(MARSAD) ingest src/marsad/samples/kuwait-central-bank-rates.txt --published 2024-03-21 --db $(DB) --no-fetch --quiet
	$(MARSAD) ingest src/marsad/samples/egypt-sudan-power-link.txt --published 2024-05-29 --db $(DB) --no-fetch --quiet
	$(MARSAD) ingest src/marsad/samples/tunisia-olive-oil.html src/marsad/samples/feed.xml --db $(DB) --no-fetch --quiet
	$(MARSAD) entities --db $(DB) --limit 15
	$(MARSAD) stories --db $(DB)
	$(MARSAD) timeline --story 1 --db $(DB)
	@echo ""
	@echo "Serve what was ingested (reading room, API, feeds):  $(MARSAD) serve --db $(DB)"

test: install-test
	$(PY) -m pytest -q

test-fast: .deps-test
	$(PY) -m pytest -q -m "not slow and not browser"

eval: .deps-core
	$(MARSAD) eval tests/fixtures --published-from-gold

eval-ner: .deps-core
	$(MARSAD) eval-ner --data $(SHARED)/data

bench: install-bench
	$(PY) bench/run.py

typecheck: .deps-test
	$(PY) -m mypy

schema: .deps-core
	$(MARSAD) schema > schema/document.schema.json

clean:
	rm -rf $(VENV) .deps-* build dist *.egg-info .pytest_cache .mypy_cache .hypothesis
