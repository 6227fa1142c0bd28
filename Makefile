# kakushin — the two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
export PATH := $(HOME)/.local/bin:$(PATH)
UV := uv
MANAGE := $(UV) run python manage.py

.PHONY: run test install install-test migrate demo lint bench mutation messages compile-messages screenshots

install:
	@scripts/bootstrap.sh

install-test:
	@scripts/bootstrap.sh --test

# The English catalogue, compiled (the .mo files are not in git).
compile-messages:
	@if [ -d locale ]; then $(MANAGE) compilemessages --ignore=.venv -v 0; fi

migrate: install
	@$(MAKE) -s compile-messages
	$(MANAGE) migrate --noinput -v 0

## make run: install, migrate SQLite, load demo data, print demo logins, serve :8000 with a
## task worker (scripts/serve.sh)
run: migrate
	$(MANAGE) seed_demo
	@scripts/serve.sh

## make test: install, then the whole suite (SQLite, or PostgreSQL through DATABASE_URL)
test: install-test
	@$(MAKE) -s compile-messages
	$(UV) run pytest

## make screenshots: every page of the browser journeys as PNG, desktop and 375 px phone
screenshots: install-test
	@$(MAKE) -s compile-messages
	rm -rf screenshots
	KAKUSHIN_SCREENSHOTS=$(CURDIR)/screenshots $(UV) run pytest tests/browser -q
	@echo "Screenshots in $(CURDIR)/screenshots/: $$(ls screenshots | wc -l) PNG files"

## make lint: ruff (lint + format) and the import contracts of DESIGN.md (lint-imports)
lint: install-test
	$(UV) run ruff check .
	$(UV) run ruff format --check .
	$(UV) run lint-imports

bench: install
	$(UV) run python -m benchmarks

## make mutation: mutmut on the pure rule modules ([tool.mutmut] in pyproject.toml), running
## the DB-free tests that cover them (about 2 minutes); lists the survivors and the score
mutation: install-test
	@$(MAKE) -s compile-messages
	rm -rf mutants
	$(UV) run mutmut run --max-children 2 > /dev/null
	@$(UV) run mutmut results | grep -v ': killed' || true
	@$(UV) run python scripts/mutation_score.py

messages: install
	$(MANAGE) makemessages -l en --ignore=.venv --ignore=tests --ignore=benchmarks --no-obsolete
