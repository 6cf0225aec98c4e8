# newscrawl: `make demo` sets up and crawls an offline sample; `make test` runs the suite.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DATA_DIR ?= data
DEMO_DIR := $(DATA_DIR)/demo

.PHONY: install test lint demo crawl clean

$(STAMP): requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "newscrawl needs $(PYTHON) (Python 3.11)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check newscrawl tests benchmarks
	$(VENV)/bin/ruff format --check newscrawl tests benchmarks
	$(VENV)/bin/mypy newscrawl

demo: $(STAMP)
	@rm -rf $(DEMO_DIR)/state $(DEMO_DIR)/prmn
	@mkdir -p $(DEMO_DIR)
	$(PY) -m newscrawl warc-build newscrawl/sample/manifest.tsv $(DEMO_DIR)/sample.warc.gz
	$(VENV)/bin/scrapy crawl prmn -a urls_file=newscrawl/sample/urls.txt \
		-s NEWSCRAWL_REPLAY_WARC=$(DEMO_DIR)/sample.warc.gz -s NEWSCRAWL_DATA_DIR=$(DEMO_DIR) \
		-s DOWNLOAD_DELAY=0 -s AUTOTHROTTLE_ENABLED=False -s LOG_LEVEL=WARNING
	@echo
	@echo "Records written (JSON Lines, one article per line):"
	@find $(DEMO_DIR)/prmn -name '*.jsonl' -newer $(DEMO_DIR)/sample.warc.gz -exec wc -l {} \;

# Crawl the real portals of every network (or NETWORK=tribun,detik) into $(DATA_DIR). Needs the internet.
NETWORK ?=
crawl: $(STAMP)
	$(PY) -m newscrawl crawl-all $(if $(NETWORK),--only $(NETWORK)) -s NEWSCRAWL_DATA_DIR=$(DATA_DIR)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
