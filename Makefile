# Two commands on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-postgres lint setup chromium fonts migrate demo worker clean bench wrk

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# Debian's Chromium drives the browser tests (Playwright cannot download its own here).
chromium:
	@test -x /usr/bin/chromium || { \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# The certificates' CJK font (AR PL UKai, settings.CERTIFICATE_FONT) and pdftoppm to look at them.
fonts:
	@test -f /usr/share/fonts/truetype/arphic/ukai.ttc && command -v pdftoppm >/dev/null || { \
		echo "Installing Debian's fonts-arphic-ukai and poppler-utils for the certificates"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-arphic-ukai poppler-utils; }

migrate: setup
	$(BIN)/python manage.py migrate --noinput

# The demo at a stage of the year: draft | submitted | review | notice | commended.
STAGE ?= submitted
demo: migrate
	$(BIN)/python manage.py seed_demo --stage $(STAGE)

# Serves the demo on SQLite (or DATABASE_URL) with the background-task worker beside it.
run: fonts demo
	@echo "平安创建：http://$(HOST):$(PORT)/  （后台 /admin/，演示账号见 README.md）"
	$(BIN)/python manage.py filing_reminders
	@$(BIN)/python manage.py db_worker --queue-name '*' & WORKER=$$!; \
		trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
		$(BIN)/python manage.py runserver --noreload $(HOST):$(PORT)

worker: migrate
	$(BIN)/python manage.py db_worker --queue-name '*'

test: setup chromium fonts
	$(BIN)/pytest

test-postgres: setup chromium fonts
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/test $(BIN)/pytest

lint: setup
	$(BIN)/ruff check .

# The load tool of `make bench` (Debian's wrk).
wrk:
	@command -v wrk >/dev/null || { \
		echo "Installing Debian's wrk for the benchmarks"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

# Speed figures on the local PostgreSQL (database `bench`, loaded by seed_scale) and Redis;
# BENCH_FACTOR=0.01 for a quick run on a smaller set (see bench/run.py). Prints a table and
# writes var/bench-latest.txt.
bench: setup wrk
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var db.sqlite3
