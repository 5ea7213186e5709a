# The front door: `make run` serves the demo, `make test` runs every test.
# Both build .venv from pyproject.toml first, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint browser clean translations

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# `make run PORT=8000` when 5000 is taken; Ctrl-C stops it cleanly.
PORT ?= 5000
run: $(STAMP)
	$(BIN)/elderride serve --demo --port $(PORT)

test: lint browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Seconds, and loud: lint, formatting and types fail the run before the slow suite starts.
lint: $(STAMP)
	$(BIN)/ruff check elderride tests
	$(BIN)/ruff format --check elderride tests
	$(BIN)/mypy

# The browser tests need Chromium: Debian's where we may install it, else Playwright's download.
browser: $(STAMP)
	@if [ -x /usr/bin/chromium ] || [ -n "$$ELDERRIDE_CHROMIUM" ]; then :; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else $(BIN)/python -m playwright install chromium; fi
	@# The key card's tests read its PDF back with poppler's pdftoppm and pdftotext.
	@if ! command -v pdftoppm >/dev/null && command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils; fi

clean:
	rm -rf $(VENV)

# Refresh the message catalogs after changing wording in templates or services.
translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k gettext_in:2 --no-location --sort-output -o elderride/translations/messages.pot .
	$(BIN)/pybabel update -i elderride/translations/messages.pot -d elderride/translations --no-fuzzy-matching
	$(BIN)/pybabel compile -d elderride/translations
