"""Security settings as production runs them: headers, cookies, CSRF, idle sessions, passwords, deploy checks."""

import json
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from tests.personas import PASSWORD

PRODUCTION_ENV = {"DEBUG": "false", "SECRET_KEY": "a-test-only-secret-key-that-is-long-and-random-enough-0123456789"}
SECURITY_SETTINGS = [
    "DEBUG",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_AGE",
    "SESSION_SAVE_EVERY_REQUEST",
]


def _production(code: str) -> subprocess.CompletedProcess:
    """Run Python with the settings module loaded as production would (DEBUG off, a real secret key)."""
    test_only = ("DEBUG", "SECURE_SSL_REDIRECT", "SECURE_COOKIES", "DJANGO_ALLOW_ASYNC_UNSAFE")  # set by conftest
    env = {k: v for k, v in os.environ.items() if k not in test_only}
    env.update(PRODUCTION_ENV, DJANGO_SETTINGS_MODULE="assurance.settings")
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def production_settings() -> dict:
    """The security settings the settings module produces with DEBUG off."""
    code = (
        "from django.conf import settings as s; import json; "
        f"print(json.dumps({{k: getattr(s, k) for k in {SECURITY_SETTINGS!r}}}))"
    )
    done = _production(code)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_check_deploy_is_clean_with_debug_off():
    done = _production(
        "from django.core.management import call_command; call_command('check', deploy=True, fail_level='WARNING')"
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_production_settings_turn_on_https_protections(production_settings):
    assert production_settings["DEBUG"] is False
    assert production_settings["SESSION_COOKIE_SECURE"] and production_settings["CSRF_COOKIE_SECURE"]
    assert production_settings["SECURE_SSL_REDIRECT"]
    assert production_settings["SECURE_HSTS_SECONDS"] >= 31536000


def test_security_headers_on_a_page(world, production_settings):
    client = world.client_for("pct_lead")
    with override_settings(**production_settings):
        response = client.get(reverse("home"), secure=True)
        assert response.status_code == 200
        csp = response["Content-Security-Policy"]
        directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
        assert directives["script-src"] == ["'self'"]
        assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
        assert directives["frame-ancestors"] == ["'none'"]
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        session_cookie = response.cookies[settings.SESSION_COOKIE_NAME]
        assert session_cookie["secure"] and session_cookie["httponly"]
        assert session_cookie["max-age"] == production_settings["SESSION_COOKIE_AGE"]


def test_plain_http_is_redirected_to_https_but_not_the_health_check(world, production_settings):
    client = Client()
    with override_settings(**production_settings):
        response = client.get(reverse("login"))
        assert response.status_code == 301
        assert response["Location"].startswith("https://")
        assert client.get(reverse("health")).status_code == 200


def test_sign_in_form_refuses_a_post_without_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "pct_lead", "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_sign_in_form_accepts_a_post_with_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("login"))
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(
        reverse("login"), {"username": "pct_lead", "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.users["pct_lead"].pk)


def test_sign_out_needs_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["pct_lead"], backend="django.contrib.auth.backends.ModelBackend")
    assert client.post(reverse("logout")).status_code == 403
    assert client.get(reverse("home")).status_code == 200  # still signed in


@override_settings(SESSION_RENEW_SECONDS=0)
def test_each_request_renews_the_idle_timeout(world):
    client = world.client_for("pct_lead")
    first = client.get(reverse("home"))
    key = first.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + timedelta(seconds=5))
    client.get(reverse("home"))
    expires = Session.objects.get(session_key=key).expire_date
    assert expires > timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_a_session_renewed_within_the_minute_is_not_written_again(world):
    client = world.client_for("pct_lead")
    key = client.get(reverse("home")).cookies[settings.SESSION_COOKIE_NAME].value  # renewed now
    soon = timezone.now() + timedelta(seconds=600)
    Session.objects.filter(session_key=key).update(expire_date=soon)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert Session.objects.get(session_key=key).expire_date == soon  # no write: still the date set above
    assert settings.SESSION_COOKIE_NAME not in response.cookies


def test_an_idle_session_expires(world):
    client = world.client_for("pct_lead")
    key = client.get(reverse("home")).cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_idle_timeout_is_thirty_minutes_by_default():
    assert settings.SESSION_SAVE_EVERY_REQUEST is False  # assurance.middleware renews it, at most once a minute
    assert settings.SESSION_RENEW_SECONDS == 60
    assert settings.SESSION_COOKIE_AGE == int(os.environ.get("SESSION_IDLE_SECONDS", 1800))


@pytest.mark.parametrize("password", ["short-pw", "123456789012345", "password12345", "pct_lead_2009"])
def test_weak_passwords_are_refused(world, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=world.users["pct_lead"])


def test_a_long_uncommon_password_is_accepted(world):
    validate_password("heron-quartz-lantern-1987", user=world.users["pct_lead"])
