# The README's commands. `make run` and `make test` both start with `make install`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test test-fast lint format bench bench-scale css migrations-check clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) scripts/make_venv.py $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver_with_worker $(HOST):$(PORT)

test: install
	$(BIN)/python -m pytest

test-fast: install
	$(BIN)/python -m pytest -m "not integration and not e2e" -x -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=iop_portal.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Benchmarks: PostgreSQL on 127.0.0.1 and the redis-server binary; writes bench/README.md.
bench: install $(BENCH_STAMP)
	$(BIN)/python bench/run_all.py

# The million-referral figures (seeding, queue pages, export at 1,000,000): bench/SCALE.md.
bench-scale: install $(BENCH_STAMP)
	$(BIN)/python bench/run_scale.py

# Dev time only: rebuild static/css/bootstrap-subset.min.css (PurgeCSS over every template,
# widget class and script) after adding Bootstrap classes; commit the output.
css:
	npm install --no-audit --no-fund
	npm run -s css

$(BENCH_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	@touch $(BENCH_STAMP)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
