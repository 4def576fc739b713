# The two commands: `make app` runs the app, `make test` runs the tests.
# Both create .venv and install what is missing first.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: app test setup setup-dev lint bench

app: setup
	$(PY) -m streamlit run app.py

test: setup-dev
	$(PY) -m pytest

setup:
	@VENV=$(VENV) scripts/setup.sh

setup-dev:
	@VENV=$(VENV) scripts/setup.sh --dev

lint: setup-dev
	$(PY) -m ruff check .

bench: setup-dev
	$(PY) benchmarks/translation.py
