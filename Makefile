# The front door: `make run` serves the demo, `make test` runs every test.
# Both build .venv from pyproject.toml first, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test clean translations

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/elderride serve --demo

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV)

# Refresh the message catalogs after changing wording in templates or services.
translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k gettext_in:2 --no-location --sort-output -o elderride/translations/messages.pot .
	$(BIN)/pybabel update -i elderride/translations/messages.pot -d elderride/translations --no-fuzzy-matching
	$(BIN)/pybabel compile -d elderride/translations
