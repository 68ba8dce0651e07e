#!/usr/bin/env bash
# The production shape: gunicorn, a Celery worker and Celery beat; stop all three with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
trap 'kill 0' EXIT INT TERM
.venv/bin/celery -A assurance worker -l warning --concurrency="${CELERY_CONCURRENCY:-2}" &
.venv/bin/celery -A assurance beat -l warning --schedule=var/celerybeat-schedule &
mkdir -p var
.venv/bin/gunicorn assurance.wsgi --bind "${BIND:-127.0.0.1:8000}" --workers "${WEB_CONCURRENCY:-3}" --access-logfile - &
wait
