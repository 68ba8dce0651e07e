#!/usr/bin/env bash
# Sourced by `make test`: point the suite at PostgreSQL and Redis when they answer.
# DATABASE_URL / REDIS_URL already set are kept. With CI=true a missing service is an error, not a skip.
probe() { .venv/bin/python -c "import socket,sys; socket.create_connection(('$1', $2), timeout=1)" 2>/dev/null; }
if [ -z "${DATABASE_URL:-}" ]; then
  if probe 127.0.0.1 5432; then export DATABASE_URL="postgres://postgres@127.0.0.1:5432/assurance"; fi
fi
if [ -z "${REDIS_URL:-}" ]; then
  if probe 127.0.0.1 6379; then export REDIS_URL="redis://127.0.0.1:6379/0"; fi
fi
if [ "${CI:-}" = "true" ]; then
  case "${DATABASE_URL:-}" in postgres*) ;; *) echo "CI: PostgreSQL is not reachable (DATABASE_URL unset)" >&2; exit 1;; esac
  [ -n "${REDIS_URL:-}" ] || { echo "CI: Redis is not reachable (REDIS_URL unset)" >&2; exit 1; }
fi
echo "Tests use database: ${DATABASE_URL:-SQLite (embedded)}; broker: ${REDIS_URL:-none (eager Celery)}"
