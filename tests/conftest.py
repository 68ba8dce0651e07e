"""Shared fixtures: the reference data once per session, and one persona per role (docs/architecture.md, "Tests")."""

import os

import pytest
from django.conf import settings
from django.core.management import call_command

from tests import fastdb, personas
from tests.browser.conftest import browser_context_args, browser_type_launch_args  # noqa: F401 - Debian chromium

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API beside live_server
os.environ["FRAGMENTS_STRICT"] = "true"  # servers the tests start (gunicorn) treat a fragment's misuse as an error


def pytest_configure(config):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.AXES_ENABLED = True
    settings.EVIDENCE_ROOT = settings.BASE_DIR / "var" / "test-evidence"
    settings.FRAGMENTS_STRICT = True  # a cached fragment that reads data its key does not cover fails the test


def pytest_report_header(config):
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"database: {engine}; broker: {settings.CELERY_BROKER_URL.split('@')[-1]}"


REFERENCE = fastdb.Snapshot()  # the reference data and personas as loaded, for world_tx to write back (PostgreSQL)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load organisations, cycles and frameworks, and the personas, once for the whole session."""
    with django_db_blocker.unblock():
        call_command("load_reference", verbosity=0, stdout=open(os.devnull, "w"))
        personas.create()
        if fastdb.is_postgresql():
            fastdb.use_delete_flush()
            REFERENCE.take()


@pytest.fixture
def world(db):
    """The personas and the organisations they belong to (see tests/personas.py)."""
    return personas.World.get()


@pytest.fixture
def world_tx(transactional_db):
    """The same world for tests that commit (live server, real workers): rebuilt after each flush."""
    from assurance.models import Organisation

    if REFERENCE.rows and not Organisation.objects.exists():
        REFERENCE.restore()  # the rows load_reference and the personas wrote at the start of the session
    else:
        call_command("load_reference", verbosity=0, stdout=open(os.devnull, "w"))
        personas.create()
    return personas.World.get()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with empty caches (axes lockouts, demo flag, page fragments)."""
    from django.core.cache import caches

    _clear(caches["default"])
    caches["fragments"].clear()
    yield


def _clear(cache) -> None:
    """Empty the cache. On Redis, delete only the cache's own keys: `clear()` would flush the whole Redis database,
    which the Celery broker shares (its queues and the unacknowledged tasks a test's worker is about to redeliver)."""
    from django.core.cache.backends.redis import RedisCache

    if not isinstance(cache, RedisCache):
        cache.clear()
        return
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{cache.key_prefix}:*:*", count=1000))
    if keys:
        client.delete(*keys)


def requires_postgres():
    """Mark a test `postgres`: it is skipped (see pytest_runtest_setup) where the database is not PostgreSQL."""
    return pytest.mark.postgres


def requires_redis():
    """Mark a test `redis`: it is skipped where Celery runs eagerly, with no broker and worker."""
    return pytest.mark.redis


def pytest_runtest_setup(item):
    postgres = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    if item.get_closest_marker("postgres") and not postgres:
        pytest.skip("needs PostgreSQL (set DATABASE_URL or start it on 127.0.0.1:5432)")
    if item.get_closest_marker("redis") and settings.CELERY_TASK_ALWAYS_EAGER:
        pytest.skip("needs Redis and a real Celery worker (set REDIS_URL)")
