# Two commands: `make run` (the app with demo data, no services needed) and `make test` (the whole suite).
PY := .venv/bin/python
PIP := .venv/bin/pip
MANAGE := $(PY) manage.py

.PHONY: run test quick setup assets deps serve bench lint format backup restore clean

.stamp-deps: pyproject.toml
	test -x $(PY) || python3.11 -m venv .venv || python3 -m venv .venv
	$(PIP) install -q --upgrade pip 2>&1 | grep -v "is ignored" || true
	$(PIP) install -q -e ".[dev]" 2>&1 | grep -v "is ignored" || true
	$(PY) -c "import django, pandas, celery, playwright"  # fail here, not later, if the install broke
	touch $@

deps: .stamp-deps

static/build/app.css: package.json static/src/app.scss scripts/build_assets.sh .stamp-deps
	bash scripts/build_assets.sh

assets: static/build/app.css

setup: deps assets
	$(MANAGE) migrate --no-input -v0
	$(MANAGE) load_demo

# The app as its users see it (assurance/settings_run.py): DEBUG off, the project's own 404 and 500 pages, static
# files served by whitenoise, cookies over plain HTTP. `DEBUG=true make run` shows Django's debug pages.
RUN_SETTINGS := DJANGO_SETTINGS_MODULE=assurance.settings_run

run: setup
	$(RUN_SETTINGS) $(MANAGE) runserver 127.0.0.1:8000

test: deps assets
	bash scripts/install_chromium.sh
	. scripts/services.sh && env -u DATABASE_URL $(MANAGE) makemigrations --check --dry-run >/dev/null && \
	  .venv/bin/pytest $(PYTEST_ARGS)

# The edit-test loop: the suite without the browser, gunicorn and killed-worker tests (markers in pyproject.toml).
quick: deps
	. scripts/services.sh && .venv/bin/pytest -m "not browser and not gunicorn and not killed_worker" $(PYTEST_ARGS)

serve: deps assets
	@test -n "$$DATABASE_URL" || { echo "make serve needs DATABASE_URL (PostgreSQL) and REDIS_URL"; exit 1; }
	@test -n "$$REDIS_URL" || { echo "make serve needs REDIS_URL"; exit 1; }
	DEBUG=false $(MANAGE) collectstatic --no-input -v0
	DEBUG=false $(MANAGE) migrate --no-input -v0
	DEBUG=false $(MANAGE) load_reference
	DEBUG=false bash scripts/serve.sh

bench: deps assets
	. scripts/services.sh && $(PY) -m benchmarks

# Back up the database named by DATABASE_URL and the evidence files into var/backups/<timestamp>/ (or BACKUP_DIR).
backup: deps
	$(MANAGE) backup

# Replace the database and the evidence files with a backup's: make restore BACKUP=var/backups/<timestamp>
restore: deps
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=var/backups/<timestamp>"; exit 1; }
	$(MANAGE) restore "$(BACKUP)"

lint: deps
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy  # the modules listed in pyproject.toml [tool.mypy]

format:
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

clean:
	rm -rf .venv node_modules static/build staticfiles .stamp-deps db.sqlite3
