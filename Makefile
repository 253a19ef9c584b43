# tsunagaru — the two commands are `make demo` and `make test`. See README.md.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

# Development defaults; production sets its own environment (docs/operations.md).
export DEBUG ?= true

.PHONY: install demo serve test test-fast lint format messages migrate clean mutation

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	# Japanese word vectors for the matcher: only the package's data files are read
	# (tsunagaru/matching/engine/vectors.py), so spaCy and its pins are not installed.
	$(BIN)/python -m pip install --quiet --no-deps "ja-ginza==5.3.0"
	touch $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py compile_translations

# Installs, migrates, loads the Oshu demo data (never twice), then serves the site with a
# background-task worker beside it. Ctrl-C stops both. Links in mail use the port served
# (SITE_URL, unless set), and mail is printed to this terminal (DEBUG is on).
DEMO_SITE_URL = $(or $(SITE_URL),http://127.0.0.1:$(PORT))
demo: migrate
	SITE_URL=$(DEMO_SITE_URL) $(BIN)/python manage.py demo
	@echo "Serving $(DEMO_SITE_URL)/ (Ctrl-C to stop)"
	@trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	SITE_URL=$(DEMO_SITE_URL) $(BIN)/python manage.py db_worker --no-reload --interval 1 & worker=$$!; \
	SITE_URL=$(DEMO_SITE_URL) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT) --noreload

# Lint, types and the whole suite (browser tests included) on SQLite, then on PostgreSQL
# when TEST_DATABASE_URL is set or a local server answers.
test: install
	bash scripts/system-deps.sh
	bash scripts/test.sh

# The same without the browser, for quick local loops.
test-fast: install
	bash scripts/test.sh -m "not browser"

# Mutation testing of one app's rules with cosmic-ray, not part of `make test`:
# make mutation APP=matching [BUDGET=seconds] [MODULES="..."] (docs/mutation-testing.md).
mutation: install
	APP="$(APP)" MODULES="$(MODULES)" TESTS="$(TESTS)" BUDGET="$(BUDGET)" \
	  FRESH="$(FRESH)" RETEST="$(RETEST)" bash scripts/mutation.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the .po files after changing UI text (then translate ja and ja_Easy).
messages: install
	cd src/tsunagaru && ../../$(BIN)/python ../../manage.py makemessages -l ja -l en -l ja_Easy --no-location --no-obsolete --ignore="*/tests/*"

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
