"""`make run` serves the app as its users see it: DEBUG off, the project's own error pages, cookies over plain HTTP."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

# Set by tests/conftest.py or a developer's shell; `make run` must not depend on them.
NOT_INHERITED = ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT", "SECURE_COOKIES")
NOT_INHERITED += ("DJANGO_ALLOW_ASYNC_UNSAFE",)


def _database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _as_make_run(paths: list[str]) -> dict:
    """Fetch `paths` anonymously over plain HTTP on localhost, under the settings `make run` uses."""
    env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    env.update(DJANGO_SETTINGS_MODULE="assurance.settings_run", DATABASE_URL=_database_url())
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; from django.test import Client; "
        "c = Client(HTTP_HOST='localhost'); "
        "body = lambda r: b''.join(r.streaming_content if r.streaming else [r.content]).decode(); "
        f"pages = {{p: (lambda r: [r.status_code, body(r)])(c.get(p)) for p in {paths!r}}}; "
        "keys = ['DEBUG', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_SSL_REDIRECT', 'ALLOWED_HOSTS']; "
        "print(json.dumps({'settings': {k: getattr(s, k) for k in keys}, 'pages': pages}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_make_run_serves_with_the_run_settings():
    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text()
    recipe = re.search(r"^run:.*?\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert "runserver" in recipe and "$(RUN_SETTINGS)" in recipe
    assert "RUN_SETTINGS := DJANGO_SETTINGS_MODULE=assurance.settings_run" in makefile


@pytest.mark.django_db
def test_the_404_page_under_make_run_is_the_projects_own():
    missing_card = "/public/2009-10/report-cards/ZZZ99/"
    found = _as_make_run(["/no-such-page/", missing_card, "/static/build/app.css"])
    assert found["settings"] == {
        "DEBUG": False,
        "SESSION_COOKIE_SECURE": False,  # plain HTTP on localhost keeps the user signed in
        "CSRF_COOKIE_SECURE": False,
        "SECURE_SSL_REDIRECT": False,
        "ALLOWED_HOSTS": ["127.0.0.1", "localhost"],
    }
    for path in ("/no-such-page/", missing_card):
        status, html = found["pages"][path]
        assert status == 404, path
        assert "Page not found" in html and "Go to your home page" in html
        assert "URLconf" not in html and "api/v1/" not in html and "Django" not in html, "the debug page"
    assert found["pages"]["/static/build/app.css"][0] == 200, "whitenoise serves the stylesheet"
