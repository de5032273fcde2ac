# yousaid: two commands for a newcomer.
#   make run   installs everything, builds the database with demo data and serves http://127.0.0.1:5000
#              (with the outbox worker beside it)
#   make test  installs what the tests need and runs the whole suite on SQLite and PostgreSQL

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .make
export YOUSAID_ENV ?= development
export FLASK_APP := wsgi

.PHONY: run test install assets db lint clean bench pdf-libs

# The outbox worker runs beside the web app, as in production: it sends every message and analyses new comments.
# It stops with the app (Ctrl-C), so `make run` stays one command.
run: install assets db
	@echo ""
	@echo "yousaid is starting: open http://127.0.0.1:5000 (staff sign in at http://127.0.0.1:5000/staff/login)"
	@echo "The outbox worker (flask worker) runs beside it: messages go to instance/outbox/, comments are analysed."
	$(BIN)/flask worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/flask run --host 127.0.0.1 --port 5000

test: $(STAMPS)/test-deps assets pdf-libs
	$(BIN)/ruff check .
	scripts/static-checks
	scripts/run-tests

install: $(STAMPS)/python-deps $(STAMPS)/node-deps pdf-libs

assets: $(STAMPS)/assets

# WeasyPrint (the PDF reports) needs Pango from the system: installed with apt-get when missing (quick when not).
pdf-libs:
	scripts/ensure-pdf-libs

db: install
	$(BIN)/flask db upgrade
	$(BIN)/flask seed-demo

lint: $(STAMPS)/test-deps
	$(BIN)/ruff check .

bench: $(STAMPS)/test-deps
	$(BIN)/python bench/run_all.py

$(STAMPS):
	mkdir -p $(STAMPS)

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "yousaid needs Python 3.11 or newer: set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMPS)/python-deps: setup.cfg pyproject.toml $(VENV)/bin/python | $(STAMPS)
	$(BIN)/pip install --quiet -e .
	touch $@

$(STAMPS)/test-deps: $(STAMPS)/python-deps | $(STAMPS)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

$(STAMPS)/node-deps: package.json package-lock.json | $(STAMPS)
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(STAMPS)/assets: $(STAMPS)/node-deps $(wildcard assets/scss/*.scss assets/js/*.js) scripts/build-assets | $(STAMPS)
	scripts/build-assets
	touch $@

clean:
	rm -rf $(STAMPS) surveys/static node_modules $(VENV)
