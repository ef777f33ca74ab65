# Zholdau Monitor — every set-up step lives here, so a fresh machine needs only `make demo` / `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
ZH := $(VENV)/bin/zholdau
DEMO_DB ?= demo.db
BENCH ?= quick

.PHONY: install demo test lint bench clean system-postgres system-chromium

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev,api,postgres,scale,crawl,connect,bench]'
	touch $@

demo: install
	$(ZH) ingest demo/corpus --db $(DEMO_DB)
	$(ZH) addresses load-text 2025-09-08 demo/addresses/address_2025-09-08_ru.txt --db $(DEMO_DB)
	$(ZH) addresses load-text 2025-09-08 demo/addresses/address_2025-09-08_kk.txt --db $(DEMO_DB)
	$(ZH) addresses load-plan 2025-09-08 demo/addresses/plan_2025-09-08_ru.csv --db $(DEMO_DB)
	$(ZH) summary --db $(DEMO_DB)
	$(ZH) eval demo/gold.jsonl --db $(DEMO_DB) --misses 0
	@echo
	@echo "Next, try (in another terminal):"
	@echo "  $(ZH) search Бекбосынов --db $(DEMO_DB)"
	@echo "  $(ZH) search жолдау --lang kk --db $(DEMO_DB)"
	@echo "  $(ZH) rejections --db $(DEMO_DB)"
	@echo "  $(ZH) export --format xlsx -o demo.xlsx --db $(DEMO_DB)"
	@echo "  $(ZH) pipeline"
	@echo
	@echo "Dashboard and API: http://127.0.0.1:8000 (API docs at /docs); Ctrl-C stops it."
	$(ZH) serve --db $(DEMO_DB) --port 8000

test: install system-postgres system-chromium
	$(VENV)/bin/ruff check zholdau tests bench
	$(VENV)/bin/pytest -x -p no:cacheprovider

# PostgreSQL server binaries for the contract tests (they start a throwaway server; see tests/pg_server.py)
system-postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || \
		(apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql)

# Chromium for the browser tests (Debian's package; Playwright drives it by its path, no browser download)
system-chromium:
	@test -x /usr/bin/chromium || \
		(apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)

lint: install
	$(VENV)/bin/ruff check zholdau tests bench
	$(VENV)/bin/ruff format --check zholdau tests bench

bench: install
	$(PY) bench/run.py --mode $(BENCH)

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache .ruff_cache
