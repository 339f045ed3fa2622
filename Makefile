# Countersight. The README's two set-up commands are `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements/lock.txt requirements/dev.txt pyproject.toml | sha1sum | cut -c1-12)

# Full-size official files for the tests that need them (tests/conftest.py): ../shared/data
# when it exists; empty on a fresh clone, where those tests skip and the excerpts in
# tests/data still run. An environment variable of the same name wins.
export COUNTERSIGHT_TEST_DATA ?= $(if $(wildcard ../shared/data),../shared/data,)
PYTEST := $(BIN)/pytest -n 2 --dist loadgroup

.PHONY: native demo test check lint typecheck unit unit-fresh install lock bench-quality bench-speed bench-regression bench-screen bench-load bench-spark registry-docs clean

## demo: install, then screen the bundled example portfolio against the embedded registry
demo: $(STAMP) native
	$(BIN)/countersight screen examples/portfolio.csv \
		--holdings "IE000EXMPL08=examples/fund-holdings.csv" \
		--out build/demo-report.html --out build/demo-report.xlsx
	@echo "Reports: build/demo-report.html, build/demo-report.xlsx"

## test: install, start PostgreSQL and Chromium for the tests, then lint, type-check and test
test: $(STAMP) native
	scripts/with-test-services $(MAKE) --no-print-directory check

check: lint typecheck unit

lint:
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck:
	$(BIN)/mypy

unit:
	$(PYTEST) $(PYTEST_ARGS)

## unit-fresh: the suite as a fresh clone runs it (no data folder), browser tests aside
unit-fresh:
	COUNTERSIGHT_TEST_DATA= COUNTERSIGHT_REQUIRE_DATA= $(PYTEST) -m "not browser" $(PYTEST_ARGS)

install: $(STAMP) native

## native: compile the scorer with mypyc (src/countersight/native.py) unless built from these
## sources already; without a C compiler Countersight runs it as pure Python, with a warning
native: $(STAMP)
	@$(BIN)/python scripts/build-native --if-stale || \
		echo "warning: the compiled scorer did not build; Countersight will run the pure-Python scorer" >&2

$(STAMP):
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/lock.txt -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	rm -f $(VENV)/.installed-* && touch $(STAMP)

## lock: re-pin requirements/*.txt from pyproject.toml and requirements/dev.in (needs uv)
lock:
	uv pip compile pyproject.toml -o requirements/lock.txt --python-version 3.11 --no-header
	uv pip compile requirements/dev.in -c requirements/lock.txt -o requirements/dev.txt \
		--python-version 3.11 --no-header

bench-quality: $(STAMP) native
	benchmarks/run-quality

bench-speed: $(STAMP) native
	$(BIN)/python benchmarks/speed.py --entries 1000000 --queries 100000

bench-regression: $(STAMP) native
	$(BIN)/python benchmarks/regression.py --baseline 403bd9d --entries 200000 --queries 4000 --rounds 9
	$(BIN)/python benchmarks/regression.py --baseline 403bd9d --entries 1000000 --queries 4000 --rounds 7

bench-screen: $(STAMP) native
	$(BIN)/python benchmarks/screen_large.py --rows 50000
	$(BIN)/python benchmarks/screen_spend.py --payments 50000

bench-load: $(STAMP) native
	$(BIN)/python benchmarks/load_api.py --clients 50 --requests 2000 --workers 1,2

bench-spark: $(STAMP) native
	$(BIN)/python benchmarks/spark_bench.py --sizes 250000,500000,1000000,2000000

registry-docs: $(STAMP)
	$(BIN)/countersight registry docs --out docs/registry.md

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
