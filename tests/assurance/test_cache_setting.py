"""The cache may live in a Redis database apart from the Celery queue (CACHE_URL), so clearing it empties no queue."""

import json
import os
import subprocess
import sys

from django.conf import settings


def _settings(**env) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", "import django, json; django.setup(); from django.conf import settings as s; "
         "print(json.dumps([s.CACHES['default']['LOCATION'], s.CELERY_BROKER_URL]))"],
        cwd=settings.BASE_DIR, env={**{k: v for k, v in os.environ.items() if k != "CACHE_URL"}, **env,
                                    "DJANGO_SETTINGS_MODULE": "assurance.settings"},
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_cache_uses_its_own_redis_database_when_given():
    cache, broker = _settings(REDIS_URL="redis://127.0.0.1:6379/0", CACHE_URL="redis://127.0.0.1:6379/1")
    assert (cache, broker) == ("redis://127.0.0.1:6379/1", "redis://127.0.0.1:6379/0")


def test_without_cache_url_the_cache_shares_the_broker_redis():
    cache, broker = _settings(REDIS_URL="redis://127.0.0.1:6379/5")
    assert cache == broker == "redis://127.0.0.1:6379/5"
