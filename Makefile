# The two commands a new machine needs: `make run` and `make test`.
# Everything else here is what they call, and what CI calls.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test install messages compilemessages check-translations lint format check migrate demo worker clean

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null || { echo "Python 3.11 is needed (found: $(PYTHON)); install it, or run 'make PYTHON=/path/to/python3.11 ...'"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

## make run: set up everything and serve the portal with demo content on http://127.0.0.1:8000
run: export DEBUG ?= 1
run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo ""
	@echo "  The portal:      http://127.0.0.1:8000/"
	@echo "  Demo accounts:   servant@demo.kg, deputy@demo.kg, editor@demo.kg, ulsgadmin@demo.kg, pending@demo.kg,"
	@echo "                   subscriber@demo.kg (magazine subscriber), expired@demo.kg (subscription ended)"
	@echo "  Their password:  demo-portal-2026   (local only)"
	@echo "  E-mails are printed here by the background worker (db_worker), started alongside."
	@echo ""
	$(BIN)/python manage.py db_worker --interval 2 --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## make worker: the background task worker alone (e-mail delivery, magazine notices)
worker: export DEBUG ?= 1
worker: $(STAMP)
	$(BIN)/python manage.py db_worker

## make test: the whole suite (SQLite, or PostgreSQL when DATABASE_URL is set)
test: $(STAMP)
	$(BIN)/python -m pytest

# manage.py wants a SECRET_KEY outside DEBUG; compiling catalogues needs none.
messages compilemessages: export DEBUG ?= 1

## Translations: `make messages` after changing strings, then translate locale/*/LC_MESSAGES/django.po
messages: $(STAMP)
	$(BIN)/python manage.py makemessages --locale ky --locale ru --no-obsolete --ignore ".venv/*" --ignore ".venv-bench/*" --ignore "bench/*" --ignore "tests/*" --ignore "staticfiles/*"
	$(MAKE) compilemessages

compilemessages: $(STAMP)
	$(BIN)/python manage.py compilemessages --ignore ".venv/*" --ignore ".venv-bench/*" --ignore "bench/*"

check-translations: $(STAMP)
	$(BIN)/python scripts/check_translations.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

migrate: $(STAMP)
	$(BIN)/python manage.py migrate --noinput

demo: $(STAMP)
	$(BIN)/python manage.py load_demo

## make backup: the database and both media folders to backups/portal-backup-YYYYMMDD-HHMMSS.tar.gz
##   (BACKUP_DIR elsewhere; KEEP=14 keeps only the newest 14); see README "Backups"
## make restore ARCHIVE=backups/portal-backup-....tar.gz: into an empty installation, then check it
##   (FORCE=1 replaces an installation that has content)
.PHONY: backup restore
# Neither needs a SECRET_KEY; DEBUG only stands in for one (an operator's DEBUG=0 wins).
backup restore: export DEBUG ?= 1
backup: $(STAMP)
	$(BIN)/python manage.py backup $(if $(KEEP),--keep $(KEEP))

restore: $(STAMP)
	@test -n "$(ARCHIVE)" || { echo "Usage: make restore ARCHIVE=backups/portal-backup-YYYYMMDD-HHMMSS.tar.gz [FORCE=1]"; exit 2; }
	$(BIN)/python manage.py restore "$(ARCHIVE)" $(if $(FORCE),--force)

clean:
	rm -rf $(VENV) db.sqlite3 media private-media staticfiles var .pytest_cache .ruff_cache

## make lighthouse: Lighthouse (mobile) on five public pages of a fresh demo site; fails below 100
## (needs Node.js and Chromium: `apt-get install nodejs npm chromium`; installs Lighthouse from bench/lighthouse/)
.PHONY: lighthouse
lighthouse: $(STAMP)
	$(BIN)/python bench/lighthouse.py

## make bench: the benchmark at 10,000 practices (PostgreSQL database portal_bench, gunicorn, wrk); see README "Performance"
## make bench-large: the same at 100,000 practices, compared with the latest 10,000 run
## make loadtest: 100 simulated users for 5 minutes (locust in .venv-bench); fails on a 5xx or >10 % memory growth
.PHONY: bench bench-large loadtest
bench: $(STAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

bench-large: $(STAMP)
	$(BIN)/python bench/run.py --practices 100000 $(BENCH_ARGS)

loadtest: $(STAMP)
	$(BIN)/python bench/loadtest.py $(LOADTEST_ARGS)
