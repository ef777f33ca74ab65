# Zholdau Monitor — every set-up step lives here, so a fresh machine needs only `make demo` / `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
ZH := $(VENV)/bin/zholdau
DEMO_DB ?= demo.db
BENCH ?= quick

.PHONY: install demo test lint bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev,api,postgres,scale,crawl,connect,bench]'
	touch $@

demo: install
	$(ZH) ingest demo/corpus --db $(DEMO_DB)
	$(ZH) summary --db $(DEMO_DB)
	$(ZH) eval demo/gold.jsonl --db $(DEMO_DB) --misses 0
	@echo
	@echo "Next, try:"
	@echo "  $(ZH) search Бекбосынов --db $(DEMO_DB)"
	@echo "  $(ZH) search жолдау --lang kk --db $(DEMO_DB)"
	@echo "  $(ZH) rejections --db $(DEMO_DB)"
	@echo "  $(ZH) export --format csv -o demo.csv --db $(DEMO_DB)"
	@echo "  $(ZH) pipeline"

test: install
	$(VENV)/bin/ruff check zholdau tests bench
	$(VENV)/bin/pytest -x -p no:cacheprovider

lint: install
	$(VENV)/bin/ruff check zholdau tests bench
	$(VENV)/bin/ruff format --check zholdau tests bench

bench: install
	$(PY) bench/run.py --mode $(BENCH)

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache .ruff_cache
