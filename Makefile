# Wissensspeicher: `make run` serves the site, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
WORKERS ?= 2
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: install run setup checks test messages clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

## install: create .venv with the pinned dependencies (nothing else)
install: $(VENV)/.installed

## setup: migrate (registry, model projects, taxonomies), load the demo data once, complete the search index
setup: install
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_data
	$(PY) manage.py search_reindex --if-needed
	$(PY) manage.py collectstatic --noinput --verbosity 0

## run: set everything up and serve on http://127.0.0.1:$(PORT) with gunicorn
run: setup
	@echo "Wissensspeicher: http://127.0.0.1:$(PORT)/"
	$(VENV)/bin/gunicorn config.wsgi --bind 127.0.0.1:$(PORT) --workers $(WORKERS) --access-logfile -

## checks: test-time tools for the browser journeys (Debian chromium and Java, axe-core and vnu-jar from npm)
SYSTEM_PACKAGES := chromium default-jre-headless
checks: node_modules/.installed
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo -n"; fi; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null \
	    || { echo "Please install:$$missing (apt-get install$$missing)"; exit 1; }; \
	fi

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## test: run the whole suite, browser journeys included (SQLite unless DATABASE_URL says otherwise)
test: install checks
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest $(PYTEST_ARGS)

## messages: refresh and compile the translations (needs GNU gettext)
messages: install
	$(PY) manage.py makemessages --locale en --locale de --ignore '.venv/*' --ignore 'bench/*' --no-obsolete
	$(PY) manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache node_modules
