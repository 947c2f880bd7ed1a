# marsad: two commands on a fresh machine, `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
MARSAD := $(VENV)/bin/marsad
SHARED ?= ../shared
DB ?= marsad.db
CHROMIUM ?= /usr/bin/chromium

.PHONY: help venv install compile install-test install-bench demo test test-fast eval eval-ner bench typecheck schema chromium clean

help:
	@echo "make demo       create .venv, install, analyse and ingest the bundled samples"
	@echo "make test       install what tests need and run the whole suite"
	@echo "make eval       score every component on the project's gold articles"
	@echo "make eval-ner   score the entity tagger on ANERcorp's test split (needs $(SHARED))"
	@echo "make bench      speed and memory, against peers, into bench/results/latest.json"
	@echo "make compile    rebuild the mypyc-compiled hot modules (the other targets do it when needed)"

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Stamp files record what was installed, so repeated runs are quick. pip installs marsad as pure
# Python (MARSAD_PURE=1); `.compiled` then builds the hot modules in place, once.
.deps-core: pyproject.toml setup.py | $(PY)
	MARSAD_PURE=1 $(PIP) install --quiet -e .
	@touch $@

.deps-test: .deps-core
	MARSAD_PURE=1 $(PIP) install --quiet -e '.[test]'
	@touch $@

.deps-bench: .deps-core
	MARSAD_PURE=1 $(PIP) install --quiet -e '.[bench]'
	@touch $@

.deps-ray: .deps-core
	MARSAD_PURE=1 $(PIP) install --quiet -e '.[ray]'
	@touch $@

# The hot modules listed in pyproject.toml ([tool.marsad] compiled), compiled with mypyc next to
# their sources, and rebuilt whenever one of them changes. Without a C compiler marsad stays pure
# Python: slower, same results. A build that fails leaves build/compile.failed, which fails a test:
# a module mypyc cannot compile must not pass unnoticed as a quietly slower install.
COMPILED := $(shell sed -n '/^compiled = \[/,/^\]/s/^ *"\(.*\)",$$/\1/p' pyproject.toml)

.compiled: .deps-core setup.py $(COMPILED)
	@find src -name '*.so' -delete
	@$(PIP) install --quiet 'setuptools>=77' wheel 'mypy>=1.10'  # what [build-system] requires
	@echo "compiling $(words $(COMPILED)) modules with mypyc (a few minutes; log in build/compile.log)"
	@mkdir -p build && rm -f build/compile.failed
	@$(PY) setup.py build_ext --inplace > build/compile.log 2>&1 \
		|| (find src -name '*.so' -delete; cp build/compile.log build/compile.failed; \
		    echo "mypyc build failed (see build/compile.log): marsad runs as pure Python")
	@find src -name '*.so' -exec touch {} +  # built now: setuptools copies unchanged shims with their old times
	@touch $@

venv install: .deps-core .compiled

compile: .compiled

install-test: .deps-test .deps-ray .compiled chromium

install-bench: .deps-bench .deps-ray .compiled

# Browser tests drive Debian's chromium (never a browser Playwright downloads).
chromium:
	@test -x $(CHROMIUM) || (command -v apt-get >/dev/null && (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || echo "chromium not installed: browser tests will be skipped")

# The plain-text samples carry no date of their own; each was written for a publication day
# (src/marsad/samples/README.md), given here with --published. The HTML page and the feed carry
# theirs. Story 1 is the first sample's.
demo: .deps-core .compiled
	$(MARSAD) analyze src/marsad/samples/amman-zarqa-brt.txt --published 2024-09-22 --format pretty
	@$(MAKE) --no-print-directory demo-store

demo-store: .deps-core .compiled
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

test-fast: .deps-test .compiled
	$(PY) -m pytest -q -m "not slow and not browser"

eval: .deps-core .compiled
	$(MARSAD) eval tests/fixtures --published-from-gold

eval-ner: .deps-core .compiled
	$(MARSAD) eval-ner --data $(SHARED)/data

bench: install-bench
	$(PY) bench/run.py

typecheck: .deps-test
	$(PY) -m mypy

schema: .deps-core
	$(MARSAD) schema > schema/document.schema.json

clean:
	find src -name '*.so' -delete
	rm -rf $(VENV) .deps-* .compiled build dist *.egg-info .pytest_cache .mypy_cache .hypothesis
